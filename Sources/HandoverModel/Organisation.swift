/// A public body that exchanges messages through the gateway: a council, an ICB, a trust, a
/// prison, probation or NHS England.
///
/// Partners are registered against an organisation so that every share in the record can be
/// traced to the accountable body, not just to a system.
public struct Organisation: Sendable, Hashable, Codable {
    /// What kind of body it is.
    public var kind: OrganisationKind
    /// Its identifier in the register for its kind.
    public var identifier: OrganisationIdentifier
    /// Its name as people know it, e.g. "Swindon Borough Council".
    public var name: String

    /// Creates an organisation from a kind, a validated identifier and a name.
    public init(kind: OrganisationKind, identifier: OrganisationIdentifier, name: String) {
        self.kind = kind
        self.identifier = identifier
        self.name = name
    }
}
