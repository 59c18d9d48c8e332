public import HandoverModel

/// An HL7 v2 TS value (`YYYYMMDD[HHMM[SS[.S[S[S[S]]]]]][+/-ZZZZ]`) and its ISO 8601 form in the
/// canonical payload (`YYYY-MM-DD[THH:MM[:SS[.SSSS]]][+HH:MM]`), converted both ways at the same
/// precision so that neither direction invents or loses a digit.
///
/// A TS without an offset is the sender's local time and stays without one: the gateway does not
/// guess a zone. `Z` is read as `+00:00` on the canonical side. Precisions coarser than a day
/// (`YYYY`, `YYYYMM`) and finer than four fractional digits are refused, since a date of birth or
/// a move date that is only a month helps nobody match a person or plan a release. hl7apy does not
/// check TS values in v2.4, so the parser here is the check.
public struct HL7Timestamp: Sendable, Hashable, CustomStringConvertible {
    /// The ER7 form, e.g. `20250303101500`.
    public let er7: String
    /// The ISO 8601 form, e.g. `2025-03-03T10:15:00`.
    public let iso: String
    /// The calendar date.
    public let date: CalendarDate

    private struct Parts {
        var date: CalendarDate
        var hour: Int?
        var minute: Int?
        var second: Int?
        /// Where the fractional digits are in the input, when sent.
        var fraction: Range<Int>?
        var offset: (sign: UInt8, hours: Int, minutes: Int)?
    }

    /// Parses an ER7 TS; throws `hl7-timestamp-format` or `date-calendar` located at `path`.
    public init(er7 raw: String, path: String) throws(ValidationError) {
        let bytes = Array(raw.utf8)
        // Built only when thrown: a ValidationError allocates, and most values are valid.
        func failure() -> ValidationError {
            ValidationError(
                path: path,
                rule: "hl7-timestamp-format",
                hint: "send an HL7 date or date-time such as 20250303 or 20250303101500 (YYYYMMDD[HHMM[SS[.SSSS]]][+ZZZZ])"
            )
        }
        var digits = 0
        while digits < bytes.count, Self.isDigit(bytes[digits]) { digits += 1 }
        guard digits == 8 || digits == 12 || digits == 14 else { throw failure() }
        var parts = Parts(date: try CalendarDate(year: Self.number(bytes, 0, 4), month: Self.number(bytes, 4, 2), day: Self.number(bytes, 6, 2), path: path))
        if digits >= 12 {
            parts.hour = Self.number(bytes, 8, 2)
            parts.minute = Self.number(bytes, 10, 2)
        }
        if digits == 14 { parts.second = Self.number(bytes, 12, 2) }
        var index = digits
        if digits == 14, index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            guard (1...4).contains(index - start) else { throw failure() }
            parts.fraction = start..<index
        }
        if digits >= 12, index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            guard bytes.count == index + 5, (1...4).allSatisfy({ Self.isDigit(bytes[index + $0]) }) else { throw failure() }
            parts.offset = (bytes[index], Self.number(bytes, index + 1, 2), Self.number(bytes, index + 3, 2))
            index += 5
        }
        guard index == bytes.count else { throw failure() }
        try self.init(parts, bytes, failure: failure)
    }

    /// Parses the canonical ISO 8601 form; throws `date-time-format` or `date-calendar` located at
    /// `path`.
    public init(iso raw: String, path: String) throws(ValidationError) {
        let bytes = Array(raw.utf8)
        func failure() -> ValidationError {
            ValidationError(
                path: path,
                rule: "date-time-format",
                hint: "send a date as YYYY-MM-DD or a date-time as YYYY-MM-DDTHH:MM[:SS[.SSSS]] with an optional +HH:MM offset"
            )
        }
        func digitsAt(_ offset: Int, _ count: Int) -> Bool {
            guard offset + count <= bytes.count else { return false }
            for index in offset..<(offset + count) where !Self.isDigit(bytes[index]) { return false }
            return true
        }
        func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        guard digitsAt(0, 4), byte(4) == UInt8(ascii: "-"), digitsAt(5, 2), byte(7) == UInt8(ascii: "-"), digitsAt(8, 2) else { throw failure() }
        var parts = Parts(date: try CalendarDate(year: Self.number(bytes, 0, 4), month: Self.number(bytes, 5, 2), day: Self.number(bytes, 8, 2), path: path))
        var index = 10
        if byte(10) == UInt8(ascii: "T") {
            guard digitsAt(11, 2), byte(13) == UInt8(ascii: ":"), digitsAt(14, 2) else { throw failure() }
            parts.hour = Self.number(bytes, 11, 2)
            parts.minute = Self.number(bytes, 14, 2)
            index = 16
            if byte(16) == UInt8(ascii: ":") {
                guard digitsAt(17, 2) else { throw failure() }
                parts.second = Self.number(bytes, 17, 2)
                index = 19
                if byte(19) == UInt8(ascii: ".") {
                    let start = 20
                    index = start
                    while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
                    guard (1...4).contains(index - start) else { throw failure() }
                    parts.fraction = start..<index
                }
            }
            if byte(index) == UInt8(ascii: "Z") {
                parts.offset = (UInt8(ascii: "+"), 0, 0)
                index += 1
            } else if let sign = byte(index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard digitsAt(index + 1, 2), byte(index + 3) == UInt8(ascii: ":"), digitsAt(index + 4, 2) else { throw failure() }
                parts.offset = (sign, Self.number(bytes, index + 1, 2), Self.number(bytes, index + 4, 2))
                index += 6
            }
        }
        guard index == bytes.count else { throw failure() }
        try self.init(parts, bytes, failure: failure)
    }

    /// A date alone, e.g. for a date of birth.
    public init(date: CalendarDate) {
        // A calendar date always forms a valid TS, so this cannot fail.
        self.date = date
        let parts = Parts(date: date)
        er7 = Self.write(parts, [], extended: false)
        iso = Self.write(parts, [], extended: true)
    }

    /// Both forms written byte by byte from the parts (`input` holds the fractional digits)
    /// straight into their strings, so that a conversion costs no more than the two strings.
    private init(_ parts: Parts, _ input: [UInt8], failure: () -> ValidationError) throws(ValidationError) {
        if let hour = parts.hour, let minute = parts.minute {
            guard hour < 24, minute < 60, (parts.second ?? 0) < 60 else { throw failure() }
        }
        if let offset = parts.offset {
            guard offset.hours < 24, offset.minutes < 60 else { throw failure() }
        }
        date = parts.date
        er7 = Self.write(parts, input, extended: false)
        iso = Self.write(parts, input, extended: true)
    }

    /// The ER7 form of `parts`, or with `extended` the ISO 8601 form.
    private static func write(_ parts: Parts, _ input: [UInt8], extended: Bool) -> String {
        let hasTime = parts.hour != nil && parts.minute != nil
        var length = extended ? 10 : 8
        if hasTime { length += extended ? 6 : 4 }
        if parts.second != nil { length += extended ? 3 : 2 }
        if let fraction = parts.fraction { length += 1 + fraction.count }
        if parts.offset != nil { length += extended ? 6 : 5 }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var count = 0
            func put(_ byte: UInt8) {
                guard count < buffer.count else { return }
                buffer[count] = byte
                count += 1
            }
            func put(_ value: Int, digits: Int) {
                var divisor = 1
                for _ in 1..<digits { divisor *= 10 }
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            put(parts.date.year, digits: 4)
            if extended { put(UInt8(ascii: "-")) }
            put(parts.date.month, digits: 2)
            if extended { put(UInt8(ascii: "-")) }
            put(parts.date.day, digits: 2)
            if let hour = parts.hour, let minute = parts.minute {
                if extended { put(UInt8(ascii: "T")) }
                put(hour, digits: 2)
                if extended { put(UInt8(ascii: ":")) }
                put(minute, digits: 2)
            }
            if let second = parts.second {
                if extended { put(UInt8(ascii: ":")) }
                put(second, digits: 2)
            }
            if let fraction = parts.fraction {
                put(UInt8(ascii: "."))
                for index in fraction { put(input[index]) }
            }
            if let offset = parts.offset {
                put(offset.sign)
                put(offset.hours, digits: 2)
                if extended { put(UInt8(ascii: ":")) }
                put(offset.minutes, digits: 2)
            }
            return count
        }
    }

    /// The ER7 form.
    public var description: String { er7 }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int {
        bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

}
