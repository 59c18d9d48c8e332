/// A value present on one side of a translation that the other side has no place for, reported
/// rather than silently lost so that the gateway can record it and operators can see what a
/// partner's format cannot carry.
///
/// `location` is an `ER7Location` (`PID-13`, `PD1`) when ER7 content is not carried into the
/// canonical model, or a JSON Pointer (`/payload/carePlan`, `/purpose`) when canonical content is
/// not carried into ER7. Values are never copied here: the list is safe to log.
public struct DroppedField: Sendable, Hashable, CustomStringConvertible {
    /// Where the value was.
    public var location: String
    /// Why it could not be carried.
    public var reason: String

    /// Creates an entry.
    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    /// `location: reason`.
    public var description: String { "\(location): \(reason)" }
}
