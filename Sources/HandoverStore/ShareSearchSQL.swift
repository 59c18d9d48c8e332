import Foundation
import HandoverModel

/// The audit search as SQL both backends run: a fixed clause per filter given, every value a
/// bound parameter written `?` (each backend numbers them in its own style). The clauses are
/// chosen by which filters are present, never built from their values.
struct ShareSearchSQL {
    /// A bound value.
    enum Value {
        case text(String)
        case integer(Int64)
    }

    /// The conditions, all of which must hold.
    var clauses: [String]
    /// The values of the `?` marks, in order of appearance.
    var values: [Value]

    init(_ query: ShareQuery, after cursor: Int64) {
        clauses = ["kind NOT IN ('acknowledgement', 'non-delivery-report')", "seq > ?"]
        values = [.integer(cursor)]
        if let nhsNumber = query.nhsNumber {
            clauses.append("subject_nhs_number = ?")
            values.append(.text(nhsNumber.value))
        }
        if let partner = query.partner {
            clauses.append("(sender = ? OR recipient = ?)")
            values += [.text(partner.value), .text(partner.value)]
        }
        if let from = query.from {
            clauses.append("created_at >= ?")
            values.append(.integer(from.storedMilliseconds))
        }
        if let to = query.to {
            clauses.append("created_at < ?")
            values.append(.integer(to.storedMilliseconds))
        }
        if let purpose = query.purpose {
            clauses.append("purpose = ?")
            values.append(.text(purpose.rawValue))
        }
        switch query.basis {
        case nil: break
        case .anyConsent: clauses.append("consent_id IS NOT NULL")
        case .consent(let id):
            clauses.append("consent_id = ?")
            values.append(.text(id.value))
        case .anyStatute: clauses.append("lawful_basis LIKE 'statute:%'")
        case .statute(let statute):
            // Statute names are kebab-case from a closed list, so they hold no LIKE wildcard.
            clauses.append("lawful_basis LIKE ?")
            values.append(.text("statute:\(statute.rawValue);%"))
        }
        if let outcome = query.outcome { clauses.append(Self.outcomeClause(outcome)) }
    }

    /// The `WHERE` condition.
    var condition: String { clauses.joined(separator: " AND ") }

    /// The furthest point reached, as `MessageRecord.status` reads it.
    private static func outcomeClause(_ outcome: MessageStatus) -> String {
        switch outcome {
        case .expired: "expired_at IS NOT NULL"
        case .acknowledged: "acknowledged_at IS NOT NULL AND expired_at IS NULL"
        case .withheld: "withheld_at IS NOT NULL AND acknowledged_at IS NULL AND expired_at IS NULL"
        case .downloaded: "downloaded_at IS NOT NULL AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL"
        case .delivered:
            "delivered_at IS NOT NULL AND downloaded_at IS NULL AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL"
        case .accepted: "delivered_at IS NULL AND downloaded_at IS NULL AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL"
        }
    }
}
