import Foundation
import HandoverLedger
public import HandoverModel
import PostgresNIO

extension PostgresStore {
    static let consentColumns = """
        id, nhs_number, given_by, given_by_name, decided_at, purposes, recipients, data_categories, valid_from,
        valid_until, recorded_by, recorded_via, recorded_at, source_message_id, withdrawn_at, withdrawal_reason,
        withdrawal_recorded_by, withdrawal_recorded_via, withdrawal_recorded_at, withdrawal_message_id
        """

    public func recordConsent(_ consent: Consent) async throws -> LedgerLeaf {
        try await ledgerTransaction { write in try await Self.insertConsent(consent, message: nil, write) }
    }

    public func withdrawConsent(_ id: ConsentID, _ withdrawal: ConsentWithdrawal) async throws -> ConsentWithdrawalOutcome {
        try await ledgerTransaction { write in try await Self.withdraw(id, withdrawal, message: nil, write) }
    }

    public func consent(_ id: ConsentID) async throws -> Consent? {
        try await autocommit { connection in
            try await connection.first("SELECT \(unescaped: Self.consentColumns) FROM consent WHERE id = \(id.value)", self.logger)
                .map(Self.consent(from:))
        }
    }

    public func consents(of person: NHSNumber) async throws -> [Consent] {
        try await autocommit { connection in
            try await connection.all(
                "SELECT \(unescaped: Self.consentColumns) FROM consent WHERE nhs_number = \(person.value) ORDER BY recorded_at, id", self.logger
            ).map(Self.consent(from:))
        }
    }

    public func leaves(ofConsent id: ConsentID) async throws -> [LedgerLeaf] {
        try await autocommit { connection in
            try await connection.all(
                "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE consent_id = \(id.value) ORDER BY leaf_index", self.logger
            ).map(Self.leaf(from:))
        }
    }

    /// Applies the registry change of a consent message just inserted, in its transaction.
    static func apply(_ change: ConsentChange, of record: MessageRecord, _ write: PostgresLedgerWrite) async throws {
        switch change {
        case .grant(let consent): _ = try await insertConsent(consent, message: record, write)
        case .withdrawal(let id, let withdrawal): _ = try await withdraw(id, withdrawal, message: record, write)
        }
    }

    /// Refuses, inside the submission's transaction, a share on a consent that is unknown or was
    /// withdrawn since the policy looked, so a withdrawal can never race a submission past it.
    static func checkConsentInForce(_ envelope: MessageEnvelope, _ write: PostgresLedgerWrite) async throws {
        guard let id = envelope.lawfulBasis?.consentID, envelope.kind != .consentGrant, envelope.kind != .consentWithdrawal else { return }
        guard let row = try await write.connection.first("SELECT withdrawn_at FROM consent WHERE id = \(id.value)", write.logger) else {
            throw StoreError(.consentUnknown, "no consent \(id) is recorded")
        }
        if try row.optionalInt(0) != nil { throw StoreError(.consentWithdrawn, "consent \(id) has been withdrawn") }
    }

    static func insertConsent(_ consent: Consent, message: MessageRecord?, _ write: PostgresLedgerWrite) async throws -> LedgerLeaf {
        if try await write.connection.first("SELECT 1 FROM consent WHERE id = \(consent.id.value)", write.logger) != nil {
            throw StoreError(.consentExists, "consent \(consent.id) is already recorded; a change is a withdrawal and a new consent")
        }
        try await write.connection.run(
            """
            INSERT INTO consent (id, nhs_number, given_by, given_by_name, decided_at, purposes, recipients, data_categories,
                valid_from, valid_until, recorded_by, recorded_via, recorded_at, source_message_id)
            VALUES (\(consent.id.value), \(consent.subject.value), \(consent.givenBy.rawValue), \(consent.givenByName),
                \(consent.decidedAt.storedMilliseconds), \(consent.purposes.map(\.rawValue).sorted().joined(separator: " ")),
                \(consent.recipients.map(\.description).joined(separator: " ")),
                \(consent.dataCategories.map(\.rawValue).sorted().joined(separator: " ")),
                \(consent.validFrom?.description), \(consent.validUntil?.description), \(consent.recordedBy), \(consent.recordedVia),
                \(consent.recordedAt.storedMilliseconds), \(message?.envelope.id.value))
            """,
            write.logger
        )
        // Not filed under the message: its proof bundle is of the message's own events, whose
        // commitments are the payload's; the consent's leaves are found by consent_id.
        let event = try HandoverLedger.LogEvent.consent(
            .consentRecorded, consent.id, commitment: ConsentRecordText.grant(consent), actor: consent.recordedVia,
            time: consent.recordedAt, message: message
        )
        return try await write.appendLeaf(event, messageID: MessageID?.none, consentID: consent.id)
    }

    static func withdraw(
        _ id: ConsentID, _ withdrawal: ConsentWithdrawal, message: MessageRecord?, _ write: PostgresLedgerWrite
    ) async throws -> ConsentWithdrawalOutcome {
        guard var consent = try await write.connection.first(
            "SELECT \(unescaped: consentColumns) FROM consent WHERE id = \(id.value)", write.logger
        ).map(Self.consent(from:)) else {
            throw StoreError(.consentUnknown, "no consent \(id) is recorded, so there is nothing to withdraw")
        }
        if consent.withdrawal != nil { throw StoreError(.consentWithdrawn, "consent \(id) was already withdrawn") }
        if let subject = message?.envelope.subject?.nhsNumber, subject != consent.subject {
            throw StoreError(.consentUnknown, "consent \(id) was given for another person")
        }
        try await write.connection.run(
            """
            UPDATE consent SET withdrawn_at = \(withdrawal.withdrawnAt.storedMilliseconds), withdrawal_reason = \(withdrawal.reason),
                withdrawal_recorded_by = \(withdrawal.recordedBy), withdrawal_recorded_via = \(withdrawal.recordedVia),
                withdrawal_recorded_at = \(withdrawal.recordedAt.storedMilliseconds), withdrawal_message_id = \(message?.envelope.id.value)
            WHERE id = \(id.value)
            """,
            write.logger
        )
        consent.withdrawal = withdrawal
        let event = try HandoverLedger.LogEvent.consent(
            .consentWithdrawn, id, commitment: ConsentRecordText.withdrawal(id, withdrawal), actor: withdrawal.recordedVia,
            time: withdrawal.recordedAt, message: message
        )
        let leaf = try await write.appendLeaf(event, messageID: MessageID?.none, consentID: id)
        let withheld = try await withholdShares(relyingOn: id, withdrawal: withdrawal, write)
        return ConsentWithdrawalOutcome(consent: consent, leaf: leaf, withheld: withheld)
    }

    /// Withholds every undownloaded message on consent `id` and reports each to its sender.
    private static func withholdShares(
        relyingOn id: ConsentID, withdrawal: ConsentWithdrawal, _ write: PostgresLedgerWrite
    ) async throws -> [MessageRecord] {
        let rows = try await write.connection.all(
            """
            SELECT \(unescaped: recordColumns) FROM message
            WHERE consent_id = \(id.value) AND downloaded_at IS NULL AND acknowledged_at IS NULL AND expired_at IS NULL
                AND withheld_at IS NULL AND kind NOT IN ('consent-grant', 'consent-withdrawal')
            ORDER BY seq
            """,
            write.logger
        )
        let gateway = try MailboxID(validating: NonDeliveryReport.gatewayMailbox)
        let now = withdrawal.recordedAt
        var withheld: [MessageRecord] = []
        for row in rows {
            var record = try MessageRecord(postgres: row)
            try await write.connection.run(
                "UPDATE message SET withheld_at = \(now.storedMilliseconds) WHERE id = \(record.envelope.id.value)", write.logger
            )
            record.withheldAt = now
            try await write.appendEvent(.withheld, of: record, actor: withdrawal.recordedVia, at: now)
            let report = WithholdingReport(withheld: record, consent: id, at: now)
            // The report is kept as long as the message was to be; the withheld message never expires.
            let retention = record.expiresAt.timeIntervalSince(record.envelope.createdAt)
            _ = try await insert(report.message(from: gateway, expiresAt: now.addingTimeInterval(retention)), write)
            withheld.append(record)
        }
        return withheld
    }

    static func consent(from row: PostgresRandomAccessRow) throws -> Consent {
        let id = try ConsentID(validating: try row.text(0))
        guard let givenBy = ConsentGiver(rawValue: try row.text(2)) else { throw StoreError(.storage, "consent \(id) has an unknown giver") }
        let source = try row.optionalText(13)
        var consent = Consent(
            id: id, subject: try NHSNumber(validating: try row.text(1)), givenBy: givenBy, givenByName: try row.optionalText(3),
            decidedAt: try row.date(4),
            purposes: Set(try row.text(5).split(separator: " ").compactMap { Purpose(rawValue: String($0)) }),
            recipients: try row.text(6).split(separator: " ").compactMap { ConsentRecipient(stored: String($0)) },
            dataCategories: Set(try row.text(7).split(separator: " ").compactMap { DataCategory(rawValue: String($0)) }),
            validFrom: try row.optionalText(8).map { try CalendarDate(validating: $0) },
            validUntil: try row.optionalText(9).map { try CalendarDate(validating: $0) },
            recordedBy: try row.text(10), recordedVia: try row.text(11), recordedAt: try row.date(12),
            sourceMessage: try source.map { try MessageID(validating: $0) }
        )
        if let withdrawnAt = try row.optionalInt(14) {
            let message = try row.optionalText(19)
            consent.withdrawal = ConsentWithdrawal(
                withdrawnAt: Date(storedMilliseconds: withdrawnAt), reason: try row.optionalText(15), recordedBy: try row.optionalText(16) ?? "",
                recordedVia: try row.optionalText(17) ?? "", recordedAt: Date(storedMilliseconds: try row.optionalInt(18) ?? withdrawnAt),
                sourceMessage: try message.map { try MessageID(validating: $0) }
            )
        }
        return consent
    }
}
