import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct CouncilJSONCodecTests {
    static let examples = [
        "council-json-referral-chc-checklist", "council-json-decision-notice", "council-json-continuity-of-care-transfer",
        "council-json-placement-query", "council-json-placement-reply", "council-json-s117-query", "council-json-s117-reply",
        "council-json-consent-grant", "council-json-consent-withdrawal", "council-json-acknowledgement",
    ]
    static let deliveries = [
        "deliver-referral-prison-arrival", "deliver-decision-notice", "deliver-continuity-of-care-transfer", "deliver-placement-query",
        "deliver-placement-reply", "deliver-s117-query", "deliver-s117-reply", "deliver-consent-grant", "deliver-consent-withdrawal",
        "deliver-acknowledgement", "deliver-non-delivery-report",
    ]
    let codec = CouncilJSONCodec()

    static func delivery(_ name: String) throws -> OutboundMessage {
        try CouncilFixtures.outbound(try CouncilFixtures.bytes(CouncilFixtures.jsonFolder, "golden/\(name).outbound.json"))
    }

    static func example(_ name: String) throws -> [UInt8] {
        try CouncilFixtures.bytes(CouncilFixtures.jsonFolder, "examples/\(name).json")
    }

    /// Decodes a council message as the partner its `localAuthority` names.
    func decode(_ bytes: [UInt8]) throws -> TranslatedSubmission {
        let root = try CouncilFixtures.parse(bytes)
        guard case .string(let council)? = root["localAuthority"]?["gssCode"] else { throw ValidationError(path: "/localAuthority", rule: "required", hint: "") }
        let submissions = try codec.decode(bytes, context: CouncilFixtures.context(council))
        #expect(submissions.count == 1)
        return submissions[0]
    }

    @Test(arguments: examples)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let submission = try decode(try Self.example(name))
        #expect(try CouncilFixtures.matchesGolden(CouncilFixtures.json([submission], batch: false), CouncilFixtures.jsonFolder, "golden/\(name).canonical.json"))
    }

    @Test(arguments: deliveries)
    func encodingAGoldenCanonicalMatchesItsGoldenCouncilJSON(name: String) throws {
        let output = try codec.encode(try Self.delivery(name))
        #expect(output.mediaType == "application/json")
        #expect(try CouncilFixtures.matchesGolden(output.bytes, CouncilFixtures.jsonFolder, "golden/\(name).council.json"))
    }
}
