import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Generated canonical messages (`CouncilMessageGenerator`) go to council JSON or CSV and back
/// with nothing lost: every kind, optional members present and absent, awkward text.
@Suite struct CouncilPropertyTests {
    static let jsonKinds = MessageKind.submittable
    static let csvKinds: [MessageKind] = [.placementQuery, .placementReply, .s117Query, .s117Reply]

    /// Checks that `back` is `message` read by its recipient council: the sender becomes the
    /// recipient, and the envelope and payload are unchanged (`expected` is the payload to expect).
    private func expectSame(_ back: TranslatedSubmission, _ message: OutboundMessage, payload expected: JSONValue) throws {
        let envelope = message.envelope
        #expect(back.recipient == envelope.sender)
        #expect(back.kind == envelope.kind)
        #expect(back.conversationId == envelope.conversationId)
        #expect(back.purpose == envelope.purpose)
        #expect(back.lawfulBasis == envelope.lawfulBasis)
        #expect(back.senderLocalId == envelope.id.value)
        let payload = try CouncilFixtures.parse(back.payload)
        #expect(CouncilFixtures.same(payload, expected), "\(envelope.kind.rawValue): \(String(decoding: back.payload, as: UTF8.self)) vs \(String(decoding: expected.serialized, as: UTF8.self))")
    }

    @Test(arguments: jsonKinds)
    func canonicalToCouncilJSONAndBackLosesNothing(kind: MessageKind) throws {
        let codec = CouncilJSONCodec()
        var generator = CouncilMessageGenerator(seed: UInt64(100 + Self.jsonKinds.firstIndex(of: kind)!), csv: false)
        var escapes = 0
        for _ in 0..<60 {
            let message = generator.message(kind)
            let output = try codec.encode(message)
            let text = String(decoding: output.bytes, as: UTF8.self)
            if text.contains("\\u0001") && text.contains("\\\"") { escapes += 1 }
            #expect(output.dropped.allSatisfy { $0.location == "/senderLocalId" })
            let back = try codec.decode(output.bytes, context: CouncilFixtures.context(message.envelope.recipient.value))
            try #require(back.count == 1)
            #expect(back[0].subject == message.envelope.subject)
            try expectSame(back[0], message, payload: try CouncilFixtures.parse(message.payload))
        }
        #expect(escapes > 0, "no generated message needed JSON escapes")
    }

    @Test(arguments: csvKinds)
    func canonicalToCouncilCSVAndBackLosesNothingARowCarries(kind: MessageKind) throws {
        let codec = CouncilCSVCodec()
        var generator = CouncilMessageGenerator(seed: UInt64(200 + Self.csvKinds.firstIndex(of: kind)!), csv: true)
        var awkward = (quotes: 0, lineBreaks: 0, formulas: 0)
        for _ in 0..<60 {
            let message = generator.message(kind)
            let output = try codec.encode(message)
            let text = String(decoding: output.bytes, as: UTF8.self)
            if text.contains("\"\"") { awkward.quotes += 1 }
            if text.dropFirst(text.firstIndex(of: "\r\n").map { text.distance(from: text.startIndex, to: $0) + 2 } ?? 0).dropLast(2).contains("\n") { awkward.lineBreaks += 1 }
            if text.contains(",'") || text.contains("\"'") { awkward.formulas += 1 }
            #expect(output.dropped.allSatisfy { $0.location == "/senderLocalId" })
            let back = try codec.decode(output.bytes, context: CouncilFixtures.context(message.envelope.recipient.value))
            try #require(back.count == 1)
            #expect(back[0].subject == Self.csvSafe(try #require(message.envelope.subject)))
            try expectSame(back[0], message, payload: Self.csvSafe(try CouncilFixtures.parse(message.payload)))
        }
        #expect(awkward.quotes > 0 && awkward.lineBreaks > 0 && awkward.formulas > 0, "\(awkward)")
    }

    /// Many generated messages to one council in one file, and back, in order.
    @Test func aGeneratedBatchComesBackRowForRow() throws {
        let codec = CouncilCSVCodec()
        var generator = CouncilMessageGenerator(seed: 300, csv: true)
        let messages: [OutboundMessage] = (0..<200).map { index in
            var message = generator.message(Self.csvKinds[index % 4])
            message.envelope.recipient = CouncilFixtures.mailbox("leeds-asc")
            message.recipientOrganisation = CouncilFixtures.organisation("leeds-asc")
            if message.envelope.sender.value == "leeds-asc" { message.envelope.sender = CouncilFixtures.mailbox("bsw-icb"); message.senderOrganisation = CouncilFixtures.organisation("bsw-icb") }
            return message
        }
        let output = try codec.encode(batch: messages)
        let back = try codec.decode(output.bytes, context: CouncilFixtures.context("leeds-asc"))
        #expect(back.count == messages.count)
        for (submission, message) in zip(back, messages) {
            try expectSame(submission, message, payload: Self.csvSafe(try CouncilFixtures.parse(message.payload)))
        }
    }

    /// The subject as it comes back from a CSV row: a family name or first given name starting
    /// with a formula character gains its quote (the given names are one cell).
    static func csvSafe(_ person: Person) -> Person {
        var safe = person
        safe.name.family = quoted(person.name.family)
        if let first = person.name.given.first { safe.name.given[0] = quoted(first) }
        return safe
    }

    /// A payload as it comes back from a CSV row: each text cell starting with a formula
    /// character gains its quote; a list is one cell, so only its first item can.
    static func csvSafe(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(quoted(text))
        case .array(let items): .array(items.enumerated().map { $0.offset == 0 ? csvSafe($0.element) : $0.element })
        case .object(let members): .object(members.map { ($0.0, csvSafe($0.1)) })
        default: value
        }
    }

    static func quoted(_ text: String) -> String {
        CSVWriter.startsFormula(text.utf8.first) ? "'" + text : text
    }
}
