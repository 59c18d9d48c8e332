import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct PrisonHealthcareCodecTests {
    private func decode(_ bytes: [UInt8]) throws -> PrisonHealthcareMessage {
        try PrisonHealthcareDecoder.decode(bytes, directory: HL7Fixtures.directory)
    }

    private func decode(_ text: String) throws -> PrisonHealthcareMessage {
        try decode(Array(text.utf8))
    }

    private func payload(_ message: PrisonHealthcareMessage) throws -> JSONValue {
        try message.submission.payload.withUnsafeBytes { try JSONParser.parse($0) }
    }

    private func referral() throws -> String {
        String(decoding: try HL7Fixtures.example("prison-hl7v2-referral-REF_I12"), as: UTF8.self)
    }

    // MARK: golden decode and encode

    @Test(arguments: HL7Fixtures.examples)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let message = try decode(try HL7Fixtures.example(name))
        #expect(try HL7Fixtures.matchesGolden(HL7Fixtures.json(message), "golden/\(name).canonical.json"))
    }

    @Test(arguments: HL7Fixtures.examples + ["prison-hl7v2-transfer-ADT_A02"])
    func encodingAGoldenCanonicalMatchesItsGoldenER7(name: String) throws {
        let input = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/\(name).canonical.json"))
        let output = try PrisonHealthcareEncoder.encode(input.submission, header: input.header)
        #expect(try HL7Fixtures.matchesGolden(output.bytes, "golden/\(name).er7"))
    }

    @Test func theReferralMapsToTheCanonicalModel() throws {
        let message = try decode(try HL7Fixtures.example("prison-hl7v2-referral-REF_I12"))
        let submission = message.submission
        #expect(submission.kind == .referral)
        #expect(submission.recipient.value == "leeds-asc")
        #expect(submission.purpose == .careActAssessment)
        #expect(submission.senderLocalId == "LEI-20250303-000123")
        let subject = try #require(submission.subject)
        #expect(subject.nhsNumber?.value == "9449305552")
        #expect(subject.prisonerNumber?.value == "A1234BC")
        #expect(subject.name == PersonName(family: "CHISLETT", given: ["Octavia"]))
        #expect(subject.birthDate.description == "1980-09-20")
        let payload = try payload(message)
        #expect(payload["referralType"] == .string("care-act-s76-needs-assessment"))
        #expect(payload["priority"] == .string("routine"))
        #expect(payload["prisonId"] == .string("LEI"))
        #expect(payload["requestedOf"]?["identifier"]?["value"] == .string("E06000035"))
        #expect(payload["subjectDetails"]?["nhsNumberVerificationStatus"] == .string("01"))
        #expect(message.header.sendingFacility.code == "LEI")
        #expect(submission.dropped.isEmpty)
    }

    @Test func theReleaseIsAnInformationPackForTheReceivingCouncil() throws {
        let message = try decode(try HL7Fixtures.example("prison-hl7v2-transfer-ADT_A03"))
        #expect(message.submission.kind == .continuityOfCareTransfer)
        #expect(message.submission.recipient.value == "swindon-asc")
        #expect(message.submission.purpose == .continuityOfCare)
        let payload = try payload(message)
        #expect(payload["stage"] == .string("information-pack"))
        #expect(payload["trigger"] == .string("prison-release"))
        #expect(payload["secondAuthority"] == .object([("scheme", .string("gss")), ("value", .string("E06000030"))]))
        #expect(payload["intendedMoveDate"] == .string("2025-05-12"))
        #expect(payload["releaseDate"] == .string("2025-05-12T09:00:00"))
        #expect(payload["consent"] == .string("Y - recorded 2025-04-28"))
        #expect(payload["nextOfKin"]?.serialized.isEmpty == false)
    }

    @Test func theAcknowledgementQuotesTheMessageItAnswers() throws {
        let message = try decode(try HL7Fixtures.example("prison-hl7v2-ack"))
        #expect(message.submission.kind == .acknowledgement)
        #expect(message.submission.recipient.value == "hmp-leeds")
        #expect(message.submission.inReplyTo == "LEI-20250303-000123")
        #expect(message.submission.conversationId == nil)
        #expect(message.submission.subject == nil && message.submission.purpose == nil)
        #expect(try payload(message)["outcome"] == .string("accepted"))
        #expect(message.header.acknowledgedEvent == "I12")

        let id = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"
        let text = String(decoding: try HL7Fixtures.example("prison-hl7v2-ack"), as: UTF8.self).replacingOccurrences(of: "MSA|AA|LEI-20250303-000123", with: "MSA|AE|\(id)")
        let answered = try decode(text)
        #expect(answered.submission.conversationId?.value == id)
        #expect(try payload(answered)["outcome"] == .string("error"))
    }

    // MARK: round trips

    @Test(arguments: HL7Fixtures.examples)
    func er7ToCanonicalToER7PreservesMeaning(name: String) throws {
        let first = try decode(try HL7Fixtures.example(name))
        let output = try PrisonHealthcareEncoder.encode(first.submission, header: first.header)
        #expect(output.dropped.isEmpty)
        let second = try decode(output.bytes)
        #expect(second == first)
    }

    @Test func canonicalToER7ToCanonicalLosesNothingER7CanCarry() throws {
        let input = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/prison-hl7v2-transfer-ADT_A02.canonical.json"))
        let output = try PrisonHealthcareEncoder.encode(input.submission, header: input.header)
        #expect(output.dropped.isEmpty)
        let back = try decode(output.bytes)
        #expect(back.header == input.header)
        #expect(back.submission.subject == input.submission.subject)
        #expect(back.submission.kind == input.submission.kind)
        #expect(back.submission.purpose == input.submission.purpose)
        #expect(back.submission.senderLocalId == input.submission.senderLocalId)
        #expect(try payload(back) == (try input.submission.payload.withUnsafeBytes { try JSONParser.parse($0) }))
    }

    @Test func whatER7CannotCarryIsListedAsDropped() throws {
        let input = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/prison-hl7v2-referral-REF_I12.canonical.json"))
        var submission = input.submission
        submission.purpose = .safeguarding
        submission.senderLocalId = "OTHER-REF"
        var payload = try submission.payload.withUnsafeBytes { try JSONParser.parse($0) }
        if case .object(var members) = payload {
            members.append(("carePlan", .object([("planId", .string("LCC-CSP-55120"))])))
            payload = .object(members)
        }
        submission.payload = payload.serialized
        let output = try PrisonHealthcareEncoder.encode(submission, header: input.header)
        #expect(Set(output.dropped.map(\.location)) == ["/purpose", "/senderLocalId", "/payload/carePlan/planId"])

        let extra = try referral().replacingOccurrences(of: "\rDG1|", with: "\rPD1|||HMP Leeds GP^^L83043\rDG1|")
            .replacingOccurrences(of: "NSTS01", with: "NSTS01\rZU1|1|local")
            .replacingOccurrences(of: "HMP Leeds^^LEEDS||", with: "HMP Leeds^^LEEDS||0113 000 1111")
        let decoded = try decode(extra)
        #expect(Set(decoded.submission.dropped.map(\.location)) == ["PD1", "ZU1", "PID-13"])
    }

    /// Names and notes with apostrophes, accents, every delimiter and the escape character survive
    /// canonical to ER7 to canonical.
    @Test func awkwardTextSurvivesTheRoundTrip() throws {
        let base = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/prison-hl7v2-referral-REF_I12.canonical.json"))
        var generator = SeededGenerator(seed: 3)
        let pieces = ["O'Brien", "D’Souza", "Zoë", "Łukasz", "Ñúñez", "|", "^", "~", "\\", "&", "\\E\\", "\\F\\", "\"\"x", "Anne-Marie", "李", " "]
        for _ in 0..<100 {
            func text() -> String {
                let value = (0..<Int.random(in: 1...4, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
                return value.trimmingCharacters(in: .whitespaces).isEmpty || value == "\"\"" ? "A" + value : value
            }
            var submission = base.submission
            let family = text()
            let given = [text()]
            let subject = try #require(submission.subject)
            submission.subject = Person(nhsNumber: subject.nhsNumber, prisonerNumber: subject.prisonerNumber, name: PersonName(family: family, given: given), birthDate: subject.birthDate)
            let note = text() + "\n" + text()
            var payload = try submission.payload.withUnsafeBytes { try JSONParser.parse($0) }
            if case .object(let members) = payload {
                payload = .object(members.map { $0.0 == "notes" ? ("notes", .array([.string(note)])) : $0 })
            }
            submission.payload = payload.serialized
            let output = try PrisonHealthcareEncoder.encode(submission, header: base.header)
            let back = try decode(output.bytes)
            #expect(back.submission.subject?.name == PersonName(family: family, given: given))
            #expect(try self.payload(back)["notes"] == .array([.string(note)]))
        }
    }

    // MARK: bad input

    @Test func anInvalidNHSNumberIsReportedAtPID3WithEveryOtherProblem() throws {
        let text = try referral()
            .replacingOccurrences(of: "9449305552^^^NHS^NH", with: "9449305553^^^NHS^NH")
            .replacingOccurrences(of: "19800920", with: "20250230")
            .replacingOccurrences(of: "A1234BC^^^HMPPS", with: "A123BC^^^HMPPS")
            .replacingOccurrences(of: "|20250331|", with: "|2025-03-31|")
        let found = HL7Fixtures.issues { _ = try decode(text) }
        let pairs = Set(found.map { "\($0.path) \($0.rule)" })
        #expect(pairs.contains("PID-3[1].1 nhs-number-check-digit"))
        #expect(pairs.contains("PID-3[2].1 prisoner-number-format"))
        #expect(pairs.contains("PID-7 date-calendar"))
        #expect(pairs.contains("RF1-8 hl7-timestamp-format"))
        #expect(found.allSatisfy { !$0.hint.isEmpty && !$0.hint.contains("9449305553") })
    }

    @Test func headerProblemsAreReportedTogether() throws {
        let text = try referral()
            .replacingOccurrences(of: "E06000035^LEEDS CITY COUNCIL ASC^L", with: "E06000099^NOWHERE^L")
            .replacingOccurrences(of: "REF^I12^REF_I12", with: "ORU^R01")
            .replacingOccurrences(of: "|P|2.4|", with: "|X|2.3|")
        let pairs = Set(HL7Fixtures.issues { _ = try decode(text) }.map { "\($0.path) \($0.rule)" })
        #expect(pairs == ["MSH-9 hl7-message-type", "MSH-6.1 hl7-recipient-unknown", "MSH-11.1 hl7-code", "MSH-12.1 hl7-version"])
    }

    @Test func missingSegmentsAndFieldsAreNamed() throws {
        let noPID = try referral().replacingOccurrences(of: #"PID\|[^\r]*\r"#, with: "", options: .regularExpression)
        #expect(HL7Fixtures.issues { _ = try decode(noPID) }.map(\.path) == ["PID"])
        let noName = try referral().replacingOccurrences(of: "CHISLETT^Octavia^^^Miss", with: "")
        #expect(HL7Fixtures.issues { _ = try decode(noName) }.map { "\($0.path) \($0.rule)" } == ["PID-5[1].1 required"])
        let release = String(decoding: try HL7Fixtures.example("prison-hl7v2-transfer-ADT_A03"), as: UTF8.self).replacingOccurrences(of: "|E06000030^20250512|", with: "||")
        #expect(HL7Fixtures.issues { _ = try decode(release) }.map { "\($0.path) \($0.rule)" } == ["PV1-37.1 required"])
    }

    @Test func theEncoderRefusesWhatPrisonHealthcareCannotTake() throws {
        let input = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/prison-hl7v2-transfer-ADT_A03.canonical.json"))
        var submission = input.submission
        submission.kind = .placementQuery
        #expect(HL7Fixtures.issues { _ = try PrisonHealthcareEncoder.encode(submission, header: input.header) }.map(\.rule) == ["hl7-unsupported-kind"])
        submission = input.submission
        submission.payload = Array(#"{"stage":"assessment-outcome","trigger":"prison-release","secondAuthority":{"scheme":"ods","value":"QOX"},"intendedMoveDate":"2025-02-30"}"#.utf8)
        let pairs = Set(HL7Fixtures.issues { _ = try PrisonHealthcareEncoder.encode(submission, header: input.header) }.map { "\($0.path) \($0.rule)" })
        #expect(pairs == ["/stage hl7-unsupported-value", "/secondAuthority/scheme hl7-unsupported-value", "/secondAuthority/value gss-format", "/intendedMoveDate date-calendar"])
        submission.payload = Array("[1]".utf8)
        #expect(HL7Fixtures.issues { _ = try PrisonHealthcareEncoder.encode(submission, header: input.header) }.map(\.rule) == ["type"])
    }

    @Test func timestampsConvertBothWaysAtTheirPrecision() throws {
        for (er7, iso) in [("20250303", "2025-03-03"), ("202503031015", "2025-03-03T10:15"), ("20250303101500.25+0100", "2025-03-03T10:15:00.25+01:00")] {
            #expect(try HL7Timestamp(er7: er7, path: "").iso == iso)
            #expect(try HL7Timestamp(iso: iso, path: "").er7 == er7)
        }
        #expect(try HL7Timestamp(iso: "2025-03-03T10:15:00Z", path: "").er7 == "20250303101500+0000")
        for bad in ["2025", "202503", "20250303T1015", "20250303101560", "2025030310150", "20250303+0000"] {
            #expect(HL7Fixtures.issues { _ = try HL7Timestamp(er7: bad, path: "X-1") }.map(\.path) == ["X-1"], "\(bad)")
        }
        #expect(HL7Fixtures.issues { _ = try HL7Timestamp(er7: "20250230", path: "PID-7") }.map(\.rule) == ["date-calendar"])
    }
}
