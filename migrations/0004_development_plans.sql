-- Training-needs analysis and development plans: the importance weight a lead sets per skill for
-- a team, each person's development plan actions, and the history of every action's status.
-- Forward only. Dates are ISO 8601 text (YYYY-MM-DD); `*_at` columns are RFC 3339 UTC.

-- The lead's importance weight of a skill in their team's training-needs analysis. A skill with
-- no row uses the default: how many of the team's role levels require it.
CREATE TABLE skill_weights (
    team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    skill_id   INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    weight     REAL NOT NULL CHECK (weight >= 0 AND weight <= 100),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (team_id, skill_id)
);

-- An action a person has accepted into their development plan, usually to close one training
-- need (a skill, up to a level). Lifecycle: planned -> in-progress -> done; planned or
-- in-progress -> dropped; dropped -> planned when it is picked up again.
CREATE TABLE plan_actions (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    skill_id           INTEGER REFERENCES skills (id) ON DELETE SET NULL,
    -- The level the action works towards, when it serves a need.
    target_level       INTEGER CHECK (target_level BETWEEN 1 AND 7),
    text               TEXT NOT NULL,
    -- Who makes sure it happens: the person, their lead, a mentor.
    owner_person_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    due_on             TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'planned'
                       CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    created_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX plan_actions_person ON plan_actions (person_id, status, due_on);
CREATE INDEX plan_actions_owner ON plan_actions (owner_person_id);

-- Every status an action has had, oldest first. `from_status` is NULL when it was added.
CREATE TABLE plan_action_events (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    at          TEXT NOT NULL,
    by_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX plan_action_events_action ON plan_action_events (action_id, id);
