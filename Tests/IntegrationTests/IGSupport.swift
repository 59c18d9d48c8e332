import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// IG accounts and consent bodies for the consent, audit and console tests.
extension RunningGateway {
    /// Adds an IG account with a new key and returns a client that uses it.
    func igClient(_ username: String = "ig-officer", role: IGAccount.Role = .officer) async throws -> HandoverClient {
        let key = IGKey.generate()
        try await gateway.store.saveIGAccount(IGAccount(username: username, name: "Priya Shah", role: role, keyHashes: [APIKey.hash(key)]))
        return HandoverClient(baseURL: baseURL, apiKey: key, http: http)
    }
}

extension HandoverClient {
    /// POSTs a JSON body to `path`.
    func post(_ path: String, json: String) async throws -> Answer {
        try await request(.POST, path, body: .bytes(ByteBuffer(string: json)), headers: [("Content-Type", "application/json")])
    }

    /// GETs `path`.
    func get(_ path: String) async throws -> Answer {
        try await request(.GET, path)
    }
}

extension Messages {
    /// A consent given by the person to share with ICBs for CHC assessment, as `POST /v1/consents` takes it.
    static func consent(
        id: String = UUID().uuidString.lowercased(), nhsNumber: String = "9434765919", purposes: String = #"["chc-assessment"]"#,
        recipients: String = #"[{"kind":"icb"}]"#, categories: String = #"["care-needs","health-conditions","demographics"]"#
    ) -> String {
        #"{"nhsNumber":"\#(nhsNumber)","consentId":"\#(id)","givenBy":"person","decidedAt":"2026-11-20T10:00:00Z","purposes":\#(purposes),"recipients":\#(recipients),"dataCategories":\#(categories),"validFrom":"2026-01-01","validUntil":"2099-12-31","recordedBy":"Daniel Okafor, Social Worker"}"#
    }

    /// A withdrawal body.
    static let withdrawal = #"{"withdrawnAt":"2026-11-24T09:00:00Z","reason":"Person no longer wishes details shared","recordedBy":"Daniel Okafor, Social Worker"}"#

    /// A submission of `kind` with a raw payload and basis.
    static func share(
        kind: String, to recipient: String, purpose: String, basis: String?, payload: String, nhsNumber: String = "9434765919", localId: String? = nil
    ) -> [UInt8] {
        var fields = [
            #""recipient":"\#(recipient)""#, #""kind":"\#(kind)""#, #""purpose":"\#(purpose)""#,
            #""subject":{"nhsNumber":"\#(nhsNumber)","name":{"family":"O'Brien","given":["Margaret"]},"birthDate":"1938-07-14"}"#,
            #""payload":\#(payload)"#,
        ]
        if let basis { fields.append(#""lawfulBasis":\#(basis)"#) }
        if let localId { fields.append(#""senderLocalId":"\#(localId)""#) }
        return Array(("{" + fields.joined(separator: ",") + "}").utf8)
    }

    static func array(_ answer: HandoverClient.Answer, _ key: String) throws -> [[String: Any]] {
        try object(answer.body)[key] as? [[String: Any]] ?? []
    }
}
