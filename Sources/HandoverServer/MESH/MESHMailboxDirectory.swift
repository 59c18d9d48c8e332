import Foundation
import HandoverModel
import HandoverStore
import Synchronization

/// MESH mailboxes with their partners, read from the store and kept for `timeToLive` seconds, so
/// that a mailbox added with `handover partner mesh` works within that time and a request costs a
/// dictionary look-up.
final class MESHMailboxDirectory: Sendable {
    struct Entry: Sendable {
        var mailbox: MESHMailbox
        var partner: Partner
    }

    private struct Snapshot: Sendable {
        var byID: [String: Entry]
        var byPartner: [MailboxID: String]
        var partners: [MailboxID: Partner]
        var fetchedAt: Date
    }

    private let store: any Store
    private let timeToLive: TimeInterval
    private let snapshot = Mutex<Snapshot?>(nil)
    private let refreshing = AsyncLock()

    init(store: any Store, timeToLive: TimeInterval = 2) {
        self.store = store
        self.timeToLive = timeToLive
    }

    /// The mailbox `id` (upper case) and its partner.
    func entry(_ id: String) async throws -> Entry? {
        try await current().byID[id]
    }

    /// The MESH mailbox of a partner, if it has one.
    func meshID(of partner: MailboxID) async throws -> String? {
        try await current().byPartner[partner]
    }

    /// A registered partner by its native mailbox.
    func partner(_ mailbox: MailboxID) async throws -> Partner? {
        try await current().partners[mailbox]
    }

    /// Every MESH mailbox with its partner, by id.
    func all() async throws -> [Entry] {
        try await current().byID.values.sorted { $0.mailbox.id < $1.mailbox.id }
    }

    /// How a partner is named in `mex-From` and `mex-To`: its MESH mailbox, else its native mailbox.
    func address(of partner: MailboxID) async throws -> String {
        try await meshID(of: partner) ?? partner.value
    }

    private func current() async throws -> Snapshot {
        let now = Date()
        if let fresh = snapshot.withLock({ $0 }), now.timeIntervalSince(fresh.fetchedAt) < timeToLive { return fresh }
        return try await refreshing.run {
            if let fresh = snapshot.withLock({ $0 }), Date().timeIntervalSince(fresh.fetchedAt) < timeToLive { return fresh }
            let partners = Dictionary(try await store.partners().map { ($0.mailbox, $0) }, uniquingKeysWith: { first, _ in first })
            var byID: [String: Entry] = [:]
            var byPartner: [MailboxID: String] = [:]
            for mailbox in try await store.meshMailboxes() {
                guard let partner = partners[mailbox.partner] else { continue }
                byID[mailbox.id] = Entry(mailbox: mailbox, partner: partner)
                byPartner[partner.mailbox] = mailbox.id
            }
            let fresh = Snapshot(byID: byID, byPartner: byPartner, partners: partners, fetchedAt: Date())
            snapshot.withLock { $0 = fresh }
            return fresh
        }
    }
}
