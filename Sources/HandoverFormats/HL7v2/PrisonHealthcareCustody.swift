import HandoverModel

/// The custody facts every prison message shares (PV1) and free-text notes (NTE), both ways.
///
/// | payload | ER7 |
/// |---|---|
/// | `prisonId` | PV1-3.4 (ADT^A02: PV1-6.4, the prison the person leaves), an HMPPS agency id |
/// | `location` | PV1-3.1 (ADT^A02: PV1-6.1), the cell or wing |
/// | `destinationPrisonId`, `destinationLocation` | ADT^A02 only: PV1-3.4, PV1-3.1 |
/// | `bookingId` | PV1-19.1 (`1234567^^^LEI^VN`) |
/// | `receptionDate` | PV1-44, when the person was received into custody |
/// | `dischargeDisposition` | ADT: PV1-36 |
/// | `secondAuthority` `{scheme: "gss", value}`, `intendedMoveDate` | ADT: PV1-37.1 and PV1-37.2 |
/// | `releaseDate` | ADT: PV1-45 |
/// | `notes[]` | each NTE-3, repetitions joined by line feeds |
///
/// PV1-2 (patient class) is always `N`, not applicable: a prisoner is not a hospital patient.
enum PrisonHealthcareCustody {
    static func decode(_ reader: inout ER7FieldReader, event: PrisonHealthcareEvent) -> [(String, JSONValue?)] {
        guard reader.has("PV1") else {
            if event != .referral {
                reader.report(ER7Location("PV1"), "hl7-segment-required", "send a PV1 segment with the prison (PV1-3) and the receiving council (PV1-37)")
            }
            return []
        }
        let at = { (field: Int) in ER7Location("PV1", field: field) }
        reader.markUsed(at(1))
        reader.expect(at(2), "N")
        let here = event == .transfer ? at(6) : at(3)
        let prisonId = agency(here.at(component: 4), &reader)
        let location = reader.text(here.at(component: 1))
        var destination: [(String, JSONValue?)] = []
        if event == .transfer {
            destination = [
                ("destinationPrisonId", PrisonHealthcareValues.text(agency(at(3).at(component: 4), &reader))),
                ("destinationLocation", PrisonHealthcareValues.text(reader.text(at(3).at(component: 1)))),
            ]
        }
        let bookingId = reader.text(at(19).at(component: 1))
        let reception = reader.timestamp(at(44))
        var members: [(String, JSONValue?)] = [
            ("prisonId", PrisonHealthcareValues.text(prisonId)),
            ("location", PrisonHealthcareValues.text(location)),
        ] + destination + [
            ("bookingId", PrisonHealthcareValues.text(bookingId)),
            ("receptionDate", PrisonHealthcareValues.text(reception?.iso)),
        ]
        guard event != .referral else { return members }
        var authority: JSONValue?
        if let code = reader.text(at(37).at(component: 1)) {
            if let gss = reader.parse({ () throws(ValidationError) in try GSSCode(validating: code, path: at(37).at(component: 1).description) }) {
                authority = .object([("scheme", .string("gss")), ("value", .string(gss.value))])
            }
        } else if event == .release {
            reader.report(at(37).at(component: 1), "required", "send the receiving council's GSS code and the move date in PV1-37, e.g. E06000030^20250512")
        }
        let moveDate = reader.timestamp(at(37).at(component: 2))
        members += [
            ("dischargeDisposition", PrisonHealthcareValues.text(reader.text(at(36).at(component: 1)))),
            ("secondAuthority", authority),
            ("intendedMoveDate", PrisonHealthcareValues.text(moveDate?.iso)),
            ("releaseDate", PrisonHealthcareValues.text(reader.timestamp(at(45))?.iso)),
        ]
        return members
    }

    private static func agency(_ location: ER7Location, _ reader: inout ER7FieldReader) -> String? {
        guard let code = reader.text(location) else { return nil }
        return reader.parse { () throws(ValidationError) in try PrisonAgencyID(validating: code, path: location.description) }?.value
    }

    /// The PV1 segment, or nil when the payload holds no custody facts.
    static func encode(_ payload: inout CanonicalPayloadReader, event: PrisonHealthcareEvent) -> ER7SegmentWriter? {
        let prisonId = payload.string("/prisonId")
        let location = payload.string("/location")
        let bookingId = payload.string("/bookingId")
        let reception = payload.timestamp("/receptionDate")
        if event == .referral && prisonId == nil && location == nil && bookingId == nil && reception == nil { return nil }
        var pv1 = ER7SegmentWriter("PV1")
        pv1[1] = "1"
        pv1[2] = "N"
        let here = event == .transfer ? 6 : 3
        pv1[here] = .components([location ?? "", "", "", prisonId ?? ""])
        if event == .transfer {
            pv1[3] = .components([payload.string("/destinationLocation") ?? "", "", "", payload.string("/destinationPrisonId") ?? ""])
        }
        if let bookingId { pv1[19] = .components([bookingId, "", "", prisonId ?? "", "VN"]) }
        pv1[44] = .text(reception?.er7 ?? "")
        if event != .referral {
            pv1[36] = .text(payload.string("/dischargeDisposition") ?? "")
            let scheme = payload.string("/secondAuthority/scheme")
            let value = payload.string("/secondAuthority/value")
            if let value {
                if scheme != "gss" {
                    payload.report("/secondAuthority/scheme", "hl7-unsupported-value", "HL7 v2 prison messages name the receiving council by its GSS code: send scheme gss")
                }
                _ = payload.parse { () throws(ValidationError) in try GSSCode(validating: value, path: "/secondAuthority/value") }
            } else if event == .release {
                payload.report("/secondAuthority", "required", "send the receiving council as {\"scheme\": \"gss\", \"value\": \"E06000030\"}")
            }
            pv1[37] = .components([value ?? "", payload.timestamp("/intendedMoveDate")?.er7 ?? ""])
            pv1[45] = .text(payload.timestamp("/releaseDate")?.er7 ?? "")
        }
        return pv1
    }

    /// `notes` from every NTE segment.
    static func notes(_ reader: inout ER7FieldReader) -> JSONValue? {
        var notes: [JSONValue] = []
        for occurrence in reader.occurrences(of: "NTE") {
            reader.markUsed(ER7Location("NTE", occurrence: occurrence, field: 1))
            let text = reader.repetitions(ER7Location("NTE", occurrence: occurrence, field: 3)).texts.joined(separator: "\n")
            if !text.isEmpty { notes.append(.string(text)) }
        }
        return notes.isEmpty ? nil : .array(notes)
    }

    /// One NTE segment per note.
    static func notes(_ payload: inout CanonicalPayloadReader) -> [ER7SegmentWriter] {
        payload.strings("/notes").enumerated().map { index, note in
            var nte = ER7SegmentWriter("NTE")
            nte[1] = .text("\(index + 1)")
            nte[3] = .text(note)
            return nte
        }
    }
}
