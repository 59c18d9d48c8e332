/// Exact conversions between FHIR decimals (JSON number lexemes, kept as sent by `JSONParser`) and
/// the canonical integers: money in pence (FHIR `Money.value` is GBP) and shares in basis points
/// (a percentage with two decimals). Worked on the digits, never through `Double`, so £1,240.50
/// is 124050 pence and 12.5 % is 1250 basis points exactly.
enum FHIRDecimal {
    /// A decimal read as a whole number of hundredths.
    enum Hundredths: Equatable {
        case value(Int64)
        /// More precision than a hundredth: a fraction of a penny, or of a basis point.
        case tooPrecise
        /// Larger than an `Int64` of hundredths can hold.
        case outOfRange
    }

    /// The lexeme (RFC 8259 number grammar, already checked) as hundredths.
    static func hundredths(_ lexeme: String) -> Hundredths {
        var bytes = Array(lexeme.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var point: Int?
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: ".") {
                point = digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                let rest = bytes[(index + 1)...]
                guard let value = Int(String(decoding: rest, as: UTF8.self)), (-1000...1000).contains(value) else { return .outOfRange }
                exponent = value
                break
            }
            index += 1
        }
        // The value is digits × 10^(exponent - fraction digits); hundredths shift that by 2.
        let shift = exponent - (digits.count - (point ?? digits.count)) + 2
        var value: Int64 = 0
        if shift >= 0 {
            for digit in digits {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(Int64(digit))
                if overflow || carry { return .outOfRange }
                value = sum
            }
            for _ in 0..<shift where value != 0 {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return .outOfRange }
                value = times
            }
        } else {
            let kept = digits.count + shift
            if digits[max(0, kept)...].contains(where: { $0 != 0 }) { return .tooPrecise }
            for digit in digits.prefix(max(0, kept)) {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(Int64(digit))
                if overflow || carry { return .outOfRange }
                value = sum
            }
        }
        return .value(negative ? -value : value)
    }

    /// Hundredths as a decimal lexeme with exactly two decimals: 55000 is `550.00`.
    static func fixed(_ hundredths: Int64) -> String {
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Hundredths as the shortest decimal lexeme: 4000 is `40`, 1250 is `12.5`, 1 is `0.01`.
    static func shortest(_ hundredths: Int64) -> String {
        let text = fixed(hundredths)
        if text.hasSuffix(".00") { return String(text.dropLast(3)) }
        if text.hasSuffix("0") { return String(text.dropLast()) }
        return text
    }
}
