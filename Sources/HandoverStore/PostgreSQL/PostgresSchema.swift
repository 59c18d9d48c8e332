/// The statements of the migrations in `PostgresMigrations`.
enum PostgresSchema {
    static let messagesAndLedger = [
        """
        CREATE TABLE partner (
            mailbox TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            organisation_kind TEXT NOT NULL,
            organisation_scheme TEXT NOT NULL,
            organisation_value TEXT NOT NULL,
            organisation_name TEXT NOT NULL,
            format TEXT NOT NULL,
            signing TEXT NOT NULL DEFAULT 'optional'
        )
        """,
        """
        CREATE TABLE partner_credential (
            hash TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('api-key', 'certificate')),
            mailbox TEXT NOT NULL REFERENCES partner(mailbox) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX partner_credential_by_mailbox ON partner_credential(mailbox)",
        """
        CREATE TABLE partner_signing_key (
            mailbox TEXT NOT NULL REFERENCES partner(mailbox) ON DELETE CASCADE,
            kid TEXT NOT NULL,
            algorithm TEXT NOT NULL,
            public_key BYTEA NOT NULL,
            PRIMARY KEY (mailbox, kid)
        )
        """,
        // seq is drawn while the log head is locked, so it grows in commit order and inbox
        // cursors never skip a message committed later with a smaller number.
        """
        CREATE TABLE message (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            sender TEXT NOT NULL,
            recipient TEXT NOT NULL,
            kind TEXT NOT NULL,
            conversation_id TEXT,
            subject_json BYTEA,
            subject_nhs_number TEXT,
            purpose TEXT,
            sender_local_id TEXT,
            idempotency_key TEXT,
            request_sha256 BYTEA NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            delivered_at BIGINT,
            downloaded_at BIGINT,
            acknowledged_at BIGINT,
            expired_at BIGINT,
            withheld_at BIGINT,
            payload BYTEA,
            payload_length BIGINT NOT NULL,
            payload_sha256 BYTEA NOT NULL,
            payload_purged BOOLEAN NOT NULL DEFAULT false,
            -- The salt is deleted with an expired payload; the commitment stays, so every leaf
            -- that names it still verifies.
            payload_salt BYTEA,
            payload_commitment BYTEA,
            signature TEXT,
            signature_sha256 BYTEA,
            dropped_fields TEXT,
            minimised_fields TEXT,
            original BYTEA,
            original_media_type TEXT,
            original_commitment BYTEA,
            lawful_basis TEXT,
            consent_id TEXT
        )
        """,
        "CREATE UNIQUE INDEX message_idempotency ON message(sender, idempotency_key) WHERE idempotency_key IS NOT NULL",
        "CREATE UNIQUE INDEX message_signature ON message(sender, signature_sha256) WHERE signature_sha256 IS NOT NULL",
        "CREATE INDEX message_inbox ON message(recipient, seq) WHERE acknowledged_at IS NULL AND expired_at IS NULL",
        "CREATE INDEX message_outbox ON message(sender, seq)",
        "CREATE INDEX message_expiry ON message(expires_at) WHERE acknowledged_at IS NULL AND expired_at IS NULL",
        "CREATE INDEX message_subject ON message(subject_nhs_number) WHERE subject_nhs_number IS NOT NULL",
        "CREATE INDEX message_by_consent ON message(consent_id) WHERE consent_id IS NOT NULL",
        // The one row every appending transaction locks first: the index the next leaf gets.
        "CREATE TABLE log_head (only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row), next_index BIGINT NOT NULL)",
        "INSERT INTO log_head (only_row, next_index) VALUES (true, 0)",
        """
        CREATE TABLE log_leaf (
            leaf_index BIGINT PRIMARY KEY,
            message_id TEXT,
            consent_id TEXT,
            kind TEXT NOT NULL,
            leaf BYTEA NOT NULL,
            leaf_hash BYTEA NOT NULL
        )
        """,
        "CREATE INDEX log_leaf_by_message ON log_leaf(message_id, leaf_index) WHERE message_id IS NOT NULL",
        "CREATE INDEX log_leaf_by_consent ON log_leaf(consent_id, leaf_index) WHERE consent_id IS NOT NULL",
        "CREATE TABLE log_rejection (leaf_index BIGINT PRIMARY KEY, reason TEXT NOT NULL)",
        """
        CREATE TABLE log_checkpoint (
            tree_size BIGINT PRIMARY KEY,
            root_hash BYTEA NOT NULL,
            note TEXT NOT NULL,
            issued_at BIGINT NOT NULL
        )
        """,
    ]

    static let mesh = [
        """
        CREATE TABLE mesh_mailbox (
            mesh_mailbox TEXT PRIMARY KEY,
            partner TEXT NOT NULL UNIQUE REFERENCES partner(mailbox) ON DELETE CASCADE,
            password TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE mesh_token (
            mailbox TEXT NOT NULL,
            nonce TEXT NOT NULL,
            nonce_count TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            retryable BOOLEAN NOT NULL,
            PRIMARY KEY (mailbox, nonce, nonce_count)
        )
        """,
        "CREATE INDEX mesh_token_expiry ON mesh_token(expires_at)",
        """
        CREATE TABLE mesh_upload (
            message_id TEXT PRIMARY KEY,
            sender TEXT NOT NULL,
            metadata TEXT NOT NULL,
            total_chunks BIGINT NOT NULL,
            received_chunks BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            completed_at BIGINT,
            accepted_id TEXT
        )
        """,
        """
        CREATE TABLE mesh_chunk (
            message_id TEXT NOT NULL REFERENCES mesh_upload(message_id) ON DELETE CASCADE,
            chunk BIGINT NOT NULL,
            content BYTEA NOT NULL,
            PRIMARY KEY (message_id, chunk)
        )
        """,
        """
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
            chunk_lengths TEXT,
            content BYTEA
        )
        """,
    ]

    static let consentAndGovernance = [
        """
        CREATE TABLE consent (
            id TEXT PRIMARY KEY,
            nhs_number TEXT NOT NULL,
            given_by TEXT NOT NULL,
            given_by_name TEXT,
            decided_at BIGINT NOT NULL,
            purposes TEXT NOT NULL,
            recipients TEXT NOT NULL,
            data_categories TEXT NOT NULL,
            valid_from TEXT,
            valid_until TEXT,
            recorded_by TEXT NOT NULL,
            recorded_via TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            source_message_id TEXT,
            withdrawn_at BIGINT,
            withdrawal_reason TEXT,
            withdrawal_recorded_by TEXT,
            withdrawal_recorded_via TEXT,
            withdrawal_recorded_at BIGINT,
            withdrawal_message_id TEXT
        )
        """,
        "CREATE INDEX consent_by_person ON consent(nhs_number, recorded_at)",
        "CREATE INDEX message_by_created ON message(created_at)",
        "CREATE INDEX message_by_sender_time ON message(sender, created_at)",
        "CREATE INDEX message_by_recipient_time ON message(recipient, created_at)",
        """
        CREATE TABLE ig_account (
            username TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('officer', 'viewer')),
            disabled BOOLEAN NOT NULL DEFAULT false
        )
        """,
        "CREATE TABLE ig_credential (hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES ig_account(username) ON DELETE CASCADE)",
        """
        CREATE TABLE ig_session (
            token_hash TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES ig_account(username) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE ig_login_token (
            hash TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES ig_account(username) ON DELETE CASCADE,
            expires_at BIGINT NOT NULL
        )
        """,
    ]
}
