import HandoverFormats
import HTTPTypes
import Hummingbird
import NIOCore

/// Writes the small JSON documents of the MESH API without Foundation's encoder: objects of
/// string, number, boolean and list fields; an absent optional value leaves its field out.
struct MESHJSON {
    private(set) var writer = JSONWriter(capacity: 512)
    private var needsComma = false

    /// Writes an object whose fields `body` writes.
    mutating func object(_ body: (inout MESHJSON) throws -> Void) rethrows {
        writer.raw("{")
        needsComma = false
        try body(&self)
        writer.raw("}")
        needsComma = true
    }

    private mutating func key(_ name: String) {
        if needsComma { writer.raw(",") }
        writer.string(name)
        writer.raw(":")
        needsComma = true
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        writer.string(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        writer.raw(String(value).utf8)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        writer.raw(value ? "true" : "false")
    }

    mutating func field(_ name: String, strings: [String]) {
        key(name)
        writer.raw("[")
        for (index, value) in strings.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(value)
        }
        writer.raw("]")
    }

    mutating func field(_ name: String, object body: (inout MESHJSON) throws -> Void) rethrows {
        key(name)
        try object(body)
    }

    mutating func field(_ name: String, objects count: Int, _ body: (Int, inout MESHJSON) throws -> Void) rethrows {
        key(name)
        writer.raw("[")
        for index in 0..<count {
            if index > 0 { writer.raw(",") }
            try object { try body(index, &$0) }
        }
        writer.raw("]")
        needsComma = true
    }

    /// The document as a response; `versioned` marks it with the v2 media type when the client is v2.
    func response(_ status: HTTPResponse.Status, version: MESHVersion, versioned: Bool = false, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = versioned ? version.documentType : "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}
