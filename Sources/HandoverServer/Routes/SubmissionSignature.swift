import Foundation
import HandoverLedger
import HandoverModel
import HTTPTypes
import Hummingbird

/// Checks the sender's detached JWS (RFC 7515 appendix F) on a submission: the
/// `Handover-Signature` header carries it in compact form with an empty payload part, signed over
/// the exact payload bytes; its protected header names the recipient, kind and local id so that a
/// signature cannot be moved to another route (`contracts/ledger/signatures.md`).
enum SubmissionSignature {
    static let header = HTTPField.Name("Handover-Signature")

    /// The verified signature, `nil` when none was sent and none is required.
    /// - Throws: a 401 `Problem` naming the reason: required but missing, malformed, unknown key
    ///   id, payload digest mismatch, bad signature, or a routing claim that does not match.
    static func verify(
        _ compact: String?, payload: some DataProtocol, sender: Partner, recipient: String, kind: String, localID: String?
    ) throws -> VerifiedSignature? {
        guard let compact else {
            guard sender.signing == .required else { return nil }
            throw refusal(
                "signature-required", "A signature is required",
                detail: "\(sender.mailbox) is registered with signing: required and the submission carries no Handover-Signature",
                rule: "signature-required"
            )
        }
        do {
            let keys = try sender.signingKeys.map { key throws(LedgerError) -> PartnerKey in
                guard let algorithm = JWSAlgorithm(rawValue: key.algorithm) else {
                    throw .unsupportedAlgorithm(reason: "registered key \(key.kid) has algorithm \(key.algorithm)")
                }
                return try PartnerKey(kid: key.kid, algorithm: algorithm, publicKey: key.publicKey)
            }
            return try DetachedJWS.parse(compact).verify(body: payload, keys: keys, recipient: recipient, kind: kind, localID: localID)
        } catch {
            throw refusal(for: error)
        }
    }

    /// The `Handover-Signature` header of `request`, if sent.
    static func compact(in request: Request) -> String? {
        header.flatMap { request.headers[$0] }
    }

    private static func refusal(for error: LedgerError) -> Problem {
        let reason = error.reason
        switch error.code {
        case .unknownKeyID, .ambiguousKey:
            return refusal("signature-key-unknown", "The signature names no key of this partner", detail: reason, rule: "signature-key-id")
        case .bodyDigestMismatch:
            return refusal("signature-digest-mismatch", "The payload is not the one that was signed", detail: reason, rule: "signature-payload-digest")
        case .routingClaimMismatch:
            return refusal("signature-route-mismatch", "The signature was made for another route", detail: reason, rule: "signature-route")
        case .invalidSignature:
            return refusal("signature-invalid", "The signature does not verify", detail: reason, rule: "signature-valid")
        default:
            return refusal("signature-malformed", "The signature is not a usable detached JWS", detail: reason, rule: "signature-format")
        }
    }

    private static func refusal(_ name: String, _ title: String, detail: String, rule: String) -> Problem {
        var problem = Problem(
            .unauthorized, name, title: title, detail: detail,
            path: "Handover-Signature", rule: rule,
            hint: "send Handover-Signature: a compact detached JWS (EdDSA or ES256) by a registered key over the exact payload bytes "
                + "(the whole body for an HL7 v2 partner), with hov.rcp, hov.knd, hov.lid and hov.sha as contracts/ledger/signatures.md describes"
        )
        problem.headers[.wwwAuthenticate] = "Handover-Signature"
        return problem
    }
}
