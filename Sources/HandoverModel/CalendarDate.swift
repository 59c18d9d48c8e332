/// A calendar date without a time or zone (`YYYY-MM-DD`), such as a date of birth or a decision
/// due date.
///
/// Only real dates exist: 2025-02-30, 2023-02-29 and month 13 are refused, 2024-02-29 is accepted
/// (Gregorian leap years). Years are limited to 1850-2200 to catch typing slips such as 0938 or
/// 19380. The arithmetic is done here rather than with `Calendar` or `DateFormatter`, which are
/// locale-sensitive and slow on a hot path; a date has no time zone, so none can shift it a day.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The years a date may fall in.
    public static let years: ClosedRange<Int> = 1850...2200

    /// The year, 1850 to 2200.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 28, 29, 30 or 31 as the month has.
    public let day: Int

    /// Creates a date from its parts; throws `date-calendar` located at `path` unless the date
    /// exists and its year is within `years`.
    public init(year: Int, month: Int, day: Int, path: String = "") throws(ValidationError) {
        guard Self.years.contains(year) else {
            throw ValidationError(path: path, rule: "date-calendar", hint: "send a year between 1850 and 2200")
        }
        guard (1...12).contains(month) else {
            throw ValidationError(path: path, rule: "date-calendar", hint: "send a month from 01 to 12")
        }
        let length = Self.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw ValidationError(
                path: path,
                rule: "date-calendar",
                hint: "that date does not exist: month \(month) of \(year) has \(length) days"
            )
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 calendar date, extended form).
    ///
    /// Throws `date-format` located at `path` for any other shape (`14/07/1938`, `1938-7-14`, a
    /// date-time), and `date-calendar` for a date that does not exist.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let bytes = Array(raw.utf8)
        guard ASCII.matches(bytes, "DDDD-DD-DD") else {
            throw ValidationError(path: path, rule: "date-format", hint: "send the date as YYYY-MM-DD, e.g. 1938-07-14")
        }
        try self.init(
            year: ASCII.number(bytes, 0..<4),
            month: ASCII.number(bytes, 5..<7),
            day: ASCII.number(bytes, 8..<10),
            path: path
        )
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        ASCII.appendPadded(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        ASCII.appendPadded(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        ASCII.appendPadded(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Earlier dates sort first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year: divisible by 4, except centuries not divisible
    /// by 400 (1900 is not, 2000 is).
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Decodes a `YYYY-MM-DD` string and validates it; a failure is thrown as a `ValidationError`
    /// located at the coding path.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(validating: raw, path: JSONPointer.path(decoder.codingPath))
    }

    /// Encodes the date as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
