import HandoverFormats
import HandoverModel
import Testing

@Suite struct CanonicalSubmissionDecoderTests {
    private func decode(_ text: String) throws -> CanonicalSubmission {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { try CanonicalSubmissionDecoder.decode($0) }
    }

    private func issues(_ text: String) -> [ValidationIssue] {
        do {
            _ = try decode(text)
            return []
        } catch {
            return (error as? ValidationError)?.issues ?? []
        }
    }

    @Test func decodesAReferral() throws {
        let text = #"{"recipient":"bsw-icb","kind":"referral","purpose":"chc-assessment","senderLocalId":"C-1","subject":{"nhsNumber":"943 476 5919","prisonerNumber":"a1234bc","name":{"family":"O'Brien","given":["Mary"]},"birthDate":"1938-07-14"},"payload":{"a":1}}"#
        let submission = try decode(text)
        #expect(submission.recipient.value == "bsw-icb")
        #expect(submission.kind == .referral)
        #expect(submission.purpose == .chcAssessment)
        #expect(submission.subject?.nhsNumber?.value == "9434765919")
        #expect(submission.subject?.prisonerNumber?.value == "A1234BC")
        #expect(String(decoding: Array(text.utf8)[submission.payloadRange], as: UTF8.self) == #"{"a":1}"#)

        var writer = JSONWriter()
        CanonicalPersonCodec.encode(try #require(submission.subject), into: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"nhsNumber":"9434765919","prisonerNumber":"A1234BC","name":{"family":"O'Brien","given":["Mary"]},"birthDate":"1938-07-14"}"#)
    }

    @Test func reportsEveryBrokenRuleWithItsPointer() {
        let found = issues(#"{"recipient":"BAD MAILBOX","kind":"referral","subject":{"nhsNumber":"1234567890","name":{"given":["x"]},"birthDate":"2025-02-30","shoeSize":9},"payload":[],"extra":1}"#)
        let pairs = Set(found.map { "\($0.path) \($0.rule)" })
        #expect(pairs.contains("/extra unknown-field"))
        #expect(pairs.contains("/recipient mailbox-format"))
        #expect(pairs.contains("/subject/shoeSize unknown-field"))
        #expect(pairs.contains("/subject/name/family required"))
        #expect(pairs.contains("/subject/birthDate date-calendar"))
        #expect(pairs.contains("/payload type"))
        #expect(pairs.contains("/purpose required"))
        #expect(found.contains { $0.path == "/subject/nhsNumber" })
        #expect(found.allSatisfy { !$0.hint.isEmpty })
    }

    @Test func repliesNeedAConversationAndTheGatewayKindsCannotBeSent() {
        let reply = issues(#"{"recipient":"swindon-asc","kind":"placement-reply","purpose":"placement-commissioning","subject":{"localIds":[{"system":"E06000030","value":"1"}],"name":{"family":"A","given":[]},"birthDate":"1950-01-01"},"payload":{}}"#)
        #expect(reply.map(\.path) == ["/conversationId"])
        let report = issues(#"{"recipient":"swindon-asc","kind":"non-delivery-report","conversationId":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10","payload":{}}"#)
        #expect(report.map(\.rule) == ["enum"])
        let noIdentifier = issues(#"{"recipient":"x1","kind":"referral","purpose":"direct-care","subject":{"name":{"family":"A","given":[]},"birthDate":"1950-01-01"},"payload":{}}"#)
        #expect(noIdentifier.map(\.rule) == ["person-identifier"])
    }
}
