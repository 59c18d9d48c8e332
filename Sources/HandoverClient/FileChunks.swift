import Foundation
import NIOCore

/// A file read as a sequence of 64 KiB buffers, reporting how much has been handed on, so that an
/// upload streams from disk with real progress instead of loading the file whole.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    let progress: @Sendable (Int) -> Void
    static let chunkSize = 64 * 1024

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle
        let progress: @Sendable (Int) -> Void
        var sent = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let data = try handle.read(upToCount: FileChunks.chunkSize), !data.isEmpty else {
                try handle.close()
                return nil
            }
            sent += data.count
            progress(sent)
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        // An unreadable file fails at `HandoverClient.submit(file:)`, which opens it first.
        AsyncIterator(handle: (try? FileHandle(forReadingFrom: url)) ?? FileHandle.nullDevice, progress: progress)
    }
}
