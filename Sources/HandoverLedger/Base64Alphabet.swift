/// One base64 alphabet of RFC 4648 (section 4 standard, section 5 URL-safe) with a strict coder.
///
/// Both directions work on contiguous bytes and write their output in place: the signing input
/// of every partner signature is the base64url of the whole body, so this sits on the submission
/// path. Decoding accepts exactly one text per byte string: symbols of this alphabet only, `=`
/// only as the final padding when `padded` (and then required), and zero unused bits.
struct Base64Alphabet: Sendable {
    private let symbols: [UInt8]
    /// Symbol value by byte, 0xFF for a byte outside the alphabet.
    private let values: [UInt8]

    init(_ alphabet: StaticString) {
        let symbols = alphabet.withUTF8Buffer { Array($0) }
        precondition(symbols.count == 64, "a base64 alphabet has 64 symbols")
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in symbols.enumerated() {
            values[Int(symbol)] = UInt8(value)
        }
        self.symbols = symbols
        self.values = values
    }

    /// The encoding of `bytes`, with `=` padding to a multiple of four symbols when `padded`.
    func encode(_ bytes: some Collection<UInt8>, padded: Bool) -> String {
        if let encoded = bytes.withContiguousStorageIfAvailable({ encode($0, padded: padded) }) {
            return encoded
        }
        return Array(bytes).withUnsafeBufferPointer { encode($0, padded: padded) }
    }

    private func encode(_ bytes: UnsafeBufferPointer<UInt8>, padded: Bool) -> String {
        let whole = bytes.count / 3
        let rest = bytes.count % 3
        let length = whole * 4 + (rest == 0 ? 0 : (padded ? 4 : rest + 1))
        guard length > 0 else { return "" }
        return symbols.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: length) { out in
                var read = 0
                var written = 0
                for _ in 0..<whole {
                    let group = UInt32(bytes[read]) << 16 | UInt32(bytes[read + 1]) << 8 | UInt32(bytes[read + 2])
                    out[written] = table[Int(group >> 18 & 0x3F)]
                    out[written + 1] = table[Int(group >> 12 & 0x3F)]
                    out[written + 2] = table[Int(group >> 6 & 0x3F)]
                    out[written + 3] = table[Int(group & 0x3F)]
                    read += 3
                    written += 4
                }
                if rest > 0 {
                    let group = UInt32(bytes[read]) << 16 | (rest == 2 ? UInt32(bytes[read + 1]) << 8 : 0)
                    out[written] = table[Int(group >> 18 & 0x3F)]
                    out[written + 1] = table[Int(group >> 12 & 0x3F)]
                    written += 2
                    if rest == 2 {
                        out[written] = table[Int(group >> 6 & 0x3F)]
                        written += 1
                    }
                    if padded {
                        while written < length {
                            out[written] = UInt8(ascii: "=")
                            written += 1
                        }
                    }
                }
                return written
            }
        }
    }

    /// The bytes `text` encodes, or nil unless it is their one canonical encoding.
    func decode(_ text: some StringProtocol, padded: Bool) -> [UInt8]? {
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ decode($0, padded: padded) }) {
            return decoded
        }
        return Array(text.utf8).withUnsafeBufferPointer { decode($0, padded: padded) }
    }

    private func decode(_ text: UnsafeBufferPointer<UInt8>, padded: Bool) -> [UInt8]? {
        var count = text.count
        if padded {
            guard count % 4 == 0 else { return nil }
            // At most two `=`, only at the very end; any other `=` is outside the alphabet.
            if count > 0, text[count - 1] == UInt8(ascii: "=") { count -= 1 }
            if count > 0, count % 4 == 3, text[count - 1] == UInt8(ascii: "=") { count -= 1 }
        }
        let whole = count / 4
        let rest = count % 4
        guard rest != 1 else { return nil }
        return values.withUnsafeBufferPointer { table -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(whole * 3 + (rest == 0 ? 0 : rest - 1))
            var read = 0
            for _ in 0..<whole {
                let a = table[Int(text[read])], b = table[Int(text[read + 1])]
                let c = table[Int(text[read + 2])], d = table[Int(text[read + 3])]
                // 0xFF marks a byte outside the alphabet; every symbol's value is below 64.
                guard (a | b | c | d) & 0xC0 == 0 else { return nil }
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                out.append(UInt8(truncatingIfNeeded: group >> 8))
                out.append(UInt8(truncatingIfNeeded: group))
                read += 4
            }
            if rest > 0 {
                let a = table[Int(text[read])], b = table[Int(text[read + 1])]
                let c = rest == 3 ? table[Int(text[read + 2])] : 0
                guard (a | b | c) & 0xC0 == 0 else { return nil }
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                // Unused bits must be zero, or two texts would decode to the same bytes.
                guard group & (rest == 2 ? 0xFFFF : 0xFF) == 0 else { return nil }
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                if rest == 3 { out.append(UInt8(truncatingIfNeeded: group >> 8)) }
            }
            return out
        }
    }
}
