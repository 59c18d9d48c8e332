import Foundation
import HandoverClient

/// Submission bodies and JSON helpers shared by the integration tests.
enum Messages {
    /// The statutory basis of a CHC referral: NHS Standing Rules reg.21, public task, health or social care.
    static let chcBasis = #"{"statute":"nhs-standing-rules-2012-reg21","article6":"6(1)(e)","article9":"9(2)(h)"}"#

    /// A consent basis naming `id`.
    static func consentBasis(_ id: String) -> String { #"{"consentId":"\#(id)"}"# }

    /// A CHC checklist referral from the council to the ICB.
    static func referral(
        to recipient: String = RunningGateway.icb,
        localId: String? = nil,
        nhsNumber: String = "9434765919",
        note: String = "Positive checklist: 2 A domains (behaviour, breathing)",
        basis: String = Messages.chcBasis
    ) -> [UInt8] {
        var fields = [
            #""recipient":"\#(recipient)""#,
            #""kind":"referral""#,
            #""purpose":"chc-assessment""#,
            #""lawfulBasis":\#(basis)"#,
            #""subject":{"nhsNumber":"\#(nhsNumber)","name":{"family":"O'Brien","given":["Margaret","Anne"]},"birthDate":"1938-07-14"}"#,
            #""payload":{"referralType":"chc-checklist","checklist":{"outcome":"positive","domains":{"behaviour":"A","breathing":"A"}},"note":"\#(note)","weeklyCostPence":55000}"#,
        ]
        if let localId { fields.append(#""senderLocalId":"\#(localId)""#) }
        return Array(("{" + fields.joined(separator: ",") + "}").utf8)
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    static func string(_ answer: HandoverClient.Answer, _ key: String) throws -> String? {
        try object(answer.body)[key] as? String
    }

    static func ids(_ page: HandoverClient.Answer) throws -> [String] {
        let messages = try object(page.body)["messages"] as? [[String: Any]] ?? []
        return messages.compactMap { $0["id"] as? String }
    }

    /// The `errors` of a problem document as (path, rule) pairs.
    static func problemErrors(_ answer: HandoverClient.Answer) throws -> [(path: String, rule: String)] {
        let errors = try object(answer.body)["errors"] as? [[String: Any]] ?? []
        return errors.map { ($0["path"] as? String ?? "", $0["rule"] as? String ?? "") }
    }
}
