import Foundation

/// RFC 3339 timestamps, formatted in UTC with milliseconds (`2026-11-23T19:38:09.123Z`).
///
/// Written by hand: `ISO8601DateFormatter` is a class (not `Sendable`) and costs microseconds per
/// call on the inbox listing path.
public enum Timestamp {
    /// Formats `date` in UTC with millisecond precision.
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let milliseconds = Int(((totalMilliseconds % 1000) + 1000) % 1000)
        let seconds = (totalMilliseconds - Int64(milliseconds)) / 1000
        let days = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let secondOfDay = Int(seconds - Int64(days) * 86400)
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(milliseconds, 3))Z"
    }

    /// Parses an RFC 3339 date-time with `Z` or a numeric offset, with or without a fraction.
    public static func parse(_ raw: String, path: String = "") throws(ValidationError) -> Date {
        let failure = ValidationError(path: path, rule: "date-time-format", hint: "send an RFC 3339 date-time, e.g. 2026-11-23T19:38:09Z")
        let bytes = Array(raw.utf8)
        guard bytes.count >= 20, ASCII.matches(String(decoding: bytes[0..<19], as: UTF8.self), "DDDD-DD-DDTDD:DD:DD") else {
            throw failure
        }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1) - 0x30 } }
        let date = try CalendarDate(year: number(0..<4), month: number(5..<7), day: number(8..<10), path: path)
        let hour = number(11..<13)
        let minute = number(14..<16)
        let second = number(17..<19)
        guard hour < 24, minute < 60, second < 61 else { throw failure }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                fraction += Double(Int(bytes[index]) - 0x30) * scale
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
            guard index + 6 == bytes.count, ASCII.matches(String(decoding: bytes[(index + 1)...], as: UTF8.self), "DD:DD") else { throw failure }
            let sign = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            offset = sign * (number((index + 1)..<(index + 3)) * 3600 + number((index + 4)..<(index + 6)) * 60)
        default:
            throw failure
        }
        let days = days(fromCivil: date.year, date.month, date.day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: seconds + fraction)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The inverse of `civil(fromDays:)` (`days_from_civil`).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
