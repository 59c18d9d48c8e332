/// Times micro-benchmark steps: the mean of many repetitions, in microseconds.
enum MicroTiming {
    /// Mean microseconds per call of `step` over `iterations` calls.
    static func microseconds(iterations: Int, _ step: () throws -> Void) rethrows -> Double {
        let elapsed = try ContinuousClock().measure {
            for _ in 0..<iterations { try step() }
        }
        return Exchange.seconds(elapsed) / Double(iterations) * 1e6
    }
}
