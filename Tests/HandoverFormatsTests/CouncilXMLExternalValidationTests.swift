import Foundation
import HandoverFormats
import HandoverModel
import HandoverTestSupport
import Testing

/// The encoder's output is what an independent XSD 1.1 validator accepts: every golden, every
/// example and a batch of generated messages go through `contracts/formats/council-xml/
/// check_council_xml.py` (xmlschema, `XMLSchema11`), run with the interpreter in HANDOVER_PYTHON
/// (or python3). The project's setup installs xmlschema, so a missing one fails the test.
@Suite struct CouncilXMLExternalValidationTests {
    typealias F = CouncilXMLFixtures

    @Test func xmlschemaAcceptsTheEncoderOutputAndRefusesBrokenMessages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("council-xml-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var files = F.examples.map { F.folder.appendingPathComponent("examples/\($0).xml").path }
        for name in F.examples {
            let input = try F.message(fromJSON: try F.bytes("golden/\(name).canonical.json"))
            let output = try CouncilXMLEncoder.encode(input.submission, header: input.header)
            let url = folder.appendingPathComponent("\(name).xml")
            try Data(output.bytes).write(to: url)
            files.append(url.path)
        }
        var generator = CouncilXMLGenerator(seed: 29)
        for index in 0..<40 {
            let (submission, header) = generator.message()
            let output = try CouncilXMLEncoder.encode(submission, header: header)
            let url = folder.appendingPathComponent("generated-\(index).xml")
            try Data(output.bytes).write(to: url)
            files.append(url.path)
        }
        let accepted = try PythonCheck.run("contracts/formats/council-xml/check_council_xml.py", files)
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.contains("\(files.count) passed, 0 failed"), "\(accepted.output)")

        let referral = try F.text("council-xml-referral")
        let broken = [
            referral.replacingOccurrences(of: "9434765919", with: "9434765918"),
            referral.replacingOccurrences(of: "2025-06-16", with: "2025-02-30"),
            referral.replacingOccurrences(of: "<MessageType>referral", with: "<MessageType>s117-query"),
            referral.replacingOccurrences(of: "<Title>", with: "<Unknown>x</Unknown><Title>"),
        ]
        var brokenFiles: [String] = []
        for (index, text) in broken.enumerated() {
            let url = folder.appendingPathComponent("broken-\(index).xml")
            try Data(text.utf8).write(to: url)
            brokenFiles.append(url.path)
        }
        let refused = try PythonCheck.run("contracts/formats/council-xml/check_council_xml.py", brokenFiles)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("0 passed, \(broken.count) failed"), "\(refused.output)")
    }
}
