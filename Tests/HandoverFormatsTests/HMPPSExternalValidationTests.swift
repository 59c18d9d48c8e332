import Foundation
import HandoverFormats
import HandoverModel
import HandoverTestSupport
import Testing

/// The encoder's output is what an independent JSON Schema implementation accepts: every golden
/// and a batch of generated messages go through `contracts/formats/hmpps-json/check_hmpps.py`
/// (jsonschema with format checking, plus the check digits a schema cannot express), run with the
/// interpreter in HANDOVER_PYTHON (or python3). A missing jsonschema fails the test. What the
/// decoder makes of the examples is checked against the canonical submission schema.
@Suite struct HMPPSExternalValidationTests {
    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hmpps-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func jsonschemaAcceptsTheEncoderOutputAndRefusesABrokenEvent() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        func write(_ bytes: [UInt8], _ name: String) throws {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            files.append(url.path)
        }
        for name in HMPPSFixtures.outbound {
            let message = try HMPPSFixtures.outbound(fromJSON: try HMPPSFixtures.bytes("golden/\(name).outbound.json"))
            try write(try HMPPSEventEncoder.encode(message).bytes, "\(name).json")
        }
        for name in HMPPSFixtures.examples {
            try write(try HMPPSEventEncoder.encode(try HMPPSFixtures.outbound(try HMPPSFixtures.decode(try HMPPSFixtures.example(name)))).bytes, "again-\(name).json")
            files.append(HMPPSFixtures.folder.appendingPathComponent("examples/\(name).json").path)
        }
        var generator = HMPPSMessageGenerator(seed: 99)
        for index in 0..<40 {
            try write(try HMPPSEventEncoder.encode(generator.message()).bytes, "generated-\(index).json")
        }
        let accepted = try PythonCheck.run("contracts/formats/hmpps-json/check_hmpps.py", files)
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.components(separatedBy: "OK ").count - 1 == files.count, "\(accepted.output)")

        let broken = folder.appendingPathComponent("broken.json")
        var text = String(decoding: try HMPPSFixtures.example("hmpps-received-referral"), as: UTF8.self)
        text = text.replacingOccurrences(of: "9449305552", with: "9449305553").replacingOccurrences(of: "1980-09-20", with: "2025-02-30")
        try Data(text.utf8).write(to: broken)
        let refused = try PythonCheck.run("contracts/formats/hmpps-json/check_hmpps.py", [broken.path])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("dateOfBirth") && refused.output.contains("NHS"), "\(refused.output)")
    }

    @Test func decodedExamplesAreValidCanonicalSubmissions() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for name in HMPPSFixtures.examples {
            let url = folder.appendingPathComponent("\(name).submission.json")
            try Data(try HMPPSFixtures.submissionJSON(try HMPPSFixtures.decode(try HMPPSFixtures.example(name)).submission)).write(to: url)
            files.append(url.path)
        }
        let result = try PythonCheck.run("contracts/canonical/check_examples.py", ["submission"] + files)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\(files.count) passed, 0 failed"), "\(result.output)")
    }
}
