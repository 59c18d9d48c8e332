/// Lower-case hexadecimal (RFC 4648 section 8, "base16", in lower case), as proof bundles and
/// log leaves write hashes, salts and commitments.
public enum Hex {
    /// Two lower-case hex digits per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        MerkleHash.hex(bytes)
    }

    /// The bytes of `text`, or `nil` unless it is an even number of lower-case hex digits.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for offset in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[offset]), let low = value(digits[offset + 1]) else {
                return nil
            }
            out.append(high << 4 | low)
        }
        return out
    }
}
