/// Standard, padded base64 (RFC 4648 section 4), as C2SP tlog-checkpoint and signed-note use
/// for root hashes, signatures and keys.
///
/// Decoding is strict: only the standard alphabet, length a multiple of four, at most two `=`
/// and only at the end, and zero unused bits, so every byte string has exactly one accepted
/// encoding and a decoded value re-encodes to the very text it came from.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() {
            table[Int(symbol)] = UInt8(value)
        }
        return table
    }()

    /// The padded standard encoding of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 0x3F)])
            out.append(alphabet[Int(group >> 12 & 0x3F)])
            out.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
            out.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes encoded by `text`, or `nil` unless `text` is the canonical padded encoding.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let symbols = Array(text.utf8)
        guard symbols.count % 4 == 0 else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count / 4 * 3)
        var index = 0
        while index < symbols.count {
            let isLast = index + 4 == symbols.count
            let padding = isLast ? symbols[index...].reversed().prefix { $0 == UInt8(ascii: "=") }.count : 0
            guard padding <= 2 else {
                return nil
            }
            var group: UInt32 = 0
            for offset in 0..<4 {
                let value: UInt8 = offset < 4 - padding ? values[Int(symbols[index + offset])] : 0
                guard value != 0xFF else {
                    return nil
                }
                group = group << 6 | UInt32(value)
            }
            out.append(UInt8(group >> 16 & 0xFF))
            if padding < 2 {
                out.append(UInt8(group >> 8 & 0xFF))
            } else if group & 0xFFFF != 0 {
                return nil
            }
            if padding < 1 {
                out.append(UInt8(group & 0xFF))
            } else if group & 0xFF != 0 {
                return nil
            }
            index += 4
        }
        return out
    }
}
