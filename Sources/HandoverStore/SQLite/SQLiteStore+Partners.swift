import Foundation
import GRDB
public import HandoverModel

extension SQLiteStore {
    public func savePartner(_ partner: Partner) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO partner (mailbox, name, organisation_kind, organisation_scheme, organisation_value,
                        organisation_name, format, signing)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(mailbox) DO UPDATE SET name = excluded.name,
                        organisation_kind = excluded.organisation_kind,
                        organisation_scheme = excluded.organisation_scheme,
                        organisation_value = excluded.organisation_value,
                        organisation_name = excluded.organisation_name, format = excluded.format,
                        signing = excluded.signing
                    """,
                arguments: [
                    partner.mailbox.value, partner.name, partner.organisation.kind.rawValue,
                    partner.organisation.identifier.scheme.rawValue, partner.organisation.identifier.value,
                    partner.organisation.name, partner.format.rawValue, partner.signing.rawValue,
                ]
            )
            try db.execute(sql: "DELETE FROM partner_credential WHERE mailbox = ?", arguments: [partner.mailbox.value])
            for hash in partner.apiKeyHashes {
                try db.execute(
                    sql: "INSERT INTO partner_credential (hash, kind, mailbox) VALUES (?, 'api-key', ?)",
                    arguments: [hash.lowercased(), partner.mailbox.value]
                )
            }
            for fingerprint in partner.certificateFingerprints {
                try db.execute(
                    sql: "INSERT INTO partner_credential (hash, kind, mailbox) VALUES (?, 'certificate', ?)",
                    arguments: [fingerprint.lowercased(), partner.mailbox.value]
                )
            }
            try db.execute(sql: "DELETE FROM partner_signing_key WHERE mailbox = ?", arguments: [partner.mailbox.value])
            for key in partner.signingKeys {
                try db.execute(
                    sql: "INSERT INTO partner_signing_key (mailbox, kid, algorithm, public_key) VALUES (?, ?, ?, ?)",
                    arguments: [partner.mailbox.value, key.kid, key.algorithm, Data(key.publicKey)]
                )
            }
        }
    }

    public func partners() async throws -> [Partner] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM partner ORDER BY mailbox").map { try Self.partner(from: $0, db) }
        }
    }

    public func partner(_ mailbox: MailboxID) async throws -> Partner? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM partner WHERE mailbox = ?", arguments: [mailbox.value])
                .map { try Self.partner(from: $0, db) }
        }
    }

    public func partner(apiKeyHash: String) async throws -> Partner? {
        try await partner(credential: apiKeyHash, kind: "api-key")
    }

    public func partner(certificateFingerprint: String) async throws -> Partner? {
        try await partner(credential: certificateFingerprint, kind: "certificate")
    }

    private func partner(credential: String, kind: String) async throws -> Partner? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT partner.* FROM partner JOIN partner_credential USING (mailbox)
                    WHERE partner_credential.hash = ? AND partner_credential.kind = ?
                    """,
                arguments: [credential.lowercased(), kind]
            ).map { try Self.partner(from: $0, db) }
        }
    }

    private static func partner(from row: Row, _ db: Database) throws -> Partner {
        let mailbox: String = row["mailbox"]
        let credentials = try Row.fetchAll(
            db,
            sql: "SELECT hash, kind FROM partner_credential WHERE mailbox = ? ORDER BY hash",
            arguments: [mailbox]
        )
        let keys = try Row.fetchAll(
            db,
            sql: "SELECT kid, algorithm, public_key FROM partner_signing_key WHERE mailbox = ? ORDER BY kid",
            arguments: [mailbox]
        ).map { row -> PartnerPublicKey in
            let bytes: Data = row["public_key"]
            return PartnerPublicKey(kid: row["kid"], algorithm: row["algorithm"], publicKey: [UInt8](bytes))
        }
        let signingRaw: String = row["signing"]
        let schemeRaw: String = row["organisation_scheme"]
        let kindRaw: String = row["organisation_kind"]
        let formatRaw: String = row["format"]
        guard let scheme = OrganisationIdentifierScheme(rawValue: schemeRaw),
            let kind = OrganisationKind(rawValue: kindRaw),
            let format = PartnerFormat(rawValue: formatRaw),
            let signing = SigningRequirement(rawValue: signingRaw)
        else {
            throw StoreError(.storage, "partner \(mailbox) has an unreadable organisation or format")
        }
        return Partner(
            mailbox: try MailboxID(validating: mailbox),
            name: row["name"],
            organisation: Organisation(
                kind: kind,
                identifier: try OrganisationIdentifier(scheme: scheme, value: row["organisation_value"]),
                name: row["organisation_name"]
            ),
            format: format,
            apiKeyHashes: credentials.filter { $0["kind"] == "api-key" }.map { $0["hash"] },
            certificateFingerprints: credentials.filter { $0["kind"] == "certificate" }.map { $0["hash"] },
            signing: signing,
            signingKeys: keys
        )
    }
}
