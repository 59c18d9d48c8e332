import Foundation
import HandoverFormats
import HandoverModel
import HandoverTestSupport
import Testing

/// What the council encoders write is what independent checkers accept: jsonschema (Draft
/// 2020-12, formats checked) against `council-json.schema.json`, and Python's csv module against
/// `columns.json`, run with the interpreter in HANDOVER_PYTHON (or python3). The project's setup
/// installs jsonschema, so a missing one fails the test rather than skipping it.
@Suite struct CouncilExternalValidationTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("council-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func accepted(_ script: String, _ files: [String]) throws {
        let result = try PythonCheck.run(script, files)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.components(separatedBy: "OK ").count - 1 == files.count, "\(result.output)")
    }

    @Test func jsonschemaAcceptsTheCouncilJSONEncoderOutputAndRefusesABrokenMessage() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let codec = CouncilJSONCodec()
        var files: [String] = []
        for name in CouncilJSONCodecTests.deliveries {
            files.append(try write(try codec.encode(try CouncilJSONCodecTests.delivery(name)).bytes, "\(name).json", in: folder))
        }
        var generator = CouncilMessageGenerator(seed: 7, csv: false)
        for index in 0..<110 {
            let message = generator.message(MessageKind.submittable[index % MessageKind.submittable.count])
            files.append(try write(try codec.encode(message).bytes, "generated-\(index).json", in: folder))
        }
        let examples = CouncilJSONCodecTests.examples.map { CouncilFixtures.jsonFolder.appendingPathComponent("examples/\($0).json").path }
        try accepted("contracts/formats/council-json/check_council_json.py", files + examples)

        var broken = try CouncilFixtures.parse(try CouncilJSONCodecTests.example("council-json-decision-notice"))
        if case .object(var members) = broken, let index = members.firstIndex(where: { $0.0 == "person" }), case .object(var person) = members[index].1 {
            person = person.map { $0.0 == "nhsNumber" ? ($0.0, .string("9434765918")) : $0 }
            members[index].1 = .object(person)
            broken = .object(members)
        }
        let refused = try PythonCheck.run("contracts/formats/council-json/check_council_json.py", [try write(broken.serialized, "broken.json", in: folder)])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("modulus 11"))
        let unknown = Array(String(decoding: try CouncilJSONCodecTests.example("council-json-placement-query"), as: UTF8.self)
            .replacingOccurrences(of: "\"careType\": \"nursing\"", with: "\"careType\": \"hospice\", \"extra\": 1").utf8)
        #expect(try PythonCheck.run("contracts/formats/council-json/check_council_json.py", [try write(unknown, "unknown.json", in: folder)]).status == 1)
    }

    @Test func pythonsCSVModuleAcceptsTheCouncilCSVEncoderOutputAndRefusesABrokenFile() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let codec = CouncilCSVCodec()
        var files: [String] = []
        for name in CouncilCSVCodecTests.deliveries {
            files.append(try write(try codec.encode(try CouncilCSVCodecTests.delivery(name)).bytes, "\(name).csv", in: folder))
        }
        var generator = CouncilMessageGenerator(seed: 8, csv: true)
        let kinds: [MessageKind] = [.placementQuery, .placementReply, .s117Query, .s117Reply]
        let batch = (0..<120).map { generator.message(kinds[$0 % 4]) }
        files.append(try write(try codec.encode(batch: batch).bytes, "generated-batch.csv", in: folder))
        for (index, message) in batch.prefix(12).enumerated() {
            files.append(try write(try codec.encode(message).bytes, "generated-\(index).csv", in: folder))
        }
        let examples = CouncilCSVCodecTests.examples.map { CouncilFixtures.csvFolder.appendingPathComponent("examples/\($0).csv").path }
        try accepted("contracts/formats/council-csv/check_council_csv.py", files + examples)

        let good = String(decoding: try CouncilCSVCodecTests.example("council-csv-placements"), as: UTF8.self)
        let cases = [
            good.replacingOccurrences(of: "SBC-OOA-2026-0051", with: "=cmd|' /C calc'!A0"),
            good.replacingOccurrences(of: "9434765919", with: "9434765918"),
            good.replacingOccurrences(of: ",nursing,", with: ",nursing,extra,"),
            good.replacingOccurrences(of: "Bridget Mary", with: "Bridget \"Mary"),
        ]
        for (index, text) in cases.enumerated() {
            let refused = try PythonCheck.run("contracts/formats/council-csv/check_council_csv.py", [try write(Array(text.utf8), "broken-\(index).csv", in: folder)])
            #expect(refused.status == 1, "case \(index): \(refused.output)")
        }
    }
}
