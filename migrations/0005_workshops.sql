-- Workshop planner: multi-event programmes that target skills, events with timed agendas, the
-- method library, invitations, attendance, follow-up (actions, outcomes, re-assessment date),
-- and the facilitation timer with the actual timings it records.
-- Forward only. Dates are ISO 8601 text (YYYY-MM-DD), wall-clock times HH:MM in the programme's
-- zone, `*_at` columns RFC 3339 UTC.

-- The method library. Built-in methods (built_in = 1) are added by the application from its own
-- list the first time the library is read, matched on name, and are never deleted, so their ids
-- stay stable; leads add their own beside them.
CREATE TABLE workshop_methods (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    default_minutes    INTEGER NOT NULL CHECK (default_minutes BETWEEN 0 AND 1440),
    description        TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL,
    built_in           INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
    created_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL
);

CREATE TABLE workshop_programmes (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL,
    problem_statement  TEXT NOT NULL DEFAULT '',
    -- One per line.
    objectives         TEXT NOT NULL DEFAULT '',
    approach           TEXT NOT NULL DEFAULT '',
    -- One per line.
    tools              TEXT NOT NULL DEFAULT '',
    time_zone          TEXT NOT NULL DEFAULT 'Europe/London',
    -- The date attendees are due for re-assessment of the targeted skills.
    follow_up_on       TEXT,
    created_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- The teams a programme involves: leads of these teams manage it.
CREATE TABLE workshop_programme_teams (
    programme_id INTEGER NOT NULL REFERENCES workshop_programmes (id) ON DELETE CASCADE,
    team_id      INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, team_id)
);
CREATE INDEX workshop_programme_teams_team ON workshop_programme_teams (team_id);

-- The skills a programme targets, in the order the lead chose them.
CREATE TABLE workshop_programme_skills (
    programme_id INTEGER NOT NULL REFERENCES workshop_programmes (id) ON DELETE CASCADE,
    skill_id     INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    PRIMARY KEY (programme_id, skill_id)
);

CREATE TABLE workshop_events (
    id               INTEGER PRIMARY KEY,
    programme_id     INTEGER NOT NULL REFERENCES workshop_programmes (id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    starts_on        TEXT NOT NULL,
    start_time       TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    place            TEXT,
    online_link      TEXT,
    capacity         INTEGER CHECK (capacity IS NULL OR capacity >= 1),
    -- The facilitation timer (JSON, server timestamps in Unix milliseconds); NULL: never started.
    timer_state      TEXT,
    timer_updated_at TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX workshop_events_programme ON workshop_events (programme_id, starts_on);

CREATE TABLE workshop_agenda_items (
    id                  INTEGER PRIMARY KEY,
    event_id            INTEGER NOT NULL REFERENCES workshop_events (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    method_id           INTEGER REFERENCES workshop_methods (id) ON DELETE SET NULL,
    minutes             INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
    facilitator_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
    materials           TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    is_break            INTEGER NOT NULL DEFAULT 0 CHECK (is_break IN (0, 1)),
    -- What the item took when it last ran (facilitation timer), to plan the next run better.
    last_actual_minutes INTEGER,
    last_run_on         TEXT
);
CREATE INDEX workshop_agenda_items_event ON workshop_agenda_items (event_id, position);

-- Who is invited, as a participant or as a facilitator or mentor.
CREATE TABLE workshop_invitations (
    programme_id INTEGER NOT NULL REFERENCES workshop_programmes (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('participant', 'facilitator')),
    status       TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined', 'waiting')),
    invited_at   TEXT NOT NULL,
    PRIMARY KEY (programme_id, person_id, role)
);

-- Who came to each event. A row per person the lead recorded, attended or not.
CREATE TABLE workshop_attendance (
    event_id    INTEGER NOT NULL REFERENCES workshop_events (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    attended    INTEGER NOT NULL CHECK (attended IN (0, 1)),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (event_id, person_id)
);

-- Actions agreed at or after an event, each with one owner and a due date.
CREATE TABLE workshop_actions (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES workshop_programmes (id) ON DELETE CASCADE,
    event_id     INTEGER REFERENCES workshop_events (id) ON DELETE SET NULL,
    text         TEXT NOT NULL,
    owner_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    due_on       TEXT,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    created_at   TEXT NOT NULL
);
CREATE INDEX workshop_actions_programme ON workshop_actions (programme_id);

-- What came out of an event or the programme, in the lead's words.
CREATE TABLE workshop_outcomes (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES workshop_programmes (id) ON DELETE CASCADE,
    event_id     INTEGER REFERENCES workshop_events (id) ON DELETE SET NULL,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX workshop_outcomes_programme ON workshop_outcomes (programme_id);
