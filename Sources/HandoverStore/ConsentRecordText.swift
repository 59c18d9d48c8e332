import Foundation
public import HandoverModel

/// The deterministic text of a consent decision whose SHA-256 a `consent-recorded` or
/// `consent-withdrawn` leaf commits to (`contracts/ledger/proof-bundle.md`): one `name=value`
/// line per field in a fixed order, each ending in a newline, lists sorted and space-separated.
///
/// The text holds the NHS number; only its hash is in the log, and the record's random UUID
/// makes that hash impossible to reverse by trying NHS numbers.
public enum ConsentRecordText {
    /// The text of a recorded consent (without any withdrawal).
    public static func grant(_ consent: Consent) -> [UInt8] {
        lines("handover-consent/v1", [
            ("id", consent.id.value),
            ("nhs-number", consent.subject.value),
            ("given-by", consent.givenBy.rawValue),
            ("given-by-name", consent.givenByName ?? ""),
            ("decided-at", Timestamp.format(consent.decidedAt)),
            ("purposes", consent.purposes.map(\.rawValue).sorted().joined(separator: " ")),
            ("recipients", consent.recipients.map(\.description).joined(separator: " ")),
            ("data-categories", consent.dataCategories.map(\.rawValue).sorted().joined(separator: " ")),
            ("valid-from", consent.validFrom?.description ?? ""),
            ("valid-until", consent.validUntil?.description ?? ""),
            ("recorded-by", consent.recordedBy),
            ("recorded-via", consent.recordedVia),
            ("recorded-at", Timestamp.format(consent.recordedAt)),
        ])
    }

    /// The text of a withdrawal of consent `id`.
    public static func withdrawal(_ id: ConsentID, _ withdrawal: ConsentWithdrawal) -> [UInt8] {
        lines("handover-consent-withdrawal/v1", [
            ("id", id.value),
            ("withdrawn-at", Timestamp.format(withdrawal.withdrawnAt)),
            ("reason", withdrawal.reason ?? ""),
            ("recorded-by", withdrawal.recordedBy),
            ("recorded-via", withdrawal.recordedVia),
            ("recorded-at", Timestamp.format(withdrawal.recordedAt)),
        ])
    }

    private static func lines(_ header: String, _ fields: [(String, String)]) -> [UInt8] {
        // Line breaks inside free text are escaped so every field stays one line.
        let body = fields.map { "\($0.0)=\($0.1.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n"))\n" }
        return Array((header + "\n" + body.joined()).utf8)
    }
}
