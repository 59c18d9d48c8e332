/// Syntax checks for RFC 3339 section 5.6 `date-time` text, as receipts and log events carry it.
///
/// Stricter than the RFC's grammar in one way: `T` and `Z` must be upper case (section 5.6
/// allows lower case), so a timestamp in a signed or hashed record has one spelling.
enum RFC3339 {
    /// Whether `text` is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` naming a real
    /// calendar day, with hour below 24, minute below 60 and second at most 60 (a leap second).
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, matches(bytes[0..<19], "dddd-dd-ddTdd:dd:dd") else {
            return false
        }
        let year = number(bytes[0..<4])
        let month = number(bytes[5..<7])
        let day = number(bytes[8..<10])
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            number(bytes[11..<13]) < 24, number(bytes[14..<16]) < 60, number(bytes[17..<19]) <= 60
        else {
            return false
        }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
            }
            guard index > start, index < bytes.count else {
                return false
            }
        }
        let zone = bytes[index...]
        if zone.elementsEqual([UInt8(ascii: "Z")]) {
            return true
        }
        guard zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
            matches(zone.dropFirst(), "dd:dd")
        else {
            return false
        }
        let offset = zone.dropFirst()
        return number(offset.prefix(2)) < 24 && number(offset.suffix(2)) < 60
    }

    /// Whether `text` is valid and in the canonical UTC millisecond form
    /// `YYYY-MM-DDTHH:MM:SS.sssZ` (exactly three fraction digits, zone `Z`).
    static func isUTCMilliseconds(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 24 && bytes[19] == UInt8(ascii: ".") && matches(bytes[20..<23], "ddd")
            && bytes[23] == UInt8(ascii: "Z") && isValid(text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether `bytes` has the shape of `pattern`, where `d` stands for one ASCII digit.
    private static func matches(_ bytes: some Collection<UInt8>, _ pattern: String) -> Bool {
        bytes.count == pattern.utf8.count
            && zip(bytes, pattern.utf8).allSatisfy { byte, symbol in
                symbol == UInt8(ascii: "d") ? isDigit(byte) : byte == symbol
            }
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
