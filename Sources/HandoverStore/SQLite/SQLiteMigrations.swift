import GRDB

/// The SQLite schema, as an ordered list of migrations. Append; never edit a shipped one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-partners-and-messages") { db in
            try db.execute(
                sql: """
                    CREATE TABLE partner (
                        mailbox TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        organisation_kind TEXT NOT NULL,
                        organisation_scheme TEXT NOT NULL,
                        organisation_value TEXT NOT NULL,
                        organisation_name TEXT NOT NULL,
                        format TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE partner_credential (
                        hash TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('api-key', 'certificate')),
                        mailbox TEXT NOT NULL REFERENCES partner(mailbox) ON DELETE CASCADE
                    ) STRICT;
                    CREATE INDEX partner_credential_by_mailbox ON partner_credential(mailbox);

                    CREATE TABLE message (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        sender TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        conversation_id TEXT,
                        subject_json BLOB,
                        subject_nhs_number TEXT,
                        purpose TEXT,
                        sender_local_id TEXT,
                        idempotency_key TEXT,
                        request_sha256 BLOB NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        delivered_at INTEGER,
                        downloaded_at INTEGER,
                        acknowledged_at INTEGER,
                        expired_at INTEGER,
                        payload BLOB,
                        payload_file TEXT,
                        payload_offset INTEGER NOT NULL DEFAULT 0,
                        payload_length INTEGER NOT NULL,
                        payload_sha256 BLOB NOT NULL,
                        payload_purged INTEGER NOT NULL DEFAULT 0
                    ) STRICT;
                    CREATE UNIQUE INDEX message_idempotency ON message(sender, idempotency_key)
                        WHERE idempotency_key IS NOT NULL;
                    CREATE INDEX message_inbox ON message(recipient, seq)
                        WHERE acknowledged_at IS NULL AND expired_at IS NULL;
                    CREATE INDEX message_outbox ON message(sender, seq);
                    CREATE INDEX message_expiry ON message(expires_at)
                        WHERE acknowledged_at IS NULL AND expired_at IS NULL;
                    CREATE INDEX message_subject ON message(subject_nhs_number) WHERE subject_nhs_number IS NOT NULL;

                    CREATE TABLE message_event (
                        seq INTEGER PRIMARY KEY,
                        message_id TEXT NOT NULL,
                        event TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX message_event_by_message ON message_event(message_id, seq);
                    """
            )
        }
        migrator.registerMigration("v2-ledger-and-signatures") { db in
            try db.execute(
                sql: """
                    ALTER TABLE partner ADD COLUMN signing TEXT NOT NULL DEFAULT 'optional';
                    CREATE TABLE partner_signing_key (
                        mailbox TEXT NOT NULL REFERENCES partner(mailbox) ON DELETE CASCADE,
                        kid TEXT NOT NULL,
                        algorithm TEXT NOT NULL,
                        public_key BLOB NOT NULL,
                        PRIMARY KEY (mailbox, kid)
                    ) STRICT;

                    -- The salt is deleted with an expired payload; the commitment stays, so every
                    -- leaf that names it still verifies.
                    ALTER TABLE message ADD COLUMN payload_salt BLOB;
                    ALTER TABLE message ADD COLUMN payload_commitment BLOB;
                    ALTER TABLE message ADD COLUMN signature TEXT;
                    ALTER TABLE message ADD COLUMN signature_sha256 BLOB;
                    -- What a translation from or to a partner format could not carry, one per line.
                    ALTER TABLE message ADD COLUMN dropped_fields TEXT;
                    CREATE UNIQUE INDEX message_signature ON message(sender, signature_sha256)
                        WHERE signature_sha256 IS NOT NULL;
                    -- Messages accepted before the ledger existed get the unsalted commitment
                    -- SHA-256(payload), which an empty salt reproduces.
                    UPDATE message SET payload_salt = X'', payload_commitment = payload_sha256;

                    -- One row per leaf of the RFC 9162 log, leaf_index counting from 0 without gaps.
                    CREATE TABLE log_leaf (
                        leaf_index INTEGER PRIMARY KEY,
                        message_id TEXT,
                        kind TEXT NOT NULL,
                        leaf BLOB NOT NULL,
                        leaf_hash BLOB NOT NULL
                    ) STRICT;
                    CREATE INDEX log_leaf_by_message ON log_leaf(message_id, leaf_index) WHERE message_id IS NOT NULL;
                    -- Why a request was refused; the leaf itself records who and when.
                    CREATE TABLE log_rejection (
                        leaf_index INTEGER PRIMARY KEY,
                        reason TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE log_checkpoint (
                        tree_size INTEGER PRIMARY KEY,
                        root_hash BLOB NOT NULL,
                        note TEXT NOT NULL,
                        issued_at INTEGER NOT NULL
                    ) STRICT;
                    """
            )
        }
        migrator.registerMigration("v3-originals-and-lawful-basis") { db in
            try db.execute(
                sql: """
                    -- The bytes a partner posted in its own format, when the payload is their
                    -- translation; committed to with the payload's salt and purged with it.
                    ALTER TABLE message ADD COLUMN original BLOB;
                    ALTER TABLE message ADD COLUMN original_media_type TEXT;
                    ALTER TABLE message ADD COLUMN original_commitment BLOB;
                    -- The lawful basis in its text form (consent:<id> or statute:<statute>;<art 6>;<art 9>),
                    -- and the consent relied on, so a withdrawal finds the messages that used it.
                    ALTER TABLE message ADD COLUMN lawful_basis TEXT;
                    ALTER TABLE message ADD COLUMN consent_id TEXT;
                    CREATE INDEX message_by_consent ON message(consent_id) WHERE consent_id IS NOT NULL;
                    """
            )
        }
        registerMESH(&migrator)
        migrator.registerMigration("v4-consent-and-information-governance", migrate: SQLiteConsentSchema.migrate)
        return migrator
    }
}
