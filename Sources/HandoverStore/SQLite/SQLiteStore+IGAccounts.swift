import Foundation
import GRDB

extension SQLiteStore {
    public func saveIGAccount(_ account: IGAccount) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO ig_account (username, name, role, disabled) VALUES (?, ?, ?, ?)
                    ON CONFLICT(username) DO UPDATE SET name = excluded.name, role = excluded.role, disabled = excluded.disabled
                    """,
                arguments: [account.username, account.name, account.role.rawValue, account.disabled ? 1 : 0]
            )
            try db.execute(sql: "DELETE FROM ig_credential WHERE username = ?", arguments: [account.username])
            for hash in account.keyHashes {
                try db.execute(sql: "INSERT INTO ig_credential (hash, username) VALUES (?, ?)", arguments: [hash, account.username])
            }
        }
    }

    public func igAccounts() async throws -> [IGAccount] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT username FROM ig_account ORDER BY username").compactMap { row in
                try Self.igAccount(row[0], db)
            }
        }
    }

    public func igAccount(keyHash: String) async throws -> IGAccount? {
        try await database.read { db in
            guard let username = try String.fetchOne(db, sql: "SELECT username FROM ig_credential WHERE hash = ?", arguments: [keyHash]) else {
                return nil
            }
            return try Self.igAccount(username, db)
        }
    }

    public func igAccount(username: String) async throws -> IGAccount? {
        try await database.read { db in try Self.igAccount(username, db) }
    }

    private static func igAccount(_ username: String, _ db: Database) throws -> IGAccount? {
        guard let row = try Row.fetchOne(db, sql: "SELECT username, name, role, disabled FROM ig_account WHERE username = ?", arguments: [username]),
            let role = IGAccount.Role(rawValue: row[2])
        else { return nil }
        let hashes = try String.fetchAll(db, sql: "SELECT hash FROM ig_credential WHERE username = ? ORDER BY hash", arguments: [username])
        let disabled: Int64 = row[3]
        return IGAccount(username: row[0], name: row[1], role: role, keyHashes: hashes, disabled: disabled != 0)
    }

    public func createIGSession(_ session: IGSession) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO ig_session (token_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [session.tokenHash, session.username, session.csrfToken, session.expiresAt.storedMilliseconds]
            )
        }
    }

    public func igSession(tokenHash: String, now: Date) async throws -> IGSession? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT token_hash, username, csrf_token, expires_at FROM ig_session WHERE token_hash = ? AND expires_at > ?",
                arguments: [tokenHash, now.storedMilliseconds]
            ).map { IGSession(tokenHash: $0[0], username: $0[1], csrfToken: $0[2], expiresAt: Date(storedMilliseconds: $0[3])) }
        }
    }

    public func deleteIGSession(tokenHash: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM ig_session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func createIGLoginToken(hash: String, username: String, expiresAt: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO ig_login_token (hash, username, expires_at) VALUES (?, ?, ?)",
                arguments: [hash, username, expiresAt.storedMilliseconds]
            )
        }
    }

    public func redeemIGLoginToken(hash: String, now: Date) async throws -> String? {
        try await writer.write { db -> String? in
            let row = try Row.fetchOne(db, sql: "SELECT username, expires_at FROM ig_login_token WHERE hash = ?", arguments: [hash])
            try db.execute(sql: "DELETE FROM ig_login_token WHERE hash = ? OR expires_at <= ?", arguments: [hash, now.storedMilliseconds])
            guard let row, (row[1] as Int64) > now.storedMilliseconds else { return nil }
            return row[0] as String
        }
    }
}
