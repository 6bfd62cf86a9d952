-- Skillmix core schema: versioned capability frameworks, people and teams, assessment history.
-- Forward only: never edit a migration once it has landed; add a new one.
-- Kept portable (runs on PostgreSQL with the usual type changes): plain types, no SQLite tricks.

-- A framework is imported as a named version of a family ("ddat", "sfia"); versions coexist.
CREATE TABLE framework_versions (
    id          INTEGER PRIMARY KEY,
    family      TEXT NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- A skill belongs to one version. `code` is stable across versions of a family, so assessments
-- made against an old version's skill still count for the same skill in a newer version.
CREATE TABLE skills (
    id             INTEGER PRIMARY KEY,
    version_id     INTEGER NOT NULL REFERENCES framework_versions (id) ON DELETE CASCADE,
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('ddat', 'technical', 'behavioural', 'other', 'sfia')),
    scale          TEXT NOT NULL CHECK (scale IN ('ddat', 'depth', 'sfia', 'behavioural')),
    description    TEXT NOT NULL DEFAULT '',
    category       TEXT,
    subcategory    TEXT,
    -- Comma-separated levels at which the skill is defined (SFIA); empty means every level.
    defined_levels TEXT NOT NULL DEFAULT '',
    UNIQUE (version_id, code)
);
CREATE INDEX skills_code ON skills (code);

CREATE TABLE level_descriptors (
    skill_id    INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 7),
    description TEXT NOT NULL,
    PRIMARY KEY (skill_id, level)
);

CREATE TABLE role_families (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES framework_versions (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    UNIQUE (version_id, name)
);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES role_families (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (family_id, name)
);

CREATE TABLE role_levels (
    id          INTEGER PRIMARY KEY,
    role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    -- Order within the role, most junior first (career paths).
    rank        INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    role_type   TEXT,
    UNIQUE (role_id, name)
);

-- The level a role level requires of a skill. NULL level: expected without a stated level
-- (behavioural skills in role profiles).
CREATE TABLE requirements (
    role_level_id INTEGER NOT NULL REFERENCES role_levels (id) ON DELETE CASCADE,
    skill_id      INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level         INTEGER CHECK (level BETWEEN 1 AND 7),
    description   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (role_level_id, skill_id)
);
CREATE INDEX requirements_skill ON requirements (skill_id);

-- Training activities, professional development activities and qualifications of a role level.
CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    role_level_id INTEGER NOT NULL REFERENCES role_levels (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('training', 'pda', 'qualification')),
    title         TEXT NOT NULL,
    details       TEXT NOT NULL DEFAULT '',
    awarding_body TEXT
);
CREATE INDEX activities_role_level ON activities (role_level_id);

CREATE TABLE people (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL,
    email                TEXT UNIQUE,
    role_level_id        INTEGER REFERENCES role_levels (id),
    target_role_level_id INTEGER REFERENCES role_levels (id),
    created_at           TEXT NOT NULL
);

CREATE TABLE teams (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL UNIQUE,
    description           TEXT NOT NULL DEFAULT '',
    framework_version_id  INTEGER NOT NULL REFERENCES framework_versions (id),
    review_cadence_months INTEGER NOT NULL DEFAULT 6 CHECK (review_cadence_months BETWEEN 1 AND 36),
    created_at            TEXT NOT NULL
);

-- A person may be in several teams; a team has one or more leads.
CREATE TABLE team_memberships (
    team_id   INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    is_lead   INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
    PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_memberships_person ON team_memberships (person_id);

-- History is kept: a new assessment never overwrites an old one; "current" is derived.
CREATE TABLE assessments (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skills (id),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 7),
    source      TEXT NOT NULL CHECK (source IN ('self', 'lead', 'peer')),
    assessed_on TEXT NOT NULL,
    assessor_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    evidence    TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX assessments_person_skill ON assessments (person_id, skill_id, assessed_on);
CREATE INDEX assessments_skill ON assessments (skill_id);
