import Foundation
import HandoverModel
import Testing

/// Kinds, purposes and statuses: their wire names and what each kind requires.
@Suite struct MessageVocabularyTests {
    @Test func kindWireNames() {
        #expect(MessageKind.allCases.map(\.rawValue) == [
            "referral", "decision-notice", "continuity-of-care-transfer", "placement-query", "placement-reply",
            "s117-query", "s117-reply", "consent-grant", "consent-withdrawal", "acknowledgement", "non-delivery-report",
            "document",
        ])
        #expect(Purpose.allCases.map(\.rawValue) == [
            "direct-care", "care-act-assessment", "chc-assessment", "continuity-of-care", "placement-commissioning",
            "s117-aftercare", "safeguarding",
        ])
        #expect(MessageStatus.allCases.map(\.rawValue) == ["accepted", "delivered", "downloaded", "acknowledged", "expired", "withheld"])
    }

    @Test func onlyTheGatewayWritesNonDeliveryReports() {
        #expect(MessageKind.submittable == MessageKind.allCases.filter { $0 != .nonDeliveryReport && $0 != .document })
        #expect(MessageKind.submittable.count == 10)
    }

    @Test(arguments: MessageKind.allCases)
    func whatEachKindRequires(kind: MessageKind) {
        let withoutPersonalData: Set<MessageKind> = [.acknowledgement, .nonDeliveryReport, .document]
        let replies: Set<MessageKind> = [.decisionNotice, .placementReply, .s117Reply, .acknowledgement, .nonDeliveryReport]
        #expect(kind.carriesPersonalData == !withoutPersonalData.contains(kind))
        #expect(kind.isReply == replies.contains(kind))
    }

    @Test func kindsDecodeFromTheirWireNames() throws {
        let kinds = try JSONDecoder().decode([MessageKind].self, from: Data(#"["placement-reply","s117-query"]"#.utf8))
        #expect(kinds == [.placementReply, .s117Query])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MessageKind].self, from: Data(#"["placementReply"]"#.utf8)) }
    }

    @Test func envelopesCompareByValue() throws {
        let id = try MessageID(validating: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        let envelope = MessageEnvelope(
            id: id,
            sender: try MailboxID(validating: "bsw-icb"),
            recipient: try MailboxID(validating: "swindon-asc"),
            kind: .acknowledgement,
            conversationId: try MessageID(validating: "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b30"),
            subject: nil,
            purpose: nil,
            createdAt: try Timestamp.parse("2026-11-23T19:38:09.123Z"),
            senderLocalId: "CHC-2026-3381"
        )
        var copy = envelope
        #expect(copy == envelope)
        copy.senderLocalId = nil
        #expect(copy != envelope)
        #expect(Timestamp.format(envelope.createdAt) == "2026-11-23T19:38:09.123Z")
    }
}
