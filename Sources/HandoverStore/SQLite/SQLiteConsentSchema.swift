import GRDB

/// The schema of the consent registry, withheld and minimised shares, the audit search indexes
/// and the information-governance accounts (migration `v4-consent-and-information-governance`).
enum SQLiteConsentSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE consent (
                    id TEXT PRIMARY KEY,
                    nhs_number TEXT NOT NULL,
                    given_by TEXT NOT NULL,
                    given_by_name TEXT,
                    decided_at INTEGER NOT NULL,
                    purposes TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    data_categories TEXT NOT NULL,
                    valid_from TEXT,
                    valid_until TEXT,
                    recorded_by TEXT NOT NULL,
                    recorded_via TEXT NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    source_message_id TEXT,
                    withdrawn_at INTEGER,
                    withdrawal_reason TEXT,
                    withdrawal_recorded_by TEXT,
                    withdrawal_recorded_via TEXT,
                    withdrawal_recorded_at INTEGER,
                    withdrawal_message_id TEXT
                ) STRICT;
                CREATE INDEX consent_by_person ON consent(nhs_number, recorded_at);

                -- A message withheld because its consent was withdrawn is kept, never listed or
                -- delivered; what minimisation removes on delivery is listed with the message.
                ALTER TABLE message ADD COLUMN withheld_at INTEGER;
                ALTER TABLE message ADD COLUMN minimised_fields TEXT;
                -- The audit search: by person (message_subject), by period alone, and by partner
                -- and period, as sender or as recipient.
                CREATE INDEX message_by_created ON message(created_at);
                CREATE INDEX message_by_sender_time ON message(sender, created_at);
                CREATE INDEX message_by_recipient_time ON message(recipient, created_at);

                -- Consent events are leaves too; this finds a consent's leaves for its history.
                ALTER TABLE log_leaf ADD COLUMN consent_id TEXT;
                CREATE INDEX log_leaf_by_consent ON log_leaf(consent_id, leaf_index) WHERE consent_id IS NOT NULL;

                CREATE TABLE ig_account (
                    username TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('officer', 'viewer')),
                    disabled INTEGER NOT NULL DEFAULT 0
                ) STRICT;
                CREATE TABLE ig_credential (
                    hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES ig_account(username) ON DELETE CASCADE
                ) STRICT;
                CREATE TABLE ig_session (
                    token_hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES ig_account(username) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    expires_at INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE ig_login_token (
                    hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES ig_account(username) ON DELETE CASCADE,
                    expires_at INTEGER NOT NULL
                ) STRICT;
                """
        )
    }
}
