import HandoverModel

/// Organisations as council adapters write them, `{"gssCode": "E06000054", "name": "Wiltshire
/// Council"}` (or `odsCode`, `prisonAgencyId`), and as the canonical payload holds them,
/// `{"scheme": "gss", "value": "E06000054", "name": "Wiltshire Council"}`.
///
/// The member name says the register, as in the case systems' own exports (`gssCode`,
/// `odsCode`), so a council never has to spell a scheme; exactly one code is sent.
enum CouncilOrganisation {
    /// The wire member for each identifier scheme.
    static let keys: [(key: String, scheme: OrganisationIdentifierScheme)] = [
        ("gssCode", .gss), ("odsCode", .ods), ("prisonAgencyId", .prisonAgency),
    ]

    /// The wire member naming a scheme.
    static func key(for scheme: OrganisationIdentifierScheme) -> String {
        keys.first { $0.scheme == scheme }?.key ?? "gssCode"
    }

    /// The identifier among the members `key`, checked; reports a missing, repeated or malformed
    /// code. `members` are the object's members, already checked for unknown names.
    static func identifier(
        _ members: [(String, JSONValue)], at path: String, into reader: inout JSONFieldReader
    ) -> OrganisationIdentifier? {
        let present = keys.filter { entry in members.contains { $0.0 == entry.key } }
        guard present.count == 1, let entry = present.first, let raw = members.first(where: { $0.0 == entry.key })?.1 else {
            reader.report(
                path, "organisation-identifier",
                present.isEmpty
                    ? "send the organisation's code as one of gssCode, odsCode or prisonAgencyId"
                    : "send exactly one of gssCode, odsCode or prisonAgencyId"
            )
            return nil
        }
        let here = path + "/" + entry.key
        guard let text = reader.string(raw, at: here, maxLength: 16) else { return nil }
        return reader.parse { () throws(ValidationError) in try identifier(entry.scheme, text, at: here) }
    }

    /// `text` as an identifier of `scheme`, with its rule located at `path` itself.
    static func identifier(_ scheme: OrganisationIdentifierScheme, _ text: String, at path: String) throws(ValidationError) -> OrganisationIdentifier {
        do throws(ValidationError) {
            return try OrganisationIdentifier(scheme: scheme, value: text)
        } catch {
            throw ValidationError(error.issues.map { ValidationIssue(path: path, rule: $0.rule, hint: $0.hint) })
        }
    }

    /// Reads a council organisation as the canonical `{"scheme", "value", "name"}`.
    static func read(_ value: JSONValue, at path: String, into reader: inout JSONFieldReader) -> JSONValue? {
        guard let members = reader.object(value, at: path, allowed: keys.map(\.key) + ["name"]) else { return nil }
        let identifier = identifier(members, at: path, into: &reader)
        let name = members.first { $0.0 == "name" }.flatMap { reader.string($0.1, at: path + "/name", maxLength: 200) }
        guard let identifier else { return nil }
        var canonical: [(String, JSONValue)] = [("scheme", .string(identifier.scheme.rawValue)), ("value", .string(identifier.value))]
        if let name { canonical.append(("name", .string(name))) }
        return .object(canonical)
    }

    /// Writes a canonical organisation the council way; members it has no place for are dropped.
    static func write(_ value: JSONValue, at path: String, into writer: inout CouncilPayloadWriter) -> JSONValue? {
        guard let identifier = canonicalIdentifier(value, at: path, into: &writer) else { return nil }
        var wire: [(String, JSONValue)] = [(key(for: identifier.scheme), .string(identifier.value))]
        if case .string(let name)? = value["name"], !name.isEmpty {
            if name.utf8.count <= 200 {
                wire.append(("name", .string(name)))
            } else {
                writer.report(path + "/name", "max-length", "send an organisation name of at most 200 bytes")
            }
        } else if let name = value["name"] {
            writer.drop(name, at: path + "/name")
        }
        writer.dropMembers(of: value, except: ["scheme", "value", "name"], at: path)
        return .object(wire)
    }

    /// The validated identifier of a canonical organisation, or nil after reporting why not.
    static func canonicalIdentifier(_ value: JSONValue, at path: String, into writer: inout CouncilPayloadWriter) -> OrganisationIdentifier? {
        guard case .object = value else {
            writer.report(path, "type", "send the organisation as {\"scheme\": \"gss\", \"value\": \"E06000054\"}")
            return nil
        }
        guard case .string(let scheme)? = value["scheme"], let parsed = OrganisationIdentifierScheme(rawValue: scheme) else {
            writer.report(path + "/scheme", value["scheme"] == nil ? "required" : "enum", "send the scheme as one of: gss, ods, prison-agency")
            return nil
        }
        guard case .string(let code)? = value["value"] else {
            writer.report(path + "/value", value["value"] == nil ? "required" : "type", "send the organisation's code as a string")
            return nil
        }
        return writer.parse { () throws(ValidationError) in try OrganisationIdentifier(scheme: parsed, value: code, path: path) }
    }
}
