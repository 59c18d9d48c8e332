import Dispatch
import GRDB
import Synchronization

/// Serialises all writes to one SQLite database and commits them in groups.
///
/// With `synchronous = FULL` every commit costs one fsync (about 0.4 ms on the disks measured
/// here), so one transaction per request caps durable writes near 2,500/s. Instead each caller's
/// work is queued; a single drain loop takes everything queued, runs each piece in its own
/// savepoint inside one transaction, commits once, and only then resumes the callers. Under load
/// a group forms naturally from the requests that arrived during the previous fsync, so no timer
/// and no added latency are needed when the gateway is idle.
///
/// A piece of work that throws rolls back its own savepoint only; the rest of the group commits.
final class GroupCommitWriter: Sendable {
    private struct Job: Sendable {
        /// Runs the work inside the open transaction, keeping its result until the commit is known.
        let run: @Sendable (Database) -> Void
        /// Resumes the caller: with the kept result, or with `failure` when the group did not commit.
        let finish: @Sendable (_ failure: (any Error)?) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var draining = false
    }

    private let database: DatabasePool
    private let state = Mutex(State())
    private let drainQueue = DispatchQueue(label: "handover.store.group-commit")
    /// Upper bound on one group, so a burst cannot make one transaction unboundedly large.
    private let maxGroup: Int

    init(database: DatabasePool, maxGroup: Int = 512) {
        self.database = database
        self.maxGroup = maxGroup
    }

    /// Runs `work` in the next group and returns its result once the group is durably committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = Mutex<Result<T, any Error>?>(nil)
            let job = Job(
                run: { db in
                    let result: Result<T, any Error>
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try work(db)
                            return .commit
                        }
                        guard let value else { throw StoreError(.storage, "a write produced no result") }
                        result = .success(value)
                    } catch {
                        result = .failure(error)
                    }
                    outcome.withLock { $0 = result }
                },
                finish: { failure in
                    let result = outcome.withLock { $0 }
                    if let failure {
                        continuation.resume(throwing: StoreError(.storage, "the database refused the write: \(failure)"))
                    } else if let result {
                        continuation.resume(with: result)
                    } else {
                        continuation.resume(throwing: StoreError(.storage, "a write was not run"))
                    }
                }
            )
            enqueue(job)
        }
    }

    /// Queues `work` for the next group without starting one, so that it shares the commit of
    /// whichever write comes next. Awaiting the returned write's `durable()` starts a group for it
    /// if none has taken it yet.
    func stage(_ work: @escaping @Sendable (Database) throws -> Void) -> StagedWrite {
        let outcome = StagedOutcome()
        let job = Job(
            run: { db in
                do {
                    try db.inSavepoint {
                        try work(db)
                        return .commit
                    }
                    outcome.ran(nil)
                } catch {
                    outcome.ran(error)
                }
            },
            finish: { failure in outcome.finish(failure) }
        )
        state.withLock { $0.queue.append(job) }
        return StagedWrite { [self] in
            try await outcome.wait(whileQueued: { self.flush() })
        }
    }

    /// Starts a group if work is queued and no group is being written.
    private func flush() {
        let startDrain = state.withLock { state -> Bool in
            guard !state.draining, !state.queue.isEmpty else { return false }
            state.draining = true
            return true
        }
        if startDrain {
            drainQueue.async { [self] in drain() }
        }
    }

    private func enqueue(_ job: Job) {
        let startDrain = state.withLock { state -> Bool in
            state.queue.append(job)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startDrain {
            drainQueue.async { [self] in drain() }
        }
    }

    private func drain() {
        while true {
            let group = state.withLock { state -> [Job] in
                let taken = Array(state.queue.prefix(maxGroup))
                state.queue.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            if group.isEmpty { return }
            commit(group)
        }
    }

    private func commit(_ group: [Job]) {
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for job in group { job.run(db) }
                    return .commit
                }
            }
            for job in group { job.finish(nil) }
        } catch {
            for job in group { job.finish(error) }
        }
    }
}

/// The result of a staged job, and whoever waits for it.
private final class StagedOutcome: Sendable {
    private struct State {
        /// The error the work itself threw, once it ran.
        var workError: (any Error)?
        /// Set once the group that held the job committed or failed.
        var result: Result<Void, any Error>?
        var waiters: [CheckedContinuation<Void, any Error>] = []
    }

    private let state = Mutex(State())

    func ran(_ error: (any Error)?) {
        state.withLock { $0.workError = error }
    }

    func finish(_ failure: (any Error)?) {
        let (result, waiters) = state.withLock { state -> (Result<Void, any Error>, [CheckedContinuation<Void, any Error>]) in
            let result: Result<Void, any Error>
            if let failure {
                result = .failure(StoreError(.storage, "the database refused the write: \(failure)"))
            } else if let error = state.workError {
                result = .failure(error)
            } else {
                result = .success(())
            }
            state.result = result
            let waiters = state.waiters
            state.waiters = []
            return (result, waiters)
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    /// Waits for the result; `whileQueued` runs once the caller is registered, so a group
    /// started by it can never finish before the caller is waiting.
    func wait(whileQueued: @Sendable () -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready = state.withLock { state -> Result<Void, any Error>? in
                if let result = state.result { return result }
                state.waiters.append(continuation)
                return nil
            }
            if let ready {
                continuation.resume(with: ready)
            } else {
                whileQueued()
            }
        }
    }
}
