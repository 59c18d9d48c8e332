import Logging
import PostgresNIO
import Synchronization

/// Ledger writes are committed in groups, as the SQLite store's `GroupCommitWriter` does.
///
/// Every transaction that appends leaves holds the log head until it commits, so one commit (one
/// WAL flush) per request would serialise the nodes' writes at one flush each. Instead each
/// caller's work is queued; one drain loop per node takes everything queued, runs each piece in
/// its own savepoint inside one transaction holding the head, commits once, and only then
/// resumes the callers. A piece that throws rolls back its own savepoint (and the leaf indices it
/// took); the rest of the group commits.
struct LedgerQueue: Sendable {
    /// One caller's work and how to resume it.
    struct Job: Sendable {
        /// Runs the work, keeping its result until the commit is known; in its own savepoint when
        /// `alone` is false. Returns false when the work failed: alone, the caller then rolls the
        /// whole transaction back. Throws only when the transaction itself failed.
        let run: @Sendable (_ write: PostgresLedgerWrite, _ alone: Bool) async throws -> Bool
        /// Resumes the caller: with the kept result, or with `failure` when the group did not commit.
        let finish: @Sendable (_ failure: (any Error)?) -> Void
    }

    var jobs: [Job] = []
    var draining = false
    /// Upper bound on one group, so a burst cannot make one transaction unboundedly large.
    static let maxGroup = 256
}

/// A job alone in its group failed, so its transaction is rolled back instead of a savepoint.
private struct LoneJobFailed: Error {}

extension PostgresStore {
    /// Runs `work` in the next group's transaction, which holds the log head, so every leaf it
    /// appends gets the next index and no other node appends until it commits; returns its
    /// result once the group is committed.
    func ledgerTransaction<T: Sendable>(_ work: @escaping @Sendable (PostgresLedgerWrite) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = Mutex<Result<T, any Error>?>(nil)
            let job = LedgerQueue.Job(
                run: { write, alone in
                    let index = write.nextIndex
                    // A job alone in its group needs no savepoint: its failure rolls everything back.
                    if !alone { try await write.connection.run("SAVEPOINT ledger_job", write.logger) }
                    do {
                        // Not released: the next job's savepoint of the same name stacks on it,
                        // which saves a round trip, and the commit releases them all.
                        let value = try await work(write)
                        outcome.withLock { $0 = .success(value) }
                        return true
                    } catch {
                        write.nextIndex = index
                        if !alone { try await write.connection.run("ROLLBACK TO SAVEPOINT ledger_job", write.logger) }
                        outcome.withLock { $0 = .failure(Self.storeError(error)) }
                        return false
                    }
                },
                finish: { failure in
                    let result = outcome.withLock { $0 }
                    if let failure {
                        continuation.resume(throwing: Self.storeError(failure))
                    } else if let result {
                        continuation.resume(with: result)
                    } else {
                        continuation.resume(throwing: StoreError(.storage, "a write was not run"))
                    }
                }
            )
            let startDrain = ledgerQueue.withLock { queue -> Bool in
                queue.jobs.append(job)
                guard !queue.draining else { return false }
                queue.draining = true
                return true
            }
            if startDrain { Task { await self.drainLedgerQueue() } }
        }
    }

    private func drainLedgerQueue() async {
        while true {
            let group = ledgerQueue.withLock { queue -> [LedgerQueue.Job] in
                let taken = Array(queue.jobs.prefix(LedgerQueue.maxGroup))
                queue.jobs.removeFirst(taken.count)
                if taken.isEmpty { queue.draining = false }
                return taken
            }
            if group.isEmpty { return }
            let logger = self.logger
            do {
                try await transaction { connection in
                    guard let head = try await connection.first("SELECT next_index FROM log_head FOR UPDATE", logger) else {
                        throw StoreError(.storage, "the log head row is missing")
                    }
                    let write = PostgresLedgerWrite(connection: connection, logger: logger, nextIndex: try head.int(0))
                    let alone = group.count == 1
                    for job in group {
                        let succeeded = try await job.run(write, alone)
                        if alone && !succeeded { throw LoneJobFailed() }
                    }
                    try await connection.run("UPDATE log_head SET next_index = \(write.nextIndex)", logger)
                }
                for job in group { job.finish(nil) }
            } catch is LoneJobFailed {
                // Rolled back; the job holds its own error.
                for job in group { job.finish(nil) }
            } catch {
                for job in group { job.finish(error) }
            }
        }
    }
}
