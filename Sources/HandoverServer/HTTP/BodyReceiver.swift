import Foundation
import HandoverModel
import HandoverStore
import Hummingbird
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A request body as received: in memory when small, in a synced spool file when large.
enum ReceivedBody: Sendable {
    case memory(ByteBuffer)
    case spooled(URL, length: Int)
}

/// Receives a request body without ever holding a large one whole in memory.
///
/// Bytes are kept in memory up to `inlineLimit`; past that, everything so far and everything that
/// follows is written to a file in `spoolDirectory`, which is fsynced before the body counts as
/// received. A body over `maxBytes` is refused with 413 as soon as the limit is crossed (or at
/// once, when `Content-Length` already says so), and any spool file is deleted.
struct BodyReceiver: Sendable {
    let spoolDirectory: URL
    let inlineLimit: Int
    let maxBytes: Int

    func receive(_ request: Request) async throws -> ReceivedBody {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw Problem.tooLarge(limit: maxBytes)
        }
        var memory = ByteBuffer()
        var spool: SpoolFile?
        do {
            for try await chunk in request.body {
                let total = (spool?.length ?? memory.readableBytes) + chunk.readableBytes
                guard total <= maxBytes else { throw Problem.tooLarge(limit: maxBytes) }
                if let file = spool {
                    try file.append(chunk)
                } else if total > inlineLimit {
                    let file = try SpoolFile(directory: spoolDirectory)
                    spool = file
                    try file.append(memory)
                    try file.append(chunk)
                    memory = ByteBuffer()
                } else {
                    var chunk = chunk
                    memory.writeBuffer(&chunk)
                }
            }
            guard let spool else { return .memory(memory) }
            try spool.finish()
            return .spooled(spool.url, length: spool.length)
        } catch {
            spool?.discard()
            throw error
        }
    }
}

/// A file being written with a request body; not thread-safe, owned by one request.
private final class SpoolFile: @unchecked Sendable {
    let url: URL
    private let descriptor: Int32
    private(set) var length = 0

    init(directory: URL) throws {
        url = directory.appendingPathComponent("\(MessageID().value).spool")
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw StoreError(.storage, "cannot create spool file \(url.path) (errno \(errno))") }
    }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                guard written > 0 else { throw StoreError(.storage, "writing the spool file failed (errno \(errno))") }
                offset += written
            }
        }
        length += buffer.readableBytes
    }

    private var closed = false

    func finish() throws {
        guard fsync(descriptor) == 0 else { throw StoreError(.storage, "fsync of the spool file failed (errno \(errno))") }
        close(descriptor)
        closed = true
    }

    func discard() {
        if !closed { close(descriptor) }
        unlink(url.path)
    }
}

extension ReceivedBody {
    /// The whole body as bytes, for formats that are decoded in memory (every translated format).
    func bytes() throws -> [UInt8] {
        switch self {
        case .memory(let buffer): Array(buffer.readableBytesView)
        case .spooled(let url, _): Array(try Data(contentsOf: url, options: .alwaysMapped))
        }
    }
}
