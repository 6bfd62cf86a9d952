-- Accounts, API tokens and the append-only audit log.
-- Sessions live in the `tower_sessions` table that the session store creates for itself.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    -- argon2id PHC string.
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'member', 'viewer')),
    -- The person record this user is (leads and members); their lead flags give a lead's teams.
    person_id       INTEGER UNIQUE REFERENCES people (id) ON DELETE SET NULL,
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    -- Sessions started before this moment are void (sign-out everywhere, disabling, role change).
    sessions_valid_after TEXT,
    created_at      TEXT NOT NULL
);

-- Bearer tokens for API clients. Only a SHA-256 hash of the token is kept.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

-- Who did what, when (UTC). Append-only: the application never updates or deletes rows, and
-- these triggers refuse it. No assessment values and no secrets are written here.
CREATE TABLE audit_events (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_user_id INTEGER,
    actor_email   TEXT,
    action        TEXT NOT NULL,
    target        TEXT,
    outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    detail        TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
