import Foundation
import HandoverModel
import Testing

/// `YYYY-MM-DD` dates, with the calendar checked by hand.
@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "1938-07-14", "1850-01-01", "2200-12-31", "2026-12-31", "2026-04-30"])
    func acceptsRealDates(raw: String) throws {
        #expect(try CalendarDate(validating: raw).description == raw)
    }

    @Test(arguments: [
        ("2025-02-30", "date-calendar"), ("2023-02-29", "date-calendar"), ("1900-02-29", "date-calendar"),
        ("2025-13-01", "date-calendar"), ("2025-00-10", "date-calendar"), ("2025-04-31", "date-calendar"),
        ("2025-01-00", "date-calendar"), ("2025-01-32", "date-calendar"), ("1849-12-31", "date-calendar"),
        ("2201-01-01", "date-calendar"), ("0938-07-14", "date-calendar"),
        ("14/07/1938", "date-format"), ("1938-7-14", "date-format"), ("1938-07-14T00:00", "date-format"),
        ("19380714", "date-format"), ("", "date-format"), ("1938-07-1４", "date-format"), ("+1938-07-14", "date-format"),
    ])
    func refusesImpossibleDates(raw: String, rule: String) {
        let error = #expect(throws: ValidationError.self) { try CalendarDate(validating: raw, path: "/subject/birthDate") }
        #expect(error?.issues.first?.rule == rule)
        #expect(error?.issues.first?.path == "/subject/birthDate")
    }

    @Test func partsAreCheckedToo() throws {
        let date = try CalendarDate(year: 2024, month: 2, day: 29)
        #expect((date.year, date.month, date.day) == (2024, 2, 29))
        #expect(date.description == "2024-02-29")
        #expect(throws: ValidationError.self) { try CalendarDate(year: 2023, month: 2, day: 29) }
        #expect(throws: ValidationError.self) { try CalendarDate(year: 2024, month: 13, day: 1) }
        #expect(throws: ValidationError.self) { try CalendarDate(year: 1849, month: 12, day: 31) }
    }

    @Test func leapYears() {
        #expect(CalendarDate.isLeap(2024))
        #expect(CalendarDate.isLeap(2000))
        #expect(!CalendarDate.isLeap(1900))
        #expect(!CalendarDate.isLeap(2023))
    }

    @Test func datesOrderChronologically() throws {
        let dates = try ["2026-12-18", "1938-07-14", "2026-01-31", "2026-12-01"].map { try CalendarDate(validating: $0) }
        #expect(dates.sorted().map(\.description) == ["1938-07-14", "2026-01-31", "2026-12-01", "2026-12-18"])
        #expect(try CalendarDate(validating: "2026-02-01") > CalendarDate(validating: "2026-01-31"))
    }

    @Test func codableIsAStringAndErrorsAreLocated() throws {
        let date = try CalendarDate(validating: "1938-07-14")
        #expect(String(decoding: try JSONEncoder().encode([date]), as: UTF8.self) == #"["1938-07-14"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: Data(#"["1938-07-14"]"#.utf8)) == [date])
        let error = #expect(throws: ValidationError.self) {
            try JSONDecoder().decode([String: CalendarDate].self, from: Data(#"{"a/b~c":"2025-02-30"}"#.utf8))
        }
        #expect(error?.issues.first?.path == "/a~1b~0c", "JSON Pointer escapes / and ~")
    }
}
