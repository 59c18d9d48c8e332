/// Canonical unsigned decimal text: ASCII digits only, no sign, no leading zero except for
/// `0` itself, and a value that fits in 64 bits, so every number has exactly one spelling.
enum Decimal64 {
    /// The value of `text`, or `nil` unless it is the canonical decimal of a `UInt64`.
    static func parse(_ text: some StringProtocol) -> UInt64? {
        let digits = text.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            digits.count == 1 || digits.first != UInt8(ascii: "0")
        else {
            return nil
        }
        return UInt64(String(text))
    }
}
