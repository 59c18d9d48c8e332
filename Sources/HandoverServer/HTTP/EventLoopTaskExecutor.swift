import NIOCore

/// A task executor that runs every job on one NIO event loop.
///
/// Swift concurrency's global executor is NIO's event loop group (see `Handover.main`), but a
/// job resumed from a thread outside the group (a store write committed on the database queue)
/// lands on whichever loop comes next, and the response then hops back to the connection's loop.
/// A request that prefers its connection's loop resumes there: a store round trip wakes the
/// database queue and then that loop, with no third thread in between.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
