import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Generated canonical messages survive canonical -> HMPPS event -> canonical: everything the
/// event can carry comes back exactly, with the documented normalisations and nothing else.
@Suite struct HMPPSPropertyTests {
    /// Objects with their members sorted by name, so two payloads compare by content.
    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { ($0.0, sorted($0.1)) }.sorted { $0.0 < $1.0 })
        case .array(let items): .array(items.map(sorted))
        default: value
        }
    }

    /// What the decoder should make of `message`'s payload: the documented defaults filled in.
    static func expectedPayload(_ message: OutboundMessage) throws -> JSONValue {
        guard case .object(var members) = try HMPPSFixtures.parse(message.payload) else { return .null }
        func has(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        if has("occurredAt") == nil { members.append(("occurredAt", .string(Timestamp.format(message.envelope.createdAt)))) }
        switch message.envelope.kind {
        case .referral:
            if has("referralType") == nil { members.append(("referralType", .string("care-act-s76-needs-assessment"))) }
        case .continuityOfCareTransfer:
            if has("stage") == nil { members.append(("stage", .string("information-pack"))) }
            let reason = has("movementReason")
            if has("trigger") == nil { members.append(("trigger", .string(reason == .string("transferred") ? "prison-transfer" : "prison-release"))) }
            if reason == nil { members.append(("movementReason", .string(has("trigger") == .string("prison-transfer") ? "transferred" : "released"))) }
        default:
            if has("outcome") == nil { members.append(("outcome", .string("received"))) }
        }
        return sorted(.object(members))
    }

    @Test func generatedMessagesRoundTripThroughTheEvent() throws {
        var generator = HMPPSMessageGenerator(seed: 2025)
        let codec = HMPPSEventCodec()
        var kinds: [MessageKind: Int] = [:]
        for _ in 0..<400 {
            let message = generator.message()
            let envelope = message.envelope
            kinds[envelope.kind, default: 0] += 1
            let output = try codec.encode(message)
            let expectedDrops: Set<String> = envelope.senderLocalId.map { $0 == envelope.id.value ? [] : ["/senderLocalId"] } ?? []
            #expect(Set(output.dropped.map(\.location)) == expectedDrops, "\(output.dropped)")
            let context = HMPPSFixtures.context(from: try #require(message.senderOrganisation).identifier)
            let back = try #require(try codec.decode(output.bytes, context: context).first)
            #expect(back.kind == envelope.kind && back.recipient == envelope.recipient)
            #expect(back.senderLocalId == envelope.id.value && back.conversationId == envelope.conversationId)
            #expect(back.purpose == envelope.purpose)
            #expect(back.lawfulBasis == (envelope.kind == .acknowledgement ? nil : envelope.lawfulBasis ?? HMPPSEventCodec.impliedBasis))
            if var subject = envelope.subject {
                // Given names after the second travel joined in middleNames.
                let given = subject.name.given
                if given.count > 2 { subject.name.given = [given[0], given.dropFirst().joined(separator: " ")] }
                #expect(back.subject == subject)
            } else {
                #expect(back.subject == nil)
            }
            #expect(Self.sorted(try HMPPSFixtures.parse(back.payload)) == (try Self.expectedPayload(message)))
            #expect(back.dropped.isEmpty)
        }
        #expect(kinds.count == 3 && kinds.values.allSatisfy { $0 > 50 })
    }

    /// Text that needs JSON escaping is written escaped and read back unchanged, and the event is
    /// valid JSON for any reader (no raw control characters).
    @Test func escapedTextSurvivesAndNoRawControlCharacterIsWritten() throws {
        var generator = HMPPSMessageGenerator(seed: 7)
        for _ in 0..<100 {
            let output = try HMPPSEventCodec().encode(generator.message())
            #expect(!output.bytes.contains { $0 < 0x20 })
            #expect((try? HMPPSFixtures.parse(output.bytes)) != nil)
        }
    }
}
