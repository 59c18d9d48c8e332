import Foundation
import HandoverFormats
import HandoverModel
import HandoverStore

/// A share as the IG API shows it (`Share` in `contracts/openapi.yaml`): parties, purpose, basis,
/// what minimisation removed, each step's time, and where its proof is.
enum ShareJSON {
    static func write(_ record: MessageRecord, into writer: inout JSONWriter, partners: [MailboxID: Partner], closing: Bool = true) {
        let envelope = record.envelope
        writer.raw("{\"id\":")
        writer.string(envelope.id.value)
        writer.raw(",\"kind\":")
        writer.string(envelope.kind.rawValue)
        writer.raw(",\"sender\":")
        party(envelope.sender, partners, into: &writer)
        writer.raw(",\"recipient\":")
        party(envelope.recipient, partners, into: &writer)
        if let subject = try? record.subject() {
            writer.raw(",\"subject\":{")
            var first = true
            if let nhs = subject.nhsNumber {
                writer.raw("\"nhsNumber\":")
                writer.string(nhs.value)
                first = false
            }
            if let prisoner = subject.prisonerNumber {
                writer.raw(first ? "\"prisonerNumber\":" : ",\"prisonerNumber\":")
                writer.string(prisoner.value)
            }
            writer.raw("}")
        }
        if let purpose = envelope.purpose {
            writer.raw(",\"purpose\":")
            writer.string(purpose.rawValue)
        }
        writer.raw(",\"basis\":")
        basis(envelope.lawfulBasis, into: &writer)
        writer.raw(",\"status\":")
        writer.string(record.status.rawValue)
        writer.raw(",\"fieldsRemoved\":")
        writer.write(.array(record.minimisedFields.map(JSONValue.string)))
        if !record.droppedFields.isEmpty {
            writer.raw(",\"droppedFields\":")
            writer.write(.array(record.droppedFields.map(JSONValue.string)))
        }
        for (name, time) in times(record) {
            writer.raw(",".utf8)
            writer.string(name)
            writer.raw(":")
            writer.string(Timestamp.format(time))
        }
        writer.raw(",\"proof\":")
        writer.string("/v1/ig/shares/\(envelope.id.value)/proof")
        if closing { writer.raw("}") }
    }

    /// The step times present, in lifecycle order.
    static func times(_ record: MessageRecord) -> [(String, Date)] {
        [
            ("submittedAt", record.envelope.createdAt), ("deliveredAt", record.deliveredAt), ("downloadedAt", record.downloadedAt),
            ("acknowledgedAt", record.acknowledgedAt), ("expiredAt", record.expiredAt), ("withheldAt", record.withheldAt),
        ].compactMap { name, time in time.map { (name, $0) } }
    }

    static func basis(_ basis: LawfulBasis?, into writer: inout JSONWriter) {
        switch basis {
        case nil: writer.raw("null")
        case .consent(let id):
            writer.raw("{\"type\":\"consent\",\"consentId\":")
            writer.string(id.value)
            writer.raw("}")
        case .statutory(let statutory):
            writer.raw("{\"type\":\"statute\",\"statute\":")
            writer.string(statutory.statute.rawValue)
            writer.raw(",\"citation\":")
            writer.string(statutory.statute.citation)
            writer.raw(",\"article6\":")
            writer.string(statutory.article6.rawValue)
            writer.raw(",\"article9\":")
            writer.string(statutory.article9.rawValue)
            writer.raw(",\"consent\":false}")
        }
    }

    private static func party(_ mailbox: MailboxID, _ partners: [MailboxID: Partner], into writer: inout JSONWriter) {
        writer.raw("{\"mailbox\":")
        writer.string(mailbox.value)
        if let partner = partners[mailbox] {
            writer.raw(",\"organisation\":")
            writer.string(partner.organisation.name)
            writer.raw(",\"kind\":")
            writer.string(partner.organisation.kind.rawValue)
            writer.raw(",\"identifier\":")
            writer.string("\(partner.organisation.identifier.scheme.rawValue):\(partner.organisation.identifier.value)")
        }
        writer.raw("}")
    }

    /// A page of shares: `{"shares":[...],"next":...}`.
    static func page(_ page: MessagePage, partners: [MailboxID: Partner]) -> [UInt8] {
        var writer = JSONWriter(capacity: 128 + page.messages.count * 700)
        writer.raw("{\"shares\":[")
        for (index, record) in page.messages.enumerated() {
            if index > 0 { writer.raw(",") }
            write(record, into: &writer, partners: partners)
        }
        writer.raw("],\"next\":")
        if let next = page.next { writer.string(PageCursor.encode(next)) } else { writer.raw("null") }
        writer.raw("}")
        return writer.bytes
    }
}
