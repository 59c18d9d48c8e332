import HandoverModel

/// The two parties of a council message: `localAuthority`, the council whose case system the
/// message comes from or goes to, and `counterparty`, the other organisation (the recipient of
/// what a council posts, the sender of what it downloads).
///
/// A council adapter always speaks for its own council, so the format is written from the
/// council's side in both directions rather than with a sender and a recipient that swap.
enum CouncilJSONParties {
    static let localAuthorityFields = ["gssCode", "name", "team"]
    static let counterpartyFields = ["gssCode", "odsCode", "prisonAgencyId", "mailbox", "name", "team"]
    private static let notCarried = "the gateway routes by organisation code; a team has no place in the canonical message"

    /// The council's GSS code from `localAuthority`, checked against the partner that posted it.
    static func localAuthority(
        _ value: JSONValue, sender: Partner, into reader: inout CouncilPayloadReader, dropped: inout [DroppedField]
    ) -> GSSCode? {
        let path = "/localAuthority"
        guard let members = reader.fields.object(value, at: path, allowed: localAuthorityFields) else { return nil }
        let code = members.first { $0.0 == "gssCode" }.flatMap { reader.fields.string($0.1, at: path + "/gssCode", maxLength: 16) }
        _ = members.first { $0.0 == "name" }.flatMap { reader.fields.string($0.1, at: path + "/name", maxLength: 200) }
        if let team = members.first(where: { $0.0 == "team" }), reader.fields.string(team.1, at: path + "/team", maxLength: 200) != nil {
            dropped.append(DroppedField(location: path + "/team", reason: notCarried))
        }
        guard let code else {
            reader.fields.require(code, at: path + "/gssCode", "send the council's ONS GSS code, e.g. E06000030")
            return nil
        }
        guard let gss = reader.fields.parse({ () throws(ValidationError) in try GSSCode(validating: code, path: path + "/gssCode") }) else { return nil }
        if !gss.hasAdultSocialCare {
            reader.fields.report(path + "/gssCode", "gss-adult-social-care", "send the GSS code of a council with adult social care duties (E06, E08, E09, E10 or W06)")
        } else if sender.organisation.identifier.scheme == .gss, sender.organisation.identifier.value != gss.value {
            reader.fields.report(path + "/gssCode", "sender-mismatch", "send the GSS code of the council this connection is registered for")
        }
        return gss
    }

    /// The recipient's mailbox from `counterparty`: its `mailbox` when sent, else its
    /// organisation code, looked up in the directory; and where in the message it was named.
    static func counterparty(
        _ value: JSONValue, directory: RoutingDirectory, into reader: inout CouncilPayloadReader, dropped: inout [DroppedField]
    ) -> (mailbox: MailboxID?, location: String) {
        let path = "/counterparty"
        guard let members = reader.fields.object(value, at: path, allowed: counterpartyFields) else { return (nil, path) }
        let codes = members.filter { name, _ in CouncilOrganisation.keys.contains { $0.key == name } }
        var identifier: OrganisationIdentifier?
        if !codes.isEmpty { identifier = CouncilOrganisation.identifier(members, at: path, into: &reader.fields) }
        let mailbox = members.first { $0.0 == "mailbox" }.flatMap { raw in
            reader.fields.string(raw.1, at: path + "/mailbox", maxLength: 63).flatMap { text in
                reader.fields.parse { () throws(ValidationError) in try MailboxID(validating: text, path: path + "/mailbox") }
            }
        }
        _ = members.first { $0.0 == "name" }.flatMap { reader.fields.string($0.1, at: path + "/name", maxLength: 200) }
        if let team = members.first(where: { $0.0 == "team" }), reader.fields.string(team.1, at: path + "/team", maxLength: 200) != nil {
            dropped.append(DroppedField(location: path + "/team", reason: notCarried))
        }
        if codes.isEmpty && members.first(where: { $0.0 == "mailbox" }) == nil {
            reader.fields.report(path, "required", "name the recipient by gssCode, odsCode, prisonAgencyId or its gateway mailbox")
            return (nil, path)
        }
        let location = mailbox != nil ? path + "/mailbox" : path + "/" + (codes.first?.0 ?? "gssCode")
        guard let key = mailbox?.value ?? identifier?.value else { return (nil, location) }
        guard let routed = directory.mailbox(for: key) else {
            reader.fields.report(location, "unknown-recipient", "no partner on the gateway is registered for this organisation; send the code or mailbox of a registered partner")
            return (nil, location)
        }
        return (routed, location)
    }

    /// `localAuthority` for the council receiving a message, named as the registry has it.
    static func encodeLocalAuthority(_ organisation: Organisation) -> JSONValue {
        .object([("gssCode", .string(organisation.identifier.value)), ("name", .string(organisation.name))])
    }

    /// `counterparty` for the sender of a delivered message: its organisation code and name from
    /// the registry, and its mailbox, so that an answer can be addressed exactly.
    static func encodeCounterparty(_ organisation: Organisation?, mailbox: MailboxID) -> JSONValue {
        guard let organisation else { return .object([("mailbox", .string(mailbox.value))]) }
        return .object([
            (CouncilOrganisation.key(for: organisation.identifier.scheme), .string(organisation.identifier.value)),
            ("mailbox", .string(mailbox.value)),
            ("name", .string(organisation.name)),
        ])
    }
}
