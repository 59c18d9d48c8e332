import Foundation
import Synchronization

/// Every MESH token use an SQLite store records, in memory. One gateway process owns an SQLite
/// store, so this table is every claim there is: a claim is checked and taken here at once,
/// without reading the database, and its row follows in the next commit.
final class MESHTokenTable: Sendable {
    private struct Key: Hashable, Sendable {
        var mailbox: String
        var nonce: String
        var nonceCount: String

        init(_ use: MESHTokenUse) {
            mailbox = use.mailbox
            nonce = use.nonce
            nonceCount = use.nonceCount
        }
    }

    private let uses: Mutex<[Key: MESHTokenUse]>

    /// A table of the uses the store holds.
    init(_ recorded: [MESHTokenUse]) {
        uses = Mutex(Dictionary(recorded.map { (Key($0), $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// Takes the first use of `use`'s token at `now`: false when a use inside its window is held
    /// that was not released for a retry.
    func claim(_ use: MESHTokenUse, now: Date) -> Bool {
        uses.withLock { uses in
            let key = Key(use)
            if let held = uses[key], !held.retryable, held.expiresAt > now { return false }
            uses[key] = use
            return true
        }
    }

    /// Records a use as saved (a release for a retry, say).
    func record(_ use: MESHTokenUse) {
        uses.withLock { $0[Key(use)] = use }
    }

    /// Forgets the uses whose window ended before `now`.
    func prune(now: Date) {
        uses.withLock { uses in uses = uses.filter { $0.value.expiresAt > now } }
    }
}
