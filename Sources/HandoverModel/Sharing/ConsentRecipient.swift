/// Whom a consent allows sharing with: one organisation, or every organisation of a kind.
public enum ConsentRecipient: Sendable, Hashable, CustomStringConvertible {
    /// One organisation, by its identifier (`{"scheme": "ods", "value": "QOX"}`).
    case organisation(OrganisationIdentifier)
    /// Every organisation of a kind (`{"kind": "icb"}`).
    case kind(OrganisationKind)

    /// Whether `organisation` is covered.
    public func covers(_ organisation: Organisation) -> Bool {
        switch self {
        case .organisation(let identifier): identifier == organisation.identifier
        case .kind(let kind): kind == organisation.kind
        }
    }

    /// `kind:icb` or `ods:QOX`, the form the store keeps.
    public var description: String {
        switch self {
        case .organisation(let identifier): "\(identifier.scheme.rawValue):\(identifier.value)"
        case .kind(let kind): "kind:\(kind.rawValue)"
        }
    }

    /// Parses the stored form; nil for anything else.
    public init?(stored: String) {
        guard let colon = stored.firstIndex(of: ":") else { return nil }
        let head = String(stored[..<colon])
        let tail = String(stored[stored.index(after: colon)...])
        if head == "kind" {
            guard let kind = OrganisationKind(rawValue: tail) else { return nil }
            self = .kind(kind)
        } else {
            guard let scheme = OrganisationIdentifierScheme(rawValue: head),
                let identifier = try? OrganisationIdentifier(scheme: scheme, value: tail)
            else { return nil }
            self = .organisation(identifier)
        }
    }
}
