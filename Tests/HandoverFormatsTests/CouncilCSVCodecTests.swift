import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct CouncilCSVCodecTests {
    static let examples = ["council-csv-placements", "council-csv-s117-register"]
    static let deliveries = ["deliver-placement-query", "deliver-placement-reply", "deliver-s117-query", "deliver-s117-reply"]
    let codec = CouncilCSVCodec()

    static func example(_ name: String) throws -> [UInt8] {
        try CouncilFixtures.bytes(CouncilFixtures.csvFolder, "examples/\(name).csv")
    }

    static func delivery(_ name: String) throws -> OutboundMessage {
        try CouncilFixtures.outbound(try CouncilFixtures.bytes(CouncilFixtures.csvFolder, "golden/\(name).outbound.json"))
    }

    func decode(_ bytes: [UInt8], as sender: String = "swindon-asc") throws -> [TranslatedSubmission] {
        try codec.decode(bytes, context: CouncilFixtures.context(sender))
    }

    @Test(arguments: examples)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let submissions = try decode(try Self.example(name))
        #expect(try CouncilFixtures.matchesGolden(CouncilFixtures.json(submissions, batch: true), CouncilFixtures.csvFolder, "golden/\(name).canonical.json"))
    }

    @Test(arguments: deliveries)
    func encodingAGoldenCanonicalMatchesItsGoldenCSV(name: String) throws {
        let output = try codec.encode(try Self.delivery(name))
        #expect(output.mediaType == "text/csv; charset=utf-8; header=present")
        #expect(try CouncilFixtures.matchesGolden(output.bytes, CouncilFixtures.csvFolder, "golden/\(name).csv"))
    }

    /// Swindon's inbox of a placement reply and two section 117 messages, downloaded as one file.
    @Test func encodingABatchWritesOneFileWithARowPerMessage() throws {
        let messages = try ["deliver-placement-reply", "deliver-s117-query", "deliver-s117-reply"].map(Self.delivery)
        let output = try codec.encode(batch: messages)
        #expect(try CouncilFixtures.matchesGolden(output.bytes, CouncilFixtures.csvFolder, "golden/deliver-batch.csv"))
        let singles = try messages.map { try codec.encode($0).bytes }
        let header = singles[0].prefix { $0 != 0x0A }.count + 1
        #expect(output.bytes == singles[0] + singles.dropFirst().flatMap { $0.dropFirst(header) })
        let back = try decode(output.bytes)
        #expect(back.map(\.kind) == messages.map(\.envelope.kind))
        #expect(back.map(\.senderLocalId) == messages.map(\.envelope.id.value))
    }
}
