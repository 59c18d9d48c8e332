import ArgumentParser
import AsyncHTTPClient
import Foundation
import HandoverClient
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
    @Option(help: "Probe submissions per second that this process sends alongside wrk, timing 202 -> checkpoint covering the leaf.")
    var probes = 20

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

        let http = try HandoverClient.makeHTTPClient(connectionsPerHost: 4)
        let base = "http://127.0.0.1:\(gateway.port)"
        let prober = HandoverClient(baseURL: base, apiKey: bench.apiKeys[bench.senderNames[0]], http: http)
        let probeBodies = try self.probeBodies(bench)
        let inclusion = InclusionWatcher()
        let (wrk, connections, duration, probes, port) = (self.wrk, self.connections, self.duration, self.probes, gateway.port)

        let cpuBefore = gateway.cpuSeconds() ?? 0
        let output = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await Self.blocking { try Self.runWrk(wrk, connections: connections, duration: duration, script: script, requests: requests, port: port) }
            }
            group.addTask {
                // Probes spread evenly over the run, so their delays sample the whole load.
                let start = ContinuousClock.now
                for (index, probe) in probeBodies.enumerated() {
                    try await Task.sleep(until: start + .milliseconds(Int64(index * 1000 / max(1, probes))))
                    let answer = try await prober.submit(probe.body, signature: probe.signature)
                    guard answer.status == 202, let leaf = Exchange.idAndLeaf(in: answer.body).1 else {
                        throw BenchError("a probe answered \(answer.status): \(answer.text)")
                    }
                    inclusion.receipted(leaf: leaf, at: .now)
                }
                return nil
            }
            if !probeBodies.isEmpty {
                group.addTask {
                    try await inclusion.watch(prober, until: probeBodies.count)
                    return nil
                }
            }
            var output = ""
            for try await result in group { if let result { output = result } }
            return output
        }
        let gatewayCPU = (gateway.cpuSeconds() ?? 0) - cpuBefore
        let wrkCPU = Self.childrenCPUSeconds()
        try await http.shutdown()
        print(output.trimmingCharacters(in: .newlines))
        guard let tally = Self.tally(in: output) else { throw BenchError("wrk printed no tally; is \(wrk) Debian's wrk 4?") }
        print(String(format: "accepted %d (202) in %.2f s = %.0f messages/s durable with receipts; %d other answers", tally.accepted, tally.seconds, Double(tally.accepted) / tally.seconds, tally.other))
        if !probeBodies.isEmpty {
            print("  \(probeBodies.count) probes alongside, 202 -> checkpoint covering the leaf (inclusion proof available) \(inclusion.delays.summary())")
        }
        let perMessage = { (seconds: Double) in seconds / Double(max(1, tally.accepted + probeBodies.count)) * 1e6 }
        print(String(format: "gateway CPU %.2f s = %.0f us per message (probes included); wrk CPU %.2f s = %.0f us per message", gatewayCPU, perMessage(gatewayCPU), wrkCPU, perMessage(wrkCPU)))
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

    /// The probes: one per 1/`probes` s of the run, from the first sender, signed when the load is.
    private func probeBodies(_ bench: BenchPartners) throws -> [(body: [UInt8], signature: String?)] {
        let count = probes * duration
        guard count > 0 else { return [] }
        if signed {
            return try Exchange.signedBodies(
                count, senders: 1, keys: [bench.signingKeys[0]], recipients: bench.recipientNames, size: size, localIDPrefix: "probe"
            ).map { ($0.body, $0.signature) }
        }
        return (0..<count).map { (Exchange.body(to: bench.recipientNames[$0 % bench.recipientNames.count], size: size), nil) }
    }

    /// Runs blocking `work` on a thread of its own, off the cooperative pool.
    private static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func runWrk(_ wrk: String, connections: Int, duration: Int, script: URL, requests: URL, port: Int) throws -> String {
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
