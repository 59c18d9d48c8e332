import Foundation
import Logging
public import HandoverModel
import PostgresNIO

extension PostgresStore {
    public func savePartner(_ partner: Partner) async throws {
        let logger = self.logger
        try await transaction { connection in
            let mailbox = partner.mailbox.value
            try await connection.run(
                """
                INSERT INTO partner (mailbox, name, organisation_kind, organisation_scheme, organisation_value,
                    organisation_name, format, signing)
                VALUES (\(mailbox), \(partner.name), \(partner.organisation.kind.rawValue),
                    \(partner.organisation.identifier.scheme.rawValue), \(partner.organisation.identifier.value),
                    \(partner.organisation.name), \(partner.format.rawValue), \(partner.signing.rawValue))
                ON CONFLICT (mailbox) DO UPDATE SET name = excluded.name,
                    organisation_kind = excluded.organisation_kind,
                    organisation_scheme = excluded.organisation_scheme,
                    organisation_value = excluded.organisation_value,
                    organisation_name = excluded.organisation_name, format = excluded.format,
                    signing = excluded.signing
                """,
                logger
            )
            try await connection.run("DELETE FROM partner_credential WHERE mailbox = \(mailbox)", logger)
            for hash in partner.apiKeyHashes {
                try await connection.run(
                    "INSERT INTO partner_credential (hash, kind, mailbox) VALUES (\(hash.lowercased()), 'api-key', \(mailbox))", logger
                )
            }
            for fingerprint in partner.certificateFingerprints {
                try await connection.run(
                    "INSERT INTO partner_credential (hash, kind, mailbox) VALUES (\(fingerprint.lowercased()), 'certificate', \(mailbox))", logger
                )
            }
            try await connection.run("DELETE FROM partner_signing_key WHERE mailbox = \(mailbox)", logger)
            for key in partner.signingKeys {
                try await connection.run(
                    """
                    INSERT INTO partner_signing_key (mailbox, kid, algorithm, public_key)
                    VALUES (\(mailbox), \(key.kid), \(key.algorithm), \(Data(key.publicKey)))
                    """,
                    logger
                )
            }
        }
    }

    /// The partner columns `partner(from:)` reads, in order.
    private static let partnerColumns = """
        partner.mailbox, partner.name, partner.organisation_kind, partner.organisation_scheme, partner.organisation_value,
        partner.organisation_name, partner.format, partner.signing
        """

    public func partners() async throws -> [Partner] {
        try await autocommit { connection in
            var partners: [Partner] = []
            for row in try await connection.all("SELECT \(unescaped: Self.partnerColumns) FROM partner ORDER BY mailbox", self.logger) {
                partners.append(try await Self.partner(from: row, connection, self.logger))
            }
            return partners
        }
    }

    public func partner(_ mailbox: MailboxID) async throws -> Partner? {
        try await autocommit { connection in
            guard let row = try await connection.first(
                "SELECT \(unescaped: Self.partnerColumns) FROM partner WHERE mailbox = \(mailbox.value)", self.logger
            ) else { return nil }
            return try await Self.partner(from: row, connection, self.logger)
        }
    }

    public func partner(apiKeyHash: String) async throws -> Partner? {
        try await partner(credential: apiKeyHash, kind: "api-key")
    }

    public func partner(certificateFingerprint: String) async throws -> Partner? {
        try await partner(credential: certificateFingerprint, kind: "certificate")
    }

    private func partner(credential: String, kind: String) async throws -> Partner? {
        try await autocommit { connection in
            guard let row = try await connection.first(
                """
                SELECT \(unescaped: Self.partnerColumns) FROM partner JOIN partner_credential USING (mailbox)
                WHERE partner_credential.hash = \(credential.lowercased()) AND partner_credential.kind = \(kind)
                """,
                self.logger
            ) else { return nil }
            return try await Self.partner(from: row, connection, self.logger)
        }
    }

    private static func partner(from row: PostgresRandomAccessRow, _ connection: PostgresConnection, _ logger: Logger) async throws -> Partner {
        let mailbox = try row.text(0)
        let credentials = try await connection.all(
            "SELECT hash, kind FROM partner_credential WHERE mailbox = \(mailbox) ORDER BY hash", logger
        ).map { (hash: try $0.text(0), kind: try $0.text(1)) }
        let keys = try await connection.all(
            "SELECT kid, algorithm, public_key FROM partner_signing_key WHERE mailbox = \(mailbox) ORDER BY kid", logger
        ).map { PartnerPublicKey(kid: try $0.text(0), algorithm: try $0.text(1), publicKey: try $0.bytes(2)) }
        guard let kind = OrganisationKind(rawValue: try row.text(2)),
            let scheme = OrganisationIdentifierScheme(rawValue: try row.text(3)),
            let format = PartnerFormat(rawValue: try row.text(6)),
            let signing = SigningRequirement(rawValue: try row.text(7))
        else {
            throw StoreError(.storage, "partner \(mailbox) has an unreadable organisation or format")
        }
        return Partner(
            mailbox: try MailboxID(validating: mailbox),
            name: try row.text(1),
            organisation: Organisation(
                kind: kind, identifier: try OrganisationIdentifier(scheme: scheme, value: try row.text(4)), name: try row.text(5)
            ),
            format: format,
            apiKeyHashes: credentials.filter { $0.kind == "api-key" }.map(\.hash),
            certificateFingerprints: credentials.filter { $0.kind == "certificate" }.map(\.hash),
            signing: signing,
            signingKeys: keys
        )
    }
}
