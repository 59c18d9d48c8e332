import Crypto
import Foundation
import GRDB
import HandoverLedger
public import HandoverModel

extension SQLiteStore {
    static let consentColumns = """
        id, nhs_number, given_by, given_by_name, decided_at, purposes, recipients, data_categories, valid_from,
        valid_until, recorded_by, recorded_via, recorded_at, source_message_id, withdrawn_at, withdrawal_reason,
        withdrawal_recorded_by, withdrawal_recorded_via, withdrawal_recorded_at, withdrawal_message_id
        """

    public func recordConsent(_ consent: Consent) async throws -> LedgerLeaf {
        try await writer.write { db in try Self.insertConsent(consent, message: nil, db) }
    }

    public func withdrawConsent(_ id: ConsentID, _ withdrawal: ConsentWithdrawal) async throws -> ConsentWithdrawalOutcome {
        try await writer.write { db in try Self.withdraw(id, withdrawal, message: nil, db) }
    }

    public func consent(_ id: ConsentID) async throws -> Consent? {
        try await database.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.consentColumns) FROM consent WHERE id = ?"), arguments: [id.value]
            ).map(Self.consent(from:))
        }
    }

    public func consents(of person: NHSNumber) async throws -> [Consent] {
        try await database.read { db in
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT \(Self.consentColumns) FROM consent WHERE nhs_number = ? ORDER BY recorded_at, id"),
                arguments: [person.value]
            ).map(Self.consent(from:))
        }
    }

    public func leaves(ofConsent id: ConsentID) async throws -> [LedgerLeaf] {
        try await database.read { db in
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE consent_id = ? ORDER BY leaf_index"),
                arguments: [id.value]
            ).map { row in
                let index: Int64 = row[0]
                let bytes: Data = row[1]
                let hash: Data = row[2]
                return LedgerLeaf(index: UInt64(index), bytes: [UInt8](bytes), hash: [UInt8](hash))
            }
        }
    }

    /// Applies the registry change of a consent message just inserted, in its transaction.
    static func apply(_ change: ConsentChange, of record: MessageRecord, _ db: Database) throws {
        switch change {
        case .grant(let consent): _ = try insertConsent(consent, message: record, db)
        case .withdrawal(let id, let withdrawal): _ = try withdraw(id, withdrawal, message: record, db)
        }
    }

    /// Refuses, inside the submission's transaction, a share on a consent that is unknown or was
    /// withdrawn since the policy looked, so a withdrawal can never race a submission past it.
    static func checkConsentInForce(_ envelope: MessageEnvelope, _ db: Database) throws {
        guard let id = envelope.lawfulBasis?.consentID, envelope.kind != .consentGrant, envelope.kind != .consentWithdrawal else { return }
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT withdrawn_at FROM consent WHERE id = ?"), arguments: [id.value]) else {
            throw StoreError(.consentUnknown, "no consent \(id) is recorded")
        }
        if (row[0] as Int64?) != nil { throw StoreError(.consentWithdrawn, "consent \(id) has been withdrawn") }
    }

    static func insertConsent(_ consent: Consent, message: MessageRecord?, _ db: Database) throws -> LedgerLeaf {
        if try Int64.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM consent WHERE id = ?"), arguments: [consent.id.value]) != nil {
            throw StoreError(.consentExists, "consent \(consent.id) is already recorded; a change is a withdrawal and a new consent")
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO consent (id, nhs_number, given_by, given_by_name, decided_at, purposes, recipients, data_categories,
                    valid_from, valid_until, recorded_by, recorded_via, recorded_at, source_message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            consent.id.value, consent.subject.value, consent.givenBy.rawValue, consent.givenByName,
            consent.decidedAt.storedMilliseconds, consent.purposes.map(\.rawValue).sorted().joined(separator: " "),
            consent.recipients.map(\.description).joined(separator: " "),
            consent.dataCategories.map(\.rawValue).sorted().joined(separator: " "),
            consent.validFrom?.description, consent.validUntil?.description, consent.recordedBy, consent.recordedVia,
            consent.recordedAt.storedMilliseconds, message?.envelope.id.value,
        ])
        return try appendConsentLeaf(
            .consentRecorded, consent.id, commitment: ConsentRecordText.grant(consent), actor: consent.recordedVia,
            time: consent.recordedAt, message: message, db
        )
    }

    static func withdraw(
        _ id: ConsentID, _ withdrawal: ConsentWithdrawal, message: MessageRecord?, _ db: Database
    ) throws -> ConsentWithdrawalOutcome {
        guard var consent = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT \(consentColumns) FROM consent WHERE id = ?"), arguments: [id.value]
        ).map(Self.consent(from:)) else {
            throw StoreError(.consentUnknown, "no consent \(id) is recorded, so there is nothing to withdraw")
        }
        if consent.withdrawal != nil { throw StoreError(.consentWithdrawn, "consent \(id) was already withdrawn") }
        if let subject = message?.envelope.subject?.nhsNumber, subject != consent.subject {
            throw StoreError(.consentUnknown, "consent \(id) was given for another person")
        }
        try db.cachedStatement(
            sql: """
                UPDATE consent SET withdrawn_at = ?, withdrawal_reason = ?, withdrawal_recorded_by = ?, withdrawal_recorded_via = ?,
                    withdrawal_recorded_at = ?, withdrawal_message_id = ? WHERE id = ?
                """
        ).execute(arguments: [
            withdrawal.withdrawnAt.storedMilliseconds, withdrawal.reason, withdrawal.recordedBy, withdrawal.recordedVia,
            withdrawal.recordedAt.storedMilliseconds, message?.envelope.id.value, id.value,
        ])
        consent.withdrawal = withdrawal
        let leaf = try appendConsentLeaf(
            .consentWithdrawn, id, commitment: ConsentRecordText.withdrawal(id, withdrawal), actor: withdrawal.recordedVia,
            time: withdrawal.recordedAt, message: message, db
        )
        let withheld = try withholdShares(relyingOn: id, withdrawal: withdrawal, db)
        return ConsentWithdrawalOutcome(consent: consent, leaf: leaf, withheld: withheld)
    }

    /// Withholds every undownloaded message on consent `id` and reports each to its sender.
    private static func withholdShares(relyingOn id: ConsentID, withdrawal: ConsentWithdrawal, _ db: Database) throws -> [MessageRecord] {
        let rows = try Row.fetchAll(
            try db.cachedStatement(sql: """
                SELECT \(recordColumns) FROM message
                WHERE consent_id = ? AND downloaded_at IS NULL AND acknowledged_at IS NULL AND expired_at IS NULL
                    AND withheld_at IS NULL AND kind NOT IN ('consent-grant', 'consent-withdrawal')
                ORDER BY seq
                """),
            arguments: [id.value]
        )
        let gateway = try MailboxID(validating: NonDeliveryReport.gatewayMailbox)
        let now = withdrawal.recordedAt
        var withheld: [MessageRecord] = []
        for row in rows {
            var record = try MessageRecord(row: row)
            try db.cachedStatement(sql: "UPDATE message SET withheld_at = ? WHERE id = ?")
                .execute(arguments: [now.storedMilliseconds, record.envelope.id.value])
            record.withheldAt = now
            let event = try LogEvent.message(.withheld, of: record, actor: withdrawal.recordedVia, at: now)
            _ = try appendLeaf(event, messageID: record.envelope.id, db)
            let report = WithholdingReport(withheld: record, consent: id, at: now)
            // The report is kept as long as the message was to be; the withheld message never expires.
            let retention = record.expiresAt.timeIntervalSince(record.envelope.createdAt)
            // Reports are inline, so no payload folder is needed.
            _ = try insert(report.message(from: gateway, expiresAt: now.addingTimeInterval(retention)), into: db, payloadDirectory: URL(fileURLWithPath: "/"))
            withheld.append(record)
        }
        return withheld
    }

    private static func appendConsentLeaf(
        _ kind: LogEventKind, _ id: ConsentID, commitment bytes: [UInt8], actor: String, time: Date, message: MessageRecord?, _ db: Database
    ) throws -> LedgerLeaf {
        let event = try LogEvent.consent(kind, id, commitment: bytes, actor: actor, time: time, message: message)
        // Not filed under the message: its proof bundle is of the message's own events, whose
        // commitments are the payload's; the consent's leaves are found by consent_id.
        let leaf = try appendLeaf(event, messageID: nil, db)
        try db.cachedStatement(sql: "UPDATE log_leaf SET consent_id = ? WHERE leaf_index = ?").execute(arguments: [id.value, Int64(leaf.index)])
        return leaf
    }

    static func consent(from row: Row) throws -> Consent {
        let id = try ConsentID(validating: row[0])
        guard let givenBy = ConsentGiver(rawValue: row[2]) else { throw StoreError(.storage, "consent \(id) has an unknown giver") }
        let purposes: String = row[5]
        let recipients: String = row[6]
        let categories: String = row[7]
        let validFrom: String? = row[8]
        let validUntil: String? = row[9]
        let source: String? = row[13]
        var consent = Consent(
            id: id, subject: try NHSNumber(validating: row[1]), givenBy: givenBy, givenByName: row[3],
            decidedAt: Date(storedMilliseconds: row[4]),
            purposes: Set(purposes.split(separator: " ").compactMap { Purpose(rawValue: String($0)) }),
            recipients: recipients.split(separator: " ").compactMap { ConsentRecipient(stored: String($0)) },
            dataCategories: Set(categories.split(separator: " ").compactMap { DataCategory(rawValue: String($0)) }),
            validFrom: try validFrom.map { try CalendarDate(validating: $0) }, validUntil: try validUntil.map { try CalendarDate(validating: $0) },
            recordedBy: row[10], recordedVia: row[11], recordedAt: Date(storedMilliseconds: row[12]),
            sourceMessage: try source.map { try MessageID(validating: $0) }
        )
        if let withdrawnAt: Int64 = row[14] {
            let message: String? = row[19]
            consent.withdrawal = ConsentWithdrawal(
                withdrawnAt: Date(storedMilliseconds: withdrawnAt), reason: row[15], recordedBy: row[16] ?? "",
                recordedVia: row[17] ?? "", recordedAt: Date(storedMilliseconds: row[18] ?? withdrawnAt),
                sourceMessage: try message.map { try MessageID(validating: $0) }
            )
        }
        return consent
    }
}
