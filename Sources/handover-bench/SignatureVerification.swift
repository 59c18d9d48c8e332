import ArgumentParser
import Crypto
import Foundation
import HandoverLedger

/// `handover-bench signature`: what checking one partner signature costs the gateway, split into
/// its steps, for a payload of the given size.
struct SignatureVerification: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature",
        abstract: "Time the steps of verifying a partner's detached JWS on a submission."
    )

    @Option(help: "Payload bytes.") var size = 1024
    @Option(help: "Repetitions of each step.") var iterations = 5_000

    func run() throws {
        let payload = Array(repeating: UInt8(ascii: "x"), count: size)
        let key = PartnerSigningKey.generate(.edDSA)
        let publicKey = try key.partnerKey(kid: "bench")
        let jws = try DetachedJWS.sign(body: payload, key: key, kid: "bench", recipient: "bench-recipient", kind: "referral", localID: "bench-1")
        let input = DetachedJWS.signingInput(encodedHeader: jws.encodedHeader, body: payload)
        let steps: [(String, () throws -> Void)] = [
            ("parse compact JWS (base64url, header JSON)", { _ = try DetachedJWS.parse(jws.compact) }),
            ("SHA-256 of the payload", { _ = SHA256.hash(data: payload) }),
            ("signing input (base64url of the payload)", { _ = DetachedJWS.signingInput(encodedHeader: jws.encodedHeader, body: payload) }),
            ("Ed25519 verify", { _ = publicKey.isValidSignature(jws.signature, for: input) }),
            ("whole verify (all of the above and the route claims)", {
                _ = try DetachedJWS.parse(jws.compact).verify(
                    body: payload, keys: [publicKey], recipient: "bench-recipient", kind: "referral", localID: "bench-1"
                )
            }),
            ("Ed25519 sign (partner side)", { _ = try key.signature(for: input) }),
        ]
        for (name, step) in steps {
            let micros = try MicroTiming.microseconds(iterations: iterations, step)
            print(String(format: "%8.1f us  %@", micros, name))
        }
    }
}
