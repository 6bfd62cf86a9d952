-- Framework imports: successful DDaT and SFIA imports, dry-run checks made from the import page,
-- and role-profile previews (saved or not yet), each with its validation report.
-- A rejected file writes nothing, here or anywhere else: the error goes back to the user.

CREATE TABLE imports (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('ddat', 'sfia', 'role-profile')),
    -- checked: a dry run (nothing else stored); imported: a new version was stored;
    -- preview: a role profile waiting for the user to confirm it; saved: merged into its version.
    status              TEXT NOT NULL CHECK (status IN ('checked', 'imported', 'preview', 'saved')),
    created_at          TEXT NOT NULL,
    -- Who imported; NULL for the command line (or a user deleted since).
    user_id             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- JSON array of the file names as uploaded ("[]" for pasted text).
    file_names          TEXT NOT NULL DEFAULT '[]',
    -- The version's name (imported), or the name it would have had (checked).
    version_name        TEXT,
    -- The version created (ddat, sfia) or the target version (role-profile).
    version_id          INTEGER REFERENCES framework_versions (id) ON DELETE SET NULL,
    -- The newest earlier version of the same family: what the diff compares with.
    previous_version_id INTEGER REFERENCES framework_versions (id) ON DELETE SET NULL,
    -- Role profiles: the role level created or replaced when the preview was saved.
    role_level_id       INTEGER REFERENCES role_levels (id) ON DELETE SET NULL,
    -- Role-profile previews only: the text as decoded, read again when the user confirms.
    source_text         TEXT,
    -- The validation report, the diff, the parsed profile and the merge summary, as JSON.
    report_json         TEXT NOT NULL,
    saved_at            TEXT
);
CREATE INDEX imports_created_at ON imports (created_at);
