import Foundation
import HandoverModel
import Testing

/// RFC 3339 timestamps written and read by hand.
@Suite struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_790_000_000.123, "2026-09-21T14:13:20.123Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
        (-86_400.5, "1969-12-30T23:59:59.500Z"),
        (4_102_444_799.999, "2099-12-31T23:59:59.999Z"),
        (-3_786_825_600, "1850-01-01T00:00:00.000Z"),
        (1_795_462_689.0004, "2026-11-23T19:38:09.000Z"),
        (1_795_462_689.9996, "2026-11-23T19:38:10.000Z"),
    ])
    func formatsInUTCWithMilliseconds(seconds: Double, text: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func wholeMillisecondsAlwaysFormatBackExactly() {
        var generator = SplitMix64(seed: 20_261_123)
        let range: ClosedRange<Int64> = -3_786_825_600_000...7_258_118_399_999  // 1850 to 2199
        for _ in 0..<20_000 {
            let milliseconds = Int64.random(in: range, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = Timestamp.format(date)
            #expect(Self.milliseconds(of: text) == milliseconds, "\(milliseconds) → \(text)")
            #expect((try? Timestamp.format(Timestamp.parse(text))) == text)
        }
    }

    @Test func agreesWithFoundationOnParsing() throws {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in ["2026-11-23T19:38:09.123Z", "1938-07-14T06:00:00.500+01:00", "2099-12-31T23:59:59.999-05:30", "2000-02-29T12:00:00.001Z"] {
            let ours = try Timestamp.parse(text)
            let theirs = try #require(reference.date(from: text))
            #expect(abs(ours.timeIntervalSince(theirs)) < 0.000_5, "\(text)")
        }
    }

    @Test(arguments: [
        ("2026-11-23T19:38:09Z", "2026-11-23T19:38:09.000Z"),
        ("2026-11-23T19:38:09.1Z", "2026-11-23T19:38:09.100Z"),
        ("2026-11-23T19:38:09.123456Z", "2026-11-23T19:38:09.123Z"),
        ("2026-11-23T19:38:09.123456789123Z", "2026-11-23T19:38:09.123Z"),
        ("2026-11-23T20:38:09.123+01:00", "2026-11-23T19:38:09.123Z"),
        ("2026-11-23T14:08:09-05:30", "2026-11-23T19:38:09.000Z"),
        ("2026-11-24T00:38:09+05:00", "2026-11-23T19:38:09.000Z"),
        ("2026-11-23T19:38:09-00:00", "2026-11-23T19:38:09.000Z"),
        ("2026-11-23t19:38:09z", "2026-11-23T19:38:09.000Z"),
        ("2026-12-31T23:59:60Z", "2027-01-01T00:00:00.000Z"),
    ])
    func parsesZonesAndFractions(raw: String, utc: String) throws {
        #expect(Timestamp.format(try Timestamp.parse(raw)) == utc)
    }

    @Test(arguments: [
        ("2026-11-23 19:38:09Z", "date-time-format"), ("2026-11-23T19:38:09", "date-time-format"),
        ("2026-11-23T25:00:00Z", "date-time-format"), ("2026-11-23T19:60:00Z", "date-time-format"),
        ("2026-11-23T19:38:09.Z", "date-time-format"), ("2026-11-23T19:38:09+0100", "date-time-format"),
        ("2026-11-23T19:38:09+24:00", "date-time-format"), ("2026-11-23T19:38:09ZZ", "date-time-format"),
        ("2026-11-23T19:38Z", "date-time-format"), ("2026-11-23", "date-time-format"), ("", "date-time-format"),
        ("2026-02-30T00:00:00Z", "date-calendar"), ("1700-01-01T00:00:00Z", "date-calendar"),
    ])
    func refusesOtherShapes(raw: String, rule: String) {
        let error = #expect(throws: ValidationError.self) { try Timestamp.parse(raw, path: "/createdAt") }
        #expect(error?.issues.first?.rule == rule)
        #expect(error?.issues.first?.path == "/createdAt")
    }

    @Test func extremeInstantsAreClampedNotFatal() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -.infinity)) == "0001-01-01T00:00:00.000Z")
        #expect(Timestamp.format(.distantFuture) == "4001-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
    }

    /// Milliseconds since 1970 of a `YYYY-MM-DDTHH:MM:SS.mmmZ` text, worked out independently of
    /// `Timestamp` (day counting by brute force).
    static func milliseconds(of text: String) -> Int64? {
        let parts = text.split(whereSeparator: { "-T:.Z".contains($0) }).compactMap { Int64($0) }
        guard parts.count == 7 else { return nil }
        let (year, month, day) = (Int(parts[0]), Int(parts[1]), Int(parts[2]))
        var days: Int64 = 0
        let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let yearLength = { (y: Int) in CalendarDate.isLeap(y) ? 366 : 365 }
        if year >= 1970 {
            for y in 1970..<year { days += Int64(yearLength(y)) }
        } else {
            for y in year..<1970 { days -= Int64(yearLength(y)) }
        }
        for m in 1..<month { days += Int64(monthLengths[m - 1] + (m == 2 && CalendarDate.isLeap(year) ? 1 : 0)) }
        days += Int64(day - 1)
        return ((days * 24 + parts[3]) * 60 + parts[4]) * 60_000 + parts[5] * 1000 + parts[6]
    }
}

/// A small seeded generator, so a failing case can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
