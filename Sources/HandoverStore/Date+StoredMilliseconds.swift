import Foundation

/// Times are kept as integer milliseconds in every backend, so both round the same way.
extension Date {
    /// Milliseconds since 1970, the unit of every time column.
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}
