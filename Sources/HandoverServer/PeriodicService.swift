import Logging
import ServiceLifecycle

/// Runs a piece of the gateway's upkeep every `interval` until graceful shutdown; a failure is
/// logged and the next round tries again.
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch {
                    logger.error("\(name) failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

extension Gateway {
    /// Expires overdue messages every `retention.sweepIntervalSeconds`.
    var expirySweeper: PeriodicService {
        PeriodicService(name: "expiry sweep", interval: .seconds(configuration.retention.sweepIntervalSeconds), logger: logger) {
            [self] in try await sweepExpired()
        }
    }

    /// Issues a signed checkpoint every `ledger.checkpointIntervalSeconds` while the log grows, so a
    /// sender can fetch an inclusion proof for its receipt within about that interval.
    var checkpointer: PeriodicService {
        PeriodicService(name: "checkpoint", interval: .seconds(configuration.ledger.checkpointIntervalSeconds), logger: logger) {
            [self] in try await issueCheckpoint()
        }
    }
}
