public import HandoverModel

/// A sending or receiving organisation as the care-exchange block names it:
/// `{"type": "LA", "code": "E08000035", "codeSystem": "GSS", "name": "Leeds City Council"}`.
///
/// `codeSystem` is the canonical identifier scheme in HMPPS spelling (`GSS`, `ODS`,
/// `HMPPS_AGENCY`) and the code is checked against it; `type` is the organisation kind (`LA`,
/// `ICB`, `TRUST`, `PRISON`, `PROBATION`, `NHS_ENGLAND`). The recipient's code routes the event;
/// the sender's must be the authenticated partner's own organisation.
public struct HMPPSParty: Sendable, Hashable {
    /// The organisation kind.
    public var kind: OrganisationKind
    /// The validated, upper-cased identifier.
    public var identifier: OrganisationIdentifier
    /// The name, for people reading the event.
    public var name: String?

    /// Creates a party.
    public init(kind: OrganisationKind, identifier: OrganisationIdentifier, name: String?) {
        self.kind = kind
        self.identifier = identifier
        self.name = name
    }

    /// A registered organisation as a party.
    public init(_ organisation: Organisation) {
        self.init(kind: organisation.kind, identifier: organisation.identifier, name: organisation.name.isEmpty ? nil : organisation.name)
    }

    static let kinds: [(hmpps: String, kind: OrganisationKind)] = [
        ("LA", .localAuthority), ("ICB", .icb), ("TRUST", .nhsTrust), ("PRISON", .prison), ("PROBATION", .probation), ("NHS_ENGLAND", .nhsEngland),
    ]
    static let schemes: [(hmpps: String, scheme: OrganisationIdentifierScheme)] = [("GSS", .gss), ("ODS", .ods), ("HMPPS_AGENCY", .prisonAgency)]
    private static let kindShape = HMPPSShape.oneOf(kinds.map(\.hmpps))
    private static let schemeShape = HMPPSShape.oneOf(schemes.map(\.hmpps))

    /// Reads a party at `path`; nil after reporting every problem.
    static func decode(_ value: JSONValue?, at path: String, _ reader: inout HMPPSValueReader) -> HMPPSParty? {
        guard let value else {
            reader.report(path, "required", "send the organisation as {\"type\": \"LA\", \"code\": \"E08000035\", \"codeSystem\": \"GSS\"}")
            return nil
        }
        guard let party = reader.object(value, at: path, allowed: ["type", "code", "codeSystem", "name"]) else { return nil }
        let type = reader.string(party["type"], kindShape, at: path + "/type")
        let system = reader.string(party["codeSystem"], schemeShape, at: path + "/codeSystem")
        let code = reader.string(party["code"], .text(16), at: path + "/code")
        let name = reader.string(party["name"], at: path + "/name")
        reader.require(party["type"], at: path + "/type", "send the organisation type, one of \(kinds.map(\.hmpps).joined(separator: ", "))")
        reader.require(party["codeSystem"], at: path + "/codeSystem", "send the code system, one of \(schemes.map(\.hmpps).joined(separator: ", "))")
        reader.require(party["code"], at: path + "/code", "send the organisation's code, e.g. its GSS code E08000035")
        guard let kind = kinds.first(where: { $0.hmpps == type })?.kind, let scheme = schemes.first(where: { $0.hmpps == system })?.scheme,
            let code
        else { return nil }
        do {
            let identifier = try OrganisationIdentifier(scheme: scheme, value: code, path: "")
            return HMPPSParty(kind: kind, identifier: identifier, name: name)
        } catch {
            // The model locates its rule at "/value"; the event's member is "code".
            reader.report(ValidationError(error.issues.map { ValidationIssue(path: path + "/code", rule: $0.rule, hint: $0.hint) }))
            return nil
        }
    }

    /// The party as the care-exchange block writes it.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string(Self.kinds.first { $0.kind == kind }?.hmpps ?? "")),
            ("code", .string(identifier.value)),
            ("codeSystem", .string(Self.schemes.first { $0.scheme == identifier.scheme }?.hmpps ?? "")),
        ]
        if let name { members.append(("name", .string(name))) }
        return .object(members)
    }
}
