import Foundation

extension CalendarDate {
    /// The UTC calendar day of `instant`, or nil outside the years a `CalendarDate` holds.
    public init?(utcDayOf instant: Date) {
        let days = Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))
        let civil = CivilDays.civil(fromDays: days)
        guard let date = try? CalendarDate(year: civil.year, month: civil.month, day: civil.day) else { return nil }
        self = date
    }
}
