-- The audit log holds ids, never email addresses, so that an erased person leaves no name or
-- email in it, while it stays append-only.
--
-- Until now each event copied the actor's email into audit_events.actor_email. An append-only
-- table cannot forget that email when the person is erased, and rewriting it at erasure time
-- would mean lifting the append-only guarantee whenever an administrator erases someone. So:
--
-- - audit_events keeps who acted by user id only (actor_user_id). actor_email now holds only the
--   fixed label "command line" for the command-line tools (no user); it is NULL otherwise.
--   Names are resolved when the log is read: from `users` while the account exists, from
--   `erasures` (a random pseudonym, "erased person 7f3a9c02e1b4") once the person is erased.
-- - audit_actors holds the emails the log must keep beside an event and that are not an
--   account's: the address typed at a sign-in for which no account exists, and the emails the
--   old rows held (moved here once, by this migration). It is not append-only: erasure deletes
--   the rows with the person's email.
-- - erasures: one row per erased person, with the pseudonym the audit log shows for them. The
--   pseudonym is random (not derived from the id, name or email), so it cannot be reversed.
--
-- The one-time move of the old emails happens here, in this migration: the append-only
-- triggers are dropped, the table rebuilt without the emails and the triggers created again,
-- all in the migration's transaction. Nothing at run time ever lifts them.

CREATE TABLE erasures (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL UNIQUE,
    -- The person's user account, when they had one (its id stays in the audit log).
    user_id   INTEGER UNIQUE,
    pseudonym TEXT NOT NULL UNIQUE,
    erased_at TEXT NOT NULL
);

CREATE TEMP TABLE migration_0010_actors AS
    SELECT id AS event_id, actor_user_id AS user_id, lower(trim(actor_email)) AS email
      FROM audit_events
     WHERE actor_email IS NOT NULL AND NOT (actor_email = 'command line' AND actor_user_id IS NULL);

DROP TRIGGER audit_events_no_update;
DROP TRIGGER audit_events_no_delete;

CREATE TABLE audit_events_new (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_user_id INTEGER,
    -- NULL, or "command line" for the command-line tools. Never an email address.
    actor_email   TEXT CHECK (actor_email IS NULL OR actor_email = 'command line'),
    action        TEXT NOT NULL,
    target        TEXT,
    outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    detail        TEXT
);
INSERT INTO audit_events_new (id, at, actor_user_id, actor_email, action, target, outcome, detail)
    SELECT id, at, actor_user_id,
           CASE WHEN actor_email = 'command line' AND actor_user_id IS NULL THEN actor_email END,
           action, target, outcome, detail
      FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_new RENAME TO audit_events;
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_actor ON audit_events (actor_user_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TABLE audit_actors (
    event_id INTEGER PRIMARY KEY REFERENCES audit_events (id),
    user_id  INTEGER,
    email    TEXT NOT NULL
);
CREATE INDEX audit_actors_email ON audit_actors (email);
CREATE INDEX audit_actors_user ON audit_actors (user_id);
INSERT INTO audit_actors (event_id, user_id, email) SELECT event_id, user_id, email FROM migration_0010_actors;
DROP TABLE migration_0010_actors;
