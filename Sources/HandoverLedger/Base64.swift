/// Standard, padded base64 (RFC 4648 section 4), as C2SP tlog-checkpoint and signed-note use
/// for root hashes, signatures and keys.
///
/// Decoding is strict: only the standard alphabet, length a multiple of four, at most two `=`
/// and only at the end, and zero unused bits, so every byte string has exactly one accepted
/// encoding and a decoded value re-encodes to the very text it came from.
enum Base64 {
    static let standard = Base64Alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// The padded standard encoding of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        standard.encode(bytes, padded: true)
    }

    /// The bytes encoded by `text`, or `nil` unless `text` is the canonical padded encoding.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        standard.decode(text, padded: true)
    }
}
