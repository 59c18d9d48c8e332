import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Broken, hostile and truncated FHIR bodies: every one is a clear `ValidationError` located by
/// FHIRPath, never a crash, a hang or unbounded memory.
@Suite struct FHIRBadInputTests {
    private func text(_ name: String) throws -> String {
        String(decoding: try FHIRFixtures.example(name), as: UTF8.self)
    }

    private func pairs(_ body: String, sender: Partner? = nil) -> Set<String> {
        Set(FHIRFixtures.issues { _ = try FHIRFixtures.decode(body, sender: sender) }.map { "\($0.path) \($0.rule)" })
    }

    @Test func everyBrokenRuleIsReportedAtOnceWhereItIs() throws {
        let body = try text("icb-referral-chc-checklist")
            .replacingOccurrences(of: #""value": "9434765919""#, with: #""value": "9434765918""#)
            .replacingOccurrences(of: "1938-07-14", with: "2025-02-30")
            .replacingOccurrences(of: #""value": "QOX""#, with: #""value": "Q-X""#)
            .replacingOccurrences(of: #""priority": "urgent""#, with: #""priority": "soon", "colour": "blue""#)
            .replacingOccurrences(of: #""code": "A"}"#, with: #""code": "D"}"#)
        let found = FHIRFixtures.issues { _ = try FHIRFixtures.decode(body) }
        let located = Set(found.map { "\($0.path) \($0.rule)" })
        #expect(located.contains("Bundle.entry[2].resource.identifier[0].value nhs-number-check-digit"))
        #expect(located.contains("Bundle.entry[2].resource.birthDate date-calendar"))
        #expect(located.contains("Bundle.entry[4].resource.identifier[0].value ods-format"))
        #expect(located.contains("Bundle.entry[1].resource.priority enum"))
        #expect(located.contains("Bundle.entry[1].resource.colour unknown-field"))
        #expect(located.contains("Bundle.entry[8].resource.item[4].answer[0].valueCoding.code enum"))
        #expect(found.allSatisfy { !$0.hint.isEmpty && !$0.hint.contains("9434765918") && !$0.hint.contains("Q-X") && !$0.hint.contains("soon") })
    }

    @Test func bundleStructureIsChecked() throws {
        let referral = try text("icb-referral-chc-checklist")
        #expect(pairs(referral.replacingOccurrences(of: #""type": "message""#, with: #""type": "collection""#)) == ["Bundle.type fhir-bundle-type"])
        let noHeader = referral.replacingOccurrences(of: #""resourceType": "MessageHeader""#, with: #""resourceType": "Basic""#)
        #expect(pairs(noHeader) == ["Bundle.entry[0].resource fhir-first-entry"])
        let dangling = referral.replacingOccurrences(of: #""subject": {"reference": "urn:uuid:9d8c7b6a-5e4f-4a3b-9c2d-1e0f9a8b7c01"},"#, with: #""subject": {"reference": "urn:uuid:00000000-0000-4000-8000-000000000000"},"#)
        #expect(pairs(dangling) == ["Bundle.entry[1].resource.subject.reference fhir-reference-unresolved"])
        let twice = referral.replacingOccurrences(of: #""fullUrl": "urn:uuid:7c2d9e10-3a4b-4c5d-8e6f-7a8b9c0d1e03""#, with: #""fullUrl": "urn:uuid:7c2d9e10-3a4b-4c5d-8e6f-7a8b9c0d1e02""#)
        #expect(pairs(twice).contains("Bundle.entry[5].fullUrl fhir-duplicate-fullurl"))
        let modifier = referral.replacingOccurrences(of: #""resourceType": "Patient","#, with: #""resourceType": "Patient", "modifierExtension": [{"url": "https://example.org/x", "valueBoolean": true}],"#)
        #expect(pairs(modifier) == ["Bundle.entry[2].resource.modifierExtension fhir-modifier-extension"])
        let invented = referral.replacingOccurrences(of: #""resourceType": "Provenance""#, with: #""resourceType": "Referral""#)
        #expect(pairs(invented) == ["Bundle.entry[9].resource.resourceType fhir-resource-type"])
        let unknownEvent = referral.replacingOccurrences(of: #""code": "referral", "display": "Referral""#, with: #""code": "placement-query""#)
        #expect(pairs(unknownEvent) == ["Bundle.entry[0].resource.eventCoding.code enum"])
        let noPurpose = referral.replacingOccurrences(of: #"{"url": "purpose", "valueCoding": {"system": "https://handover.example/fhir/CodeSystem/purpose", "code": "chc-assessment"}},"#, with: "")
        #expect(pairs(noPurpose) == ["Bundle.entry[0].resource.extension required"])
        let secondDestination = referral.replacingOccurrences(of: #""destination": ["#, with: #""destination": [{"endpoint": "https://handover.example/mailbox/swindon-asc"}, "#)
        #expect(pairs(secondDestination) == ["Bundle.entry[0].resource.destination[1] fhir-destination-count"])
    }

    @Test func routingAndTheSenderAreChecked() throws {
        let referral = try text("icb-referral-chc-checklist")
        let elsewhere = referral.replacingOccurrences(of: #""value": "QOX""#, with: #""value": "QWE""#)
        #expect(pairs(elsewhere) == ["Bundle.entry[0].resource.destination[0].receiver fhir-recipient-unknown"])
        #expect(pairs(referral, sender: FHIRFixtures.partner("swindon-asc")) == ["Bundle.entry[0].resource.sender fhir-sender-mismatch"])
        #expect(pairs(referral, sender: FHIRFixtures.partner("gwh-trust")).isEmpty)
        // Without a receiver, the endpoint's mailbox routes the message.
        let byEndpoint = referral.replacingOccurrences(of: #""endpoint": "https://handover.example/mailbox/bsw-icb","#, with: #""endpoint": "https://handover.example/mailbox/wiltshire-asc""#)
            .replacingOccurrences(of: #""receiver": {"reference": "urn:uuid:7c2d9e10-3a4b-4c5d-8e6f-7a8b9c0d1e02"}"#, with: "")
        #expect(try FHIRFixtures.decode(byEndpoint).recipient.value == "wiltshire-asc")
    }

    @Test func moneyIsExactAndFractionsOfAPennyAreRefused() throws {
        let decision = try text("icb-chc-decision-notice")
        #expect(pairs(decision.replacingOccurrences(of: #""value": 550.00"#, with: #""value": 550.005"#)) == [
            "Bundle.entry[1].resource.output[3].valueMoney.value money-fraction-of-penny",
        ])
        #expect(pairs(decision.replacingOccurrences(of: #""value": 220, "currency": "GBP""#, with: #""value": 220, "currency": "EUR""#)) == [
            "Bundle.entry[1].resource.output[5].valueMoney.currency fhir-money-currency",
        ])
        #expect(pairs(decision.replacingOccurrences(of: #""value": 330.0,"#, with: #""value": 330.01,"#)) == [
            "Bundle.entry[1].resource.output[6].valueMoney funding-sum",
        ])
        #expect(pairs(decision.replacingOccurrences(of: #""value": 40,"#, with: #""value": 40.125,"#)) == [
            "Bundle.entry[1].resource.output[4].valueQuantity.value fhir-percent-precision",
        ])
        #expect(pairs(decision.replacingOccurrences(of: #""value": 550.00"#, with: #""value": 1e30"#)) == [
            "Bundle.entry[1].resource.output[3].valueMoney.value fhir-decimal-range",
        ])
        #expect(pairs(decision.replacingOccurrences(of: #""value": 550.00"#, with: #""value": "550.00""#)) == [
            "Bundle.entry[1].resource.output[3].valueMoney.value type",
        ])
        #expect(pairs(decision.replacingOccurrences(of: #""valueDate": "2026-12-10""#, with: #""valueDate": "2026-12""#)) == [
            "Bundle.entry[1].resource.output[0].valueDate date-format",
        ])
    }

    @Test func unparseableBodiesAreMalformed() throws {
        let codec = FHIRMessagingCodec()
        let context = DecodingContext(sender: FHIRFixtures.partner("gwh-trust"), directory: FHIRFixtures.directory)
        func rules(_ bytes: [UInt8]) -> [String] {
            FHIRFixtures.issues { _ = try codec.decode(bytes, context: context) }.map(\.rule)
        }
        #expect(rules([]) == ["fhir-empty"])
        #expect(rules(Array("{\"resourceType\": \"Bundle\", ".utf8)) == ["json-syntax"])
        #expect(rules(Array(#"{"resourceType": "Patient", "id": "x"}"#.utf8)) == ["fhir-not-a-bundle"])
        #expect(rules(Array("[1, 2]".utf8)) == ["fhir-not-a-bundle"])
        #expect(rules(Array(#"{"resourceType": "Bundle", "resourceType": "Bundle"}"#.utf8)) == ["duplicate-member"])
        #expect(rules(Array(#"{"resourceType": "Bundle", "id": "Zo"#.utf8) + [0xEB] + Array(#""}"#.utf8)) == ["encoding"])
        #expect(rules(Array(#"{"resourceType":"Bundle"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == ["json-syntax"])
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(rules(Array((#"{"resourceType": "Bundle", "entry": "# + deep + "}").utf8)) == ["json-depth"])
        for rule in ["fhir-empty", "json-syntax", "fhir-not-a-bundle", "duplicate-member", "encoding", "json-depth", "fhir-too-large"] {
            #expect(codec.malformedRules.contains(rule))
        }
    }

    @Test func aTwentyMegabyteFieldFailsFastWithoutParsing() {
        let head = Array(#"{"resourceType": "Bundle", "type": "message", "id": ""#.utf8)
        let body = head + [UInt8](repeating: UInt8(ascii: "A"), count: 20 * 1024 * 1024) + Array(#""}"#.utf8)
        let clock = ContinuousClock()
        var found: [ValidationIssue] = []
        let elapsed = clock.measure { found = FHIRFixtures.issues { _ = try FHIRFixtures.decode(body) } }
        #expect(found.map(\.rule) == ["fhir-too-large"])
        #expect(elapsed < .milliseconds(100))
        let limits = FHIRLimits(maxBodyBytes: 1024, maxDepth: 8, maxEntries: 2)
        #expect(FHIRFixtures.issues { _ = try FHIRMessageDecoder.decode(Array(repeating: 0x20, count: 2048), directory: FHIRFixtures.directory, limits: limits) }.map(\.rule) == ["fhir-too-large"])
    }

    @Test func theLimitsOnEntriesAndIssuesHold() throws {
        let referral = try FHIRFixtures.example("icb-referral-chc-checklist")
        let few = FHIRLimits(maxBodyBytes: 1 << 20, maxDepth: 32, maxEntries: 3)
        let found = FHIRFixtures.issues { _ = try FHIRMessageDecoder.decode(referral, directory: FHIRFixtures.directory, limits: few) }
        #expect(found.map(\.rule) == ["fhir-too-many-entries"])
        // Thousands of broken identifiers are answered with at most the issue limit.
        let identifiers = (0..<5000).map { _ in #"{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "1"}"# }.joined(separator: ",")
        let body = String(decoding: referral, as: UTF8.self).replacingOccurrences(of: #""identifier": [{"system": "https://fhir.gwh.example.nhs.uk/Id/chc-referral""#, with: #""identifier": [\#(identifiers), {"system": "https://fhir.gwh.example.nhs.uk/Id/chc-referral""#)
        #expect(FHIRFixtures.issues { _ = try FHIRFixtures.decode(body) }.count <= FHIRLimits.standard.maxIssues)
    }

    @Test func binaryGarbageAndEveryTruncationAreRefusedCleanly() throws {
        var generator = SeededGenerator(seed: 23)
        for _ in 0..<300 {
            let junk = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(!FHIRFixtures.issues { _ = try FHIRFixtures.decode(junk) }.isEmpty)
        }
        let example = try FHIRFixtures.example("icb-chc-decision-notice")
        for length in stride(from: 0, to: example.count - 1, by: 7) {
            #expect(!FHIRFixtures.issues { _ = try FHIRFixtures.decode(Array(example[0..<length])) }.isEmpty)
        }
        // Flipping single bytes inside a valid message never crashes the mapping.
        for _ in 0..<300 {
            var mutated = example
            mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0x20...0x7E, using: &generator)
            _ = FHIRFixtures.issues { _ = try FHIRFixtures.decode(mutated) }
        }
    }

    @Test func theEncoderRefusesWhatFHIRPartnersCannotTake() throws {
        var input = try FHIRCodecTests.input("decision-notice-joint-package")
        input.envelope.kind = .placementQuery
        #expect(FHIRFixtures.issues { _ = try FHIRMessageEncoder.encode(input) }.map { "\($0.path) \($0.rule)" } == ["/kind fhir-unsupported-kind"])
        input = try FHIRCodecTests.input("decision-notice-joint-package")
        input.envelope.conversationId = nil
        input.payload = Array(#"{"outcome":"maybe","decidedOn":"2026-02-30","funding":{"weeklyTotalPence":550.5}}"#.utf8)
        #expect(Set(FHIRFixtures.issues { _ = try FHIRMessageEncoder.encode(input) }.map { "\($0.path) \($0.rule)" }) == [
            "/conversationId required", "/payload/outcome enum", "/payload/decidedOn date-calendar", "/payload/funding/weeklyTotalPence type",
        ])
        input = try FHIRCodecTests.input("icb-consent-withdrawal")
        for instant in ["2027-01-31t16:45:00Z", "2027-01-31T16:45:00z", "2027-01-31T16:45:00+15:00", "2027-01-31"] {
            input.payload = Array(#"{"consentId":"0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70","withdrawnAt":"\#(instant)"}"#.utf8)
            #expect(FHIRFixtures.issues { _ = try FHIRMessageEncoder.encode(input) }.map { "\($0.path) \($0.rule)" } == ["/payload/withdrawnAt date-time-format"], "\(instant)")
        }
        input.payload = Array("[1]".utf8)
        #expect(FHIRFixtures.issues { _ = try FHIRMessageEncoder.encode(input) }.map(\.rule) == ["type"])
    }
}
