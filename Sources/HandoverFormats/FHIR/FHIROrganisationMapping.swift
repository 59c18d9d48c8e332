import HandoverModel

extension FHIRDecoding {
    /// An Organization as a canonical organisation: `{scheme, value, name}` from its first ODS,
    /// GSS or prison agency identifier, or `{kind}` for one that stands for any body of a kind
    /// (the project's organisation-kind code in `type`). The identifier is returned for routing.
    mutating func organisation(_ node: FHIRNode) -> (json: JSONValue?, identifier: OrganisationIdentifier?) {
        let name = reader.string(node, "name", maxLength: 512)
        for identifier in reader.children(node, "identifier", as: "Identifier") {
            guard case .string(let system)? = identifier["system"],
                let scheme = FHIRCodes.organisationSystems.first(where: { $0.system == system })?.scheme,
                let value = reader.string(identifier, "value", maxLength: 64)
            else { continue }
            reader.take(identifier, "system")
            reader.take(identifier, "use")
            let at = identifier.at("value")
            let parsed: OrganisationIdentifier? = reader.parse { () throws(ValidationError) in
                switch scheme {
                case "gss": try OrganisationIdentifier(scheme: .gss, value: try GSSCode(validating: value, path: at).value)
                case "prison-agency": try OrganisationIdentifier(scheme: .prisonAgency, value: try PrisonAgencyID(validating: value, path: at).value)
                default: try OrganisationIdentifier(scheme: .ods, value: try ODSCode(validating: value, path: at).value)
                }
            }
            guard let parsed else { return (nil, nil) }
            return (FHIRJSON.object([("scheme", .string(scheme)), ("value", .string(parsed.value)), ("name", FHIRJSON.string(name))]), parsed)
        }
        if let type = reader.first(node, "type", as: "CodeableConcept"), let coding = reader.first(type, "coding", as: "Coding"),
            case .string(FHIRSystems.organisationKind)? = coding["system"]
        {
            reader.take(type, "text")
            if let kind = code(coding, system: FHIRSystems.organisationKind, allowed: OrganisationKind.allCases.map(\.rawValue), "organisation kind") {
                // The name the encoder gives such an Organization is not a canonical member.
                let generated = "Any " + (FHIRCodes.organisationKindNames[kind] ?? kind)
                return (FHIRJSON.object([("kind", .string(kind)), ("name", name == generated ? nil : FHIRJSON.string(name))]), nil)
            }
            return (nil, nil)
        }
        reader.report(node.at("identifier"), "fhir-organisation-identifier", "identify the organisation by its ODS code (\(FHIRSystems.ods)) or GSS code (\(FHIRSystems.gss))")
        return (nil, nil)
    }

    /// The organisation a Reference member of `node` names.
    mutating func organisation(_ node: FHIRNode, _ name: String, _ what: String) -> (json: JSONValue?, identifier: OrganisationIdentifier?) {
        guard let organization = resolve(node, name, ["Organization"], what) else { return (nil, nil) }
        return organisation(organization)
    }
}
