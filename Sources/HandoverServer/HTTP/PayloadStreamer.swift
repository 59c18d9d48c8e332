import Foundation
import Hummingbird
import NIOCore

/// Streams a byte range of a payload file into a response, 64 KiB at a time.
enum PayloadStreamer {
    static let chunkSize = 64 * 1024

    static func stream(_ url: URL, offset: Int, length: Int, into writer: inout any ResponseBodyWriter) async throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        var remaining = length
        while remaining > 0 {
            guard let chunk = try handle.read(upToCount: min(chunkSize, remaining)), !chunk.isEmpty else {
                throw CocoaError(.fileReadCorruptFile)
            }
            remaining -= chunk.count
            try await writer.write(ByteBuffer(bytes: chunk))
        }
    }
}
