import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A hiding commitment to a message payload: `SHA-256(salt || payload)` with a fresh random
/// 32-byte salt per message. The log records only the commitment, so a published leaf reveals
/// nothing about the payload, not even whether it equals a guessed one; whoever holds the
/// payload and is given the salt can check that the log committed to exactly those bytes.
public enum PayloadCommitment {
    /// The length of a salt in bytes.
    public static let saltByteCount = 32
    /// The length of a commitment in bytes (SHA-256).
    public static let byteCount = 32

    /// A fresh salt from BoringSSL's cryptographically secure generator (one call, where drawing
    /// byte by byte from `SystemRandomNumberGenerator` cost a system call per byte on the submit
    /// path), and the commitment `SHA-256(salt || payload)`.
    public static func make(payload: some DataProtocol) -> (salt: [UInt8], commitment: [UInt8]) {
        let salt = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return (salt, commitment(payload: payload, salt: salt))
    }

    /// `SHA-256(salt || payload)`.
    public static func commitment(payload: some DataProtocol, salt: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: payload)
        return MerkleHash.digestBytes(hasher.finalize())
    }

    /// Whether `salt` is 32 bytes and `SHA-256(salt || payload)` equals `commitment`.
    public static func verify(payload: some DataProtocol, salt: [UInt8], commitment expected: [UInt8]) -> Bool {
        salt.count == saltByteCount && expected.count == byteCount && commitment(payload: payload, salt: salt) == expected
    }
}
