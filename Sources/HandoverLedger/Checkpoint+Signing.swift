extension Checkpoint {
    /// This checkpoint's ``body`` signed as a C2SP signed note by `signer`, whose key name
    /// should be the ``origin`` (C2SP tlog-checkpoint, "Signatures").
    ///
    /// - Throws: ``LedgerError/malformedCheckpoint(reason:)`` if the body would not parse back
    ///   to this checkpoint (for example an origin holding a newline), or the errors of
    ///   ``SignedNote/sign(body:signer:)``.
    public func signed(by signer: NoteSigner) throws(LedgerError) -> SignedNote {
        let body = self.body
        guard try Checkpoint.parse(body) == self else {
            throw .malformedCheckpoint(reason: "checkpoint for origin \(origin.debugDescription) does not round-trip")
        }
        return try SignedNote.sign(body: body, signer: signer)
    }

    /// Parses a signed checkpoint note, verifies it with `verifiers` (C2SP signed-note,
    /// "Signatures") and parses the verified body (C2SP tlog-checkpoint). Nothing in the note is
    /// trusted before a signature from a known key verifies.
    ///
    /// - Throws: the errors of ``SignedNote/parse(_:)``, ``SignedNote/verify(with:)`` and
    ///   ``parse(_:)``.
    public static func open(_ note: String, verifiers: [NoteVerifier]) throws(LedgerError) -> Checkpoint {
        let verifiedBody = try SignedNote.parse(note).verify(with: verifiers)
        return try parse(verifiedBody)
    }
}
