import ArgumentParser
import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel

/// Signs a canonical submission as its sender: a detached JWS over the exact payload bytes with
/// the recipient, kind and local id in the protected header (`contracts/ledger/signatures.md`).
struct SubmissionSigner {
    let key: PartnerSigningKey
    let kid: String

    /// Reads a private JWK file written by `handover keygen`.
    init(keyFile: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        guard let jwk = try JSONSerialization.jsonObject(with: data) as? [String: String], let kid = jwk["kid"] else {
            throw ValidationError("\(keyFile) is not a private JWK with a kid (write one with 'handover keygen')")
        }
        self.key = try PartnerSigningKey(privateJWK: jwk)
        self.kid = kid
    }

    /// The compact detached JWS for `submission` (the whole request body).
    func sign(submission: some ContiguousBytes) throws -> String {
        try submission.withUnsafeBytes { bytes in
            let decoded: CanonicalSubmission
            do {
                decoded = try CanonicalSubmissionDecoder.decode(bytes)
            } catch {
                throw ValidationError("the message is not a valid submission, so it cannot be signed: \(error)")
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[decoded.payloadRange])
            return try DetachedJWS.sign(
                body: payload, key: key, kid: kid, recipient: decoded.recipient.value,
                kind: decoded.kind.rawValue, localID: decoded.senderLocalId
            ).compact
        }
    }
}
