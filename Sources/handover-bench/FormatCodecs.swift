import ArgumentParser
import Foundation
import HandoverFormats
import HandoverModel

/// `handover-bench formats`: decode and encode time per message for each partner format the
/// gateway translates, on the contract examples.
struct FormatCodecs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "Time decode and encode of one message per partner format (contract examples)."
    )

    @Option(help: "Repetitions of each step.") var iterations = 20_000
    @Option(help: "Repository root holding contracts/.") var root = "."

    func run() throws {
        let contracts = URL(fileURLWithPath: root).appendingPathComponent("contracts")
        let er7 = Array(try Data(contentsOf: contracts.appendingPathComponent("formats/hl7v2/examples/prison-hl7v2-referral-REF_I12.er7")))
        let json = Array(try Data(contentsOf: contracts.appendingPathComponent("canonical/examples/referral-chc-checklist.submission.json")))
        let directory = RoutingDirectory(["E06000035": try MailboxID(validating: "leeds-asc")])
        let message = try PrisonHealthcareDecoder.decode(er7, directory: directory)
        let steps: [(String, Int, () throws -> Void)] = [
            ("hl7v2 REF^I12 decode (ER7 -> canonical)", er7.count, { _ = try PrisonHealthcareDecoder.decode(er7, directory: directory) }),
            ("hl7v2 REF^I12 encode (canonical -> ER7)", er7.count, {
                _ = try PrisonHealthcareEncoder.encode(message.submission, header: message.header)
            }),
            ("handover-json submission decode", json.count, { _ = try json.withUnsafeBytes { try CanonicalSubmissionDecoder.decode($0) } }),
        ]
        for (name, size, step) in steps {
            let micros = try MicroTiming.microseconds(iterations: iterations, step)
            print(String(format: "%8.1f us  %@ (%d bytes)", micros, name, size))
        }
    }
}
