public import Foundation
public import HandoverLedger

/// The gateway's Ed25519 signing key for checkpoints and receipts, and every public key it has
/// ever signed with, kept in the data folder:
///
/// - `ledger-signing-key`: the current key as a C2SP signer key (`PRIVATE+KEY+...`), owner-only (0600);
/// - `ledger-verifier-keys`: one C2SP verifier key per line, oldest first, the current key last.
///
/// Rotation writes a new signing key and appends its verifier key, so checkpoints signed by an
/// old key still verify.
public struct GatewayKeyring: Sendable {
    /// The key that signs new checkpoints and receipts.
    public let signer: NoteSigner
    /// Every key the gateway has signed with, the current one last.
    public let verifiers: [NoteVerifier]

    static let signingKeyFile = "ledger-signing-key"
    static let verifierKeysFile = "ledger-verifier-keys"

    /// Loads the keyring from `directory`, creating a key named `keyName` on first start.
    ///
    /// - Throws: `GatewayStartError` when the key file is readable by others than its owner or unreadable.
    public static func openOrCreate(in directory: URL, keyName: String) throws -> GatewayKeyring {
        let keyFile = directory.appendingPathComponent(signingKeyFile)
        if !FileManager.default.fileExists(atPath: keyFile.path) {
            let signer = try NoteSigner.generate(keyName: keyName)
            try writeOwnerOnly(signer.signerKey + "\n", to: keyFile)
            try appendVerifier(signer.verifier, in: directory)
        }
        return try open(in: directory)
    }

    /// Loads an existing keyring from `directory`.
    public static func open(in directory: URL) throws -> GatewayKeyring {
        let keyFile = directory.appendingPathComponent(signingKeyFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        if let permissions = attributes[.posixPermissions] as? NSNumber, permissions.intValue & 0o077 != 0 {
            throw GatewayStartError(
                "the ledger signing key \(keyFile.path) is readable by others (mode \(String(permissions.intValue, radix: 8))); run chmod 600 on it"
            )
        }
        let text = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let signer = try NoteSigner(signerKey: text)
        let listed = (try? String(contentsOf: directory.appendingPathComponent(verifierKeysFile), encoding: .utf8)) ?? ""
        var verifiers = try listed.split(separator: "\n").map { try NoteVerifier(verifierKey: String($0)) }
        if !verifiers.contains(where: { $0.verifierKey == signer.verifier.verifierKey }) {
            try appendVerifier(signer.verifier, in: directory)
            verifiers.append(signer.verifier)
        }
        return GatewayKeyring(signer: signer, verifiers: verifiers)
    }

    /// Replaces the signing key with a new one of the same name; old verifier keys are kept.
    public static func rotate(in directory: URL) throws -> GatewayKeyring {
        let current = try open(in: directory)
        let signer = try NoteSigner.generate(keyName: current.signer.keyName)
        try appendVerifier(signer.verifier, in: directory)
        try writeOwnerOnly(signer.signerKey + "\n", to: directory.appendingPathComponent(signingKeyFile))
        return try open(in: directory)
    }

    private static func appendVerifier(_ verifier: NoteVerifier, in directory: URL) throws {
        let file = directory.appendingPathComponent(verifierKeysFile)
        let existing = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        try Data((existing + verifier.verifierKey + "\n").utf8).write(to: file, options: .atomic)
    }

    /// Writes through a temporary file created owner-only, then renames, so the key is never
    /// readable by others even for a moment and never half-written.
    private static func writeOwnerOnly(_ text: String, to file: URL) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw GatewayStartError("cannot write the ledger signing key at \(temporary.path)")
        }
        if rename(temporary.path, file.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw GatewayStartError("cannot install the ledger signing key at \(file.path) (errno \(errno))")
        }
    }
}
