import HandoverModel

/// Consent grants and withdrawals as a FHIR Consent (the MessageHeader's focus), both ways.
///
/// | payload | Consent |
/// |---|---|
/// | `consentId` | `identifier[0]` `{system urn:ietf:rfc:3986, value urn:uuid:<id>}` (else `id`) |
/// | – | `status` `active` (grant) or `inactive` (withdrawal); `scope` patient-privacy; `category` v3 INFA; `policyRule` v3 OPTIN |
/// | `decidedAt` / `withdrawnAt` | `dateTime` |
/// | `givenBy` | extension `Extension-Handover-ConsentGivenBy` (valueCoding) |
/// | `givenByName` | `performer[0]` → RelatedPerson (attorney, deputy) or Practitioner (best-interests decision maker) `name[0].text`; the person themselves is the Patient |
/// | `purposes[]` | `provision.purpose[]` in `.../CodeSystem/purpose` |
/// | `recipients[]` | `provision.actor[]` (role IRCP) → Organization |
/// | `dataCategories[]` | `provision.class[]` in `.../CodeSystem/data-category` |
/// | `validFrom`, `validUntil` | `provision.period` |
/// | `recordedBy`, `reason` | extensions `-ConsentRecordedBy`, `-ConsentWithdrawalReason` (valueString) |
enum FHIRConsentMapping {
    static let statuses = ["draft", "proposed", "active", "rejected", "inactive", "entered-in-error"]
}

extension FHIRDecoding {
    mutating func consent(_ consent: FHIRNode, withdrawal: Bool) -> [(String, JSONValue?)] {
        let expected = withdrawal ? "inactive" : "active"
        if let status = reader.string(consent, "status", maxLength: 32), status != expected {
            reader.report(consent.at("status"), "fhir-consent-status", withdrawal
                ? "a withdrawal sends the Consent with status inactive" : "a grant sends the Consent with status active")
        }
        reader.require(consent["status"] != nil, consent.at("status"), "send the Consent status (\(expected))")
        reader.require(consent["scope"] != nil, consent.at("scope"), "send scope patient-privacy (\(FHIRSystems.consentScope))")
        reader.require(consent["category"] != nil, consent.at("category"), "send category INFA (\(FHIRSystems.actCode))")
        for name in ["scope", "category", "policyRule", "policy"] { reader.take(consent, name) }
        var consentId: String?
        if let identifier = reader.first(consent, "identifier", as: "Identifier") {
            reader.take(identifier, "system")
            if let value = reader.string(identifier, "value", maxLength: 64) {
                let at = identifier.at("value")
                consentId = reader.parse { () throws(ValidationError) in
                    try ConsentID(validating: value.hasPrefix("urn:uuid:") ? String(value.dropFirst(9)) : value, path: at).value
                }
            }
        } else if let id = reader.string(consent, "id", maxLength: 64) {
            let at = consent.at("id")
            consentId = reader.parse { () throws(ValidationError) in try ConsentID(validating: id, path: at).value }
        } else {
            reader.report(consent.at("identifier"), "required", "identify the consent: identifier {system urn:ietf:rfc:3986, value urn:uuid:<consent id>}")
        }
        reader.take(consent, "id")
        let at = reader.instant(consent, "dateTime")
        let flags = extensions(consent)
        let recordedBy = flags["ConsentRecordedBy"].flatMap { reader.string($0, "valueString") }
        if withdrawal {
            let reason = flags["ConsentWithdrawalReason"].flatMap { reader.string($0, "valueString") }
            return [
                ("consentId", FHIRJSON.string(consentId)), ("withdrawnAt", FHIRJSON.string(at)), ("reason", FHIRJSON.string(reason)),
                ("recordedBy", FHIRJSON.string(recordedBy)),
            ]
        }
        var givenBy = flags["ConsentGivenBy"].flatMap { ext in
            code(reader.child(ext, "valueCoding", as: "Coding"), system: FHIRSystems.givenBy, allowed: FHIRCodes.givenBy, "consent giver")
        }
        var givenByName: String?
        if let performer = resolve(reader.first(consent, "performer", as: "Reference"), ["Patient", "RelatedPerson", "Practitioner"], "consent giver") {
            if case .string("Patient")? = performer["resourceType"] {
                givenBy = givenBy ?? "person"
            } else if let name = reader.first(performer, "name", as: "HumanName") {
                givenByName = reader.string(name, "text", maxLength: 200)
                reader.take(performer, "patient")
                reader.take(performer, "relationship")
            }
        }
        reader.require(givenBy != nil, consent.at("extension"), "say who gave consent: the ConsentGivenBy extension, or the Patient as performer")
        var purposes: [JSONValue] = []
        var recipients: [JSONValue] = []
        var categories: [JSONValue] = []
        var validFrom: String?
        var validUntil: String?
        if let provision = reader.child(consent, "provision", as: "ConsentProvision") {
            reader.take(provision, "type")
            if let period = reader.child(provision, "period", as: "Period") {
                validFrom = reader.date(period, "start")?.description
                validUntil = reader.date(period, "end")?.description
            }
            for actor in reader.children(provision, "actor", as: "ConsentProvisionActor") {
                reader.take(actor, "role")
                if let json = organisation(actor, "reference", "recipient").json { recipients.append(json) }
            }
            for coding in reader.children(provision, "purpose", as: "Coding") {
                if let purpose = code(coding, system: FHIRSystems.purpose, allowed: Purpose.allCases.map(\.rawValue), "purpose") { purposes.append(.string(purpose)) }
            }
            for coding in reader.children(provision, "class", as: "Coding") {
                if let category = code(coding, system: FHIRSystems.dataCategory, allowed: FHIRCodes.dataCategories, "data category") { categories.append(.string(category)) }
            }
        }
        return [
            ("consentId", FHIRJSON.string(consentId)), ("givenBy", FHIRJSON.string(givenBy)), ("givenByName", FHIRJSON.string(givenByName)),
            ("decidedAt", FHIRJSON.string(at)), ("purposes", FHIRJSON.array(purposes)), ("recipients", FHIRJSON.array(recipients)),
            ("dataCategories", FHIRJSON.array(categories)), ("validFrom", FHIRJSON.string(validFrom)), ("validUntil", FHIRJSON.string(validUntil)),
            ("recordedBy", FHIRJSON.string(recordedBy)),
        ]
    }
}

extension FHIREncoding {
    /// The Consent for a grant or withdrawal; returns its fullUrl.
    mutating func consent(patient: String, withdrawal: Bool) -> String {
        var consentId: String?
        if let raw = payload.string("/consentId") {
            consentId = payload.parse { () throws(ValidationError) in try ConsentID(validating: raw, path: "/consentId").value }
        } else {
            payload.report("/consentId", "required", "send the consent's id (a UUID)")
        }
        var flags: [JSONValue?] = []
        var performer: String?
        var provision: JSONValue?
        if !withdrawal {
            let givenBy = code("/givenBy", FHIRCodes.givenBy, required: true)
            flags.append(givenBy.map { FHIRJSON.extensionValue("ConsentGivenBy", "Coding", FHIRJSON.coding(system: FHIRSystems.givenBy, code: $0)) })
            let name = payload.string("/givenByName")
            switch givenBy {
            case "person"?:
                performer = patient
                if name != nil { payload.unuse("/givenByName") }
            case let giver? where name != nil:
                let type = giver == "best-interests" ? "Practitioner" : "RelatedPerson"
                performer = builder.add(type, "consent-giver", [
                    ("patient", type == "RelatedPerson" ? FHIRJSON.reference(patient) : nil),
                    ("relationship", type == "RelatedPerson" ? .array([FHIRJSON.concept(system: FHIRSystems.givenBy, code: giver)]) : nil),
                    ("name", .array([.object([("text", .string(name ?? ""))])])),
                ])
            default:
                break
            }
            let period = FHIRJSON.object([("start", FHIRJSON.string(date("/validFrom"))), ("end", FHIRJSON.string(date("/validUntil")))])
            var actors: [JSONValue] = []
            for index in 0..<payload.count("/recipients") {
                guard let url = organisation("/recipients/\(index)") else { continue }
                actors.append(.object([
                    ("role", FHIRJSON.concept(system: FHIRSystems.participationType, code: "IRCP", display: "information recipient")),
                    ("reference", FHIRJSON.reference(url)),
                ]))
            }
            let purposes = (0..<payload.count("/purposes")).compactMap { code("/purposes/\($0)", Purpose.allCases.map(\.rawValue)) }
            let categories = (0..<payload.count("/dataCategories")).compactMap { code("/dataCategories/\($0)", FHIRCodes.dataCategories) }
            provision = .object([
                ("type", .string("permit")),
                ("period", period),
                ("actor", FHIRJSON.array(actors)),
                ("purpose", FHIRJSON.array(purposes.map { FHIRJSON.coding(system: FHIRSystems.purpose, code: $0) })),
                ("class", FHIRJSON.array(categories.map { FHIRJSON.coding(system: FHIRSystems.dataCategory, code: $0) })),
            ].compactMap { name, value in value.map { (name, $0) } })
        } else {
            flags.append(payload.string("/reason").map { FHIRJSON.extensionValue("ConsentWithdrawalReason", "String", .string($0)) })
        }
        flags.append(payload.string("/recordedBy").map { FHIRJSON.extensionValue("ConsentRecordedBy", "String", .string($0)) })
        let at = instant(withdrawal ? "/withdrawnAt" : "/decidedAt")
        return builder.add("Consent", "focus", [
            ("extension", FHIRJSON.array(flags)),
            ("identifier", consentId.map { .array([FHIRJSON.identifier(system: FHIRSystems.rfc3986, value: "urn:uuid:" + $0)]) }),
            ("status", .string(withdrawal ? "inactive" : "active")),
            ("scope", FHIRJSON.concept(system: FHIRSystems.consentScope, code: "patient-privacy")),
            ("category", .array([FHIRJSON.concept(system: FHIRSystems.actCode, code: "INFA", display: "information access")])),
            ("patient", FHIRJSON.reference(patient)),
            ("dateTime", FHIRJSON.string(at)),
            ("performer", performer.map { .array([FHIRJSON.reference($0)]) }),
            ("policyRule", FHIRJSON.concept(system: FHIRSystems.actCode, code: "OPTIN", display: "opt-in")),
            ("provision", provision),
        ])
    }
}
