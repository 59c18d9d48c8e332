import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Durable file operations for payloads too large to keep in a database row.
public enum PayloadFiles {
    /// Flushes a file's data to disk.
    public static func sync(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw StoreError(.storage, "cannot open \(url.path) to flush it (errno \(errno))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError(.storage, "fsync of \(url.path) failed (errno \(errno))") }
    }

    /// Moves an already synced spool file to its final name and makes the rename durable.
    static func adopt(_ spool: URL, as destination: URL) throws {
        guard rename(spool.path, destination.path) == 0 else {
            throw StoreError(.storage, "cannot move \(spool.path) to \(destination.path) (errno \(errno))")
        }
        try sync(destination.deletingLastPathComponent())
    }
}
