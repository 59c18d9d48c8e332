import Foundation
import HandoverModel
import Testing

/// Exact money in pence, and funding splits in basis points.
@Suite struct PenceTests {
    /// Seed 000's worked example: a £550 a week placement with the ICB funding 40 %: ICB £220, LA £330.
    @Test func jointPackageSplitFromTheWorkedExample() {
        let weekly = Pence(55_000)
        let icb = weekly.share(basisPoints: 4_000)
        let council = weekly - icb
        #expect(icb == Pence(22_000))
        #expect(council == Pence(33_000))
        #expect(icb.description == "£220.00")
        #expect(council.description == "£330.00")
    }

    /// Seed 003's aligned s117 budget: £241,390.16 a week split 53.93 % council / 46.07 % CCG.
    ///
    /// The seed quotes £130,176.66 and £111,212.92, which add up to £241,389.58, not the weekly
    /// total; they were worked from the annual budget (£12,552,310.16) and cannot be reproduced
    /// from the weekly figure. What is tested is the exact integer arithmetic implemented:
    /// 24,139,016 × 5,393 / 10,000 = 13,018,171.3288, which rounds to 13,018,171 pence.
    @Test func s117BudgetSplitIsExactAndAddsUp() {
        let weekly = Pence(24_139_016)
        let council = weekly.share(basisPoints: 5_393)
        let ccg = weekly - council
        #expect(council == Pence(13_018_171))
        #expect(council.description == "£130,181.71")
        #expect(ccg == Pence(11_120_845))
        #expect(ccg.description == "£111,208.45")
        #expect(council + ccg == weekly)
        #expect(weekly.share(basisPoints: 4_607) == Pence(11_120_845), "46.07 % of the total rounds to the same remainder")
        let annual = Pence(1_255_231_016)
        #expect(annual.description == "£12,552,310.16")
        #expect(annual.share(basisPoints: 5_393) == Pence(676_946_087), "676,946,086.9288 rounds up")
    }

    @Test(arguments: [
        (5, 5_000, 3),  // 2.5 → 3: half rounds up
        (4, 5_000, 2),
        (1, 4_999, 0),  // 0.4999 → 0
        (1, 5_000, 1),  // 0.5 → 1
        (-5, 5_000, -3),  // a refund's share mirrors the charge's
        (-1, 4_999, 0),
        (55_000, 0, 0),
        (55_000, 10_000, 55_000),
        (33_333, 3_333, 11_110),  // 11,109.8889 → 11,110
        (100, 12_500, 125),  // shares above 100 % are plain arithmetic too
    ])
    func sharesRoundHalfUpToThePenny(amount: Int64, basisPoints: Int, expected: Int64) {
        #expect(Pence(amount).share(basisPoints: basisPoints) == Pence(expected))
    }

    @Test func sharesOfHugeAmountsDoNotOverflow() {
        let huge = Pence(Int64.max / 2)
        #expect(huge.share(basisPoints: 10_000) == huge)
        #expect(huge.share(basisPoints: 5_000) == Pence(Int64.max / 4 + 1))
    }

    @Test func sharePlusRemainderIsAlwaysTheTotal() {
        var generator = SplitMix64(seed: 550)
        for _ in 0..<5_000 {
            let total = Pence(Int64.random(in: 0...10_000_000_000, using: &generator))
            let basisPoints = Int.random(in: 0...10_000, using: &generator)
            let share = total.share(basisPoints: basisPoints)
            #expect(share + (total - share) == total)
            // |share × 10,000 − total × bp| ≤ 5,000: within half a penny of the exact share.
            let error = share.value * 10_000 - total.value * Int64(basisPoints)
            #expect(abs(error) <= 5_000)
        }
    }

    @Test(arguments: [
        (0, "£0.00"), (5, "£0.05"), (-5, "-£0.05"), (99, "£0.99"), (100, "£1.00"), (123_456, "£1,234.56"),
        (100_000_000, "£1,000,000.00"), (-123_456_789, "-£1,234,567.89"), (Int64.min, "-£92,233,720,368,547,758.08"),
    ])
    func describesInPounds(value: Int64, text: String) {
        #expect(Pence(value).description == text)
    }

    @Test func arithmeticAndOrder() {
        #expect(Pence(150) + Pence(250) == Pence(400))
        #expect(Pence(150) - Pence(250) == Pence(-100))
        #expect(Pence(-1) < Pence(0))
        #expect([Pence(3), Pence(-2), Pence(1)].sorted() == [Pence(-2), Pence(1), Pence(3)])
    }

    @Test func codableIsAnIntegerNumberOfPence() throws {
        #expect(String(decoding: try JSONEncoder().encode([Pence(22_000)]), as: UTF8.self) == "[22000]")
        #expect(try JSONDecoder().decode([Pence].self, from: Data("[22000]".utf8)) == [Pence(22_000)])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Pence].self, from: Data("[220.5]".utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Pence].self, from: Data(#"["22000"]"#.utf8)) }
    }
}
