import Foundation
import HandoverModel
import Testing

@Suite struct DateAndMoneyTests {
    @Test(arguments: ["2024-02-29", "1938-07-14", "2000-02-29", "1850-01-01", "2200-12-31"])
    func acceptsRealDates(raw: String) throws {
        #expect(try CalendarDate(validating: raw).description == raw)
    }

    @Test(arguments: [
        ("2025-02-30", "date-calendar"), ("2023-02-29", "date-calendar"), ("1900-02-29", "date-calendar"),
        ("2025-13-01", "date-calendar"), ("2025-04-31", "date-calendar"), ("1700-01-01", "date-calendar"),
        ("14/07/1938", "date-format"), ("1938-7-14", "date-format"), ("1938-07-14T00:00", "date-format"),
    ])
    func refusesImpossibleDates(raw: String, rule: String) {
        let error = #expect(throws: ValidationError.self) { try CalendarDate(validating: raw) }
        #expect(error?.issues.first?.rule == rule)
    }

    @Test func timestampsRoundTripAndAgreeWithFoundation() throws {
        let instants: [TimeInterval] = [0, 1_790_000_000.123, 951_782_400, -86_400.5, 4_102_444_799.999]
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.format(date)
            #expect(text == reference.string(from: date), "\(seconds)")
            let parsed = try Timestamp.parse(text)
            #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.001)
        }
        #expect(try Timestamp.parse("2026-11-23T20:38:09+01:00") == Timestamp.parse("2026-11-23T19:38:09Z"))
        for bad in ["2026-11-23 19:38:09Z", "2026-11-23T19:38:09", "2026-02-30T00:00:00Z", "2026-11-23T25:00:00Z"] {
            #expect(throws: ValidationError.self, "\(bad)") { try Timestamp.parse(bad) }
        }
    }

    /// Seed 000's worked example: a £550 a week placement with the ICB funding 40 %.
    @Test func jointPackageSplitFromTheSeedExample() {
        let weekly = Pence(55_000)
        let icb = weekly.share(basisPoints: 4_000)
        #expect(icb == Pence(22_000))
        #expect(weekly - icb == Pence(33_000))
        #expect(icb.description == "£220.00")
    }

    /// Seed 003's aligned s117 budget: £241,390.16 a week split 53.93 % council / 46.07 % CCG.
    /// The seed's own figures (£130,176.66 / £111,212.92) were computed from the annual budget, so
    /// the weekly split here is checked for exact integer arithmetic and parts that add up.
    @Test func s117BudgetSplitAddsUpExactly() {
        let weekly = Pence(24_139_016)
        let council = weekly.share(basisPoints: 5_393)
        // 24,139,016 × 5,393 / 10,000 = 13,018,171.33... → 13,018,171 pence.
        #expect(council == Pence(13_018_171))
        #expect(council + (weekly - council) == weekly)
        #expect(Pence(1_255_231_016).description == "£12,552,310.16")
        #expect(Pence(-5).description == "-£0.05")
        #expect(Pence(5).share(basisPoints: 5_000) == Pence(3), "half a penny rounds up")
    }
}
