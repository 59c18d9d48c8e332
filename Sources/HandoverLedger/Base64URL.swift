/// Unpadded base64url (RFC 4648 section 5), as JWS uses for every part of its compact
/// serialization (RFC 7515 section 2, "Base64url Encoding", and Appendix C).
///
/// Decoding is strict: only the URL-safe alphabet, no `=` padding, no whitespace, a length that
/// is not 1 modulo 4, and zero unused bits, so every byte string has exactly one accepted
/// encoding and a decoded value re-encodes to the very text it came from.
enum Base64URL {
    static let url = Base64Alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    /// The unpadded base64url encoding of `bytes`.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        url.encode(bytes, padded: false)
    }

    /// The bytes encoded by `text`, or `nil` unless `text` is the canonical unpadded encoding.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        url.decode(text, padded: false)
    }
}
