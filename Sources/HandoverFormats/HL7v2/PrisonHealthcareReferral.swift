import HandoverModel

/// The REF^I12 content and the canonical referral payload (formats README §4.3), both ways.
///
/// | payload | ER7 |
/// |---|---|
/// | `referralId` | RF1-6.1 (RF1-6.2 is the prison) |
/// | `referralType` | RF1-3 (`PrisonHealthcareCodes.referralTypes`) |
/// | `priority`, `status` | RF1-2, RF1-1 |
/// | `referredOn`, `respondBy` | RF1-7, RF1-8 |
/// | `reason` | the first DG1's description |
/// | `personalCareNeeds[]` `{code, description, recordedOn}` | each DG1: DG1-3.1, DG1-3.2 (or DG1-4), DG1-5 |
/// | `requestedBy` `{name, role, address, phone}` | PRD with PRD-1 `RP`: PRD-2 (XPN.6 the role), PRD-3, PRD-5 |
/// | `requestedOf` `{name, identifier}` | PRD with PRD-1 `RT`: PRD-2.1, PRD-7 (`E06000035^GSS`) |
/// | `prisonId`, `location`, `bookingId`, `receptionDate` | PV1-3.4, PV1-3.1, PV1-19.1, PV1-44 |
/// | `notes[]` | each NTE-3 |
///
/// RF1-4, RF1-5 and RF1-10 are written as `AM`, `A` and `O` (assume management, ambulatory,
/// provider ordered); other values read in are reported as dropped.
enum PrisonHealthcareReferral {
    static func decode(_ reader: inout ER7FieldReader) -> [(String, JSONValue?)] {
        let rf1 = ER7Location("RF1")
        guard reader.has("RF1") else {
            reader.report(rf1, "hl7-segment-required", "send an RF1 segment with the referral type in RF1-3")
            return []
        }
        func coded(_ field: Int, _ table: [PrisonHealthcareCodes.Code], _ name: String) -> JSONValue? {
            let at = ER7Location("RF1", field: field)
            reader.markUsed(at)
            guard let code = reader.text(at.at(component: 1)) else { return nil }
            guard let row = PrisonHealthcareCodes.byCode(code, in: table) else {
                reader.report(at.at(component: 1), "hl7-code", "send the \(name) as one of \(PrisonHealthcareCodes.list(table, canonical: false))")
                return nil
            }
            return .string(row.canonical)
        }
        let referralType = coded(3, PrisonHealthcareCodes.referralTypes, "referral type")
        if reader.text(ER7Location("RF1", field: 3, component: 1)) == nil {
            reader.report(ER7Location("RF1", field: 3, component: 1), "required", "send the referral type in RF1-3, e.g. CASS^Care Act s76 needs assessment (prisoner)^L")
        }
        let priority = coded(2, PrisonHealthcareCodes.priorities, "priority")
        let status = coded(1, PrisonHealthcareCodes.statuses, "referral status")
        reader.expect(ER7Location("RF1", field: 4), "AM")
        reader.expect(ER7Location("RF1", field: 5), "A")
        reader.expect(ER7Location("RF1", field: 10), "O")
        let referralId = reader.text(ER7Location("RF1", field: 6, component: 1))
        let referredOn = reader.timestamp(ER7Location("RF1", field: 7))
        let respondBy = reader.timestamp(ER7Location("RF1", field: 8))

        var requestedBy: JSONValue?
        var requestedOf: JSONValue?
        for occurrence in reader.occurrences(of: "PRD") {
            let at = { (field: Int) in ER7Location("PRD", occurrence: occurrence, field: field) }
            switch reader.peek(at(1)).uppercased() {
            case "RP" where requestedBy == nil:
                reader.markUsed(at(1))
                requestedBy = PrisonHealthcareValues.object([
                    ("name", PrisonHealthcareValues.name(at(2), &reader)),
                    ("role", PrisonHealthcareValues.text(reader.text(at(2).at(component: 6)))),
                    ("address", PrisonHealthcareValues.address(at(3).at(repetition: 1), &reader)),
                    ("phone", PrisonHealthcareValues.text(reader.text(at(5).at(component: 1)))),
                ])
            case "RT" where requestedOf == nil:
                reader.markUsed(at(1))
                var identifier: JSONValue?
                if let value = reader.text(at(7).at(component: 1)) {
                    let scheme = (reader.text(at(7).at(component: 2)) ?? "").lowercased()
                    switch scheme {
                    case "gss":
                        _ = reader.parse { () throws(ValidationError) in try GSSCode(validating: value, path: at(7).at(component: 1).description) }
                    case "ods":
                        _ = reader.parse { () throws(ValidationError) in try ODSCode(validating: value, path: at(7).at(component: 1).description) }
                    default:
                        reader.report(at(7).at(component: 2), "hl7-code", "name the identifier scheme in PRD-7.2 as GSS or ODS, e.g. E06000035^GSS")
                    }
                    identifier = .object([("scheme", .string(scheme)), ("value", .string(value.uppercased()))])
                }
                requestedOf = PrisonHealthcareValues.object([
                    ("name", PrisonHealthcareValues.text(reader.text(at(2).at(component: 1)))),
                    ("identifier", identifier),
                ])
            default:
                break
            }
        }

        var needs: [JSONValue] = []
        for occurrence in reader.occurrences(of: "DG1") {
            let at = { (field: Int) in ER7Location("DG1", occurrence: occurrence, field: field) }
            reader.markUsed(at(1))
            reader.expect(at(6), "W")
            let code = reader.text(at(3).at(component: 1))
            let description = reader.text(at(3).at(component: 2)) ?? reader.text(at(4))
            let recordedOn = reader.timestamp(at(5))
            if let need = PrisonHealthcareValues.object([
                ("code", PrisonHealthcareValues.text(code)),
                ("description", PrisonHealthcareValues.text(description)),
                ("recordedOn", PrisonHealthcareValues.text(recordedOn?.iso)),
            ]) {
                needs.append(need)
            }
        }
        let reason = needs.first?["description"]
        let custody = PrisonHealthcareCustody.decode(&reader, event: .referral)
        let notes = PrisonHealthcareCustody.notes(&reader)
        return [
            ("referralId", PrisonHealthcareValues.text(referralId)),
            ("referralType", referralType),
            ("priority", priority),
            ("status", status),
            ("reason", reason),
            ("referredOn", PrisonHealthcareValues.text(referredOn?.iso)),
            ("respondBy", PrisonHealthcareValues.text(respondBy?.iso)),
            ("requestedBy", requestedBy),
            ("requestedOf", requestedOf),
        ] + custody + [
            ("personalCareNeeds", needs.isEmpty ? nil : .array(needs)),
            ("notes", notes),
        ]
    }

    /// The segments before PID (RF1, PRD) and after it (DG1, PV1, NTE).
    static func encode(_ payload: inout CanonicalPayloadReader, header: HL7Header) -> (before: [ER7SegmentWriter], after: [ER7SegmentWriter]) {
        var rf1 = ER7SegmentWriter("RF1")
        func coded(_ pointer: String, _ table: [PrisonHealthcareCodes.Code], required: Bool) -> ER7FieldValue {
            guard let value = payload.string(pointer) else {
                if required { payload.report(pointer, "required", "send one of: \(PrisonHealthcareCodes.list(table, canonical: true))") }
                return .empty
            }
            guard let row = PrisonHealthcareCodes.byCanonical(value, in: table) else {
                payload.report(pointer, "hl7-unsupported-value", "HL7 v2 prison referrals carry only: \(PrisonHealthcareCodes.list(table, canonical: true))")
                return .empty
            }
            return PrisonHealthcareCodes.field(row)
        }
        rf1[1] = coded("/status", PrisonHealthcareCodes.statuses, required: false)
        rf1[2] = coded("/priority", PrisonHealthcareCodes.priorities, required: false)
        rf1[3] = coded("/referralType", PrisonHealthcareCodes.referralTypes, required: true)
        rf1[4] = .components(["AM", "Assume management", "HL70282"])
        rf1[5] = .components(["A", "Ambulatory", "HL70284"])
        // RF1-6 is required in REF^I12: without a referral id of the sender's, the message's
        // control id (the gateway's message id on delivery) identifies the referral.
        let referralId = payload.string("/referralId") ?? header.controlId
        rf1[6] = .components([referralId, payload.value("/prisonId").flatMap { if case .string(let s) = $0 { s } else { nil } } ?? header.sendingFacility.code, "L"])
        rf1[7] = .text(payload.timestamp("/referredOn")?.er7 ?? "")
        rf1[8] = .text(payload.timestamp("/respondBy")?.er7 ?? "")
        rf1[10] = .components(["O", "Provider ordered", "HL70336"])
        var before = [rf1]

        if payload.value("/requestedBy") != nil {
            var prd = ER7SegmentWriter("PRD")
            prd[1] = .components(["RP", "Referring provider", "HL70286"])
            let name = PrisonHealthcareValues.name("/requestedBy/name", &payload)
            prd[2] = .components(name + ["", "", payload.string("/requestedBy/role") ?? ""])
            if payload.value("/requestedBy/address") != nil {
                prd[3] = PrisonHealthcareValues.address("/requestedBy/address", &payload)
            }
            if let phone = payload.string("/requestedBy/phone") { prd[5] = .components([phone, "WPN", "PH"]) }
            before.append(prd)
        }
        if payload.value("/requestedOf") != nil {
            var prd = ER7SegmentWriter("PRD")
            prd[1] = .components(["RT", "Referred to provider", "HL70286"])
            prd[2] = .text(payload.string("/requestedOf/name") ?? "")
            if let value = payload.string("/requestedOf/identifier/value") {
                let scheme = payload.string("/requestedOf/identifier/scheme") ?? ""
                if scheme != "gss" && scheme != "ods" {
                    payload.report("/requestedOf/identifier/scheme", "hl7-unsupported-value", "HL7 v2 prison referrals name the council by gss or ods")
                }
                prd[7] = .components([value, scheme.uppercased()])
            }
            before.append(prd)
        }
        if before.count == 1 {
            // REF^I12 requires a provider contact group: a bare referring-provider PRD, which the
            // decoder reads back as no referrer.
            var prd = ER7SegmentWriter("PRD")
            prd[1] = .components(["RP", "Referring provider", "HL70286"])
            before.append(prd)
        }

        var after: [ER7SegmentWriter] = []
        var needs: [(code: String, description: String, recordedOn: String)] = []
        for index in 0..<payload.count("/personalCareNeeds") {
            let at = "/personalCareNeeds/\(index)"
            needs.append((payload.string(at + "/code") ?? "", payload.string(at + "/description") ?? "", payload.timestamp(at + "/recordedOn")?.er7 ?? ""))
        }
        if let reason = payload.string("/reason"), needs.first?.description != reason {
            if needs.isEmpty { needs.append(("", reason, "")) } else { payload.unuse("/reason") }
        }
        for (index, need) in needs.enumerated() {
            var dg1 = ER7SegmentWriter("DG1")
            dg1[1] = .text("\(index + 1)")
            dg1[3] = .components([need.code, need.description, "L"])
            dg1[5] = .text(need.recordedOn)
            dg1[6] = "W"
            after.append(dg1)
        }
        if let pv1 = PrisonHealthcareCustody.encode(&payload, event: .referral) { after.append(pv1) }
        after += PrisonHealthcareCustody.notes(&payload)
        return (before, after)
    }
}
