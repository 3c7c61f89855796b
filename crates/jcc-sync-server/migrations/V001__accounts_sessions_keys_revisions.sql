-- The sync server's schema. Portable to PostgreSQL, YugabyteDB and CockroachDB: every id
-- is random (or a hash), so no primary key grows monotonically into one hot range; times
-- are Unix seconds in INT8; no sequences, triggers, functions or deferred constraints.
-- Every statement is IF NOT EXISTS, so a migration interrupted half way simply re-runs.

-- An account: one (issuer, subject) of the OpenID provider. head_seq is the last sequence
-- number given to one of its revisions; revisions and bytes are what it stores.
CREATE TABLE IF NOT EXISTS users (
    user_id    UUID NOT NULL PRIMARY KEY,
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    head_seq   INT8 NOT NULL DEFAULT 0,
    revisions  INT8 NOT NULL DEFAULT 0,
    bytes      INT8 NOT NULL DEFAULT 0,
    created_at INT8 NOT NULL,
    CONSTRAINT users_identity UNIQUE (issuer, subject)
);

-- A device's session: only the SHA-256 of its bearer token is kept.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash  BYTEA NOT NULL PRIMARY KEY,
    user_id     UUID NOT NULL,
    device_name TEXT NOT NULL,
    created_at  INT8 NOT NULL,
    expires_at  INT8 NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);

-- The account's wrapped keys: an opaque blob, versioned for compare-and-set.
CREATE TABLE IF NOT EXISTS account_keys (
    user_id    UUID NOT NULL PRIMARY KEY,
    version    INT8 NOT NULL,
    data       BYTEA NOT NULL,
    updated_at INT8 NOT NULL
);

-- Encrypted revisions in per-account sequence order. rev_key is the revision's UUIDv7 with
-- its 16 bytes reversed: a UUIDv7 starts with a timestamp, the reversal starts with its
-- random bits, so the unique index spreads over ranges instead of appending to one.
CREATE TABLE IF NOT EXISTS revisions (
    user_id    UUID NOT NULL,
    seq        INT8 NOT NULL,
    rev_key    BYTEA NOT NULL,
    handle     TEXT NOT NULL,
    epoch      INT8 NOT NULL,
    nonce      BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    stored_at  INT8 NOT NULL,
    CONSTRAINT revisions_pkey PRIMARY KEY (user_id, seq),
    CONSTRAINT revisions_rev_key UNIQUE (rev_key)
);
