import Foundation
import HandoverClient
import Synchronization

/// Measures how long after its 202 a submission's leaf is covered by a signed checkpoint, which
/// is when its inclusion proof can be fetched: polls the latest checkpoint every 20 ms and times
/// every receipt whose leaf falls below the checkpoint's tree size.
final class InclusionWatcher: Sendable {
    private let pending = Mutex<[(leaf: UInt64, at: ContinuousClock.Instant)]>([])
    let delays = LatencyRecorder()

    func receipted(leaf: UInt64, at instant: ContinuousClock.Instant) {
        pending.withLock { $0.append((leaf, instant)) }
    }

    /// Polls until `total` receipts have been covered (or the senders stop and nothing is pending for 10 s).
    func watch(_ client: HandoverClient, until total: Int) async throws {
        var idle = ContinuousClock.now
        while delays.count < total {
            try await Task.sleep(for: .milliseconds(20))
            let answer = try await client.checkpoint()
            guard answer.status == 200 else { continue }
            let lines = answer.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 1, let size = UInt64(lines[1]) else { throw BenchError("unreadable checkpoint: \(answer.text)") }
            let now = ContinuousClock.now
            let covered = pending.withLock { pending -> [ContinuousClock.Instant] in
                let done = pending.filter { $0.leaf < size }.map(\.at)
                pending.removeAll { $0.leaf < size }
                return done
            }
            for instant in covered { delays.record(now - instant) }
            if !covered.isEmpty { idle = now }
            if now - idle > .seconds(10) { return }
        }
    }
}
