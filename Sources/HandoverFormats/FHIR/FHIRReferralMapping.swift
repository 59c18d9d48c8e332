import HandoverModel

/// A referral as a ServiceRequest (the MessageHeader's focus), both ways.
///
/// | payload | ServiceRequest |
/// |---|---|
/// | `referralId` | `identifier[0].value` (written with the project's referral-id system) |
/// | `referralType` | `code.coding` in `.../CodeSystem/referral-type` |
/// | `priority` | `priority` |
/// | `reason` | `reasonCode[0].text` |
/// | `referredOn` | `authoredOn` (the date part) |
/// | `respondBy` | `occurrencePeriod.end` |
/// | `requestedBy` | `requester` → PractitionerRole (`code[0].text` the role, `telecom` phone and email, `organization`) → Practitioner (`name`, `address`) |
/// | `requestedOf` | `performer[0]` → Organization |
/// | `checklist` | `supportingInfo` → QuestionnaireResponse of `.../Questionnaire/chc-checklist` |
/// | `consentRecorded`, `selfReferral` | extensions `Extension-Handover-ConsentRecorded`, `-SelfReferral` (valueBoolean) |
/// | `notes[]` | `note[].text` |
///
/// `status` is written `active` and `intent` `order`; the canonical `status` (HL7 RF1-1) and the
/// prison members have no place and are listed as dropped.
enum FHIRReferralMapping {
    static let serviceRequestStatuses = ["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"]
    static let requestIntents = ["proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"]
}

extension FHIRDecoding {
    mutating func referral(_ request: FHIRNode) -> (members: [(String, JSONValue?)], subject: FHIRNode) {
        expectCode(request, "status", allowed: FHIRReferralMapping.serviceRequestStatuses)
        expectCode(request, "intent", allowed: FHIRReferralMapping.requestIntents)
        var referralId: String?
        if let identifier = reader.first(request, "identifier", as: "Identifier") {
            reader.take(identifier, "system")
            referralId = reader.string(identifier, "value", maxLength: 128)
        }
        let referralType = conceptCode(request, "code", system: FHIRSystems.referralType, allowed: FHIRCodes.referralTypes, "referral type")
        reader.require(request["code"] != nil, request.at("code"), "send the referral type as code.coding in \(FHIRSystems.referralType)")
        var priority: String?
        if let value = reader.string(request, "priority", maxLength: 16) {
            if FHIRCodes.priorities.contains(value) { priority = value } else {
                reader.report(request.at("priority"), "enum", "send priority as one of: \(FHIRCodes.priorities.joined(separator: ", "))")
            }
        }
        let reason = reader.first(request, "reasonCode", as: "CodeableConcept").flatMap { reader.string($0, "text") }
        let referredOn = dateOfDateTime(request, "authoredOn")
        let respondBy = reader.child(request, "occurrencePeriod", as: "Period").flatMap { reader.date($0, "end")?.description }
        var requestedBy: JSONValue?
        if let requester = resolve(request, "requester", ["PractitionerRole", "Practitioner", "Organization"], "referrer") {
            requestedBy = referrer(requester)
        }
        var requestedOf: JSONValue?
        if let performer = reader.first(request, "performer", as: "Reference"), let organization = resolve(performer, ["Organization"], "body asked") {
            let (json, identifier) = organisation(organization)
            let name = reader.string(organization, "name", maxLength: 512)
            if let json, identifier != nil {
                requestedOf = FHIRJSON.object([("name", FHIRJSON.string(name)), ("identifier", json.without("name"))])
            }
        }
        var checklist: JSONValue?
        for item in reader.items(request, "supportingInfo") where checklist == nil {
            guard case .string(let target)? = item.value["reference"], entries[target]?.resourceType == "QuestionnaireResponse",
                case .string(FHIRSystems.checklistQuestionnaire)? = entries[target]?.item.value["questionnaire"],
                let response = resolve(reader.open(item, as: "Reference"), ["QuestionnaireResponse"], "checklist")
            else { continue }
            checklist = self.checklist(response)
        }
        let flags = extensions(request)
        let notes = reader.children(request, "note", as: "Annotation").compactMap { reader.string($0, "text") }
        return ([
            ("referralId", FHIRJSON.string(referralId)),
            ("referralType", FHIRJSON.string(referralType)),
            ("priority", FHIRJSON.string(priority)),
            ("reason", FHIRJSON.string(reason)),
            ("referredOn", FHIRJSON.string(referredOn)),
            ("respondBy", FHIRJSON.string(respondBy)),
            ("requestedBy", requestedBy),
            ("requestedOf", requestedOf),
            ("checklist", checklist),
            ("consentRecorded", flags["ConsentRecorded"].flatMap { reader.boolean($0, "valueBoolean") }.map(JSONValue.bool)),
            ("selfReferral", flags["SelfReferral"].flatMap { reader.boolean($0, "valueBoolean") }.map(JSONValue.bool)),
            ("notes", FHIRJSON.array(notes.map(JSONValue.string))),
        ], request)
    }

    /// The date part of a FHIR date or dateTime member.
    mutating func dateOfDateTime(_ node: FHIRNode, _ name: String) -> String? {
        guard let text = reader.string(node, name, maxLength: 64) else { return nil }
        if text.utf8.count == 10 { return reader.parse(at: node.at(name)) { () throws(ValidationError) in try CalendarDate(validating: text).description } }
        return reader.parse(at: node.at(name)) { () throws(ValidationError) in
            _ = try Timestamp.parse(text)
            return String(text.prefix(10))
        }
    }

    /// `requestedBy` from a PractitionerRole (or a Practitioner or Organization alone).
    mutating func referrer(_ node: FHIRNode) -> JSONValue? {
        var practitioner: FHIRNode?
        var organization: FHIRNode?
        var role: String?
        var phone: String?
        var email: String?
        if case .string("PractitionerRole")? = node["resourceType"] {
            practitioner = resolve(node, "practitioner", ["Practitioner"], "referring practitioner")
            organization = resolve(node, "organization", ["Organization"], "referrer's organisation")
            role = reader.first(node, "code", as: "CodeableConcept").flatMap { reader.string($0, "text", maxLength: 200) }
            for telecom in reader.children(node, "telecom", as: "ContactPoint") {
                reader.take(telecom, "use")
                switch telecom["system"] {
                case .string("phone")? where phone == nil: reader.take(telecom, "system"); phone = reader.string(telecom, "value", maxLength: 64)
                case .string("email")? where email == nil: reader.take(telecom, "system"); email = reader.string(telecom, "value", maxLength: 256)
                default: continue
                }
            }
        } else if case .string("Practitioner")? = node["resourceType"] {
            practitioner = node
        } else {
            organization = node
        }
        let name = practitioner.flatMap { reader.first($0, "name", as: "HumanName") }.flatMap { self.name($0) }
        let address = practitioner.flatMap { reader.first($0, "address", as: "Address") }.flatMap { self.address($0) }
        return FHIRJSON.object([
            ("name", name), ("role", FHIRJSON.string(role)), ("organisation", organization.flatMap { organisation($0).json }),
            ("phone", FHIRJSON.string(phone)), ("email", FHIRJSON.string(email)), ("address", address),
        ])
    }

    /// The CHC Checklist from its QuestionnaireResponse.
    mutating func checklist(_ response: FHIRNode) -> JSONValue? {
        reader.take(response, "questionnaire")
        reader.take(response, "subject")
        expectCode(response, "status", allowed: ["in-progress", "completed", "amended", "entered-in-error", "stopped"])
        let completedOn = dateOfDateTime(response, "authored")
        let completedBy = reader.child(response, "author", as: "Reference").flatMap { reader.string($0, "display", maxLength: 200) }
        var levels: [String: String] = [:]
        var outcome: String?
        var reason: String?
        for raw in reader.items(response, "item") {
            // An item the mapping does not know stays unopened, so it is dropped whole.
            guard case .string(let linkId)? = raw.value["linkId"] else { continue }
            let isDomain = FHIRCodes.checklistDomains.contains { $0.member == linkId }
            guard isDomain || linkId == "outcome" || linkId == "reason",
                let item = reader.open(raw, as: "QuestionnaireResponseItem")
            else { continue }
            reader.take(item, "linkId")
            reader.take(item, "text")
            guard let answer = reader.first(item, "answer", as: "QuestionnaireResponseItemAnswer") else {
                reader.report(item.at("answer"), "required", "answer the checklist item")
                continue
            }
            if linkId == "reason" {
                reason = reader.string(answer, "valueString")
                continue
            }
            let coding = reader.child(answer, "valueCoding", as: "Coding")
            reader.require(coding != nil, answer.at("valueCoding"), "answer with a valueCoding")
            if linkId == "outcome" {
                outcome = code(coding, system: FHIRSystems.checklistOutcome, allowed: FHIRCodes.checklistOutcomes, "checklist outcome")
            } else if levels[linkId] == nil {
                levels[linkId] = code(coding, system: FHIRSystems.checklistLevel, allowed: FHIRCodes.checklistLevels, "domain level")
            }
        }
        let domains = FHIRCodes.checklistDomains.compactMap { domain in levels[domain.member].map { (domain.member, JSONValue.string($0)) } }
        return FHIRJSON.object([
            ("completedOn", FHIRJSON.string(completedOn)), ("completedBy", FHIRJSON.string(completedBy)),
            ("domains", domains.isEmpty ? nil : .object(domains)), ("outcome", FHIRJSON.string(outcome)), ("reason", FHIRJSON.string(reason)),
        ])
    }
}

extension JSONValue {
    /// This object without the member `name`.
    func without(_ name: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.0 != name })
    }
}
