/// An amount of money in whole pence; a JSON integer on the wire. Money is never a floating-point
/// number, so funding splits and invoices add up to the penny.
///
/// Arithmetic traps on overflow like `Int64` itself; the range is ±£92 thousand million million.
public struct Pence: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in pence; negative for a credit or refund.
    public let value: Int64

    /// Creates an amount from a number of pence.
    public init(_ value: Int64) {
        self.value = value
    }

    /// Pounds with thousands separators and two decimal places: "£1,234.56", or "-£0.05".
    public var description: String {
        let magnitude = value.magnitude
        let pounds = String(magnitude / 100)
        var grouped = ""
        for (index, digit) in pounds.enumerated() {
            if index > 0 && (pounds.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let pence = magnitude % 100
        return (value < 0 ? "-" : "") + "£" + grouped + "." + (pence < 10 ? "0" : "") + String(pence)
    }

    /// This amount's share at `basisPoints` (1 % = 100 bp, 100 % = 10,000 bp), rounded half up to
    /// the penny: exactly `value × basisPoints / 10,000`, with a remainder of half a penny or more
    /// rounded away from zero (so a refund's share mirrors the charge's).
    ///
    /// Split a joint package by computing one party's share and giving the other the remainder
    /// (`total - share`), so the parts always add up to the total. The product is worked in 128
    /// bits, so no realistic amount can overflow.
    public func share(basisPoints: Int) -> Pence {
        let divisor: Int64 = 10_000
        let product = value.multipliedFullWidth(by: Int64(basisPoints))
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        if remainder.magnitude * 2 >= divisor.magnitude {
            return Pence(remainder > 0 ? quotient + 1 : quotient - 1)
        }
        return Pence(quotient)
    }

    /// The sum of two amounts.
    public static func + (lhs: Pence, rhs: Pence) -> Pence { Pence(lhs.value + rhs.value) }
    /// The difference of two amounts.
    public static func - (lhs: Pence, rhs: Pence) -> Pence { Pence(lhs.value - rhs.value) }
    /// Smaller amounts sort first.
    public static func < (lhs: Pence, rhs: Pence) -> Bool { lhs.value < rhs.value }

    /// Decodes a JSON integer number of pence; `12.5` or `"1250"` is refused.
    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes the amount as a JSON integer number of pence.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
