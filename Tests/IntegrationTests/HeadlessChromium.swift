import Foundation
import HandoverTestSupport

/// Drives Debian's `chromium` from its command line: `--screenshot` writes a PNG of a page and
/// `--dump-dom` prints the DOM after the page loaded. Each run gets a fresh profile, so a session
/// comes from the one-time sign-in link the run opens (the link sets the session cookie and
/// redirects to the page under test).
enum HeadlessChromium {
    /// The browser: `HANDOVER_CHROMIUM`, else Debian's `/usr/bin/chromium`.
    static var executable: String {
        ProcessInfo.processInfo.environment["HANDOVER_CHROMIUM"] ?? "/usr/bin/chromium"
    }

    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Runs the browser on `url` with `arguments` and returns what it printed on stdout.
    static func run(_ arguments: [String], url: String) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("handover-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "--window-size=1280,1000", "--virtual-time-budget=5000",
        ] + arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = try output.fileHandleForReading.readAll()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Saves a screenshot of `url` to `file`.
    static func screenshot(_ url: String, to file: URL) throws {
        _ = try run(["--screenshot=\(file.path)"], url: url)
    }

    /// The DOM of `url` once loaded.
    static func dom(_ url: String) throws -> String {
        try run(["--dump-dom"], url: url)
    }
}
