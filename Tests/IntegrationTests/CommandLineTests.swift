import Foundation
import HandoverTestSupport
import Testing

/// The `handover` executable as a council integrator uses it: the README's demo, then the client
/// commands against it, and partner management against a data folder.
@Suite struct CommandLineTests {
    /// The `handover` binary built beside this test bundle.
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("handover")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return PythonCheck.root.appendingPathComponent(".build/debug/handover")
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            try process.run()
            pipe.fileHandleForWriting.write(input)
            try pipe.fileHandleForWriting.close()
        } else {
            try process.run()
        }
        let out = try output.fileHandleForReading.readAll()
        let err = try errors.fileHandleForReading.readAll()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    /// Starts `handover serve --demo` and returns the process and the URL it prints.
    static func startDemo(in folder: URL) throws -> (Process, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--demo", "--data", folder.path, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("listening on") {
            let chunk = try output.fileHandleForReading.readChunk()
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no URL in: \(text)"])
        }
        return (process, String(text[range]))
    }

    @Test func demoGatewayWithTheClientCommands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-cli-\(UUID().uuidString)")
        let (server, url) = try Self.startDemo(in: folder)
        defer {
            server.terminate()
            server.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }
        let keys = try String(contentsOf: folder.appendingPathComponent("demo-keys.txt"), encoding: .utf8)
            .split(separator: "\n").reduce(into: [String: String]()) { keys, line in
                let parts = line.split(separator: "\t")
                if parts.count == 2 { keys[String(parts[0])] = String(parts[1]) }
            }
        #expect(Set(keys.keys) == ["swindon-asc", "bsw-icb", "hmp-leeds", "wiltshire-asc"])
        let council = ["HANDOVER_URL": url, "HANDOVER_API_KEY": keys["swindon-asc"] ?? ""]
        let icb = ["HANDOVER_URL": url, "HANDOVER_API_KEY": keys["bsw-icb"] ?? ""]

        // The referral relies on the person's consent, which the council sends first.
        let consent = PythonCheck.root.appendingPathComponent("contracts/canonical/examples/consent-grant.submission.json")
        let granted = try Self.run(["send", consent.path], environment: council)
        #expect(granted.status == 0, "\(granted.errors)")
        let example = PythonCheck.root.appendingPathComponent("contracts/canonical/examples/referral-chc-checklist.submission.json")
        let sent = try Self.run(["send", example.path], environment: council)
        #expect(sent.status == 0, "\(sent.errors)")
        let id = try #require(try Messages.object(Array(sent.output.utf8))["id"] as? String)

        let inbox = try Self.run(["inbox"], environment: icb)
        #expect(inbox.status == 0)
        #expect(inbox.output.contains(id))

        let saved = folder.appendingPathComponent("received.json")
        let fetched = try Self.run(["fetch", id, "-o", saved.path], environment: icb)
        #expect(fetched.status == 0, "\(fetched.errors)")
        let message = try Messages.object(Array(try Data(contentsOf: saved)))
        #expect(message["senderLocalId"] as? String == "MOSAIC-CON-7781203")

        #expect(try Self.run(["ack", id], environment: icb).status == 0)
        let status = try Self.run(["status", id], environment: council)
        #expect(try Messages.object(Array(status.output.utf8))["status"] as? String == "acknowledged")

        let refused = try Self.run(["send", "-"], environment: council, input: Data(#"{"recipient":"bsw-icb"}"#.utf8))
        #expect(refused.status == 2, "a refusal exits non-zero")
        #expect(refused.errors.contains("HTTP 422"))
        #expect(refused.errors.contains("/kind"))
        let unauthorised = try Self.run(["inbox"], environment: ["HANDOVER_URL": url, "HANDOVER_API_KEY": "hok_wrong"])
        #expect(unauthorised.status == 3)

        // Restarting the demo reuses the folder, its partners and its keys.
        server.terminate()
        server.waitUntilExit()
        let (again, secondURL) = try Self.startDemo(in: folder)
        defer {
            again.terminate()
            again.waitUntilExit()
        }
        let status2 = try Self.run(["status", id], environment: ["HANDOVER_URL": secondURL, "HANDOVER_API_KEY": keys["swindon-asc"] ?? ""])
        #expect(status2.status == 0)
    }

    @Test func partnersAreManagedFromTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let added = try Self.run([
            "partner", "add", "--data", folder.path, "--mailbox", "leeds-asc", "--name", "Leeds ASC",
            "--kind", "local-authority", "--scheme", "gss", "--code", "E08000035", "--organisation", "Leeds City Council",
        ])
        #expect(added.status == 0, "\(added.errors)")
        let key = try #require(added.output.split(separator: "\n").first { $0.hasPrefix("hok_") })
        let listed = try Self.run(["partner", "list", "--data", folder.path])
        #expect(listed.output.contains("leeds-asc\tlocal-authority\tgss:E08000035\thandover-json\t1 key(s)"))
        let duplicate = try Self.run([
            "partner", "add", "--data", folder.path, "--mailbox", "leeds-asc", "--name", "x",
            "--kind", "local-authority", "--scheme", "gss", "--code", "E08000035", "--organisation", "x",
        ])
        #expect(duplicate.status != 0)
        let badCode = try Self.run([
            "partner", "add", "--data", folder.path, "--mailbox", "york-asc", "--name", "x",
            "--kind", "local-authority", "--scheme", "gss", "--code", "E0800003", "--organisation", "x",
        ])
        #expect(badCode.status != 0)
        #expect(badCode.errors.contains("gss"))
        let rotated = try Self.run(["partner", "rotate-key", "leeds-asc", "--data", folder.path])
        let newKey = try #require(rotated.output.split(separator: "\n").first { $0.hasPrefix("hok_") })
        #expect(newKey != key)
    }
}
