import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    /// Reads what is available now (up to 64 KiB; empty at end of stream), retrying reads
    /// interrupted by signals. Tests run child processes in parallel, and their SIGCHLDs interrupt
    /// blocking reads (EINTR), which `availableData` and `readDataToEndOfFile()` turn into a
    /// crash; `read(upToCount:)` instead waits for the whole count, which hangs on a pipe that a
    /// running server keeps open.
    public func readChunk() throws -> Data {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno == EINTR { continue }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Reads to the end of the stream, retrying interrupted reads.
    public func readAll() throws -> Data {
        var data = Data()
        while true {
            let chunk = try readChunk()
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }
}
