/// One event in a message's life, as one leaf of the log records it (RFC 9162 section 2.1:
/// the leaf input is ``leafBytes``, its leaf hash `SHA-256(0x00 || leafBytes)`).
///
/// ``leafBytes`` is a deterministic UTF-8 text, one line per field in this fixed order, each
/// line ending in a single newline (`0x0A`), nothing else before, between or after:
///
/// ```
/// handover-leaf/v1
/// kind=<submitted|delivered|downloaded|acknowledged|expired|rejected|withheld|consent-recorded|consent-withdrawn>
/// message=<message id, percent-encoded; empty when absent>
/// sender=<sender mailbox, percent-encoded>
/// recipient=<recipient mailbox, percent-encoded>
/// actor=<mailbox that caused the event, percent-encoded>
/// time=<YYYY-MM-DDTHH:MM:SS.sssZ>
/// commitment=<64 lower-case hex digits of the payload commitment; empty when absent>
/// ```
///
/// A message translated from a partner's own format, or one sent on a lawful basis, has two more
/// lines and the first line `handover-leaf/v2` (a leaf without either is always written v1, so
/// every event has exactly one canonical form):
///
/// ```
/// original=<64 lower-case hex digits of SHA-256(salt || the bytes as the sender posted them); empty when absent>
/// basis=<the lawful basis, percent-encoded: consent:<consent id> or statute:<statute>;<article 6>;<article 9>; empty when absent>
/// ```
///
/// Percent-encoding (RFC 3986 section 2.1) takes the UTF-8 bytes of a value and writes every
/// byte other than `A-Z a-z 0-9 - . _ ~ : @ /` as `%` and two upper-case hex digits; no other
/// spelling is accepted. It is Python's `urllib.parse.quote(value, safe=":@/")`, so
/// `hashlib.sha256(b"\x00" + leaf).digest()` recomputes the leaf hash from the fields.
///
/// Invariants: ``time`` is in the canonical UTC millisecond form; ``sender`` and ``actor`` are
/// non-empty; ``messageID``, ``recipient`` and ``payloadCommitment`` are present and non-empty
/// except in a `rejected` event, where a refused submission may have none; a commitment is 32
/// bytes. A consent event (`consent-recorded`, `consent-withdrawn`) commits to the registry
/// record instead of a payload, always names its consent in `basis` (`consent:<id>`), and has a
/// message and a recipient only when it came in a message. ``parse(leafBytes:)`` of ``leafBytes`` gives back an equal event.
public struct LogEvent: Sendable, Hashable {
    /// The first line of a leaf with the seven v1 fields.
    public static let header = "handover-leaf/v1"
    /// The first line of a leaf that also records the original and the lawful basis.
    public static let headerV2 = "handover-leaf/v2"

    /// What happened.
    public let kind: LogEventKind
    /// The message's id; `nil` only for a rejection of a submission that never got one.
    public let messageID: String?
    /// The sender's mailbox.
    public let sender: String
    /// The recipient's mailbox; empty only for a rejection that named none.
    public let recipient: String
    /// The mailbox whose action caused the event (the gateway's own for `expired`).
    public let actor: String
    /// When, as `YYYY-MM-DDTHH:MM:SS.sssZ` (RFC 3339 section 5.6, UTC, milliseconds).
    public let time: String
    /// `SHA-256(salt || payload)` (see ``PayloadCommitment``); `nil` only for a rejection.
    public let payloadCommitment: [UInt8]?
    /// `SHA-256(salt || original)` of the bytes the sender posted in its own format, when the
    /// payload is their translation; the salt is the payload's.
    public let originalCommitment: [UInt8]?
    /// The lawful basis the share relied on, in its text form (`LawfulBasis.description`).
    public let basis: String?

    /// Creates an event after checking the invariants above.
    ///
    /// - Throws: ``LedgerError/malformedLeaf(reason:)`` naming the first broken rule.
    public init(
        kind: LogEventKind,
        messageID: String?,
        sender: String,
        recipient: String,
        actor: String,
        time: String,
        payloadCommitment: [UInt8]?,
        originalCommitment: [UInt8]? = nil,
        basis: String? = nil
    ) throws(LedgerError) {
        let optional = kind == .rejected
        let consentEvent = kind.isConsentEvent
        guard messageID.map({ !$0.isEmpty }) ?? (optional || consentEvent) else {
            throw .malformedLeaf(reason: "a \(kind.rawValue) event needs a non-empty message id")
        }
        guard !sender.isEmpty, !actor.isEmpty, !recipient.isEmpty || optional || consentEvent else {
            throw .malformedLeaf(reason: "a \(kind.rawValue) event needs non-empty sender, recipient and actor mailboxes")
        }
        guard RFC3339.isUTCMilliseconds(time) else {
            throw .malformedLeaf(reason: "time \(time.debugDescription) is not YYYY-MM-DDTHH:MM:SS.sssZ")
        }
        guard payloadCommitment.map({ $0.count == PayloadCommitment.byteCount }) ?? optional else {
            throw .malformedLeaf(reason: "a \(kind.rawValue) event needs a 32-byte payload commitment")
        }
        guard originalCommitment.map({ $0.count == PayloadCommitment.byteCount }) ?? true else {
            throw .malformedLeaf(reason: "an original commitment is 32 bytes")
        }
        guard basis.map({ !$0.isEmpty }) ?? true else {
            throw .malformedLeaf(reason: "a basis, when present, is not empty")
        }
        guard !consentEvent || basis?.hasPrefix("consent:") == true else {
            throw .malformedLeaf(reason: "a \(kind.rawValue) event names its consent as basis=consent:<id>")
        }
        self.kind = kind
        self.messageID = messageID
        self.sender = sender
        self.recipient = recipient
        self.actor = actor
        self.time = time
        self.payloadCommitment = payloadCommitment
        self.originalCommitment = originalCommitment
        self.basis = basis
    }

    /// Whether the leaf is written in the v2 layout.
    public var isV2: Bool { originalCommitment != nil || basis != nil }

    /// The canonical leaf input; see the type's documentation.
    public var leafBytes: [UInt8] {
        let fields = [
            ("kind", kind.rawValue),
            ("message", Self.percentEncode(messageID ?? "")),
            ("sender", Self.percentEncode(sender)),
            ("recipient", Self.percentEncode(recipient)),
            ("actor", Self.percentEncode(actor)),
            ("time", time),
            ("commitment", payloadCommitment.map(MerkleHash.hex) ?? ""),
        ] + (isV2 ? [("original", originalCommitment.map(MerkleHash.hex) ?? ""), ("basis", Self.percentEncode(basis ?? ""))] : [])
        let text = (isV2 ? Self.headerV2 : Self.header) + "\n" + fields.map { "\($0.0)=\($0.1)\n" }.joined()
        return Array(text.utf8)
    }

    /// The leaf hash `SHA-256(0x00 || leafBytes)` (RFC 9162 section 2.1.1).
    public var leafHash: [UInt8] {
        MerkleHash.leafHash(leafBytes)
    }

    /// Parses leaf bytes strictly: they must be exactly the ``leafBytes`` of the event they
    /// describe, so any other spelling (lower-case percent hex, an escaped safe character, a
    /// missing or extra line, a trailing space) is refused.
    ///
    /// - Throws: ``LedgerError/malformedLeaf(reason:)``.
    public static func parse(leafBytes: some Collection<UInt8>) throws(LedgerError) -> LogEvent {
        let bytes = Array(leafBytes)
        guard bytes.last == 0x0A else {
            throw .malformedLeaf(reason: "a leaf ends with a newline")
        }
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        let v2 = lines.first?.elementsEqual(headerV2.utf8) ?? false
        let names = ["kind", "message", "sender", "recipient", "actor", "time", "commitment"] + (v2 ? ["original", "basis"] : [])
        guard lines.count == names.count + 1, v2 || lines[0].elementsEqual(header.utf8) else {
            throw .malformedLeaf(reason: "a leaf is the line \(header) and 7 field lines, or \(headerV2) and 9")
        }
        var values: [String] = []
        for (line, name) in zip(lines.dropFirst(), names) {
            let prefix = Array((name + "=").utf8)
            guard line.starts(with: prefix) else {
                throw .malformedLeaf(reason: "expected the field \(name)= in this position")
            }
            guard let value = percentDecode(line.dropFirst(prefix.count)) else {
                throw .malformedLeaf(reason: "the \(name) value is not percent-encoded UTF-8")
            }
            values.append(value)
        }
        guard let kind = LogEventKind(rawValue: values[0]) else {
            throw .malformedLeaf(reason: "unknown event kind \(values[0].debugDescription)")
        }
        var commitment: [UInt8]?
        if !values[6].isEmpty {
            commitment = Hex.decode(values[6])
            guard commitment != nil else {
                throw .malformedLeaf(reason: "the commitment is not lower-case hex")
            }
        }
        var original: [UInt8]?
        if v2, !values[7].isEmpty {
            original = Hex.decode(values[7])
            guard original != nil else {
                throw .malformedLeaf(reason: "the original commitment is not lower-case hex")
            }
        }
        let event = try LogEvent(
            kind: kind,
            messageID: values[1].isEmpty ? nil : values[1],
            sender: values[2],
            recipient: values[3],
            actor: values[4],
            time: values[5],
            payloadCommitment: commitment,
            originalCommitment: original,
            basis: v2 && !values[8].isEmpty ? values[8] : nil
        )
        guard event.leafBytes == bytes else {
            throw .malformedLeaf(reason: "the leaf is not in canonical form")
        }
        return event
    }

    /// Whether `byte` is written as itself: `A-Z a-z 0-9 - . _ ~ : @ /`.
    static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-._~:@/".utf8.contains(byte)
        }
    }

    /// The percent-encoding of `value`'s UTF-8 bytes, with upper-case hex digits.
    static func percentEncode(_ value: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in value.utf8 {
            if isSafe(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; `nil` if an escape is cut short or not hex, or the result is not UTF-8.
    static func percentDecode(_ text: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == UInt8(ascii: "%") {
                guard index + 3 <= text.endIndex,
                    let value = UInt8(String(decoding: text[(index + 1)..<(index + 3)], as: UTF8.self), radix: 16)
                else {
                    return nil
                }
                out.append(value)
                index += 3
            } else {
                out.append(text[index])
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
