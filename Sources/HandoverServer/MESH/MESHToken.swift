import Crypto
public import Foundation
import HandoverModel

/// An NHSMESH authorisation token:
/// `NHSMESH {MAILBOX}:{nonce}:{nonce_count}:{yyyyMMddHHmm}:{hex HMAC-SHA256}`, where the HMAC is
/// keyed with the environment's shared key over `MAILBOX:nonce:nonce_count:password:timestamp`.
public struct MESHToken: Sendable, Hashable {
    /// The mailbox the token claims, exactly as sent (it must be upper case).
    public var mailbox: String
    /// The client's nonce (a GUID for mesh-client).
    public var nonce: String
    /// The client's nonce count, decimal digits.
    public var nonceCount: String
    /// The `yyyyMMddHHmm` UTC timestamp as sent.
    public var timestamp: String
    /// The time the timestamp names.
    public var time: Date
    /// The hex HMAC as sent.
    public var hash: String

    /// How far the token's timestamp may be from the gateway's clock.
    public static let window: TimeInterval = 2 * 3600

    /// Why a token was refused; every reason is a 403.
    public enum Refusal: Error, Equatable, Sendable {
        case malformed
        case staleTimestamp
        case wrongMailbox
        case badHash
        case replayed

        /// The `errorDescription` MESH clients see.
        public var description: String {
            switch self {
            case .malformed: "Error reading from Authorization header"
            case .staleTimestamp: "Invalid Authentication Token: the timestamp is more than 2 hours from the server's time"
            case .wrongMailbox: "Mailbox id does not match token"
            case .badHash: "Invalid Authentication Token"
            case .replayed: "Invalid Authentication Token: this token has already been used"
            }
        }
    }

    /// Parses the header value; checks the scheme, the five parts, the digits and the timestamp's form.
    public static func parse(_ header: String) throws(Refusal) -> MESHToken {
        let prefix = "NHSMESH "
        guard header.hasPrefix(prefix) else { throw .malformed }
        let parts = header.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5 else { throw .malformed }
        let (mailbox, nonce, count, timestamp, hash) = (parts[0], parts[1], parts[2], parts[3], parts[4])
        guard !mailbox.isEmpty, !nonce.isEmpty, nonce.utf8.count <= 100, mailbox.utf8.count <= 100,
            !count.isEmpty, count.utf8.count <= 20, count.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            hash.utf8.count == 64, hash.utf8.allSatisfy(Self.isHex),
            let time = Self.time(timestamp)
        else { throw .malformed }
        return MESHToken(
            mailbox: String(mailbox), nonce: String(nonce), nonceCount: String(count), timestamp: String(timestamp),
            time: time, hash: String(hash)
        )
    }

    /// Checks the token for `pathMailbox` against the password and shared key at `now`.
    public func verify(pathMailbox: String, password: String, sharedKey: [UInt8], now: Date) throws(Refusal) {
        guard mailbox == pathMailbox, mailbox == mailbox.uppercased() else { throw .wrongMailbox }
        guard abs(now.timeIntervalSince(time)) <= Self.window else { throw .staleTimestamp }
        let message = "\(mailbox):\(nonce):\(nonceCount):\(password):\(timestamp)"
        let expected = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: sharedKey))
        guard let sent = Self.bytes(hex: hash), Self.constantTimeEqual(Array(expected), sent) else { throw .badHash }
    }

    /// When a use of this token can no longer matter: its timestamp leaves the window then.
    public var expiresAt: Date { time.addingTimeInterval(Self.window + 60) }

    /// A token for `mailbox`, as a MESH client makes it (used by tests and the benchmark).
    public static func make(mailbox: String, password: String, sharedKey: [UInt8], nonce: String, count: Int, at time: Date) -> String {
        let timestamp = format(time)
        let message = "\(mailbox):\(nonce):\(count):\(password):\(timestamp)"
        let code = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: sharedKey))
        return "NHSMESH \(mailbox):\(nonce):\(count):\(timestamp):\(APIKey.hex(code))"
    }

    /// `yyyyMMddHHmm` in UTC; no calendar object, which costs microseconds per request on Linux.
    static func format(_ time: Date) -> String {
        String(MESHTime.compact(time).prefix(12))
    }

    /// The UTC time of a `yyyyMMddHHmm` timestamp, or nil when it is not one (a 30 February too).
    static func time(_ text: Substring) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 12, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let d = digits.map { Character(UnicodeScalar($0)) }
        let iso = "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))T\(String(d[8..<10])):\(String(d[10..<12])):00Z"
        return try? Timestamp.parse(iso)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
