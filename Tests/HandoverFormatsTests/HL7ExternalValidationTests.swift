import Foundation
import HandoverFormats
import HandoverModel
import HandoverTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The encoder's output is what an independent HL7 v2 implementation accepts: every golden and a
/// batch of generated messages go through `contracts/formats/hl7v2/check_hl7.py` (hl7apy, strict
/// validation), run with the interpreter in HANDOVER_PYTHON (or python3). The project's setup
/// installs hl7apy, so a missing hl7apy fails the test rather than skipping it.
@Suite struct HL7ExternalValidationTests {
    @Test func hl7apyAcceptsTheEncoderOutputAndRefusesABrokenMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hl7-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var files: [String] = []
        for name in HL7Fixtures.examples + ["prison-hl7v2-transfer-ADT_A02"] {
            let input = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/\(name).canonical.json"))
            let output = try PrisonHealthcareEncoder.encode(input.submission, header: input.header)
            let url = folder.appendingPathComponent("\(name).er7")
            try Data(output.bytes).write(to: url)
            files.append(url.path)
        }
        // Generated names and notes with every delimiter and escape character.
        let base = try HL7Fixtures.message(fromJSON: try HL7Fixtures.bytes("golden/prison-hl7v2-referral-REF_I12.canonical.json"))
        let subject = try #require(base.submission.subject)
        for (index, family) in ["O'Brien|Smith", "Zoë^Ñúñez", "A~B&C\\D", "Łukasz \\F\\ 李"].enumerated() {
            var submission = base.submission
            submission.subject = Person(nhsNumber: subject.nhsNumber, prisonerNumber: subject.prisonerNumber, name: PersonName(family: family, given: ["Anne-Marie"]), birthDate: subject.birthDate)
            let output = try PrisonHealthcareEncoder.encode(submission, header: base.header)
            let url = folder.appendingPathComponent("generated-\(index).er7")
            try Data(output.bytes).write(to: url)
            files.append(url.path)
        }
        let accepted = try Self.runCheck(files)
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.components(separatedBy: "OK ").count - 1 == files.count, "\(accepted.output)")

        let broken = folder.appendingPathComponent("broken.er7")
        try Data("MSH|^~\\&|A|B|C|D|2025-03-03||REF^I12^REF_I12|1|P|2.4\rPID|1||9449305553^^^NHS^NH\r".utf8).write(to: broken)
        let refused = try Self.runCheck([broken.path])
        #expect(refused.status == 1, "\(refused.output)")
    }

    /// Runs check_hl7.py on `files` and returns its exit status and combined output.
    static func runCheck(_ files: [String]) throws -> (status: Int32, output: String) {
        try PythonCheck.run("contracts/formats/hl7v2/check_hl7.py", files)
    }
}
