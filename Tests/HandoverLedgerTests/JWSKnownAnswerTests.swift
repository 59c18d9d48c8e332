import Crypto
import Foundation
import HandoverLedger
import Testing

/// Published JOSE test vectors, checked through `PartnerKey` and `DetachedJWS.signingInput`.
///
/// - RFC 8037 Appendix A.1 (the Ed25519 key, `d` and `x`) and A.4 ("Ed25519 Signing": the
///   protected header `{"alg":"EdDSA"}`, the payload "Example of Ed25519 signing" and the
///   signature over them); A.5 ("Ed25519 Validation") verifies the same JWS.
/// - RFC 7515 Appendix A.3 ("Example JWS Using ECDSA P-256 SHA-256": the JWK `x`, `y`, `d`,
///   the signing input and the 64-byte `R || S` signature). ECDSA signatures are randomised,
///   so this vector is only verified, never reproduced.
struct JWSKnownAnswerTests {
    // RFC 8037 Appendix A.1.
    static let ed25519D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    static let ed25519X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    // RFC 8037 Appendix A.4.
    static let ed25519Header = "eyJhbGciOiJFZERTQSJ9"
    static let ed25519Payload = "Example of Ed25519 signing"
    static let ed25519SigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
    static let ed25519Signature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"

    // RFC 7515 Appendix A.3.
    static let p256X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
    static let p256Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
    static let p256D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
    static let p256SigningInput =
        "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    static let p256Signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"

    static func ed25519Key() throws -> PartnerKey {
        try PartnerKey(kid: "rfc8037", jwk: ["kty": "OKP", "crv": "Ed25519", "x": ed25519X])
    }

    static func p256Key() throws -> PartnerKey {
        try PartnerKey(kid: "rfc7515", jwk: ["kty": "EC", "crv": "P-256", "x": p256X, "y": p256Y])
    }

    @Test func rfc8037SigningInputIsHeaderDotBase64urlPayload() {
        let input = DetachedJWS.signingInput(encodedHeader: Self.ed25519Header, body: Array(Self.ed25519Payload.utf8))
        #expect(String(decoding: input, as: UTF8.self) == Self.ed25519SigningInput)
    }

    @Test func rfc8037SignatureVerifies() throws {
        let key = try Self.ed25519Key()
        #expect(key.algorithm == .edDSA)
        #expect(key.publicKey == bytes(base64url: Self.ed25519X))
        let signature = bytes(base64url: Self.ed25519Signature)
        let input = Array(Self.ed25519SigningInput.utf8)
        #expect(key.isValidSignature(signature, for: input))
        #expect(!key.isValidSignature(flipping(signature, byte: 10), for: input))
        #expect(!key.isValidSignature(signature, for: Array((Self.ed25519SigningInput + "x").utf8)))
    }

    @Test func rfc8037SignatureIsReproducedFromTheA1PrivateKey() throws {
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes(base64url: Self.ed25519D))
        let signing = PartnerSigningKey.ed25519(privateKey)
        #expect(try signing.partnerKey(kid: "rfc8037") == Self.ed25519Key())
        #if !canImport(Darwin)
        // Ed25519 (RFC 8032) is deterministic with BoringSSL, so the signature is byte-exact.
        let signature = try signing.signature(for: Array(Self.ed25519SigningInput.utf8))
        #expect(base64url(signature) == Self.ed25519Signature)
        #endif
    }

    @Test func rfc7515ES256SignatureVerifiesAsRawRS() throws {
        let key = try Self.p256Key()
        #expect(key.algorithm == .es256)
        #expect(key.publicKey == [0x04] + bytes(base64url: Self.p256X) + bytes(base64url: Self.p256Y))
        let signature = bytes(base64url: Self.p256Signature)
        #expect(signature.count == 64)
        let input = Array(Self.p256SigningInput.utf8)
        #expect(key.isValidSignature(signature, for: input))
        #expect(!key.isValidSignature(flipping(signature, byte: 40), for: input))

        // The same signature in DER (RFC 7518 section 3.4 forbids it in a JWS) is refused.
        let der = try Array(P256.Signing.ECDSASignature(rawRepresentation: signature).derRepresentation)
        #expect(der.count > 64)
        #expect(!key.isValidSignature(der, for: input))
    }

    @Test func rfc7515PrivateKeyMatchesItsPublicKey() throws {
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: bytes(base64url: Self.p256D))
        let signing = PartnerSigningKey.p256(privateKey)
        #expect(try signing.partnerKey(kid: "rfc7515") == Self.p256Key())
        let signature = try signing.signature(for: Array(Self.p256SigningInput.utf8))
        #expect(signature.count == 64)
        #expect(try Self.p256Key().isValidSignature(signature, for: Array(Self.p256SigningInput.utf8)))
    }
}
