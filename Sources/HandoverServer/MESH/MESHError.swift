import Foundation
import HTTPTypes
import Hummingbird
import HandoverFormats
import HandoverModel
import NIOCore

/// A refusal in MESH's terms: an HTTP status and the MESH error JSON, v1
/// `{"messageID"?, "errorEvent", "errorCode", "errorDescription"}` or v2
/// `{"message_id"?, "internal_id", "detail": [{"event", "code", "msg"}]}`.
struct MESHError: Error, Sendable {
    var status: HTTPResponse.Status
    var event: String
    var code: String
    var message: String
    var messageID: String?
    var headers: HTTPFields = [:]
    /// 403s use the shape MESH servers send for authentication failures in both versions.
    var authentication = false

    init(_ status: HTTPResponse.Status, event: String, code: String, _ message: String, messageID: String? = nil) {
        self.status = status
        self.event = event
        self.code = code
        self.message = message
        self.messageID = messageID
    }

    static func forbidden(_ message: String) -> MESHError {
        var error = MESHError(.forbidden, event: "", code: "", message)
        error.authentication = true
        return error
    }

    static func malformedHeaders(_ fields: [String]) -> MESHError {
        MESHError(.badRequest, event: "TRANSFER", code: "06", "MalformedControlFile: \(fields.joined(separator: ", "))")
    }

    static func noSuchMessage(_ id: String) -> MESHError {
        MESHError(.notFound, event: "RECEIVE", code: "20", "Message does not exist", messageID: id)
    }

    static func tooLarge(_ limit: Int) -> MESHError {
        MESHError(.contentTooLarge, event: "SEND", code: "13", "Message or chunk too large: at most \(limit) bytes per request")
    }

    /// The response, in the version the client asked for.
    func response(_ version: MESHVersion) -> Response {
        var writer = JSONWriter(capacity: 256)
        if authentication || version == .v1 {
            writer.raw("{")
            if let messageID, !authentication {
                writer.raw("\"messageID\":")
                writer.string(messageID)
                writer.raw(",")
            }
            writer.raw("\"errorEvent\":")
            writer.string(event)
            writer.raw(",\"errorCode\":")
            writer.string(code)
            writer.raw(",\"errorDescription\":")
            writer.string(message)
            writer.raw("}")
        } else {
            writer.raw("{")
            if let messageID {
                writer.raw("\"message_id\":")
                writer.string(messageID)
                writer.raw(",")
            }
            writer.raw("\"internal_id\":")
            writer.string(MessageID().value)
            writer.raw(",\"detail\":[{\"event\":")
            writer.string(event)
            writer.raw(",\"code\":")
            writer.string(code)
            writer.raw(",\"msg\":")
            writer.string(message)
            writer.raw("}]}")
        }
        var fields = headers
        fields[.contentType] = version.documentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}
