import Foundation
import HandoverModel
import HandoverPolicy
import HandoverStore

/// Shares as CSV (RFC 4180) for IG officers' spreadsheets: one row per share, a header row first.
///
/// A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) is prefixed with `'`, so an exported value can never execute on the officer's
/// machine (CSV injection).
enum ShareCSV {
    static let header = [
        "id", "kind", "sender", "sender_organisation", "recipient", "recipient_organisation", "nhs_number", "purpose",
        "basis", "consent_id", "statute", "article6", "article9", "status", "fields_removed", "submitted_at", "delivered_at",
        "downloaded_at", "acknowledged_at", "expired_at", "withheld_at", "proof",
    ]

    static func row(_ record: MessageRecord, partners: [MailboxID: Partner]) -> [String] {
        let envelope = record.envelope
        var statutory: StatutoryBasis?
        if case .statutory(let basis) = envelope.lawfulBasis { statutory = basis }
        let stamp = { (date: Date?) in date.map(Timestamp.format) ?? "" }
        return [
            envelope.id.value, envelope.kind.rawValue, envelope.sender.value, partners[envelope.sender]?.organisation.name ?? "",
            envelope.recipient.value, partners[envelope.recipient]?.organisation.name ?? "",
            (try? record.subject())?.nhsNumber?.value ?? "", envelope.purpose?.rawValue ?? "",
            envelope.lawfulBasis.map { $0.consentID == nil ? "statute" : "consent" } ?? "none",
            envelope.lawfulBasis?.consentID?.value ?? "", statutory?.statute.rawValue ?? "", statutory?.article6.rawValue ?? "",
            statutory?.article9.rawValue ?? "", record.status.rawValue, record.minimisedFields.map(RemovedField.pointer(of:)).joined(separator: " "),
            stamp(envelope.createdAt), stamp(record.deliveredAt), stamp(record.downloadedAt), stamp(record.acknowledgedAt),
            stamp(record.expiredAt), stamp(record.withheldAt), "/v1/ig/shares/\(envelope.id.value)/proof",
        ]
    }

    /// One CSV line, ending in CRLF.
    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

