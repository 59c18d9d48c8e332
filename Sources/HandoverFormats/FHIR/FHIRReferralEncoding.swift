import HandoverModel

extension FHIREncoding {
    /// The ServiceRequest for a referral (see `FHIRReferralMapping`), with its checklist and
    /// referrer entries; returns the ServiceRequest's fullUrl.
    mutating func referral(patient: String) -> String {
        let referralType = code("/referralType", FHIRCodes.referralTypes, required: true)
        let respondBy = date("/respondBy")
        var requester: String?
        if payload.value("/requestedBy") != nil { requester = referrer(patient: patient) }
        var performer: String?
        if payload.value("/requestedOf") != nil {
            let name = payload.string("/requestedOf/name")
            if payload.value("/requestedOf/identifier") != nil {
                performer = organisation("/requestedOf/identifier", name: name)
            } else if name != nil {
                // An Organization without an identifier could not be routed or matched.
                payload.unuse("/requestedOf/name")
            }
        }
        let checklist = payload.value("/checklist") != nil ? self.checklist(patient: patient, author: requester) : nil
        let flags: [JSONValue?] = [
            boolean("/consentRecorded").map { FHIRJSON.extensionValue("ConsentRecorded", "Boolean", .bool($0)) },
            boolean("/selfReferral").map { FHIRJSON.extensionValue("SelfReferral", "Boolean", .bool($0)) },
        ]
        let notes = payload.strings("/notes").map { JSONValue.object([("text", .string($0))]) }
        return builder.add("ServiceRequest", "referral", [
            ("extension", FHIRJSON.array(flags)),
            ("identifier", payload.string("/referralId").map { .array([FHIRJSON.identifier(system: FHIRSystems.referralId, value: $0)]) }),
            ("status", .string("active")),
            ("intent", .string("order")),
            ("code", referralType.map { FHIRJSON.concept(system: FHIRSystems.referralType, code: $0) }),
            ("priority", FHIRJSON.string(code("/priority", FHIRCodes.priorities))),
            ("subject", FHIRJSON.reference(patient)),
            ("occurrencePeriod", respondBy.map { .object([("end", .string($0))]) }),
            ("authoredOn", FHIRJSON.string(date("/referredOn"))),
            ("requester", requester.map(FHIRJSON.reference)),
            ("performer", performer.map { .array([FHIRJSON.reference($0)]) }),
            ("reasonCode", payload.string("/reason").map { .array([.object([("text", .string($0))])]) }),
            ("supportingInfo", checklist.map { .array([FHIRJSON.reference($0)]) }),
            ("note", FHIRJSON.array(notes)),
        ])
    }

    /// The PractitionerRole (and Practitioner) for `requestedBy`.
    mutating func referrer(patient: String) -> String {
        var practitioner: String?
        let name = self.name("/requestedBy/name")
        let address = self.address("/requestedBy/address")
        if name != nil || address != nil {
            practitioner = builder.add("Practitioner", "referrer", [
                ("name", name.map { .array([$0]) }), ("address", address.map { .array([$0]) }),
            ])
        }
        let telecom: [JSONValue?] = [
            payload.string("/requestedBy/phone").map { .object([("system", .string("phone")), ("value", .string($0)), ("use", .string("work"))]) },
            payload.string("/requestedBy/email").map { .object([("system", .string("email")), ("value", .string($0)), ("use", .string("work"))]) },
        ]
        return builder.add("PractitionerRole", "referrer", [
            ("practitioner", practitioner.map(FHIRJSON.reference)),
            ("organization", organisation("/requestedBy/organisation").map(FHIRJSON.reference)),
            ("code", payload.string("/requestedBy/role").map { .array([.object([("text", .string($0))])]) }),
            ("telecom", FHIRJSON.array(telecom)),
        ])
    }

    /// The QuestionnaireResponse for the CHC Checklist.
    mutating func checklist(patient: String, author: String?) -> String {
        var items: [JSONValue] = []
        for domain in FHIRCodes.checklistDomains {
            guard let level = code("/checklist/domains/" + domain.member, FHIRCodes.checklistLevels) else { continue }
            items.append(.object([
                ("linkId", .string(domain.member)), ("text", .string(domain.text)),
                ("answer", .array([.object([("valueCoding", FHIRJSON.coding(system: FHIRSystems.checklistLevel, code: level))])])),
            ]))
        }
        if let outcome = code("/checklist/outcome", FHIRCodes.checklistOutcomes) {
            items.append(.object([
                ("linkId", .string("outcome")), ("text", .string("Checklist outcome")),
                ("answer", .array([.object([("valueCoding", FHIRJSON.coding(system: FHIRSystems.checklistOutcome, code: outcome))])])),
            ]))
        }
        if let reason = payload.string("/checklist/reason") {
            items.append(.object([
                ("linkId", .string("reason")), ("text", .string("Reason for the outcome")),
                ("answer", .array([.object([("valueString", .string(reason))])])),
            ]))
        }
        return builder.add("QuestionnaireResponse", "checklist", [
            ("questionnaire", .string(FHIRSystems.checklistQuestionnaire)),
            ("status", .string("completed")),
            ("subject", FHIRJSON.reference(patient)),
            ("authored", FHIRJSON.string(date("/checklist/completedOn"))),
            ("author", payload.string("/checklist/completedBy").map { .object([("display", .string($0))]) }),
            ("item", FHIRJSON.array(items)),
        ])
    }
}
