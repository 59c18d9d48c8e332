import Foundation
import HandoverModel
import HandoverPolicy
import HandoverStore
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// What the console's templates are given: plain dictionaries of display strings.
enum ConsoleValues {
    /// A JSON object the gateway wrote, as a dictionary for a template.
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw Problem(.internalServerError, "internal", title: "A page could not be built", detail: "a console value was not a JSON object")
        }
        return object
    }
}

extension Gateway {
    /// A rendered page with the console's security headers: no scripts, no framing, no caching.
    static func page(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = consoleLibrary?.render(values, withTemplate: name) else {
            throw Problem(.internalServerError, "internal", title: "A page could not be built", detail: "the console template \(name) is missing")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.cacheControl] = "no-store"
        if let frame = HTTPField.Name("X-Frame-Options") { headers[frame] = "DENY" }
        if let referrer = HTTPField.Name("Referrer-Policy") { headers[referrer] = "no-referrer" }
        if let sniff = HTTPField.Name("X-Content-Type-Options") { headers[sniff] = "nosniff" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func accountValues(_ context: GatewayContext) -> [String: Any] {
        ["name": context.igAccount?.name ?? "", "role": context.igAccount?.role.rawValue ?? ""]
    }

    static func shareValues(_ record: MessageRecord, partners: [MailboxID: Partner]) throws -> [String: Any] {
        let envelope = record.envelope
        let name = { (mailbox: MailboxID) in partners[mailbox].map { "\($0.organisation.name) (\(mailbox))" } ?? mailbox.value }
        let stamp = { (date: Date?) in date.map(Timestamp.format) ?? "" }
        var basis = "none"
        var basisType = "none"
        switch envelope.lawfulBasis {
        case .consent(let id):
            basis = "consent \(id)"
            basisType = "consent"
        case .statutory(let statutory):
            basis = "\(statutory.statute.citation), UK GDPR \(statutory.article6.rawValue) and \(statutory.article9.rawValue), no consent"
            basisType = "statute"
        case nil: break
        }
        return [
            "id": envelope.id.value, "kind": envelope.kind.rawValue, "sender": name(envelope.sender), "recipient": name(envelope.recipient),
            "nhsNumber": (try? record.subject())?.nhsNumber?.value as Any, "purpose": envelope.purpose?.rawValue ?? "",
            "basis": basis, "basisType": basisType, "status": record.status.rawValue,
            "fieldsRemoved": record.minimisedFields.map(RemovedField.pointer(of:)).joined(separator: " "),
            "submittedAt": stamp(envelope.createdAt), "deliveredAt": stamp(record.deliveredAt), "downloadedAt": stamp(record.downloadedAt),
            "acknowledgedAt": stamp(record.acknowledgedAt),
        ]
    }

    static func consentValues(_ consent: Consent) -> [String: Any] {
        [
            "id": consent.id.value, "givenBy": consent.givenBy.rawValue, "givenByName": consent.givenByName as Any,
            "decidedAt": Timestamp.format(consent.decidedAt), "purposes": consent.purposes.map(\.rawValue).sorted().joined(separator: ", "),
            "recipients": consent.recipients.map(\.description).joined(separator: ", "),
            "dataCategories": consent.dataCategories.map(\.rawValue).sorted().joined(separator: ", "),
            "validFrom": consent.validFrom?.description ?? "", "validUntil": consent.validUntil?.description ?? "",
            "recordedAt": Timestamp.format(consent.recordedAt), "recordedBy": consent.recordedBy, "recordedVia": consent.recordedVia,
            "withdrawnAt": consent.withdrawal.map { Timestamp.format($0.withdrawnAt) } ?? "", "withdrawalReason": consent.withdrawal?.reason ?? "",
        ]
    }

    /// `name=value&…`, each part percent-encoded, for links that repeat a search.
    static func queryString(_ parameters: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.filter { !$0.1.isEmpty }.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}
