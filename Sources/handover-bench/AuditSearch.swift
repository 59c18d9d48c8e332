import ArgumentParser
import Crypto
import Foundation
import NIOHTTP1
import AsyncHTTPClient
import HandoverClient
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore

/// `handover-bench audit`: seeds a store with many logged shares directly (large transactions,
/// each share with its `submitted` leaf), then measures IG search latency, in the store and over
/// HTTP through a gateway serving that store.
struct AuditSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Seed N logged shares, then print IG search latency percentiles (by person, by partner and period)."
    )

    @Option(help: "Shares to seed.") var shares = 1_000_000
    @Option(help: "Distinct people (NHS numbers) the shares are about.") var people = 100_000
    @Option(help: "Searches per kind of query.") var searches = 1_000
    @Option(help: "Shares per seeding transaction.") var batch = 2_000
    @Option(help: "Keep the seeded store in this folder (reused if it already holds shares).") var data: String?

    static let mailboxes = ["swindon-asc", "bsw-icb", "hmp-leeds", "wiltshire-asc", "leeds-asc", "wy-icb", "hmp-bristol", "bristol-asc"]

    func run() async throws {
        let folder = URL(fileURLWithPath: data ?? FileManager.default.temporaryDirectory.appendingPathComponent("handover-audit-bench-\(UUID().uuidString)").path)
        defer { if data == nil { try? FileManager.default.removeItem(at: folder) } }
        let store = try SQLiteStore(directory: folder)
        let people = (0..<self.people).map { Self.nhsNumber($0) }
        let existing = try await store.leafCount()
        if existing < UInt64(shares) {
            try await seed(store, people: people, from: Int(existing))
        } else {
            print("reusing \(existing) leaves in \(folder.path)")
        }

        let byPerson = LatencyRecorder()
        var found = 0
        for index in 0..<searches {
            let person = people[(index * 7919) % people.count]
            let started = ContinuousClock.now
            let page = try await store.shares(matching: ShareQuery(nhsNumber: person), after: nil, limit: 100)
            byPerson.record(ContinuousClock.now - started)
            found += page.messages.count
        }
        print("store, one person (\(found / max(1, searches)) shares each): \(byPerson.summary())")
        let byPartner = LatencyRecorder()
        for index in 0..<searches {
            let from = Self.start.addingTimeInterval(Double(index % 300) * 86_400)
            let query = ShareQuery(partner: try MailboxID(validating: Self.mailboxes[index % Self.mailboxes.count]), from: from, to: from.addingTimeInterval(86_400))
            let started = ContinuousClock.now
            _ = try await store.shares(matching: query, after: nil, limit: 100)
            byPartner.record(ContinuousClock.now - started)
        }
        print("store, one partner and one day: \(byPartner.summary())")
        try await overHTTP(folder: folder, people: people)
    }

    /// The same person search through `GET /v1/ig/shares` on a gateway serving the seeded store.
    private func overHTTP(folder: URL, people: [NHSNumber]) async throws {
        let configuration = GatewayConfiguration(listen: .init(host: "127.0.0.1", port: 0), dataDirectory: folder.path, partners: [])
        let gateway = try await Gateway.open(configuration: configuration)
        let key = IGKey.generate()
        try await gateway.store.saveIGAccount(IGAccount(username: "bench", name: "Bench", role: .officer, keyHashes: [APIKey.hash(key)]))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = Task { try await gateway.run(gracefulShutdownSignals: []) { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { return }
        let http = try HandoverClient.makeHTTPClient()
        let client = HandoverClient(baseURL: "http://127.0.0.1:\(port)", apiKey: key, http: http)
        let latency = LatencyRecorder()
        for index in 0..<searches {
            let person = people[(index * 104_729) % people.count]
            let started = ContinuousClock.now
            let answer = try await client.request(.GET, "/v1/ig/shares?nhsNumber=\(person.value)")
            latency.record(ContinuousClock.now - started)
            guard answer.status == 200 else { throw ValidationError("search answered \(answer.status): \(answer.text)") }
        }
        print("HTTP GET /v1/ig/shares?nhsNumber=…: \(latency.summary())")
        try await http.shutdown()
        // Not awaited: the gateway's graceful shutdown waits for a checkpoint over every seeded
        // leaf, which is no part of what is measured; the process ends with the command.
        server.cancel()
    }

    private func seed(_ store: SQLiteStore, people: [NHSNumber], from first: Int) async throws {
        let started = ContinuousClock.now
        let payload = Array(#"{"referralType":"chc-checklist","checklist":{"outcome":"positive"}}"#.utf8)
        let digest = Array(SHA256.hash(data: payload))
        let birthDate = try CalendarDate(validating: "1940-01-01")
        let basis = LawfulBasis.statutory(StatutoryBasis(statute: .nhsStandingRules2012reg21, article6: .publicTask, article9: .healthOrSocialCare))
        var index = first
        while index < shares {
            let count = min(batch, shares - index)
            let messages = try (index..<(index + count)).map { n -> NewMessage in
                let person = people[(n * 31) % people.count]
                let (salt, commitment) = PayloadCommitment.make(payload: payload)
                let created = Self.start.addingTimeInterval(Double(n) * 31_536_000 / Double(shares))
                let sender = try MailboxID(validating: Self.mailboxes[n % Self.mailboxes.count])
                let recipient = try MailboxID(validating: Self.mailboxes[(n + 1 + n / 8 % 7) % Self.mailboxes.count])
                let subject = Person(nhsNumber: person, name: PersonName(family: "Bench", given: ["Person"]), birthDate: birthDate)
                return NewMessage(
                    envelope: MessageEnvelope(
                        id: MessageID(), sender: sender, recipient: recipient, kind: .referral, conversationId: nil,
                        subject: subject,
                        purpose: .chcAssessment, createdAt: created, senderLocalId: nil, lawfulBasis: basis
                    ),
                    subjectJSON: CanonicalPersonCodec.json(subject), payload: .inline(payload), payloadSHA256: digest, idempotencyKey: nil,
                    requestSHA256: digest, expiresAt: created.addingTimeInterval(5 * 86_400), payloadSalt: salt, payloadCommitment: commitment
                )
            }
            _ = try await store.submit(batch: messages)
            index += count
            if index % 100_000 < count { print("seeded \(index) shares (\(LatencyRecorder.milliseconds(ContinuousClock.now - started)))") }
        }
        let elapsed = ContinuousClock.now - started
        print("seeded \(shares - first) shares with their leaves in \(LatencyRecorder.milliseconds(elapsed))")
    }

    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// The `index`th valid NHS number (modulus 11) from 9000000000 up.
    static func nhsNumber(_ index: Int) -> NHSNumber {
        var candidate = 900_000_000 + index * 3
        while true {
            let digits = String(candidate).compactMap { $0.wholeNumberValue }
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
            let check = (11 - sum % 11) % 11
            if check != 10, let number = try? NHSNumber(validating: String(candidate) + String(check)) { return number }
            candidate += 1
        }
    }
}
