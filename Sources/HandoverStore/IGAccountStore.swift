public import Foundation

/// Information-governance accounts and their console sessions; separate from partners, so an IG
/// officer can never post or fetch messages and a partner can never search the audit.
public protocol IGAccountStore: Sendable {
    /// Adds an account or replaces its name, role and key hashes.
    func saveIGAccount(_ account: IGAccount) async throws
    /// Every account, by username.
    func igAccounts() async throws -> [IGAccount]
    /// The account a key hash (hex SHA-256) belongs to.
    func igAccount(keyHash: String) async throws -> IGAccount?
    /// The account with this username.
    func igAccount(username: String) async throws -> IGAccount?
    /// Starts a console session (hash of its cookie token, its CSRF token, its expiry).
    func createIGSession(_ session: IGSession) async throws
    /// The unexpired session with this token hash.
    func igSession(tokenHash: String, now: Date) async throws -> IGSession?
    /// Ends a session.
    func deleteIGSession(tokenHash: String) async throws
    /// Keeps a one-time login token's hash until `expiresAt`.
    func createIGLoginToken(hash: String, username: String, expiresAt: Date) async throws
    /// Consumes a one-time login token: its username if it exists and has not expired; it can
    /// never be used again either way.
    func redeemIGLoginToken(hash: String, now: Date) async throws -> String?
}

/// An information-governance account.
public struct IGAccount: Sendable, Hashable {
    /// What an account may do.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Search, view, export, subject-access reports, verify the log.
        case officer
        /// Search and view only.
        case viewer
    }

    /// The login name, `^[a-z0-9][a-z0-9._-]{1,62}$`.
    public var username: String
    /// The person's name.
    public var name: String
    /// Their role.
    public var role: Role
    /// Hex SHA-256 of each API key of the account (`hig_…`).
    public var keyHashes: [String]
    /// Whether the account may sign in.
    public var disabled: Bool

    /// Creates an account.
    public init(username: String, name: String, role: Role, keyHashes: [String], disabled: Bool = false) {
        self.username = username
        self.name = name
        self.role = role
        self.keyHashes = keyHashes
        self.disabled = disabled
    }
}

/// A console session: the cookie holds a random token, the store its hash.
public struct IGSession: Sendable, Hashable {
    /// Hex SHA-256 of the cookie token.
    public var tokenHash: String
    /// The account.
    public var username: String
    /// The token every form of the session must carry.
    public var csrfToken: String
    /// When it ends.
    public var expiresAt: Date

    /// Creates a session.
    public init(tokenHash: String, username: String, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.username = username
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
