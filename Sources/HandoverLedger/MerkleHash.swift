import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The RFC 9162 section 2.1.1 hashing of a Merkle tree log with SHA-256, domain-separated so
/// that no leaf hash can be confused with an interior node hash (second-preimage resistance).
///
/// - leaf hash: `SHA-256(0x00 || leaf)`
/// - node hash: `SHA-256(0x01 || left || right)`
/// - root hash of the empty tree: `SHA-256("")`
///
/// Every hash is exactly ``byteCount`` (32) bytes.
public enum MerkleHash {
    /// The length in bytes of every leaf hash, node hash and root hash (SHA-256).
    public static let byteCount = 32

    /// The root hash of the empty tree, `MTH({}) = SHA-256()` (RFC 9162 section 2.1.1):
    /// `e3b0c442...b855`.
    public static let emptyRoot: [UInt8] = digestBytes(SHA256.hash(data: [UInt8]()))

    /// The leaf hash `MTH({d}) = SHA-256(0x00 || d)` of one leaf's input bytes (RFC 9162 section 2.1.1).
    public static func leafHash(_ leaf: some DataProtocol) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00] as [UInt8])
        hasher.update(data: leaf)
        return digestBytes(hasher.finalize())
    }

    /// The interior node hash `SHA-256(0x01 || left || right)` of two child hashes
    /// (RFC 9162 section 2.1.1). The children are hashed as given; callers pass 32-byte hashes.
    public static func nodeHash(left: [UInt8], right: [UInt8]) -> [UInt8] {
        left.withUnsafeBytes { leftBytes in
            right.withUnsafeBytes { rightBytes in
                nodeHash(leftBytes, rightBytes)
            }
        }
    }

    /// The node hash over raw buffers, for callers that keep hashes in flat storage.
    static func nodeHash(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x01)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: left)
        hasher.update(bufferPointer: right)
        return digestBytes(hasher.finalize())
    }

    /// The bytes of a SHA-256 digest.
    static func digestBytes(_ digest: SHA256.Digest) -> [UInt8] {
        digest.withUnsafeBytes { Array($0) }
    }

    /// Throws ``LedgerError/invalidHashLength(reason:)`` unless `hash` is 32 bytes long.
    static func requireHashLength(_ hash: [UInt8], _ what: @autoclosure () -> String) throws(LedgerError) {
        guard hash.count == byteCount else {
            throw .invalidHashLength(reason: "\(what()) is \(hash.count) bytes; a SHA-256 hash is \(byteCount) bytes")
        }
    }

    /// Lower-case hexadecimal, for error reasons.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }
}
