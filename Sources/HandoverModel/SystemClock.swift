import Foundation

/// The wall clock, used in production.
public struct SystemClock: HandoverClock {
    /// Creates the wall clock.
    public init() {}
    /// The current instant from the system.
    public func now() -> Date { Date() }
}
