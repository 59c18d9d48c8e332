import Foundation
import Synchronization

/// A clock that moves only when told to, for tests and simulations of expiry and deadlines.
///
/// A class because every holder must see the same time; the time is behind a `Mutex`, so it is
/// safe to share across tasks.
public final class ManualClock: HandoverClock {
    private let current: Mutex<Date>

    /// Creates a clock stopped at `start` (by default 2026-09-21T14:13:20Z).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        self.current = Mutex(start)
    }

    /// The instant the clock was last set to.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}
