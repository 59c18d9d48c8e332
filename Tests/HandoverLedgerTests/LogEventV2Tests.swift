import Crypto
import Foundation
import HandoverLedger
import Testing

/// `handover-leaf/v2`: the events of a translated message or of one sent on a lawful basis also
/// commit to the original bytes and record the basis; every event still has one canonical form.
struct LogEventV2Tests {
    static let original = Array(SHA256.hash(data: Array("salt and original".utf8)))

    static func event(original: [UInt8]? = Self.original, basis: String? = "statute:care-act-2014-s42;6(1)(e);9(2)(g)") throws -> LogEvent {
        try LogEvent(
            kind: .submitted, messageID: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10", sender: "hmp-leeds", recipient: "leeds-asc",
            actor: "hmp-leeds", time: "2026-11-23T19:38:09.123Z", payloadCommitment: LogEventTests.commitment,
            originalCommitment: original, basis: basis
        )
    }

    @Test func leafBytesAreTheDocumentedText() throws {
        let event = try Self.event()
        let expected = """
            handover-leaf/v2
            kind=submitted
            message=6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10
            sender=hmp-leeds
            recipient=leeds-asc
            actor=hmp-leeds
            time=2026-11-23T19:38:09.123Z
            commitment=\(hex(LogEventTests.commitment))
            original=\(hex(Self.original))
            basis=statute:care-act-2014-s42%3B6%281%29%28e%29%3B9%282%29%28g%29

            """
        #expect(String(decoding: event.leafBytes, as: UTF8.self) == expected)
        #expect(try LogEvent.parse(leafBytes: event.leafBytes) == event)
    }

    @Test func eitherExtraFieldAloneMakesAV2LeafAndNeitherMakesV1() throws {
        for event in [try Self.event(basis: nil), try Self.event(original: nil)] {
            #expect(event.leafBytes.starts(with: Array("handover-leaf/v2\n".utf8)))
            #expect(try LogEvent.parse(leafBytes: event.leafBytes) == event)
        }
        let plain = try Self.event(original: nil, basis: nil)
        #expect(plain.leafBytes.starts(with: Array("handover-leaf/v1\n".utf8)))
        #expect(try LogEvent.parse(leafBytes: plain.leafBytes) == plain)
    }

    @Test func nonCanonicalV2LeavesAreRefused() throws {
        let v1 = String(decoding: try Self.event(original: nil, basis: nil).leafBytes, as: UTF8.self)
        // A v2 header with both extra fields empty has a v1 form, so it is not canonical.
        let padded = v1.replacingOccurrences(of: "handover-leaf/v1", with: "handover-leaf/v2") + "original=\nbasis=\n"
        #expect(throws: LedgerError.self) { try LogEvent.parse(leafBytes: Array(padded.utf8)) }
        // A v1 header over ten lines, and a v2 header over eight, are refused.
        let v2 = String(decoding: try Self.event().leafBytes, as: UTF8.self)
        #expect(throws: LedgerError.self) {
            try LogEvent.parse(leafBytes: Array(v2.replacingOccurrences(of: "handover-leaf/v2", with: "handover-leaf/v1").utf8))
        }
        #expect(throws: LedgerError.self) {
            try LogEvent.parse(leafBytes: Array(v1.replacingOccurrences(of: "handover-leaf/v1", with: "handover-leaf/v2").utf8))
        }
        // An upper-case original commitment is not the canonical spelling.
        #expect(throws: LedgerError.self) {
            try LogEvent.parse(leafBytes: Array(v2.replacingOccurrences(of: hex(Self.original), with: hex(Self.original).uppercased()).utf8))
        }
        #expect(throws: LedgerError.self) { try Self.event(original: [1, 2, 3]) }
        #expect(throws: LedgerError.self) { try Self.event(basis: "") }
    }
}
