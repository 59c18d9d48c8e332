import Crypto
import Foundation
import SwiftASN1
import X509

/// A throwaway certificate authority for mutual-TLS tests: a CA, a server certificate for
/// 127.0.0.1 and localhost, and client certificates, written as PEM files into a folder.
struct TestPKI {
    let folder: URL
    let name: String
    private let key = P256.Signing.PrivateKey()
    private let certificate: Certificate

    init(folder: URL, name: String) throws {
        self.folder = folder
        self.name = name
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let subject = try DistinguishedName { CommonName(name) }
        certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600),
            notValidAfter: Date().addingTimeInterval(86_400),
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(key)
        )
        try write(try certificate.serializeAsPEM().pemString, "\(name)-ca.pem")
    }

    /// The CA certificate file.
    var authorityFile: URL { folder.appendingPathComponent("\(name)-ca.pem") }

    /// Issues a certificate and key; returns their files and the SHA-256 fingerprint of the DER.
    func issue(_ commonName: String, server: Bool) throws -> (certificate: URL, key: URL, fingerprint: String) {
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(leafKey.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600),
            notValidAfter: Date().addingTimeInterval(86_400),
            issuer: certificate.subject,
            subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([server ? .serverAuth : .clientAuth])
                if server {
                    SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
                }
            },
            issuerPrivateKey: .init(key)
        )
        let pem = try leaf.serializeAsPEM()
        try write(pem.pemString, "\(commonName).pem")
        try write(leafKey.pemRepresentation, "\(commonName).key")
        let fingerprint = SHA256.hash(data: pem.derBytes).map { String(format: "%02x", $0) }.joined()
        return (folder.appendingPathComponent("\(commonName).pem"), folder.appendingPathComponent("\(commonName).key"), fingerprint)
    }

    private func write(_ text: String, _ file: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(file))
    }
}
