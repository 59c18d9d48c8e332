import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Broken and hostile bodies: every problem reported at once where the rest is readable, a clear
/// malformed-body rule where it is not, and never a crash, a hang or unbounded memory.
@Suite struct HMPPSBadInputTests {
    private func text(_ name: String = "hmpps-received-referral") throws -> String {
        String(decoding: try HMPPSFixtures.example(name), as: UTF8.self)
    }

    private func issues(_ text: String, limits: HMPPSLimits = .standard) -> [ValidationIssue] {
        issues(Array(text.utf8), limits: limits)
    }

    private func issues(_ bytes: [UInt8], limits: HMPPSLimits = .standard) -> [ValidationIssue] {
        HL7Fixtures.issues { _ = try HMPPSFixtures.decode(bytes, limits: limits) }
    }

    private func pairs(_ text: String) -> Set<String> {
        Set(issues(text).map { "\($0.path) \($0.rule)" })
    }

    @Test func everyBrokenRuleIsReportedAtOnceWithItsPointerAndNoValueInTheHint() throws {
        let broken = try text()
            .replacingOccurrences(of: #""value": "9449305552""#, with: #""value": "9449305553""#)
            .replacingOccurrences(of: #""value": "12/394773H""#, with: #""value": "12/394773A""#)
            .replacingOccurrences(of: #""pncNumber": "12/394773H","#, with: "")
            .replacingOccurrences(of: "1980-09-20", with: "2025-02-30")
            .replacingOccurrences(of: #""nomsNumber": "A1234BC""#, with: #""nomsNumber": "A123BC""#)
            .replacingOccurrences(of: "2025-03-03T10:15:00+00:00", with: "2025-03-03T10:15:00")
            .replacingOccurrences(of: #""version": 1"#, with: #""version": 2, "colour": "blue""#)
            .replacingOccurrences(of: #""code": "E08000035", "codeSystem": "GSS""#, with: #""code": "E08000099", "codeSystem": "GSS""#)
            .replacingOccurrences(of: #""respondBy": "2025-03-17""#, with: #""respondBy": "2023-02-29""#)
            .replacingOccurrences(of: #""priority": "routine""#, with: #""priority": "soon""#)
        let found = issues(broken)
        #expect(Set(found.map { "\($0.path) \($0.rule)" }) == [
            "/colour unknown-field",
            "/version hmpps-event-version",
            "/occurredAt date-time-format",
            "/careExchange/recipient/code hmpps-recipient-unknown",
            "/personReference/identifiers/1/value nhs-number-check-digit",
            "/personReference/identifiers/2/value pnc-check-letter",
            "/additionalInformation/nomsNumber prisoner-number-format",
            "/prisoner/dateOfBirth date-calendar",
            "/careExchange/referral/priority enum",
            "/careExchange/referral/respondBy date-calendar",
        ])
        for secret in ["9449305553", "12/394773A", "A123BC", "E08000099", "blue"] {
            #expect(found.allSatisfy { !$0.hint.contains(secret) && !$0.hint.isEmpty }, "\(secret)")
        }
    }

    @Test func membersThatNameTheSameThingMustAgree() throws {
        let base = try text()
        #expect(pairs(base.replacingOccurrences(of: #""prisonerNumber": "A1234BC""#, with: #""prisonerNumber": "A1234BD""#)) == ["/prisoner/prisonerNumber hmpps-conflict"])
        #expect(pairs(base.replacingOccurrences(of: #""pncNumber": "12/394773H""#, with: #""pncNumber": "2012/0394773H""#)).isEmpty, "two spellings of one PNC number")
        #expect(pairs(base.replacingOccurrences(of: "\"prisonId\": \"LEI\",\n    \"prisonName\"", with: "\"prisonId\": \"MDI\", \"prisonName\"")) == ["/prisoner/prisonId hmpps-conflict"])
        #expect(pairs(base.replacingOccurrences(of: #""kind": "referral""#, with: #""kind": "continuity-of-care-transfer""#)) == ["/careExchange/kind hmpps-conflict"])
        let identifiers = #"{"type": "NOMS", "value": "A1234BC"},"#
        #expect(pairs(base.replacingOccurrences(of: identifiers, with: identifiers + identifiers)) == ["/personReference/identifiers/1 hmpps-identifier-repeated"])
        let release = try text("hmpps-released-transfer")
        #expect(pairs(release.replacingOccurrences(of: #""trigger": "prison-release""#, with: #""trigger": "prison-transfer""#)) == ["/careExchange/transfer/trigger hmpps-conflict"])
        #expect(pairs(release.replacingOccurrences(of: #""bookingId": "1234567""#, with: #""bookingId": "12345X7""#)) == ["/prisoner/bookingId booking-id-format"])
    }

    @Test func reasonsMustFitTheEvent() throws {
        let release = try text("hmpps-released-transfer")
        for reason in ["SENT_TO_COURT", "TEMPORARY_ABSENCE_RELEASE", "NEW_ADMISSION"] {
            #expect(pairs(release.replacingOccurrences(of: #""reason": "RELEASED""#, with: #""reason": "\#(reason)""#)) == ["/additionalInformation/reason hmpps-reason"], "\(reason)")
        }
        #expect(pairs(release.replacingOccurrences(of: #""reason": "RELEASED", "#, with: "")) == ["/additionalInformation/reason required"])
        let hospital = try HMPPSFixtures.decode(Array(release.replacingOccurrences(of: #""reason": "RELEASED""#, with: #""reason": "RELEASED_TO_HOSPITAL""#).utf8))
        let payload = try HMPPSFixtures.parse(hospital.submission.payload)
        #expect(payload["trigger"] == .string("prison-release") && payload["movementReason"] == .string("released-to-hospital"))
        #expect(pairs(try text().replacingOccurrences(of: "NEW_ADMISSION", with: "RELEASED")) == ["/additionalInformation/reason hmpps-reason"])
        #expect(pairs(try text().replacingOccurrences(of: "prisoner-offender-search.prisoner.received", with: "prisoner-offender-search.prisoner.updated")) == ["/eventType hmpps-event-type"])
    }

    @Test func anAcknowledgementCarriesNoPersonalDataAndNamesWhatItAnswers() throws {
        let ack = try text("hmpps-acknowledgement")
        let withPerson = ack.replacingOccurrences(of: #""careExchange": {"#, with: #""prisoner": {"lastName": "X", "dateOfBirth": "1980-01-01"}, "careExchange": {"purpose": "direct-care", "#)
        #expect(pairs(withPerson) == ["/prisoner unknown-field", "/careExchange/purpose unknown-field"])
        #expect(pairs(ack.replacingOccurrences(of: #""correlationId": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","#, with: "")) == ["/careExchange/correlationId required"])
        let quoted = ack.replacingOccurrences(of: #""correlationId": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","#, with: #""inReplyTo": "LCC-ASC-2025-0412","#)
        let answered = try HMPPSFixtures.decode(Array(quoted.utf8)).submission
        #expect(answered.inReplyTo == "LCC-ASC-2025-0412" && answered.conversationId == nil)
        #expect(pairs(ack.replacingOccurrences(of: #""outcome": "accepted""#, with: #""outcome": "maybe""#)) == ["/careExchange/acknowledgement/outcome enum"])
        #expect(pairs(ack.replacingOccurrences(of: #""acknowledgement": {"#, with: #""transfer": {}, "acknowledgement": {"#)) == ["/careExchange/transfer unknown-field"])
    }

    @Test func missingPartsAreNamed() throws {
        let legacy = try text("hmpps-received-transferred-legacy")
        #expect(pairs(legacy.replacingOccurrences(of: #""nomsNumber": "G4821UV", "#, with: "").replacingOccurrences(of: #""prisonerNumber": "G4821UV","#, with: "")) == ["/personReference person-identifier"])
        #expect(pairs(legacy.replacingOccurrences(of: #""lastName": "O'CONNELL","#, with: #""lastName": null,"#)) == ["/prisoner/lastName required"])
        #expect(pairs(#"{"eventType": "care-exchange.acknowledgement"}"#) == ["/version required", "/occurredAt required", "/careExchange required", "/careExchange/acknowledgement required", "/careExchange/correlationId required"])
        #expect(pairs(legacy.replacingOccurrences(of: #""kind": "referral","#, with: #""kind": null,"#)) == ["/careExchange/kind type"])
        #expect(pairs("[]") == [" type"])
    }

    @Test func wrongTypesAndBadIdentifiersAreReported() throws {
        let base = try text("hmpps-released-prison-transfer")
        let broken = base
            .replacingOccurrences(of: #""value": "29906/12J""#, with: #""value": "29906/12K""#)
            .replacingOccurrences(of: #""intendedMoveDate": "2025-09-01""#, with: #""intendedMoveDate": "01/09/2025""#)
            .replacingOccurrences(of: #""destinationPrisonId": "WDI""#, with: #""destinationPrisonId": "W""#)
            .replacingOccurrences(of: #""value": "E08000036""#, with: #""value": "E07000223X""#)
            .replacingOccurrences(of: #""careNeedsInCustody": "Daily"#, with: #""carePlanAttached": "yes", "careNeedsInCustody": "Daily"#)
        #expect(pairs(broken) == [
            "/personReference/identifiers/2/value cro-check-letter",
            "/careExchange/transfer/intendedMoveDate date-format",
            "/careExchange/transfer/destinationPrisonId prison-agency-format",
            "/careExchange/transfer/secondAuthority/value gss-format",
            "/careExchange/transfer/carePlanAttached type",
        ])
        #expect(pairs(base.replacingOccurrences(of: #""value": "B5678CD""#, with: #""value": "b5678cd""#)).isEmpty, "prisoner numbers are upper-cased first")
        #expect(pairs(base.replacingOccurrences(of: "1958-02-28", with: "2024-02-29")).isEmpty, "a leap day")
        #expect(pairs(base.replacingOccurrences(of: "1958-02-28", with: "2023-02-29")) == ["/prisoner/dateOfBirth date-calendar"])
        #expect(pairs(base.replacingOccurrences(of: #""kind": "continuity-of-care-transfer","#, with: #""kind": "continuity-of-care-transfer", "notes": null,"#)) == ["/careExchange/notes type"])
        #expect(pairs(base.replacingOccurrences(of: #""inOutStatus": "TRN","#, with: #""inOutStatus": null, "bookNumber": null,"#)).isEmpty, "null is absent in the prisoner block")
    }

    // MARK: malformed bodies

    @Test func unusableBodiesAreMalformedNotInvalid() throws {
        let codec = HMPPSEventCodec()
        let valid = try HMPPSFixtures.example("hmpps-received-referral")
        var utf16 = [UInt8]()
        for unit in String(decoding: valid, as: UTF8.self).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("truncated", Array(valid.prefix(valid.count / 2))),
            ("garbage", (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }),
            ("invalid UTF-8", Array(#"{"eventType": "x\#u{1}"}"#.utf8).map { $0 == 1 ? 0xC3 : $0 }),
            ("overlong UTF-8", Array(#"{"a": "_"}"#.utf8).map { $0 == UInt8(ascii: "_") ? 0xC0 : $0 } + [0x80]),
            ("UTF-16", utf16),
            ("byte order mark", [0xEF, 0xBB, 0xBF] + valid),
            ("duplicate member", Array(#"{"version": 1, "version": 1}"#.utf8)),
            ("comment", Array(#"{"version": 1 /* one */}"#.utf8)),
            ("trailing comma", Array(#"{"version": 1,}"#.utf8)),
            ("two documents", valid + valid),
            ("deep nesting", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)),
            ("nested objects", Array((String(repeating: #"{"a":"#, count: 17) + "1" + String(repeating: "}", count: 17)).utf8)),
        ]
        for (label, bytes) in cases {
            let found = issues(bytes)
            #expect(found.count == 1, "\(label): \(found)")
            #expect(found.allSatisfy { codec.malformedRules.contains($0.rule) }, "\(label): \(found.map(\.rule))")
        }
    }

    @Test func aTwentyMegabyteFieldIsRefusedUnreadAndALargeOneByItsLimit() throws {
        let huge = Array(#"{"description": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 20_000_000) + Array(#""}"#.utf8)
        let start = ContinuousClock.now
        #expect(issues(huge).map(\.rule) == ["max-size"])
        #expect(ContinuousClock.now - start < .milliseconds(50), "refused before parsing")

        let note = String(repeating: "x", count: 500_000)
        let long = try text().replacingOccurrences(of: #""notes": ["#, with: #""notes": ["\#(note)", "#)
        #expect(issues(long).map { "\($0.path) \($0.rule)" } == ["/careExchange/notes/0 max-length"])
    }

    @Test func listsAndIssueCountsAreBounded() throws {
        let small = HMPPSLimits(maxBytes: 1_048_576, maxDepth: 16, maxItems: 3, maxIssues: 5)
        let notes = try text().replacingOccurrences(of: #""notes": ["#, with: #""notes": ["a", "b", "c", "#)
        #expect(issues(notes, limits: small).map { "\($0.path) \($0.rule)" } == ["/careExchange/notes max-items"])
        var many = try text()
        for index in 0..<20 { many = many.replacingOccurrences(of: #""version": 1"#, with: #""version": 1, "x\#(index)": 0"#) }
        #expect(issues(many, limits: small).count == 5)
    }

    /// Mutated copies of every example (bytes flipped, cut, repeated) decode or are refused with a
    /// ValidationError; nothing else may happen.
    @Test func mutatedExamplesNeverCrash() throws {
        var generator = SeededGenerator(seed: 29)
        for name in HMPPSFixtures.examples {
            let original = try HMPPSFixtures.example(name)
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 16)], at: at)
                    default: bytes[at] = [UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "\\"), 0x00][Int.random(in: 0..<5, using: &generator)]
                    }
                    if bytes.isEmpty { break }
                }
                do {
                    let event = try HMPPSFixtures.decode(bytes)
                    _ = try? HMPPSEventEncoder.encode(try HMPPSFixtures.outbound(event))
                } catch is ValidationError {
                    continue
                }
            }
        }
    }
}
