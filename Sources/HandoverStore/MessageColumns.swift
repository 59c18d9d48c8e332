/// The columns records are read from, by position, in both backends (their tables have the
/// same column names).
enum MessageColumns {
    /// Every column but the payload itself, so listings never read payload bytes.
    static let record = """
        seq, id, sender, recipient, kind, conversation_id, subject_json, purpose, sender_local_id, created_at,
        expires_at, delivered_at, downloaded_at, acknowledged_at, expired_at, payload_length, payload_sha256,
        payload_purged, payload_commitment, signature, dropped_fields, original_commitment, original_media_type,
        lawful_basis, withheld_at, minimised_fields
        """
    /// How many columns `record` names; the columns a query adds after them start here.
    static let recordCount = 26
    /// The metadata columns of `mesh_message`, in the order `MESHMetadata` is read from them.
    static let mesh = """
        workflow_id, mesh_sender, mesh_recipient, local_id, subject, file_name, content_type, checksum, compressed,
        encrypted, partner_id, content_encoding, chunk_lengths
        """
}
