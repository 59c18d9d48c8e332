import Foundation

/// RFC 3339 timestamps: written in UTC with milliseconds (`2026-11-23T19:38:09.123Z`), read with
/// `Z` or a numeric offset, with or without a fraction.
///
/// Written by hand: `ISO8601DateFormatter` is a class (not `Sendable`) and costs microseconds per
/// call on the inbox listing path, and no calendar, locale or time-zone database is needed for UTC.
public enum Timestamp {
    /// Seconds from 1970-01-01 to Foundation's reference date, 2001-01-01.
    private static let referenceOffset: Int64 = 978_307_200
    /// The first and last millisecond that can be written with a four-digit year.
    private static let writable: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// Formats `date` in UTC with millisecond precision, e.g. `2026-11-23T19:38:09.123Z`.
    ///
    /// The instant is rounded to the nearest millisecond (not truncated), so a timestamp that was
    /// parsed, or stored as whole milliseconds, formats back to the same text despite the binary
    /// floating point inside `Date`. Instants outside years 0001-9999 are clamped to that range
    /// (and a NaN is written as 2001-01-01), so a corrupt value is visible rather than fatal.
    public static func format(_ date: Date) -> String {
        let sinceReference = date.timeIntervalSinceReferenceDate * 1000
        let rounded = sinceReference.isNaN ? 0 : max(-1e17, min(1e17, sinceReference.rounded()))
        let milliseconds = min(max(Int64(rounded) + referenceOffset * 1000, writable.lowerBound), writable.upperBound)
        let (wholeSeconds, millisecond) = floorDivide(milliseconds, 1000)
        let (days, secondOfDay) = floorDivide(wholeSeconds, 86_400)
        let civil = CivilDays.civil(fromDays: Int(days))
        let second = Int(secondOfDay)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        ASCII.appendPadded(civil.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        ASCII.appendPadded(civil.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        ASCII.appendPadded(civil.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        ASCII.appendPadded(second / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ASCII.appendPadded(second / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ASCII.appendPadded(second % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        ASCII.appendPadded(Int(millisecond), width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length,
    /// then `Z` or `+HH:MM` / `-HH:MM`. `T` and `Z` may be lower case (RFC 3339 §5.6); a leap
    /// second (`:60`) is read as the first second of the next minute.
    ///
    /// Throws `date-time-format` located at `path` for any other shape (a space for `T`, no zone),
    /// and `date-calendar` for a day that does not exist or a year outside 1850-2200.
    public static func parse(_ raw: String, path: String = "") throws(ValidationError) -> Date {
        let failure = ValidationError(
            path: path,
            rule: "date-time-format",
            hint: "send an RFC 3339 date-time with a zone, e.g. 2026-11-23T19:38:09Z or 2026-11-23T19:38:09.123+00:00"
        )
        let bytes = Array(raw.utf8)
        guard bytes.count >= 20, ASCII.matches(bytes[0..<10], "DDDD-DD-DD"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            ASCII.matches(bytes[11..<19], "DD:DD:DD")
        else { throw failure }
        let date = try CalendarDate(
            year: ASCII.number(bytes, 0..<4),
            month: ASCII.number(bytes, 5..<7),
            day: ASCII.number(bytes, 8..<10),
            path: path
        )
        let hour = ASCII.number(bytes, 11..<13)
        let minute = ASCII.number(bytes, 14..<16)
        let second = ASCII.number(bytes, 17..<19)
        guard hour < 24, minute < 60, second <= 60 else { throw failure }

        var index = 19
        var nanoseconds = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            var scale = 100_000_000
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                nanoseconds += Int(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw failure }
        }
        guard index < bytes.count else { throw failure }

        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { throw failure }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, ASCII.matches(bytes[(index + 1)...], "DD:DD") else { throw failure }
            let hours = ASCII.number(bytes, (index + 1)..<(index + 3))
            let minutes = ASCII.number(bytes, (index + 4)..<(index + 6))
            guard hours < 24, minutes < 60 else { throw failure }
            offset = (bytes[index] == UInt8(ascii: "+") ? 1 : -1) * (hours * 3600 + minutes * 60)
        default:
            throw failure
        }

        let days = CivilDays.days(fromCivil: date.year, date.month, date.day)
        let seconds = Int64(days * 86_400 + hour * 3600 + minute * 60 + second - offset) - referenceOffset
        return Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    /// Division rounding towards negative infinity, with a non-negative remainder.
    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
