/// A person's identifier in one organisation's own case system, such as a Mosaic person id.
///
/// Councils know most adults by their own number long before an NHS number is confirmed, so a
/// local id (qualified by who issued it) is enough to name a person in a message.
public struct LocalPersonID: Sendable, Hashable, Codable {
    /// The issuing system, e.g. the council's GSS code `E06000030`.
    public var system: String
    /// The identifier within that system, e.g. `3300912`.
    public var value: String

    /// Creates a local identifier from its issuing system and value.
    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }
}
