import Foundation

/// Where the gateway reads the time: injected so that expiry, deadlines and timestamps are
/// testable without sleeping.
public protocol HandoverClock: Sendable {
    /// The current instant.
    func now() -> Date
}
