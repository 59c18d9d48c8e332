import Crypto
import Foundation

/// Partner API keys: 256 random bits, shown once, stored only as a SHA-256 hash.
///
/// A key looks like `hok_` followed by 43 base64url characters. Because the key is uniformly
/// random, a plain SHA-256 is as strong as a password hash here and costs a microsecond per request.
public enum APIKey {
    /// A new random key.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "hok_" + encoded
    }

    /// The stored form of a key: lower-case hex SHA-256 of its UTF-8 text.
    public static func hash(_ key: String) -> String {
        hex(SHA256.hash(data: Array(key.utf8)))
    }

    /// Lower-case hex of a digest or any bytes.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
