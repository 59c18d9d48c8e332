import Foundation
import Synchronization

/// A one-line progress display on standard error, shown only on a terminal and only for
/// transfers large enough to take noticeable time.
final class ProgressReporter: Sendable {
    private let label: String
    private let state: Mutex<(total: Int?, lastPrinted: Int)>
    private let enabled: Bool

    init(label: String, total: Int?) {
        self.label = label
        self.state = Mutex((total, -1))
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int, total: Int? = nil) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            if let total { state.total = total }
            guard let total = state.total, total >= 1_000_000 else { return nil }
            let percent = total > 0 ? done * 100 / total : 100
            guard percent != state.lastPrinted else { return nil }
            state.lastPrinted = percent
            return "\r\(label) \(done / 1024) KiB of \(total / 1024) KiB (\(percent) %)"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func done() {
        guard enabled, state.withLock({ $0.lastPrinted >= 0 }) else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
