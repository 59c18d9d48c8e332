/// A calendar date without a time or zone (`YYYY-MM-DD`), such as a date of birth.
///
/// Only real dates exist: 2025-02-30 and 2023-02-29 are refused, 2024-02-29 is accepted. Years
/// are limited to 1850-2200 to catch typing slips. The arithmetic is done here rather than with
/// `Calendar`, which is locale-sensitive and slow on a hot path.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date from its parts.
    public init(year: Int, month: Int, day: Int, path: String = "") throws(ValidationError) {
        guard (1850...2200).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw ValidationError(
                path: path,
                rule: "date-calendar",
                hint: "\(Self.format(year, month, day)) is not a real date between 1850 and 2200; check the day and month"
            )
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        guard ASCII.matches(raw, "DDDD-DD-DD") else {
            throw ValidationError(path: path, rule: "date-format", hint: "send the date as YYYY-MM-DD, e.g. 1938-07-14")
        }
        let bytes = Array(raw.utf8).map { Int($0) - 0x30 }
        try self.init(
            year: bytes[0] * 1000 + bytes[1] * 100 + bytes[2] * 10 + bytes[3],
            month: bytes[5] * 10 + bytes[6],
            day: bytes[8] * 10 + bytes[9],
            path: path
        )
    }

    public var description: String { Self.format(year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(validating: raw, path: decoder.codingPath.map { "/" + $0.stringValue }.joined())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
