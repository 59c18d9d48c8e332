import Foundation

/// Runs one of the project's Python checks (`contracts/...`) with the interpreter `scripts/test.sh`
/// prepared (`HANDOVER_PYTHON`), or `python3` from the PATH.
public enum PythonCheck {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func run(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        let python = ProcessInfo.processInfo.environment["HANDOVER_PYTHON"] ?? "/usr/bin/env"
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + [root.appendingPathComponent(script).path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: try pipe.fileHandleForReading.readAll(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
