import Foundation
import HandoverLedger
import Testing

/// The example in `contracts/ledger/proof-bundle.md` is a real bundle: it verifies in Swift and
/// in `verify_proof.py`, and its first leaf is the text the document shows.
struct ProofBundleContractTests {
    static func documentedExample() throws -> String {
        let document = try String(
            contentsOf: repositoryRoot.appendingPathComponent("contracts/ledger/proof-bundle.md"), encoding: .utf8
        )
        let start = try #require(document.range(of: "```json\n"))
        let end = try #require(document.range(of: "\n```", range: start.upperBound..<document.endIndex))
        return String(document[start.upperBound..<end.lowerBound])
    }

    @Test func theDocumentedExampleVerifies() throws {
        let bundle = try ProofBundle.decode(json: Array(try Self.documentedExample().utf8))
        let (checkpoint, events) = try bundle.verify()
        #expect(checkpoint.origin == "handover.example/ledger")
        #expect(checkpoint.treeSize == 3)
        #expect(events.map(\.kind) == [.submitted, .delivered])
        try bundle.verify(payload: Array("{\"kind\":\"referral\"}\n".utf8))
        #expect(String(decoding: try #require(bundle.events[0].leafBytes), as: UTF8.self) == """
            handover-leaf/v1
            kind=submitted
            message=6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10
            sender=bsw-icb
            recipient=swindon-asc
            actor=bsw-icb
            time=2026-11-23T19:38:09.123Z
            commitment=6be522b51b5ca4ea66313239db904482ce04f0d26cf6c0e746768a614b89b389

            """)
    }

    @Test func theDocumentedExamplePassesThePythonChecker() throws {
        let result = try IndependentVerifierTests.runChecker(try Self.documentedExample(), options: ["--bundle"])
        #expect(result.status == 0, "verify_proof.py said: \(result.output)")
        #expect(result.output.contains("ok: event 1 (delivered) leaf 2"))
    }
}
