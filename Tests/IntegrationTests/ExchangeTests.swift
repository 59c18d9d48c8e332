import Foundation
import HandoverClient
import Testing

/// Send, poll, fetch, acknowledge and track over real HTTP.
@Suite struct ExchangeTests {
    @Test func sendPollFetchAcknowledgeTrack() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)

        let receipt = try await council.submit(Messages.referral(localId: "CASE-1"))
        #expect(receipt.status == 202)
        let id = try #require(try Messages.string(receipt, "id"))
        #expect(try Messages.string(receipt, "status") == "accepted")
        #expect(receipt.header("Location") == "/v1/outbox/\(id)")

        let inbox = try await icb.inbox()
        #expect(inbox.status == 200)
        #expect(try Messages.ids(inbox) == [id])

        let message = try await icb.download(id)
        #expect(message.status == 200)
        #expect(message.header("Content-Type") == "application/json")
        let json = try Messages.object(message.body)
        #expect(json["id"] as? String == id)
        #expect(json["sender"] as? String == RunningGateway.council)
        #expect(json["recipient"] as? String == RunningGateway.icb)
        #expect(json["kind"] as? String == "referral")
        #expect(json["senderLocalId"] as? String == "CASE-1")
        let subject = try #require(json["subject"] as? [String: Any])
        #expect(subject["nhsNumber"] as? String == "9434765919")
        // The payload is delivered as the exact bytes the council sent.
        #expect(message.text.contains(#""payload":{"referralType":"chc-checklist","checklist":{"outcome":"positive","domains":{"behaviour":"A","breathing":"A"}},"note":"Positive checklist: 2 A domains (behaviour, breathing)","weeklyCostPence":55000}}"#))

        let early = try await council.track(id)
        #expect(try Messages.string(early, "status") == "downloaded")

        let ack = try await icb.acknowledge(id)
        #expect(ack.status == 200)
        #expect(try Messages.string(ack, "status") == "acknowledged")
        #expect(try Messages.ids(try await icb.inbox()).isEmpty)

        let tracked = try Messages.object(try await council.track(id).body)
        #expect(tracked["status"] as? String == "acknowledged")
        for field in ["createdAt", "deliveredAt", "downloadedAt", "acknowledgedAt"] {
            #expect(tracked[field] is String, "tracking lacks \(field)")
        }
        let again = try await icb.acknowledge(id)
        #expect(again.status == 200, "acknowledging twice is harmless")
        try await gateway.stopAndRemove()
    }

    @Test func inboxPagesOldestFirstWithoutGapsOrRepeats() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        var sent: [String] = []
        for index in 0..<250 {
            let receipt = try await council.submit(Messages.referral(localId: "PAGE-\(index)"))
            sent.append(try #require(try Messages.string(receipt, "id")))
        }
        let icb = gateway.client(RunningGateway.icb)
        var listed: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await icb.inbox(cursor: cursor, limit: 100)
            #expect(page.status == 200)
            listed += try Messages.ids(page)
            cursor = try Messages.object(page.body)["next"] as? String
            if cursor != nil { #expect(page.header("Link")?.contains("rel=\"next\"") == true) }
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(listed == sent)

        let badCursor = try await icb.inbox(cursor: "nonsense")
        #expect(badCursor.status == 400)
        #expect(try Messages.problemErrors(badCursor).map(\.path) == ["cursor"])
        let badLimit = try await icb.inbox(limit: 501)
        #expect(badLimit.status == 400)
        try await gateway.stopAndRemove()
    }

    @Test func resubmissionIsIdempotent() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let first = try await council.submit(Messages.referral(localId: "CASE-42"))
        let second = try await council.submit(Messages.referral(localId: "CASE-42"))
        #expect(first.status == 202 && second.status == 202)
        #expect(try Messages.string(first, "id") == Messages.string(second, "id"))
        #expect(second.header("Idempotent-Replayed") == "true")

        let keyed = try await council.submit(Messages.referral(), idempotencyKey: "retry-7")
        let keyedAgain = try await council.submit(Messages.referral(), idempotencyKey: "retry-7")
        #expect(try Messages.string(keyed, "id") == Messages.string(keyedAgain, "id"))

        let reused = try await council.submit(Messages.referral(localId: "CASE-42", note: "a different referral"))
        #expect(reused.status == 422)
        #expect(try Messages.problemErrors(reused).map(\.rule) == ["idempotency-key-reused"])

        let inbox = try await gateway.client(RunningGateway.icb).inbox()
        #expect(try Messages.ids(inbox).count == 2)
        try await gateway.stopAndRemove()
    }
}
