import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import Testing

/// A partner authenticates by its client certificate alone; anyone else cannot even connect.
@Suite struct MutualTLSTests {
    @Test func clientCertificateIdentifiesThePartner() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-mtls-\(UUID().uuidString)")
        let pki = try TestPKI(folder: folder, name: "partners")
        let server = try pki.issue("gateway", server: true)
        let council = try pki.issue("swindon-asc-client", server: false)
        let rogueAuthority = try TestPKI(folder: folder.appendingPathComponent("rogue"), name: "rogue")
        let rogue = try rogueAuthority.issue("swindon-asc-client", server: false)

        let gateway = try await RunningGateway.start(folder: folder.appendingPathComponent("data")) { configuration in
            configuration.tls = .init(
                certificateChain: server.certificate.path,
                privateKey: server.key.path,
                clientCertificateAuthority: pki.authorityFile.path
            )
            if let index = configuration.partners.firstIndex(where: { $0.mailbox == RunningGateway.council }) {
                configuration.partners[index].certificateSHA256 = [council.fingerprint]
                configuration.partners[index].apiKeySHA256 = nil
            }
        }
        let url = "https://127.0.0.1:\(gateway.port)"

        let trusted = try HandoverClient.makeHTTPClient(
            tls: .init(certificateChain: council.certificate.path, privateKey: council.key.path, trustedCA: pki.authorityFile.path)
        )
        let client = HandoverClient(baseURL: url, apiKey: nil, http: trusted)
        let receipt = try await client.submit(Messages.referral())
        #expect(receipt.status == 202, "\(receipt.text)")
        #expect(try Messages.string(receipt, "sender") == RunningGateway.council)

        // The ICB still uses its API key over the same TLS listener, with its own certificate for the handshake.
        let icbCertificate = try pki.issue("bsw-icb-client", server: false)
        let icbHTTP = try HandoverClient.makeHTTPClient(
            tls: .init(certificateChain: icbCertificate.certificate.path, privateKey: icbCertificate.key.path, trustedCA: pki.authorityFile.path)
        )
        let icb = HandoverClient(baseURL: url, apiKey: gateway.keys[RunningGateway.icb], http: icbHTTP)
        #expect(try Messages.ids(try await icb.inbox()).count == 1)
        let unregistered = HandoverClient(baseURL: url, apiKey: nil, http: icbHTTP)
        #expect(try await unregistered.inbox().status == 401, "a valid but unregistered certificate is not a partner")

        let noCertificate = try HandoverClient.makeHTTPClient(tls: .init(trustedCA: pki.authorityFile.path))
        await #expect(throws: (any Error).self) {
            _ = try await HandoverClient(baseURL: url, apiKey: gateway.keys[RunningGateway.icb], http: noCertificate).inbox()
        }
        let rogueHTTP = try HandoverClient.makeHTTPClient(
            tls: .init(certificateChain: rogue.certificate.path, privateKey: rogue.key.path, trustedCA: pki.authorityFile.path)
        )
        await #expect(throws: (any Error).self) {
            _ = try await HandoverClient(baseURL: url, apiKey: nil, http: rogueHTTP).inbox()
        }

        for http in [trusted, icbHTTP, noCertificate, rogueHTTP] { try await http.shutdown() }
        try await gateway.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
