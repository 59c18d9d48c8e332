import Foundation
import HandoverFormats
import HandoverModel
import HandoverStore
import Synchronization

/// Partner look-ups for authentication and routing, cached briefly in memory.
///
/// The registry can change while the gateway runs (`handover partner add`, `rotate-key` write to
/// the store directly), so entries live for `timeToLive` seconds: a rotated key stops working
/// within that time, and a hot path costs one dictionary look-up instead of a database read.
final class PartnerDirectory: Sendable {
    private struct Entry {
        var partner: Partner?
        var fetchedAt: Date
    }

    private let store: any Store
    private let timeToLive: TimeInterval
    private let byKeyHash = Mutex<[String: Entry]>([:])
    private let byCertificate = Mutex<[String: Entry]>([:])
    private let byMailbox = Mutex<[String: Entry]>([:])
    private let routing = Mutex<(routes: RoutingDirectory, fetchedAt: Date)?>(nil)

    init(store: any Store, timeToLive: TimeInterval = 2) {
        self.store = store
        self.timeToLive = timeToLive
    }

    func partner(apiKeyHash: String) async throws -> Partner? {
        try await cached(byKeyHash, apiKeyHash) { try await store.partner(apiKeyHash: apiKeyHash) }
    }

    func partner(certificateFingerprint: String) async throws -> Partner? {
        try await cached(byCertificate, certificateFingerprint) {
            try await store.partner(certificateFingerprint: certificateFingerprint)
        }
    }

    func partner(_ mailbox: MailboxID) async throws -> Partner? {
        try await cached(byMailbox, mailbox.value) { try await store.partner(mailbox) }
    }

    /// How partner formats that address an organisation rather than a mailbox (HL7 v2 MSH-6, a FHIR Organization)
    /// reach a mailbox: each partner's organisation code and its own mailbox id. Where several
    /// partners share an organisation, the first by mailbox id wins.
    func routes() async throws -> RoutingDirectory {
        let now = Date()
        if let cached = routing.withLock({ $0 }), now.timeIntervalSince(cached.fetchedAt) < timeToLive { return cached.routes }
        var codes: [String: MailboxID] = [:]
        for partner in try await store.partners().sorted(by: { $0.mailbox.value < $1.mailbox.value }) {
            if codes[partner.organisation.identifier.value] == nil { codes[partner.organisation.identifier.value] = partner.mailbox }
            codes[partner.mailbox.value] = partner.mailbox
        }
        let routes = RoutingDirectory(codes)
        routing.withLock { $0 = (routes, now) }
        return routes
    }

    private func cached(
        _ cache: borrowing Mutex<[String: Entry]>,
        _ key: String,
        load: () async throws -> Partner?
    ) async throws -> Partner? {
        let now = Date()
        if let entry = cache.withLock({ $0[key] }), now.timeIntervalSince(entry.fetchedAt) < timeToLive {
            return entry.partner
        }
        let partner = try await load()
        cache.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = Entry(partner: partner, fetchedAt: now)
        }
        return partner
    }
}
