import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Council JSON that must be refused, with every broken rule located by JSON Pointer.
@Suite struct CouncilJSONBadInputTests {
    let codec = CouncilJSONCodec()

    private func example(_ name: String) throws -> JSONValue {
        try CouncilFixtures.parse(try CouncilJSONCodecTests.example(name))
    }

    private func pairs(_ bytes: [UInt8], as sender: String = "swindon-asc") -> Set<String> {
        CouncilFixtures.pairs { _ = try codec.decode(bytes, context: CouncilFixtures.context(sender)) }
    }

    /// `root` with the member at `path` set (or removed, for nil).
    private func edit(_ root: JSONValue, _ path: String, _ value: JSONValue?) -> JSONValue {
        let keys = path.split(separator: "/").map(String.init)
        func set(_ node: JSONValue, _ keys: ArraySlice<String>) -> JSONValue {
            guard let key = keys.first, case .object(var members) = node else { return value ?? .null }
            if let index = members.firstIndex(where: { $0.0 == key }) {
                if keys.count == 1, value == nil { members.remove(at: index) } else { members[index].1 = set(members[index].1, keys.dropFirst()) }
            } else if keys.count == 1, let value {
                members.append((key, value))
            }
            return .object(members)
        }
        return set(root, keys[...])
    }

    private func edited(_ name: String, _ edits: [(String, JSONValue?)]) throws -> [UInt8] {
        let root = try example(name)
        return edits.reduce(root) { edit($0, $1.0, $1.1) }.serialized
    }

    @Test func everyBrokenRuleIsReportedAtOnceWithoutEchoingTheValue() throws {
        let bytes = try edited("council-json-referral-chc-checklist", [
            ("person/nhsNumber", .string("9434765918")),
            ("person/dateOfBirth", .string("2025-02-30")),
            ("payload/referralType", .string("chc-full-assessment")),
            ("payload/respondBy", .string("21/12/2026")),
            ("payload/carePlan", .object([("id", .string("x"))])),
            ("payload/checklist/domains/breathing", .string("D")),
            ("counterparty/odsCode", .string("ZZZ")),
            ("dataSharing/purpose", nil),
            ("sourceSystem/product", .string("Excel")),
        ])
        let found = CouncilFixtures.issues { _ = try codec.decode(bytes, context: CouncilFixtures.context("swindon-asc")) }
        #expect(Set(found.map { "\($0.path) \($0.rule)" }) == [
            "/person/nhsNumber nhs-number-check-digit", "/person/dateOfBirth date-calendar", "/payload/referralType enum",
            "/payload/respondBy date-format", "/payload/carePlan unknown-field", "/payload/checklist/domains/breathing enum",
            "/counterparty/odsCode unknown-recipient", "/dataSharing/purpose required", "/sourceSystem/product enum",
        ])
        #expect(found.allSatisfy { !$0.hint.isEmpty && !$0.hint.contains("9434765918") && !$0.hint.contains("21/12/2026") })
    }

    @Test func unusableBodiesAreMalformed() throws {
        let good = try CouncilJSONCodecTests.example("council-json-placement-query")
        var invalidUTF8 = good
        invalidUTF8[invalidUTF8.firstIndex(of: UInt8(ascii: "K"))!] = 0xC3
        let nested = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let cases: [(String, [UInt8], String)] = [
            ("truncated", Array(good.prefix(good.count / 2)), "json-syntax"),
            ("garbage", (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }, "json-syntax"),
            ("invalid UTF-8", invalidUTF8, "encoding"),
            ("nested", Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"questions\": [", with: "\"questions\": [\(nested),").utf8), "json-depth"),
            ("duplicate", Array("{\"messageId\":\"a\",\"messageId\":\"b\"}".utf8), "duplicate-member"),
            ("empty", [], "json-syntax"),
        ]
        for (label, bytes, rule) in cases {
            let found = CouncilFixtures.issues { _ = try codec.decode(bytes, context: CouncilFixtures.context("swindon-asc")) }
            #expect(found.map(\.rule) == [rule], "\(label)")
            #expect(codec.malformedRules.contains(rule))
        }
        #expect(pairs(Array("[1]".utf8)) == [" type"])
    }

    /// The parser compares a small object's names one by one and a large one's through a set;
    /// both refuse a repeated name, wherever it is.
    @Test func aRepeatedMemberIsRefusedInSmallAndLargeObjects() throws {
        for (count, repeated) in [(3, 1), (16, 15), (17, 2), (40, 39), (40, 3)] {
            var names = (0..<count).map { "m\($0)" }
            names.append(names[repeated])
            let text = "{" + names.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
            let found = CouncilFixtures.issues { _ = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) } }
            #expect(found.map(\.rule) == ["duplicate-member"], "\(count) members, repeating \(repeated)")
        }
        let distinct = "{" + (0..<40).map { "\"m\($0)\":1" }.joined(separator: ",") + "}"
        #expect(try Array(distinct.utf8).withUnsafeBytes { try JSONParser.parse($0) }["m39"] == .number("1"))
    }

    @Test func aTwentyMegabyteFieldIsRefusedBeforeParsing() throws {
        let huge = "{\"schemaVersion\":\"1.0\",\"payload\":{\"reason\":\"" + String(repeating: "x", count: 20 * 1024 * 1024) + "\"}}"
        let clock = ContinuousClock()
        var found: [ValidationIssue] = []
        let elapsed = clock.measure { found = CouncilFixtures.issues { _ = try codec.decode(Array(huge.utf8), context: CouncilFixtures.context("swindon-asc")) } }
        #expect(found.map(\.rule) == ["max-size"])
        #expect(elapsed < .milliseconds(200))
        let small = CouncilJSONCodec(limits: CouncilJSONLimits(maxBodyBytes: 100_000, maxDepth: 16))
        let long = try edited("council-json-placement-query", [("payload/queryId", .string(String(repeating: "q", count: 129)))])
        #expect(CouncilFixtures.pairs { _ = try small.decode(long, context: CouncilFixtures.context("swindon-asc")) } == ["/payload/queryId max-length"])
    }

    @Test func valuesOfTheWrongShapeAreNamed() throws {
        let reply = try edited("council-json-placement-reply", [
            ("payload/weeklyCostPence", .number("1450.00")), ("payload/thirdPartyTopUpPence", .string("7500")),
            ("payload/existingContract", .string("Y")), ("payload/notes", .string("one")),
        ])
        #expect(pairs(reply, as: "wiltshire-asc") == [
            "/payload/weeklyCostPence pence-integer", "/payload/thirdPartyTopUpPence type", "/payload/existingContract type", "/payload/notes type",
        ])
        let query = try edited("council-json-placement-query", [
            ("payload/questions", .array(["existing-contract", "relevant-costs", "safeguarding-concerns", "third-party-top-ups", "existing-contract"].map(JSONValue.string))),
            ("payload/provider/cqcLocationId", .string("123039495")), ("payload/plannedStart", .string("2027-01-04T09:00:00Z")),
        ])
        #expect(pairs(query) == ["/payload/questions max-items", "/payload/provider/cqcLocationId cqc-location-format", "/payload/plannedStart date-format"])
        let decision = try edited("council-json-decision-notice", [("payload/funding/icbShareBasisPoints", .number("12000"))])
        #expect(pairs(decision) == ["/payload/funding/icbShareBasisPoints basis-points"])
        let split = try edited("council-json-decision-notice", [("payload/funding/icbPence", .number("22001"))])
        #expect(pairs(split) == ["/payload/funding funding-split"])
        let consent = try edited("council-json-consent-grant", [
            ("payload/decidedAt", .string("2026-11-19 10:40")), ("payload/consentId", .string("not-a-uuid")),
            ("payload/recipients", .array([.object([("gssCode", .string("E06000030")), ("odsCode", .string("QOX"))]), .object([("name", .string("x"))]), .object([("kind", .string("school"))])])),
        ])
        #expect(pairs(consent) == [
            "/payload/decidedAt date-time-format", "/payload/consentId uuid", "/payload/recipients/0 organisation-identifier",
            "/payload/recipients/1 organisation-identifier", "/payload/recipients/2/kind enum",
        ])
    }

    @Test func theEnvelopeRulesAreNamed() throws {
        let envelope = try edited("council-json-placement-reply", [
            ("schemaVersion", .string("2.0")), ("messageType", .string("referral.accepted")), ("createdAt", .string("2026-11-13T10:30:00")),
            ("localAuthority/gssCode", .string("E07000223")), ("counterparty", .object([("team", .string("x"))])), ("worker", .object([])),
        ])
        #expect(pairs(envelope, as: "wiltshire-asc") == [
            "/schemaVersion enum", "/messageType enum", "/createdAt date-time-format", "/localAuthority/gssCode gss-adult-social-care",
            "/counterparty required", "/worker unknown-field",
        ])
        #expect(pairs(try edited("council-json-placement-reply", [("correlationId", nil)]), as: "wiltshire-asc") == ["/correlationId required"])
        let own = try edited("council-json-placement-reply", [("correlationId", .string("8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d80"))])
        #expect(pairs(own, as: "wiltshire-asc") == ["/correlationId required"])
        #expect(pairs(try edited("council-json-placement-query", [("messageType", .string("message.undelivered"))])) == ["/messageType enum"])
        #expect(pairs(try edited("council-json-placement-query", [("messageId", nil), ("payload", nil), ("person", nil)])) == [
            "/messageId required", "/payload required", "/person required",
        ])
        #expect(pairs(try CouncilJSONCodecTests.example("council-json-placement-query"), as: "wiltshire-asc") == ["/localAuthority/gssCode sender-mismatch"])
        let both = try edited("council-json-placement-query", [("counterparty/odsCode", .string("QOX"))])
        #expect(pairs(both) == ["/counterparty organisation-identifier"])
    }

    @Test func thePersonAndTheLawfulBasisRulesAreNamed() throws {
        let person = try edited("council-json-s117-query", [
            ("person/localPersonId", nil), ("person/nhsNumber", nil), ("person/otherLocalIds", .array([.object([("system", .string("E06000054"))])])),
            ("dataSharing/lawfulBasis", .object([("consentId", .string("0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")), ("statute", .string("care-act-2014-s6"))])),
        ])
        #expect(pairs(person) == ["/person/otherLocalIds/0/value required", "/dataSharing/lawfulBasis/statute basis-exclusive"])
        let anonymous = try edited("council-json-s117-query", [
            ("person/localPersonId", nil), ("person/nhsNumber", nil), ("person/familyName", nil), ("person/prisonerNumber", .string("A123BC")),
            ("dataSharing/lawfulBasis", .object([("statute", .string("care-act-2014-s6")), ("article6", .string("6(1)(a)"))])),
        ])
        #expect(pairs(anonymous) == [
            "/person/prisonerNumber prisoner-number-format", "/person/familyName required",
            "/dataSharing/lawfulBasis/article6 enum", "/dataSharing/lawfulBasis/article9 required",
        ])
        let none = try edited("council-json-s117-query", [("person/localPersonId", nil), ("person/nhsNumber", nil)])
        #expect(pairs(none) == ["/person person-identifier"])
    }

    @Test func theEncoderRefusesWhatCouncilJSONCannotWrite() throws {
        var message = try CouncilJSONCodecTests.delivery("deliver-continuity-of-care-transfer")
        message.payload = Array(#"{"trigger":"adult-moving-s37","intendedMoveDate":"2027-02-30","weeklyPersonalBudgetPence":-5,"carePlanAttached":"yes"}"#.utf8)
        #expect(CouncilFixtures.pairs { _ = try codec.encode(message) } == [
            "/payload/stage required", "/payload/intendedMoveDate date-calendar", "/payload/weeklyPersonalBudgetPence pence-integer",
            "/payload/carePlanAttached type",
        ])
        message.payload = Array("[1]".utf8)
        #expect(CouncilFixtures.pairs { _ = try codec.encode(message) } == ["/payload type"])
        message.payload = Array("{\"stage\":".utf8)
        #expect(CouncilFixtures.pairs { _ = try codec.encode(message) } == ["/payload json-syntax"])
        message = try CouncilJSONCodecTests.delivery("deliver-acknowledgement")
        message.recipientOrganisation = CouncilFixtures.organisation("bsw-icb")
        #expect(CouncilFixtures.pairs { _ = try codec.encode(message) } == ["/recipient council-organisation"])
        message = try CouncilJSONCodecTests.delivery("deliver-decision-notice")
        message.payload = Array(#"{"outcome":"maybe","funding":{"weeklyTotalPence":1.5}}"#.utf8)
        #expect(CouncilFixtures.pairs { _ = try codec.encode(message) } == ["/payload/outcome enum", "/payload/funding/weeklyTotalPence pence-integer"])
    }

    /// Random damage to every example never crashes the decoder; what still decodes also encodes.
    @Test func mutatedExamplesAreRefusedOrDecodedNeverCrash() throws {
        var generator = SeededGenerator(seed: 17)
        for name in CouncilJSONCodecTests.examples {
            let original = try CouncilJSONCodecTests.example(name)
            let sender = try CouncilFixtures.parse(original)["localAuthority"]?["gssCode"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(bytes[Int.random(in: 0..<bytes.count, using: &generator)], at: index)
                    }
                }
                do throws(ValidationError) {
                    let decoded = try codec.decode(bytes, context: CouncilFixtures.context(sender))[0]
                    _ = try? codec.encode(CouncilFixtures.outbound(decoded, from: decoded.recipient.value))
                } catch {
                    #expect(!error.issues.isEmpty)
                }
            }
        }
    }
}
