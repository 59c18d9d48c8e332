import Synchronization

/// The MESH tokens an SQLite store has claimed in a staged write that is not yet committed, so
/// that of two claims of one token only the first succeeds even before either is on disk.
final class MESHClaimsInFlight: Sendable {
    struct Key: Hashable, Sendable {
        var mailbox: String
        var nonce: String
        var nonceCount: String

        init(_ token: MESHTokenUse) {
            mailbox = token.mailbox
            nonce = token.nonce
            nonceCount = token.nonceCount
        }
    }

    private let keys = Mutex(Set<Key>())

    /// Marks `key` as being claimed; false when it is already.
    func begin(_ key: Key) -> Bool {
        keys.withLock { $0.insert(key).inserted }
    }

    /// Forgets `key` once its claim is committed (and visible to reads) or has failed.
    func end(_ key: Key) {
        _ = keys.withLock { $0.remove(key) }
    }
}
