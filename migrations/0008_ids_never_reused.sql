-- Ids of people, users, teams and API tokens are never reused.
--
-- These tables were created with `INTEGER PRIMARY KEY` alone, so SQLite gave a new row
-- max(id) + 1: after the row with the highest id was deleted, the next row got its id, and with
-- it whatever still pointed at that id (a live session or API token naming the user id, audit
-- events "user:7", "person:12", "team:3"). With AUTOINCREMENT an id is used once only.
--
-- SQLite cannot add AUTOINCREMENT to a table: each is rebuilt. SQLite's documented procedure
-- (https://www.sqlite.org/lang_altertable.html#otheralter) turns foreign keys off first, which
-- cannot be done inside a transaction, and sqlx 0.8 runs every SQLite migration inside one
-- (it ignores `-- no-transaction` for SQLite). So the rebuild works with foreign keys on, in
-- the migration's transaction, and relies on SQLite's own bookkeeping of deferred foreign keys:
--
--   1. PRAGMA defer_foreign_keys = ON: every foreign key is checked at COMMIT, not per statement
--      (it switches itself off at the end of the transaction);
--   2. copy the table's rows, with their ids, to a temporary table;
--   3. move the old rows out of the way of the DROP: their ids become negative. No child row
--      refers to a negative id, so the implicit DELETE of DROP TABLE cascades to nothing and
--      sets nothing to NULL (a plain DROP would delete every membership and assessment);
--      the children now point at missing rows, which SQLite counts;
--   4. drop the old table (with its triggers), create the new one under the same name (the
--      children's REFERENCES clauses name the table, so they refer to it), copy the rows back
--      with their ids (each row that a child points at again takes one off SQLite's count),
--      and create the indexes and triggers again (migration 0006's roll-up triggers on people
--      and teams);
--   5. at COMMIT every foreign key must hold again, or the whole migration is rolled back;
--      a CHECK on PRAGMA foreign_key_check makes the same test explicitly before that.
--
-- The columns are those of migrations 0001, 0002 and 0007, in the same order.

PRAGMA defer_foreign_keys = ON;

-- people (0001) --------------------------------------------------------------------------------
CREATE TEMP TABLE migration_0008_people AS SELECT * FROM people;
UPDATE people SET id = -id;
DROP TABLE people;
CREATE TABLE people (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    name                 TEXT NOT NULL,
    email                TEXT UNIQUE,
    role_level_id        INTEGER REFERENCES role_levels (id),
    target_role_level_id INTEGER REFERENCES role_levels (id),
    created_at           TEXT NOT NULL
);
INSERT INTO people (id, name, email, role_level_id, target_role_level_id, created_at)
    SELECT id, name, email, role_level_id, target_role_level_id, created_at FROM migration_0008_people ORDER BY id;
DROP TABLE migration_0008_people;
CREATE TRIGGER people_insert_rollup AFTER INSERT ON people BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_update_rollup AFTER UPDATE ON people BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_delete_rollup AFTER DELETE ON people BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;

-- teams (0001) ---------------------------------------------------------------------------------
CREATE TEMP TABLE migration_0008_teams AS SELECT * FROM teams;
UPDATE teams SET id = -id;
DROP TABLE teams;
CREATE TABLE teams (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    name                  TEXT NOT NULL UNIQUE,
    description           TEXT NOT NULL DEFAULT '',
    framework_version_id  INTEGER NOT NULL REFERENCES framework_versions (id),
    review_cadence_months INTEGER NOT NULL DEFAULT 6 CHECK (review_cadence_months BETWEEN 1 AND 36),
    created_at            TEXT NOT NULL
);
INSERT INTO teams (id, name, description, framework_version_id, review_cadence_months, created_at)
    SELECT id, name, description, framework_version_id, review_cadence_months, created_at FROM migration_0008_teams ORDER BY id;
DROP TABLE migration_0008_teams;
CREATE TRIGGER teams_insert_rollup AFTER INSERT ON teams BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER teams_update_rollup AFTER UPDATE ON teams BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER teams_delete_rollup AFTER DELETE ON teams BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;

-- users (0002, 0007) ---------------------------------------------------------------------------
CREATE TEMP TABLE migration_0008_users AS SELECT * FROM users;
UPDATE users SET id = -id;
DROP TABLE users;
CREATE TABLE users (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    email                TEXT NOT NULL UNIQUE,
    password_hash        TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'member', 'viewer')),
    person_id            INTEGER UNIQUE REFERENCES people (id) ON DELETE SET NULL,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_sign_ins      INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    sessions_valid_after TEXT,
    created_at           TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))
);
INSERT INTO users (id, email, password_hash, role, person_id, disabled, failed_sign_ins, locked_until, sessions_valid_after, created_at, must_change_password)
    SELECT id, email, password_hash, role, person_id, disabled, failed_sign_ins, locked_until, sessions_valid_after, created_at, must_change_password FROM migration_0008_users ORDER BY id;
DROP TABLE migration_0008_users;

-- api_tokens (0002, 0007) ----------------------------------------------------------------------
CREATE TEMP TABLE migration_0008_api_tokens AS SELECT * FROM api_tokens;
UPDATE api_tokens SET id = -id;
DROP TABLE api_tokens;
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT,
    expires_at   TEXT
);
INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, last_used_at, revoked_at, expires_at)
    SELECT id, user_id, token_hash, label, created_at, last_used_at, revoked_at, expires_at FROM migration_0008_api_tokens ORDER BY id;
DROP TABLE migration_0008_api_tokens;

-- Ids given out before and since deleted are not given out again either, where the database
-- still shows them: the audit log names users by id (actor_user_id) and people, users and teams
-- in its targets ("person:12 (3 skills)", "user:7 role:lead", "team:3").
INSERT INTO sqlite_sequence (name, seq)
    SELECT name, 0 FROM (SELECT 'people' AS name UNION ALL SELECT 'teams' UNION ALL SELECT 'users' UNION ALL SELECT 'api_tokens')
     WHERE name NOT IN (SELECT name FROM sqlite_sequence);
UPDATE sqlite_sequence SET seq = MAX(seq,
       COALESCE((SELECT MAX(CAST(substr(target, 8) AS INTEGER)) FROM audit_events WHERE target LIKE 'person:%'), 0))
 WHERE name = 'people';
UPDATE sqlite_sequence SET seq = MAX(seq,
       COALESCE((SELECT MAX(CAST(substr(target, 6) AS INTEGER)) FROM audit_events WHERE target LIKE 'team:%'), 0))
 WHERE name = 'teams';
UPDATE sqlite_sequence SET seq = MAX(seq,
       COALESCE((SELECT MAX(actor_user_id) FROM audit_events), 0),
       COALESCE((SELECT MAX(CAST(substr(target, 6) AS INTEGER)) FROM audit_events WHERE target LIKE 'user:%'), 0))
 WHERE name = 'users';

-- The foreign keys must still hold: a CHECK that fails (and so aborts the migration) when
-- foreign_key_check reports anything.
CREATE TEMP TABLE migration_0008_foreign_key_check (problems INTEGER NOT NULL CHECK (problems = 0));
INSERT INTO migration_0008_foreign_key_check (problems) SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE migration_0008_foreign_key_check;
