import Foundation
import HandoverStore
import Synchronization

/// NHSMESH tokens are single-use, keyed on (mailbox, nonce, nonce count); but mesh-client re-sends
/// the identical token when it retries after 425, 429, 502, 503 or 504. So a token is claimed when
/// first used, and released for one more use when that use ended in one of those statuses.
///
/// Claims and releases are kept by the store, atomically for every node sharing it, and are
/// durable before the response goes out, so a restart forgets nothing and a token replayed to
/// another node is refused there too. Records are pruned once their timestamp leaves the ±2 h
/// window.
final class MESHReplayGuard: Sendable {
    /// Statuses after which mesh-client retries with the same token.
    static let retriedStatuses: Set<Int> = [425, 429, 502, 503, 504]

    /// A token's first use: its record, and the store's write of it, which must be durable
    /// before the response goes out.
    struct Claim: Sendable {
        var use: MESHTokenUse
        var write: StagedWrite
    }

    private let store: any MESHStore
    private let nextPrune = Mutex(Date.distantPast)

    init(store: any MESHStore) {
        self.store = store
    }

    /// Claims `token` at `now`; nil when it was used already, here or on another node.
    func claim(_ token: MESHToken, now: Date) async throws -> Claim? {
        let prune = nextPrune.withLock { next -> Bool in
            guard now >= next else { return false }
            next = now.addingTimeInterval(60)
            return true
        }
        if prune {
            let store = self.store
            Task { try? await store.pruneMESHTokens(now: now) }
        }
        let use = MESHTokenUse(
            mailbox: token.mailbox, nonce: token.nonce, nonceCount: token.nonceCount, expiresAt: token.expiresAt, retryable: false
        )
        guard let write = try await store.claimMESHToken(use, now: now) else { return nil }
        return Claim(use: use, write: write)
    }

    /// Allows one more use of a token whose use ended in a status the client retries.
    func release(_ use: MESHTokenUse) async throws {
        var released = use
        released.retryable = true
        try await store.saveMESHToken(released)
    }
}
