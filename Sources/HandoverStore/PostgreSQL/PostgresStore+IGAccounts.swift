import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    public func saveIGAccount(_ account: IGAccount) async throws {
        let logger = self.logger
        try await transaction { connection in
            try await connection.run(
                """
                INSERT INTO ig_account (username, name, role, disabled)
                VALUES (\(account.username), \(account.name), \(account.role.rawValue), \(account.disabled))
                ON CONFLICT (username) DO UPDATE SET name = excluded.name, role = excluded.role, disabled = excluded.disabled
                """,
                logger
            )
            try await connection.run("DELETE FROM ig_credential WHERE username = \(account.username)", logger)
            for hash in account.keyHashes {
                try await connection.run("INSERT INTO ig_credential (hash, username) VALUES (\(hash), \(account.username))", logger)
            }
        }
    }

    public func igAccounts() async throws -> [IGAccount] {
        try await autocommit { connection in
            var accounts: [IGAccount] = []
            for row in try await connection.all("SELECT username FROM ig_account ORDER BY username", self.logger) {
                if let account = try await Self.igAccount(try row.text(0), connection, self.logger) { accounts.append(account) }
            }
            return accounts
        }
    }

    public func igAccount(keyHash: String) async throws -> IGAccount? {
        try await autocommit { connection in
            guard let row = try await connection.first("SELECT username FROM ig_credential WHERE hash = \(keyHash)", self.logger) else {
                return nil
            }
            return try await Self.igAccount(try row.text(0), connection, self.logger)
        }
    }

    public func igAccount(username: String) async throws -> IGAccount? {
        try await autocommit { connection in try await Self.igAccount(username, connection, self.logger) }
    }

    private static func igAccount(_ username: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> IGAccount? {
        guard let row = try await connection.first(
            "SELECT username, name, role, disabled FROM ig_account WHERE username = \(username)", logger
        ), let role = IGAccount.Role(rawValue: try row.text(2))
        else { return nil }
        let hashes = try await connection.all("SELECT hash FROM ig_credential WHERE username = \(username) ORDER BY hash", logger)
            .map { try $0.text(0) }
        return IGAccount(username: try row.text(0), name: try row.text(1), role: role, keyHashes: hashes, disabled: try row.bool(3))
    }

    public func createIGSession(_ session: IGSession) async throws {
        try await autocommit { connection in
            try await connection.run(
                """
                INSERT INTO ig_session (token_hash, username, csrf_token, expires_at)
                VALUES (\(session.tokenHash), \(session.username), \(session.csrfToken), \(session.expiresAt.storedMilliseconds))
                """,
                self.logger
            )
        }
    }

    public func igSession(tokenHash: String, now: Date) async throws -> IGSession? {
        try await autocommit { connection in
            try await connection.first(
                """
                SELECT token_hash, username, csrf_token, expires_at FROM ig_session
                WHERE token_hash = \(tokenHash) AND expires_at > \(now.storedMilliseconds)
                """,
                self.logger
            ).map { IGSession(tokenHash: try $0.text(0), username: try $0.text(1), csrfToken: try $0.text(2), expiresAt: try $0.date(3)) }
        }
    }

    public func deleteIGSession(tokenHash: String) async throws {
        try await autocommit { connection in try await connection.run("DELETE FROM ig_session WHERE token_hash = \(tokenHash)", self.logger) }
    }

    public func createIGLoginToken(hash: String, username: String, expiresAt: Date) async throws {
        try await autocommit { connection in
            try await connection.run(
                "INSERT INTO ig_login_token (hash, username, expires_at) VALUES (\(hash), \(username), \(expiresAt.storedMilliseconds))",
                self.logger
            )
        }
    }

    public func redeemIGLoginToken(hash: String, now: Date) async throws -> String? {
        let logger = self.logger
        return try await transaction { connection -> String? in
            // Deleting with RETURNING consumes the token exactly once, even with two nodes racing.
            let row = try await connection.first("DELETE FROM ig_login_token WHERE hash = \(hash) RETURNING username, expires_at", logger)
            try await connection.run("DELETE FROM ig_login_token WHERE expires_at <= \(now.storedMilliseconds)", logger)
            guard let row, try row.int(1) > now.storedMilliseconds else { return nil }
            return try row.text(0)
        }
    }
}
