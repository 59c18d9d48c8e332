import GRDB

extension SQLiteMigrations {
    /// The MESH-compatible API's tables: mailboxes, the NHSMESH replay cache, uploads in progress
    /// with their chunks, and each message's `mex-*` metadata (with a document's bytes).
    static func registerMESH(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-mesh") { db in
            try db.execute(
                sql: """
                    -- The password is kept as configured: verifying an NHSMESH token needs it.
                    CREATE TABLE mesh_mailbox (
                        mesh_mailbox TEXT PRIMARY KEY,
                        partner TEXT NOT NULL UNIQUE REFERENCES partner(mailbox) ON DELETE CASCADE,
                        password TEXT NOT NULL
                    ) STRICT;

                    -- Bounded by the token window: rows go once expires_at has passed.
                    CREATE TABLE mesh_token (
                        mailbox TEXT NOT NULL,
                        nonce TEXT NOT NULL,
                        nonce_count TEXT NOT NULL,
                        expires_at INTEGER NOT NULL,
                        retryable INTEGER NOT NULL,
                        PRIMARY KEY (mailbox, nonce, nonce_count)
                    ) STRICT, WITHOUT ROWID;
                    CREATE INDEX mesh_token_expiry ON mesh_token(expires_at);

                    CREATE TABLE mesh_upload (
                        message_id TEXT PRIMARY KEY,
                        sender TEXT NOT NULL,
                        metadata TEXT NOT NULL,
                        total_chunks INTEGER NOT NULL,
                        received_chunks INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        completed_at INTEGER,
                        accepted_id TEXT
                    ) STRICT;
                    CREATE TABLE mesh_chunk (
                        message_id TEXT NOT NULL REFERENCES mesh_upload(message_id) ON DELETE CASCADE,
                        chunk INTEGER NOT NULL,
                        file TEXT NOT NULL,
                        length INTEGER NOT NULL,
                        PRIMARY KEY (message_id, chunk)
                    ) STRICT;

                    -- content is a document's bytes as uploaded (gzip when content_encoding says so),
                    -- in the row when small, else in content_file; NULL for Handover messages.
                    CREATE TABLE mesh_message (
                        message_id TEXT PRIMARY KEY,
                        workflow_id TEXT NOT NULL,
                        mesh_sender TEXT NOT NULL,
                        mesh_recipient TEXT NOT NULL,
                        local_id TEXT,
                        subject TEXT,
                        file_name TEXT,
                        content_type TEXT,
                        checksum TEXT,
                        compressed TEXT,
                        encrypted TEXT,
                        partner_id TEXT,
                        content_encoding TEXT,
                        -- The stored length of each chunk as uploaded, comma-separated.
                        chunk_lengths TEXT,
                        content BLOB,
                        content_file TEXT,
                        content_length INTEGER NOT NULL DEFAULT 0
                    ) STRICT;
                    """
            )
        }
    }
}
