import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// The published examples in `contracts/canonical/examples` are what the decoder accepts.
@Suite struct ContractExampleTests {
    static let examples: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("contracts/canonical/examples")

    static var submissionFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
            .filter { $0.hasSuffix(".submission.json") }
            .sorted()
    }

    @Test func thereAreExamplesOfTheMainKinds() {
        let files = Self.submissionFiles
        #expect(files.count >= 7)
        for kind in ["referral", "continuity-of-care-transfer", "placement-query", "placement-reply", "decision-notice", "acknowledgement"] {
            #expect(files.contains { $0.hasPrefix(kind) }, "no example of \(kind)")
        }
    }

    @Test(arguments: submissionFiles)
    func everySubmissionExampleDecodes(file: String) throws {
        let bytes = Array(try Data(contentsOf: Self.examples.appendingPathComponent(file)))
        let submission = try bytes.withUnsafeBytes { try CanonicalSubmissionDecoder.decode($0) }
        #expect(file.hasPrefix(submission.kind.rawValue))
        #expect(bytes[submission.payloadRange.lowerBound] == UInt8(ascii: "{"))
    }
}
