/// The ADT^A03 / ADT^A02 content and the canonical continuity-of-care transfer payload (formats
/// README §4.3), both ways; PV1 is `PrisonHealthcareCustody`.
///
/// | payload | ER7 |
/// |---|---|
/// | `stage` | always `information-pack` |
/// | `trigger` | `prison-release` (A03) or `prison-transfer` (A02) |
/// | `recordedAt`, `plannedAt`, `occurredAt` | EVN-2, EVN-3, EVN-6 |
/// | `recordedBy` `{family, given}` | EVN-5 (`WHITLOCK^Hannah`: family first, as prison healthcare sends it) |
/// | `releaseType`, `careNeedsInCustody`, `consent` | OBX-5 of the OBX whose OBX-3 is `RELTYPE`, `CARENEED`, `CONSENT` |
/// | `observations[]` `{code, display, value}` | any other OBX: OBX-3.1, OBX-3.2, OBX-5 |
/// | `nextOfKin[]` `{name, relationship {code, display}, address, phone}` | ADT^A03 only: each NK1: NK1-2, NK1-3, NK1-4, NK1-5.1 |
///
/// OBX values are text (OBX-2 `ST`, `TX` or `FT`; others are refused); EVN-4 is written `O`
/// (other) and OBX-11 `F` (final).
enum PrisonHealthcareTransfer {
    static let textTypes = ["ST", "TX", "FT"]

    static func decode(_ reader: inout ER7FieldReader, event: PrisonHealthcareEvent) -> [(String, JSONValue?)] {
        var members: [(String, JSONValue?)] = [
            ("stage", .string(PrisonHealthcareEvent.transferStage)),
            ("trigger", PrisonHealthcareValues.text(event.transferTrigger)),
        ]
        members += PrisonHealthcareCustody.decode(&reader, event: event)
        if reader.has("EVN") {
            let at = { (field: Int) in ER7Location("EVN", field: field) }
            reader.markUsed(at(1))
            reader.expect(at(4), "O")
            members += [
                ("recordedAt", PrisonHealthcareValues.text(reader.timestamp(at(2))?.iso)),
                ("plannedAt", PrisonHealthcareValues.text(reader.timestamp(at(3))?.iso)),
                ("recordedBy", PrisonHealthcareValues.name(at(5), &reader)),
                ("occurredAt", PrisonHealthcareValues.text(reader.timestamp(at(6))?.iso)),
            ]
        } else {
            reader.report(ER7Location("EVN"), "hl7-segment-required", "send an EVN segment after MSH")
        }
        var named: [String: JSONValue] = [:]
        var observations: [JSONValue] = []
        for occurrence in reader.occurrences(of: "OBX") {
            let at = { (field: Int) in ER7Location("OBX", occurrence: occurrence, field: field) }
            reader.markUsed(at(1))
            reader.expect(at(11), "F")
            let type = reader.text(at(2)) ?? "ST"
            guard textTypes.contains(type.uppercased()) else {
                reader.report(at(2), "hl7-obx-value-type", "send observations as text: OBX-2 ST, TX or FT")
                continue
            }
            let code = reader.text(at(3).at(component: 1)) ?? ""
            let display = reader.text(at(3).at(component: 2))
            reader.markUsed(at(3))
            let value = reader.repetitions(at(5)).texts.joined(separator: "\n")
            if let row = PrisonHealthcareCodes.byCode(code, in: PrisonHealthcareCodes.observations), named[row.canonical] == nil {
                named[row.canonical] = .string(value)
            } else if let observation = PrisonHealthcareValues.object([
                ("code", PrisonHealthcareValues.text(code.isEmpty ? nil : code)),
                ("display", PrisonHealthcareValues.text(display)),
                ("value", .string(value)),
            ]) {
                observations.append(observation)
            }
        }
        var kin: [JSONValue] = []
        for occurrence in reader.occurrences(of: "NK1") {
            let at = { (field: Int) in ER7Location("NK1", occurrence: occurrence, field: field) }
            reader.markUsed(at(1))
            reader.markUsed(at(3))
            let relationship = PrisonHealthcareValues.object([
                ("code", PrisonHealthcareValues.text(reader.text(at(3).at(component: 1)))),
                ("display", PrisonHealthcareValues.text(reader.text(at(3).at(component: 2)))),
            ])
            if let person = PrisonHealthcareValues.object([
                ("name", PrisonHealthcareValues.name(at(2).at(repetition: 1), &reader)),
                ("relationship", relationship),
                ("address", PrisonHealthcareValues.address(at(4).at(repetition: 1), &reader)),
                ("phone", PrisonHealthcareValues.text(reader.text(at(5).at(component: 1)))),
            ]) {
                kin.append(person)
            }
        }
        members += PrisonHealthcareCodes.observations.map { ($0.canonical, named[$0.canonical]) }
        members += [
            ("observations", observations.isEmpty ? nil : .array(observations)),
            ("nextOfKin", kin.isEmpty ? nil : .array(kin)),
        ]
        return members
    }

    /// The segments before PID (EVN) and after it (NK1, PV1, OBX).
    static func encode(_ payload: inout CanonicalPayloadReader, event: PrisonHealthcareEvent) -> (before: [ER7SegmentWriter], after: [ER7SegmentWriter]) {
        if let stage = payload.string("/stage"), stage != PrisonHealthcareEvent.transferStage {
            payload.report("/stage", "hl7-unsupported-value", "HL7 v2 prison messages carry only the information-pack stage")
        }
        _ = payload.string("/trigger")
        var evn = ER7SegmentWriter("EVN")
        evn[1] = .text(event.triggerEvent ?? "")
        evn[2] = .text(payload.timestamp("/recordedAt")?.er7 ?? "")
        evn[3] = .text(payload.timestamp("/plannedAt")?.er7 ?? "")
        evn[4] = "O"
        if payload.value("/recordedBy") != nil {
            evn[5] = .components(PrisonHealthcareValues.name("/recordedBy", &payload))
        }
        evn[6] = .text(payload.timestamp("/occurredAt")?.er7 ?? "")

        var after: [ER7SegmentWriter] = []
        if event == .release {
            for index in 0..<payload.count("/nextOfKin") {
                let at = "/nextOfKin/\(index)"
                var nk1 = ER7SegmentWriter("NK1")
                nk1[1] = .text("\(index + 1)")
                nk1[2] = .components(PrisonHealthcareValues.name(at + "/name", &payload))
                nk1[3] = .components([payload.string(at + "/relationship/code") ?? "", payload.string(at + "/relationship/display") ?? "", "HL70063"])
                if payload.value(at + "/address") != nil { nk1[4] = PrisonHealthcareValues.address(at + "/address", &payload) }
                nk1[5] = .text(payload.string(at + "/phone") ?? "")
                after.append(nk1)
            }
        }
        if let pv1 = PrisonHealthcareCustody.encode(&payload, event: event) { after.append(pv1) }
        var observations: [(code: String, display: String, value: String)] = []
        for row in PrisonHealthcareCodes.observations {
            if let value = payload.string("/" + row.canonical) { observations.append((row.code, row.display, value)) }
        }
        for index in 0..<payload.count("/observations") {
            let at = "/observations/\(index)"
            observations.append((payload.string(at + "/code") ?? "", payload.string(at + "/display") ?? "", payload.string(at + "/value") ?? ""))
        }
        for (index, observation) in observations.enumerated() {
            var obx = ER7SegmentWriter("OBX")
            obx[1] = .text("\(index + 1)")
            obx[2] = "ST"
            obx[3] = .components([observation.code, observation.display, "L"])
            obx[5] = .text(observation.value)
            obx[11] = "F"
            after.append(obx)
        }
        return ([evn], after)
    }
}
