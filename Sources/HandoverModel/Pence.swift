/// An amount of money in whole pence. Money is never a floating-point number.
public struct Pence: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: Int64

    /// Creates an amount.
    public init(_ value: Int64) {
        self.value = value
    }

    /// "£1,234.56", or "-£0.05".
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

    /// The share of this amount at `basisPoints` (1 % = 100 bp), rounded half up to the penny.
    /// The other party's share is the remainder (`self - share`), so the parts always add up.
    public func share(basisPoints: Int) -> Pence {
        let product = value * Int64(basisPoints)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        if remainder * 2 >= 10_000 { return Pence(quotient + 1) }
        if remainder * 2 <= -10_000 { return Pence(quotient - 1) }
        return Pence(quotient)
    }

    public static func + (lhs: Pence, rhs: Pence) -> Pence { Pence(lhs.value + rhs.value) }
    public static func - (lhs: Pence, rhs: Pence) -> Pence { Pence(lhs.value - rhs.value) }
    public static func < (lhs: Pence, rhs: Pence) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
