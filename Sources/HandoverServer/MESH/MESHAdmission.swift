import Synchronization

/// Back-pressure: at most `limit` MESH requests are handled at once. Past that a request is
/// refused before anything of it is read or stored, with 429 (which mesh-client retries after
/// `Retry-After`), or 503 on a first send, the one request mesh-client never retries.
final class MESHAdmission: Sendable {
    private let limit: Int
    private let inFlight = Mutex(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place, or returns false when all are taken.
    func enter() -> Bool {
        inFlight.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives a place back.
    func leave() {
        inFlight.withLock { $0 -= 1 }
    }
}
