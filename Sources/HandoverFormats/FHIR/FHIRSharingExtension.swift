import HandoverModel

/// The purpose and lawful basis of a share, in one project extension on the MessageHeader
/// (`Extension-Handover-Sharing`), since FHIR messaging has no element for either:
///
/// ```json
/// {"url": ".../Extension-Handover-Sharing", "extension": [
///   {"url": "purpose", "valueCoding": {"system": ".../CodeSystem/purpose", "code": "chc-assessment"}},
///   {"url": "consent", "valueReference": {"type": "Consent", "identifier": {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:<consentId>"}}},
///   {"url": "statute", "valueCoding": {"system": ".../CodeSystem/statute", "code": "care-act-2014-s37"}},
///   {"url": "article6", "valueCoding": {...}}, {"url": "article9", "valueCoding": {...}}]}
/// ```
///
/// A consent basis names the registry's consent by a logical reference (its id as a URN), so it
/// needs no Consent resource in the Bundle; a statutory basis names the statute and the UK GDPR
/// conditions by code. Either, never both.
enum FHIRSharingExtension {
    static func encode(purpose: Purpose?, basis: LawfulBasis?) -> JSONValue? {
        var parts: [JSONValue] = []
        func coded(_ url: String, _ system: String, _ code: String, _ display: String? = nil) {
            parts.append(.object([("url", .string(url)), ("valueCoding", FHIRJSON.coding(system: system, code: code, display: display))]))
        }
        if let purpose { coded("purpose", FHIRSystems.purpose, purpose.rawValue) }
        switch basis {
        case .consent(let id)?:
            parts.append(.object([
                ("url", .string("consent")),
                ("valueReference", .object([("type", .string("Consent")), ("identifier", FHIRJSON.identifier(system: FHIRSystems.rfc3986, value: "urn:uuid:" + id.value))])),
            ]))
        case .statutory(let statutory)?:
            coded("statute", FHIRSystems.statute, statutory.statute.rawValue, statutory.statute.citation)
            coded("article6", FHIRSystems.article6, statutory.article6.rawValue)
            coded("article9", FHIRSystems.article9, statutory.article9.rawValue)
        case nil:
            break
        }
        guard !parts.isEmpty else { return nil }
        return .object([("url", .string(FHIRSystems.sharingExtension)), ("extension", .array(parts))])
    }
}

extension FHIRDecoding {
    /// The purpose and lawful basis from the sharing extension of the MessageHeader.
    mutating func sharing(_ sharing: FHIRNode?) -> (purpose: Purpose?, basis: LawfulBasis?) {
        guard let sharing else { return (nil, nil) }
        var parts: [String: FHIRNode] = [:]
        for part in reader.children(sharing, "extension", as: "Extension") {
            guard let url = reader.string(part, "url", maxLength: 64), parts[url] == nil else { continue }
            if ["purpose", "consent", "statute", "article6", "article9"].contains(url) {
                parts[url] = part
            } else {
                reader.report(part.at("url"), "enum", "the sharing extension has only purpose, consent, statute, article6 and article9")
            }
        }
        func coded<E: RawRepresentable & CaseIterable>(_ url: String, _ system: String, allowed: [E] = Array(E.allCases)) -> E? where E.RawValue == String {
            guard let part = parts[url] else { return nil }
            guard let coding = reader.child(part, "valueCoding", as: "Coding") else {
                reader.report(part.at("valueCoding"), "required", "send the \(url) as a valueCoding in \(system)")
                return nil
            }
            return code(coding, system: system, allowed: allowed.map(\.rawValue), url).flatMap(E.init(rawValue:))
        }
        let purpose: Purpose? = coded("purpose", FHIRSystems.purpose)
        if let consent = parts["consent"] {
            for name in ["statute", "article6", "article9"] where parts[name] != nil {
                reader.report(parts[name]?.path ?? sharing.path, "basis-exclusive", "send either a consent or a statute with its article6 and article9 conditions, not both")
            }
            guard let reference = reader.child(consent, "valueReference", as: "Reference"), let identifier = reader.child(reference, "identifier", as: "Identifier"),
                let value = reader.string(identifier, "value", maxLength: 64)
            else {
                reader.report(consent.at("valueReference"), "required", "name the consent as valueReference.identifier {system urn:ietf:rfc:3986, value urn:uuid:<consent id>}")
                return (purpose, nil)
            }
            reader.take(reference, "type")
            reader.take(identifier, "system")
            let at = identifier.at("value")
            let id = reader.parse { () throws(ValidationError) in
                try ConsentID(validating: value.hasPrefix("urn:uuid:") ? String(value.dropFirst(9)) : value, path: at)
            }
            return (purpose, id.map(LawfulBasis.consent))
        }
        guard parts["statute"] != nil || parts["article6"] != nil || parts["article9"] != nil else { return (purpose, nil) }
        let statute: Statute? = coded("statute", FHIRSystems.statute)
        let article6: Article6Condition? = coded("article6", FHIRSystems.article6, allowed: StatutoryBasis.article6Conditions)
        let article9: Article9Condition? = coded("article9", FHIRSystems.article9, allowed: StatutoryBasis.article9Conditions)
        for (name, present) in [("statute", statute != nil || parts["statute"] != nil), ("article6", parts["article6"] != nil), ("article9", parts["article9"] != nil)] where !present {
            reader.report(sharing.path, "required", "a statutory basis names the statute, article6 and article9 together: add the \(name) part")
        }
        guard let statute, let article6, let article9 else { return (purpose, nil) }
        return (purpose, .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9)))
    }
}
