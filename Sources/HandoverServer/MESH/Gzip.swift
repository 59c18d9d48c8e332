import CZlib

/// gzip through the system zlib: inflating uploads with a size cap, so a small body cannot expand
/// into gigabytes (a decompression bomb), and compressing for tests and tools.
public enum Gzip {
    /// Why inflating failed.
    public enum Failure: Error, Equatable, Sendable {
        /// The data is not gzip, or is truncated or corrupt.
        case corrupt
        /// It inflates to more than the cap.
        case tooLarge(limit: Int)
    }

    /// Inflates `input` (one or more concatenated gzip members), handing the output to `sink` in
    /// pieces of at most 64 KiB; stops as soon as more than `limit` bytes would come out.
    /// - Returns: the inflated length.
    @discardableResult
    public static func inflate(
        _ input: UnsafeRawBufferPointer, limit: Int, into sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        guard let base = input.baseAddress, !input.isEmpty else { throw Failure.corrupt }
        var stream = z_stream()
        // 15 window bits plus 16: gzip wrapping only.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.corrupt }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        var consumed = 0
        while true {
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self).advanced(by: consumed))
            stream.avail_in = uInt(min(input.count - consumed, Int(UInt32.max)))
            var status: Int32 = Z_OK
            repeat {
                let produced = try output.withUnsafeMutableBytes { buffer -> Int in
                    stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure.corrupt }
                    return buffer.count - Int(stream.avail_out)
                }
                total += produced
                guard total <= limit else { throw Failure.tooLarge(limit: limit) }
                if produced > 0 { try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
                if status == Z_BUF_ERROR && produced == 0 { throw Failure.corrupt }
            } while status != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0)
            consumed = input.count - Int(stream.avail_in)
            guard status == Z_STREAM_END else { throw Failure.corrupt }
            // Another member may follow (chunks gzipped one by one and concatenated).
            guard consumed < input.count else { return total }
            guard inflateReset(&stream) == Z_OK else { throw Failure.corrupt }
        }
    }

    /// Inflates `input` whole.
    public static func inflate(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        try input.withUnsafeBytes { bytes in
            _ = try inflate(bytes, limit: limit) { output.append(contentsOf: $0) }
        }
        return output
    }

    /// gzip of `input` at the default level.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let produced = input.withUnsafeBytes { source -> Int in
            output.withUnsafeMutableBytes { target -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return 0 }
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}
