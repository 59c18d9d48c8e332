import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import Synchronization

/// The end-to-end exchange benchmark: senders post, recipients poll, fetch and acknowledge.
struct Exchange: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "N senders post M-recipient traffic; recipients poll, fetch and ack. Prints throughput, latency, peak RSS."
    )

    @Option(help: "Concurrent senders.") var senders = 16
    @Option(help: "Recipients, each polling its own inbox.") var recipients = 4
    @Option(help: "Messages in total.") var messages = 20_000
    @Option(help: "Approximate body size of each message in bytes.") var size = 1024
    @Option(help: "Total submit rate in messages/s (0: as fast as the senders go).") var rate = 0
    @Flag(help: "Only submit; nobody polls.") var submitOnly = false
    @Option(help: "Concurrent fetch+ack per recipient.") var fetchers = 8
    @Flag(help: "Senders sign every submission (Ed25519 detached JWS); the gateway requires and verifies it.")
    var signed = false
    @Option(help: "The lawful basis every message names: statute (a table look-up) or consent (a recorded consent the gateway reads, checks for scope and data categories, and checks again in the submission's transaction).")
    var basis = "statute"

    func run() async throws {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("handover")
        let bench = try BenchPartners(senders: senders, recipients: recipients, signed: signed)
        let (senderNames, recipientNames, keys, signingKeys) = (bench.senderNames, bench.recipientNames, bench.apiKeys, bench.signingKeys)
        let gateway = try GatewayProcess(partners: bench.configurations, executable: exe)
        defer { gateway.stop() }
        let http = try HandoverClient.makeHTTPClient(connectionsPerHost: senders + recipients * fetchers + 4)
        let base = "http://127.0.0.1:\(gateway.port)"
        print("gateway pid \(gateway.process.processIdentifier) on \(base); \(messages) messages of ~\(size) B, \(senders) senders -> \(recipients) recipients\(rate > 0 ? " at \(rate)/s" : "")")

        let submitLatency = LatencyRecorder()
        let endToEnd = LatencyRecorder()
        let submittedAt = Shared<[String: ContinuousClock.Instant]>([:])
        guard basis == "statute" || basis == "consent" else { throw BenchError("--basis is statute or consent") }
        var lawfulBasis = Self.statuteBasis
        if basis == "consent" {
            let consentID = UUID().uuidString.lowercased()
            let recorded = try await HandoverClient(baseURL: base, apiKey: keys[senderNames[0]], http: http).request(
                .POST, "/v1/consents", body: .bytes(Array(Self.consent(consentID).utf8)), headers: [("Content-Type", "application/json")]
            )
            guard recorded.status == 201 else { throw BenchError("recording the consent answered \(recorded.status): \(recorded.text)") }
            lawfulBasis = #"{"consentId":"\#(consentID)"}"#
            print("every message relies on consent \(consentID)")
        }
        let bodies = recipientNames.map { Self.body(to: $0, size: size, basis: lawfulBasis) }
        // Signed submissions are signed before the clock starts: each needs its own local id
        // (a signature is good for one message only), and the senders' signing is not the gateway's cost.
        let signedBodies = try signed ? Self.signedBodies(
            messages, senders: senderNames.count, keys: signingKeys, recipients: recipientNames, size: size
        ) : []
        if signed { print("signed \(messages) submissions with Ed25519 before starting") }
        let inclusion = InclusionWatcher()
        let cpuBefore = gateway.cpuSeconds() ?? 0
        let start = ContinuousClock.now
        let perRecipient = Self.split(messages, into: recipients)
        let submitEnd = Shared<ContinuousClock.Instant>(start)
        let (total, rate, recipientCount, fetchers) = (messages, self.rate, recipients, self.fetchers)
        let apiKeys = keys

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingTaskGroup(of: Void.self) { senders in
                    for (s, name) in senderNames.enumerated() {
                        let client = HandoverClient(baseURL: base, apiKey: apiKeys[name], http: http)
                        senders.addTask {
                            var i = s
                            while i < total {
                                if rate > 0 {
                                    let due = start + .nanoseconds(Int64(Double(i) / Double(rate) * 1e9))
                                    if due > .now { try await Task.sleep(until: due) }
                                }
                                let began = ContinuousClock.now
                                let answer = signedBodies.isEmpty
                                    ? try await client.submit(bodies[i % recipientCount])
                                    : try await client.submit(signedBodies[i].body, signature: signedBodies[i].signature)
                                guard answer.status == 202 else { throw BenchError("submit answered \(answer.status): \(answer.text)") }
                                let answered = ContinuousClock.now
                                submitLatency.record(answered - began)
                                let (id, leaf) = Self.idAndLeaf(in: answer.body)
                                if let id { submittedAt.withLock { $0[id] = began } }
                                if let leaf { inclusion.receipted(leaf: leaf, at: answered) }
                                i += senderNames.count
                            }
                        }
                    }
                    try await senders.waitForAll()
                }
                submitEnd.withLock { $0 = .now }
            }
            let watcher = HandoverClient(baseURL: base, apiKey: apiKeys[senderNames[0]], http: http)
            group.addTask { try await inclusion.watch(watcher, until: total) }
            if !submitOnly {
                for (r, name) in recipientNames.enumerated() {
                    let client = HandoverClient(baseURL: base, apiKey: apiKeys[name], http: http)
                    let expected = perRecipient[r]
                    group.addTask {
                        try await Self.consume(client, expected: expected, fetchers: fetchers) { id in
                            if let began = submittedAt.withLock({ $0[id] }) { endToEnd.record(.now - began) }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let end = ContinuousClock.now
        let cpu = (gateway.cpuSeconds() ?? 0) - cpuBefore
        let submitSeconds = Self.seconds(submitEnd.withLock { $0 } - start)
        let totalSeconds = Self.seconds(end - start)
        print(String(format: "submitted   %d in %.2f s = %.0f messages/s (durable, 202 received)", submitLatency.count, submitSeconds, Double(submitLatency.count) / submitSeconds))
        print("  submit -> 202     \(submitLatency.summary())")
        if !submitOnly {
            print(String(format: "end to end  %d acknowledged in %.2f s = %.0f messages/s (submit, poll, fetch, ack)", endToEnd.count, totalSeconds, Double(endToEnd.count) / totalSeconds))
            print("  submit -> ack     \(endToEnd.summary())")
        }
        print("  202 -> checkpoint covering the leaf (inclusion proof available) \(inclusion.delays.summary())")
        print(String(format: "gateway CPU %.2f s = %.0f us per message", cpu, cpu / Double(max(1, messages)) * 1e6))
        print("gateway peak RSS \((gateway.peakRSSKiB() ?? 0) / 1024) MiB")
        try await http.shutdown()
    }

    /// Polls `client`'s inbox until `expected` messages have been fetched and acknowledged.
    static func consume(_ client: HandoverClient, expected: Int, fetchers: Int, acknowledged: @escaping @Sendable (String) -> Void) async throws {
        var done = 0
        var seen = Set<String>()
        while done < expected {
            let page = try await client.inbox(limit: 200)
            guard page.status == 200 else { throw BenchError("inbox answered \(page.status): \(page.text)") }
            let listed = Self.ids(inPage: page.body)
            let ids = listed.filter { !seen.contains($0) }
            if ids.isEmpty {
                // An integration polls again after a pause when its inbox is empty, as a council's would.
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, id) in ids.enumerated() {
                    if index >= fetchers { try await group.next() }
                    group.addTask {
                        let message = try await client.download(id)
                        guard message.status == 200 else { throw BenchError("download answered \(message.status)") }
                        let ack = try await client.acknowledge(id)
                        guard ack.status == 200 else { throw BenchError("ack answered \(ack.status): \(ack.text)") }
                        acknowledged(id)
                    }
                }
                try await group.waitForAll()
            }
            seen.formUnion(ids)
            done += ids.count
        }
    }

    static let statuteBasis = #"{"statute":"nhs-standing-rules-2012-reg21","article6":"6(1)(e)","article9":"9(2)(h)"}"#

    /// A consent for the bench's one person, covering referrals to any council.
    static func consent(_ id: String) -> String {
        #"{"nhsNumber":"9434765919","consentId":"\#(id)","givenBy":"person","decidedAt":"2026-01-01T00:00:00Z","purposes":["chc-assessment"],"recipients":[{"kind":"local-authority"}],"dataCategories":["care-needs","health-conditions"],"recordedBy":"bench"}"#
    }

    static func body(to recipient: String, size: Int, basis: String = statuteBasis) -> [UInt8] {
        let head = #"{"recipient":"\#(recipient)","kind":"referral","purpose":"chc-assessment","lawfulBasis":\#(basis),"subject":{"nhsNumber":"9434765919","name":{"family":"PARTRIDGE","given":["Margaret"]},"birthDate":"1938-07-14"},"payload":{"note":""#
        let tail = #""}}"#
        let padding = max(0, size - head.utf8.count - tail.utf8.count)
        return Array((head + String(repeating: "x", count: padding) + tail).utf8)
    }

    static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }

    /// The message id and receipt leaf index of a 202, found by scanning for the two members the
    /// gateway writes (`"id":"` first, `"leafIndex":` in the receipt): the load generator shares
    /// the machine with the gateway, so it does not run a general JSON parser on every answer.
    static func idAndLeaf(in body: [UInt8]) -> (String?, UInt64?) {
        func after(_ marker: String) -> Int? {
            let needle = Array(marker.utf8)
            guard body.count >= needle.count else { return nil }
            for start in 0...(body.count - needle.count) where body[start] == needle[0] && Array(body[start..<start + needle.count]) == needle {
                return start + needle.count
            }
            return nil
        }
        var id: String?
        if let start = after(#""id":""#), let end = body[start...].firstIndex(of: UInt8(ascii: "\"")) {
            id = String(decoding: body[start..<end], as: UTF8.self)
        }
        var leaf: UInt64?
        if let start = after(#""leafIndex":"#) {
            let digits = body[start...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            leaf = UInt64(String(decoding: digits, as: UTF8.self))
        }
        return (id, leaf)
    }

    /// One body and detached JWS per message, each with its own local id, signed by its sender's key.
    static func signedBodies(
        _ count: Int, senders: Int, keys: [PartnerSigningKey], recipients: [String], size: Int, localIDPrefix: String = "bench"
    ) throws -> [(body: [UInt8], signature: String)] {
        try (0..<count).map { i in
            let recipient = recipients[i % recipients.count]
            let localID = "\(localIDPrefix)-\(i)"
            let template = String(decoding: body(to: recipient, size: size), as: UTF8.self)
            let text = template.replacingOccurrences(of: #""kind":"referral","#, with: #""kind":"referral","senderLocalId":"\#(localID)","#)
            guard let payloadStart = text.range(of: #""payload":"#)?.upperBound else { throw BenchError("no payload in the body") }
            let payload = Array(text[payloadStart...].dropLast().utf8)
            let signature = try DetachedJWS.sign(
                body: payload, key: keys[i % senders], kid: "bench", recipient: recipient, kind: "referral", localID: localID
            )
            return (Array(text.utf8), signature.compact)
        }
    }

    static func ids(inPage body: [UInt8]) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let messages = object["messages"] as? [[String: Any]]
        else { return [] }
        return messages.compactMap { $0["id"] as? String }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, atto) = duration.components
        return Double(s) + Double(atto) / 1e18
    }
}
