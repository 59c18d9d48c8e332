import Foundation
import HandoverStore
import Synchronization

/// NHSMESH tokens are single-use, keyed on (mailbox, nonce, nonce count); but mesh-client re-sends
/// the identical token when it retries after 425, 429, 502, 503 or 504. So a token is claimed when
/// first used, and released for one more use when that use ended in one of those statuses.
///
/// The set of claimed tokens is held in memory, loaded from the store on first use, so a replay
/// this process has seen is refused without a write. A token it has not seen is claimed in the
/// store before the request is handled, atomically for every node sharing the store, so a
/// restart forgets nothing and a token replayed to another node is refused there too. Entries
/// live until their timestamp leaves the ±2 h window, which bounds the set.
final class MESHReplayGuard: Sendable {
    struct Key: Hashable, Sendable {
        var mailbox: String
        var nonce: String
        var nonceCount: String
    }

    private struct State {
        var loaded = false
        var tokens: [Key: MESHTokenUse] = [:]
        var nextPrune = Date.distantPast
    }

    /// Statuses after which mesh-client retries with the same token.
    static let retriedStatuses: Set<Int> = [425, 429, 502, 503, 504]

    private let store: any MESHStore
    private let state = Mutex(State())
    private let loading = AsyncLock()

    init(store: any MESHStore) {
        self.store = store
    }

    /// Claims `token` at `now` (recorded in the store when this returns); returns its record, or
    /// nil when it was used already.
    func claim(_ token: MESHToken, now: Date) async throws -> MESHTokenUse? {
        if !state.withLock({ $0.loaded }) { try await load(now: now) }
        let key = Key(mailbox: token.mailbox, nonce: token.nonce, nonceCount: token.nonceCount)
        let use = MESHTokenUse(
            mailbox: token.mailbox, nonce: token.nonce, nonceCount: token.nonceCount, expiresAt: token.expiresAt, retryable: false
        )
        let (claimed, prune) = state.withLock { state -> (Bool, Bool) in
            if let earlier = state.tokens[key], !earlier.retryable, earlier.expiresAt > now { return (false, false) }
            state.tokens[key] = use
            guard now >= state.nextPrune else { return (true, false) }
            state.nextPrune = now.addingTimeInterval(60)
            state.tokens = state.tokens.filter { $0.value.expiresAt > now }
            return (true, true)
        }
        if prune {
            let store = self.store
            Task { try? await store.pruneMESHTokens(now: now) }
        }
        guard claimed else { return nil }
        // Another node may have claimed it first; what this process holds stays as claimed either way.
        return try await store.claimMESHToken(use, now: now) ? use : nil
    }

    /// Allows one more use of a token whose use ended in a status the client retries.
    func release(_ use: MESHTokenUse) async throws {
        var released = use
        released.retryable = true
        state.withLock { $0.tokens[Key(mailbox: use.mailbox, nonce: use.nonce, nonceCount: use.nonceCount)] = released }
        try await store.saveMESHToken(released)
    }

    private func load(now: Date) async throws {
        try await loading.run {
            guard !state.withLock({ $0.loaded }) else { return }
            let live = try await store.liveMESHTokens(now: now)
            state.withLock { state in
                for use in live {
                    let key = Key(mailbox: use.mailbox, nonce: use.nonce, nonceCount: use.nonceCount)
                    // A claim made since start wins over what the store had.
                    if state.tokens[key] == nil { state.tokens[key] = use }
                }
                state.loaded = true
            }
        }
    }
}
