import Crypto
import Foundation
import HandoverLedger
import Testing

/// Log leaves: the `handover-leaf/v1` encoding of events, and payload commitments.
struct LogEventTests {
    static let commitment = Array(SHA256.hash(data: Array("salt and payload".utf8)))

    static func event(_ kind: LogEventKind = .submitted, actor: String = "bsw-icb") throws -> LogEvent {
        try LogEvent(
            kind: kind,
            messageID: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10",
            sender: "bsw-icb",
            recipient: "swindon-asc",
            actor: actor,
            time: "2026-11-23T19:38:09.123Z",
            payloadCommitment: commitment,
            basis: kind.isConsentEvent ? "consent:0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70" : nil
        )
    }

    @Test func leafBytesAreTheDocumentedText() throws {
        let event = try Self.event()
        let expected = """
            handover-leaf/v1
            kind=submitted
            message=6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10
            sender=bsw-icb
            recipient=swindon-asc
            actor=bsw-icb
            time=2026-11-23T19:38:09.123Z
            commitment=\(hex(Self.commitment))

            """
        #expect(String(decoding: event.leafBytes, as: UTF8.self) == expected)
        // The leaf hash is RFC 9162's SHA-256(0x00 || leaf), computed here without the module.
        #expect(event.leafHash == Array(SHA256.hash(data: [0x00] + Array(expected.utf8))))
        #expect(try LogEvent.parse(leafBytes: event.leafBytes) == event)
    }

    @Test func valuesArePercentEncodedLikePythonsQuote() throws {
        // urllib.parse.quote("ops team\n/é%+:@~", safe=":@/") == "ops%20team%0A/%C3%A9%25%2B:@~"
        let event = try Self.event(actor: "ops team\n/é%+:@~")
        let text = String(decoding: event.leafBytes, as: UTF8.self)
        #expect(text.contains("\nactor=ops%20team%0A/%C3%A9%25%2B:@~\n"))
        #expect(try LogEvent.parse(leafBytes: event.leafBytes).actor == "ops team\n/é%+:@~")
    }

    @Test func everyKindRoundTrips() throws {
        for kind in LogEventKind.allCases {
            let event = try Self.event(kind)
            #expect(try LogEvent.parse(leafBytes: event.leafBytes) == event)
        }
        let rejection = try LogEvent(
            kind: .rejected, messageID: nil, sender: "bsw-icb", recipient: "", actor: "bsw-icb",
            time: "2026-11-23T19:38:09.000Z", payloadCommitment: nil
        )
        let text = String(decoding: rejection.leafBytes, as: UTF8.self)
        #expect(text.contains("\nmessage=\n") && text.contains("\nrecipient=\n") && text.hasSuffix("\ncommitment=\n"))
        #expect(try LogEvent.parse(leafBytes: rejection.leafBytes) == rejection)
    }

    @Test func onlyRejectionsMayLackAMessageRecipientOrCommitment() throws {
        for kind in LogEventKind.allCases where kind != .rejected && !kind.isConsentEvent {
            #expect(throws: LedgerError.malformedLeaf(reason: "")) {
                try LogEvent(kind: kind, messageID: nil, sender: "a1", recipient: "b1", actor: "a1",
                             time: "2026-11-23T19:38:09.000Z", payloadCommitment: Self.commitment)
            }
            #expect(throws: LedgerError.malformedLeaf(reason: "")) {
                try LogEvent(kind: kind, messageID: "m", sender: "a1", recipient: "b1", actor: "a1",
                             time: "2026-11-23T19:38:09.000Z", payloadCommitment: nil)
            }
            #expect(throws: LedgerError.malformedLeaf(reason: "")) {
                try LogEvent(kind: kind, messageID: "m", sender: "a1", recipient: "", actor: "a1",
                             time: "2026-11-23T19:38:09.000Z", payloadCommitment: Self.commitment)
            }
        }
        #expect(throws: LedgerError.malformedLeaf(reason: "")) {
            try LogEvent(kind: .rejected, messageID: nil, sender: "", recipient: "", actor: "a1",
                         time: "2026-11-23T19:38:09.000Z", payloadCommitment: nil)
        }
        #expect(throws: LedgerError.malformedLeaf(reason: "")) {
            try LogEvent(kind: .delivered, messageID: "m", sender: "a1", recipient: "b1", actor: "a1",
                         time: "2026-11-23T19:38:09.000Z", payloadCommitment: Array(Self.commitment.prefix(31)))
        }
    }

    @Test(arguments: ["2026-11-23T19:38:09Z", "2026-11-23T19:38:09.12Z", "2026-11-23T19:38:09.1234Z",
                      "2026-11-23T19:38:09.123+00:00", "2026-13-23T19:38:09.123Z", "2026-11-23t19:38:09.123z"])
    func timesMustBeCanonicalUTCMilliseconds(time: String) {
        #expect(throws: LedgerError.malformedLeaf(reason: "")) {
            try LogEvent(kind: .delivered, messageID: "m", sender: "a1", recipient: "b1", actor: "a1",
                         time: time, payloadCommitment: Self.commitment)
        }
    }

    @Test func nonCanonicalLeavesAreRefused() throws {
        let good = String(decoding: try Self.event(actor: "ops team").leafBytes, as: UTF8.self)
        let edits: [(String, String)] = [
            ("ops%20team", "ops%2oteam"),  // not hex
            ("ops%20team", "ops%2"),  // cut short
            ("ops%20team", "ops+team"),  // '+' must be escaped
            ("actor=ops", "actor=%6Fps"),  // a safe character escaped
            ("%20", "%C3"),  // not UTF-8
            ("kind=submitted", "kind=sent"),
            ("kind=submitted\n", ""),  // a line missing
            ("handover-leaf/v1", "handover-leaf/v2"),
            ("\ntime=", "\nextra=1\ntime="),  // a line added
            (hex(Self.commitment), hex(Self.commitment).uppercased()),
            (hex(Self.commitment), String(hex(Self.commitment).dropLast(2))),
            ("sender=bsw-icb\nrecipient=swindon-asc", "recipient=swindon-asc\nsender=bsw-icb"),  // reordered
            ("sender=bsw-icb", "sender=bsw-icb "),
        ]
        for (from, to) in edits {
            let edited = good.replacingOccurrences(of: from, with: to)
            #expect(edited != good)
            #expect(throws: LedgerError.malformedLeaf(reason: ""), "\(from) -> \(to)") {
                try LogEvent.parse(leafBytes: Array(edited.utf8))
            }
        }
        #expect(throws: LedgerError.malformedLeaf(reason: "")) {
            try LogEvent.parse(leafBytes: Array(good.utf8.dropLast()))
        }
        #expect(throws: LedgerError.malformedLeaf(reason: "")) {
            try LogEvent.parse(leafBytes: Array((good + "\n").utf8))
        }
    }

    @Test func payloadCommitmentsAreSaltedAndCheckable() {
        let payload = Submission.body
        let first = PayloadCommitment.make(payload: payload)
        let second = PayloadCommitment.make(payload: payload)
        #expect(first.salt.count == 32)
        #expect(first.commitment == Array(SHA256.hash(data: first.salt + payload)))
        #expect(first.salt != second.salt)
        #expect(first.commitment != second.commitment)
        #expect(PayloadCommitment.verify(payload: payload, salt: first.salt, commitment: first.commitment))
        #expect(!PayloadCommitment.verify(payload: payload, salt: second.salt, commitment: first.commitment))
        #expect(!PayloadCommitment.verify(payload: payload + [0x0A], salt: first.salt, commitment: first.commitment))
        #expect(!PayloadCommitment.verify(payload: payload, salt: Array(first.salt.prefix(31)),
                                          commitment: PayloadCommitment.commitment(payload: payload, salt: Array(first.salt.prefix(31)))))
    }

    @Test func consentEventsNameTheirConsentAndMayStandWithoutAMessage() throws {
        for kind in [LogEventKind.consentRecorded, .consentWithdrawn] {
            let event = try LogEvent(
                kind: kind, messageID: nil, sender: "cli", recipient: "", actor: "cli", time: "2026-11-23T19:38:09.000Z",
                payloadCommitment: Self.commitment, basis: "consent:0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70"
            )
            let text = String(decoding: event.leafBytes, as: UTF8.self)
            #expect(text.hasPrefix("handover-leaf/v2\nkind=\(kind.rawValue)\nmessage=\n"))
            #expect(try LogEvent.parse(leafBytes: event.leafBytes) == event)
            #expect(throws: LedgerError.malformedLeaf(reason: "")) {
                try LogEvent(kind: kind, messageID: nil, sender: "cli", recipient: "", actor: "cli", time: "2026-11-23T19:38:09.000Z",
                             payloadCommitment: Self.commitment, basis: "statute:care-act-2014-s42;6(1)(e);9(2)(g)")
            }
            #expect(throws: LedgerError.malformedLeaf(reason: "")) {
                try LogEvent(kind: kind, messageID: nil, sender: "cli", recipient: "", actor: "cli", time: "2026-11-23T19:38:09.000Z",
                             payloadCommitment: nil, basis: "consent:0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")
            }
        }
    }
}
