/// A transparency log checkpoint: the note body that commits a log to its tree at one size
/// (C2SP tlog-checkpoint, "Note text"; https://c2sp.org/tlog-checkpoint).
///
/// The body is at least three non-empty lines, each ending in a newline:
///
/// 1. the origin, which names the log;
/// 2. the tree size in ASCII decimal, without leading zeros;
/// 3. the root hash `MTH(D[n])` of RFC 9162 section 2.1.1, standard padded base64;
///
/// then optional, opaque, non-empty extension lines. A checkpoint is meaningful only once signed
/// as a ``SignedNote`` and verified; see ``signed(by:)`` and ``open(_:verifiers:)``.
public struct Checkpoint: Sendable, Hashable {
    /// The log identity, such as `handover.example/ledger`; a non-empty single line, which
    /// should contain neither spaces nor `+` and should equal the log's signing key name.
    public let origin: String
    /// The number of leaves `n` committed to.
    public let treeSize: UInt64
    /// The 32-byte root hash of the tree of ``treeSize`` leaves.
    public let rootHash: [UInt8]
    /// Extension lines, each non-empty and without newlines; C2SP does not recommend them.
    public let extensionLines: [String]

    /// Creates a checkpoint. The values are written as given; ``parse(_:)`` of ``body`` checks them.
    public init(origin: String, treeSize: UInt64, rootHash: [UInt8], extensionLines: [String] = []) {
        self.origin = origin
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// The note body: origin, tree size and base64 root hash, then any extension lines, each
    /// followed by a newline (so the body ends with `"\n"`).
    public var body: String {
        var lines = [origin, String(treeSize), Base64.encode(rootHash)]
        lines.append(contentsOf: extensionLines)
        return lines.map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint body, such as the text returned by ``SignedNote/verify(with:)``.
    ///
    /// - Throws: ``LedgerError/malformedCheckpoint(reason:)`` if the body does not end in a
    ///   newline, has fewer than three lines, has an empty line or a control character, or if
    ///   the tree size is not canonical decimal within 64 bits, or the root hash is not the
    ///   canonical base64 of 32 bytes.
    public static func parse(_ body: String) throws(LedgerError) -> Checkpoint {
        guard body.hasSuffix("\n") else {
            throw .malformedCheckpoint(reason: "a checkpoint body must end with a newline")
        }
        let lines = body.utf8.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 3 else {
            throw .malformedCheckpoint(reason: "a checkpoint has an origin, a tree size and a root hash line")
        }
        for (number, line) in lines.enumerated() {
            guard !line.isEmpty else {
                throw .malformedCheckpoint(reason: "checkpoint line \(number + 1) is empty")
            }
            guard !line.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
                throw .malformedCheckpoint(reason: "checkpoint line \(number + 1) contains a control character")
            }
        }
        let text = lines.map { String(decoding: $0, as: UTF8.self) }
        let sizeLine = lines[1]
        guard sizeLine.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            sizeLine.count == 1 || sizeLine.first != UInt8(ascii: "0"),
            let treeSize = UInt64(text[1])
        else {
            throw .malformedCheckpoint(reason: "tree size \(text[1].debugDescription) is not a canonical 64-bit decimal")
        }
        guard let rootHash = Base64.decode(text[2]), rootHash.count == MerkleHash.byteCount else {
            throw .malformedCheckpoint(reason: "root hash \(text[2].debugDescription) is not base64 of 32 bytes")
        }
        return Checkpoint(origin: text[0], treeSize: treeSize, rootHash: rootHash, extensionLines: Array(text[3...]))
    }
}
