import Foundation
import HandoverModel
import HandoverServer

/// A gateway started as a child process (`handover serve`) so that its memory and CPU are its own.
final class GatewayProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let folder: URL

    /// Writes a configuration with `partners` into a fresh folder and starts the gateway on a free port.
    init(partners: [PartnerConfiguration], executable: URL) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configuration = GatewayConfiguration(
            listen: .init(host: "127.0.0.1", port: 0),
            dataDirectory: "data",
            partners: partners
        )
        let file = folder.appendingPathComponent("handover.json")
        try JSONEncoder().encode(configuration).write(to: file)
        process.executableURL = executable
        process.arguments = ["serve", "--config", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try Self.readPort(output.fileHandleForReading)
    }

    private static func readPort(_ handle: FileHandle) throws -> Int {
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                let digits = text[range].split(separator: ":").last.map(String.init) ?? ""
                if let port = Int(digits) { return port }
            }
        }
        throw BenchError("the gateway did not report its port; output was: \(text)")
    }

    /// Peak resident set size of the gateway so far, in KiB (VmHWM).
    func peakRSSKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// CPU seconds (user + system) the gateway has used so far.
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
