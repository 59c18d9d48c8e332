import ArgumentParser
import Foundation
import HandoverModel

#if canImport(Glibc)
import Glibc
#endif

/// `handover-bench wrk`: the submit load driven by wrk, a C load generator, instead of this
/// process's Swift HTTP client. The load generator shares the two cores with the gateway, so the
/// lighter it is, the nearer the figure comes to what the gateway itself can take. Submissions
/// are built (and with `--signed`, signed) before the clock starts; wrk replays each once.
struct ExternalLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrk",
        abstract: "Submit load from wrk (install Debian's wrk): prints accepted msgs/s, latency, and the gateway's and wrk's CPU per message."
    )

    @Option(help: "Senders; submissions rotate over them.") var senders = 16
    @Option(help: "Recipients; submissions rotate over them.") var recipients = 4
    @Option(help: "Submissions prepared; wrk stops sending once they are used up.") var messages = 60_000
    @Option(help: "Approximate body size of each message in bytes.") var size = 1024
    @Option(help: "Seconds of load.") var duration = 10
    @Option(help: "Open connections.") var connections = 64
    @Flag(help: "Every submission carries an Ed25519 detached JWS; the gateway requires and verifies it.") var signed = false
    @Option(help: "The wrk executable.") var wrk = "wrk"

    func run() async throws {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("handover")
        let bench = try BenchPartners(senders: senders, recipients: recipients, signed: signed)
        let gateway = try GatewayProcess(partners: bench.configurations, executable: exe)
        defer { gateway.stop() }
        let requests = gateway.folder.appendingPathComponent("requests.tsv")
        let script = gateway.folder.appendingPathComponent("submit.lua")
        try prepare(bench, into: requests)
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        print("gateway pid \(gateway.process.processIdentifier) on 127.0.0.1:\(gateway.port); \(messages) \(signed ? "signed " : "")submissions of ~\(size) B prepared; wrk \(connections) connections for \(duration) s")

        let cpuBefore = gateway.cpuSeconds() ?? 0
        let output = try runWrk(script: script, requests: requests, port: gateway.port)
        let gatewayCPU = (gateway.cpuSeconds() ?? 0) - cpuBefore
        let wrkCPU = Self.childrenCPUSeconds()
        print(output.trimmingCharacters(in: .newlines))
        guard let tally = Self.tally(in: output) else { throw BenchError("wrk printed no tally; is \(wrk) Debian's wrk 4?") }
        print(String(format: "accepted %d (202) in %.2f s = %.0f messages/s durable with receipts; %d other answers", tally.accepted, tally.seconds, Double(tally.accepted) / tally.seconds, tally.other))
        let perMessage = { (seconds: Double) in seconds / Double(max(1, tally.accepted)) * 1e6 }
        print(String(format: "gateway CPU %.2f s = %.0f us per message; wrk CPU %.2f s = %.0f us per message", gatewayCPU, perMessage(gatewayCPU), wrkCPU, perMessage(wrkCPU)))
        if tally.accepted + tally.other >= messages {
            print("(every prepared submission was used before the time was up: the rate is a lower bound; prepare more with --messages)")
        }
        print("gateway peak RSS \((gateway.peakRSSKiB() ?? 0) / 1024) MiB")
    }

    /// One line per submission: API key, signature (or `-`), body; bodies are one-line JSON.
    private func prepare(_ bench: BenchPartners, into file: URL) throws {
        let recipients = bench.recipientNames
        let rows: [(sender: Int, body: [UInt8], signature: String?)]
        if signed {
            rows = try Exchange.signedBodies(messages, senders: senders, keys: bench.signingKeys, recipients: recipients, size: size)
                .enumerated().map { ($0.offset % senders, $0.element.body, $0.element.signature) }
        } else {
            let bodies = recipients.map { Exchange.body(to: $0, size: size) }
            rows = (0..<messages).map { ($0 % senders, bodies[$0 % recipients.count], nil) }
        }
        var text: [UInt8] = []
        text.reserveCapacity(messages * (size + 300))
        for row in rows {
            text += Array((bench.apiKeys[bench.senderNames[row.sender]] ?? "").utf8)
            text.append(UInt8(ascii: "\t"))
            text += Array((row.signature ?? "-").utf8)
            text.append(UInt8(ascii: "\t"))
            text += row.body
            text.append(UInt8(ascii: "\n"))
        }
        try Data(text).write(to: file)
    }

    private func runWrk(script: URL, requests: URL, port: Int) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            wrk, "-t1", "-c\(connections)", "-d\(duration)s", "--latency", "-s", script.path,
            "http://127.0.0.1:\(port)/v1/messages", "--", requests.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("wrk exited with \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// `accepted other seconds` from the script's last line.
    static func tally(in output: String) -> (accepted: Int, other: Int, seconds: Double)? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("handover-tally ") }) else { return nil }
        let fields = line.split(separator: " ")
        guard fields.count == 4, let accepted = Int(fields[1]), let other = Int(fields[2]), let micros = Double(fields[3]) else { return nil }
        return (accepted, other, micros / 1e6)
    }

    /// CPU seconds of the children this process has waited for: wrk alone, since the gateway
    /// is still running when this is read.
    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage) == 0 else { return 0 }
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// wrk's script: loads the prepared submissions, sends each once (then nothing but
    /// `GET /livez`, answered 200, which the tally leaves out), counts the answers, and prints
    /// one tally line.
    static let script = #"""
        local requests, count, sent = {}, 0, 0
        accepted, other = 0, 0
        local threads = {}

        function setup(thread) table.insert(threads, thread) end

        function init(args)
          for line in io.lines(args[1]) do
            local key, signature, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
            local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
            if signature ~= "-" then headers["Handover-Signature"] = signature end
            count = count + 1
            requests[count] = wrk.format("POST", "/v1/messages", headers, body)
          end
          spent = wrk.format("GET", "/livez")
        end

        function request()
          sent = sent + 1
          if sent > count then return spent end
          return requests[sent]
        end

        function response(status, headers, body)
          if status == 202 then accepted = accepted + 1
          elseif status ~= 200 then other = other + 1 end
        end

        function done(summary, latency, requests)
          local a, o = 0, 0
          for _, thread in ipairs(threads) do
            a = a + thread:get("accepted")
            o = o + thread:get("other")
          end
          io.write(string.format("handover-tally %d %d %d\n", a, o, summary.duration))
        end
        """#
}
