/// Unpadded base64url (RFC 4648 section 5), as JWS uses for every part of its compact
/// serialization (RFC 7515 section 2, "Base64url Encoding", and Appendix C).
///
/// Decoding is strict: only the URL-safe alphabet, no `=` padding, no whitespace, a length that
/// is not 1 modulo 4, and zero unused bits, so every byte string has exactly one accepted
/// encoding and a decoded value re-encodes to the very text it came from.
enum Base64URL {
    /// The unpadded base64url encoding of `bytes`.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = Array(Base64.encode(Array(bytes)).utf8)
        while out.last == UInt8(ascii: "=") {
            out.removeLast()
        }
        for index in out.indices {
            switch out[index] {
            case UInt8(ascii: "+"): out[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): out[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes encoded by `text`, or `nil` unless `text` is the canonical unpadded encoding.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(text.utf8.count + 2)
        for symbol in text.utf8 {
            switch symbol {
            case UInt8(ascii: "-"): symbols.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): symbols.append(UInt8(ascii: "/"))
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return nil
            default: symbols.append(symbol)
            }
        }
        switch symbols.count % 4 {
        case 0: break
        case 2: symbols.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "=")])
        case 3: symbols.append(UInt8(ascii: "="))
        default: return nil
        }
        return Base64.decode(String(decoding: symbols, as: UTF8.self))
    }
}
