import Foundation
import Synchronization

/// Collects latencies from many tasks and reports percentiles.
final class LatencyRecorder: Sendable {
    private let samples = Mutex<[Duration]>([])

    func record(_ duration: Duration) {
        samples.withLock { $0.append(duration) }
    }

    var count: Int { samples.withLock { $0.count } }

    /// "p50 1.2 ms  p95 3.4 ms  p99 5.6 ms  max 9.0 ms"
    func summary() -> String {
        let sorted = samples.withLock { $0 }.sorted()
        guard !sorted.isEmpty else { return "no samples" }
        func at(_ fraction: Double) -> String {
            let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
            return Self.milliseconds(sorted[max(0, index)])
        }
        return "p50 \(at(0.50))  p95 \(at(0.95))  p99 \(at(0.99))  max \(Self.milliseconds(sorted[sorted.count - 1]))"
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return ms < 10 ? String(format: "%.2f ms", ms) : String(format: "%.1f ms", ms)
    }
}

/// A value shared between tasks behind a lock; a class so that escaping task closures can capture it.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<T>(_ body: (inout sending Value) -> sending T) -> T {
        mutex.withLock(body)
    }
}
