import HandoverModel
import HandoverStore
import Synchronization

/// Recorded consents the share decision has read, kept in memory so that a run of shares on one
/// consent reads the registry once rather than once per share.
///
/// Safe because a recorded consent never changes except by its withdrawal (a change of scope is
/// a withdrawal and a new consent), and a withdrawal is checked again by the store inside the
/// submission's transaction: an entry made stale by a withdrawal this gateway did not see (the
/// CLI, another node, or a share read between a withdrawal message's decision and its commit)
/// can only let a share reach that check, which refuses it. Withdrawals this gateway decides
/// evict their entry, so that later shares are usually refused before the store. Unknown
/// consents are never cached, so a consent recorded elsewhere is found at once.
final class ConsentCache: Sendable {
    private let entries = Mutex<[ConsentID: Consent]>([:])
    /// Entries beyond this are dropped wholesale: the cache then refills from the shares in flight.
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The consent `id` as recorded, from memory when this gateway has read it before.
    func consent(_ id: ConsentID, in store: any Store) async throws -> Consent? {
        if let cached = entries.withLock({ $0[id] }) { return cached }
        guard let consent = try await store.consent(id) else { return nil }
        // A withdrawn consent stays out: refusals on it are rare and must see the registry.
        guard consent.withdrawal == nil else { return consent }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = consent
        }
        return consent
    }

    /// Forgets `id`, after its withdrawal.
    func evict(_ id: ConsentID) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
