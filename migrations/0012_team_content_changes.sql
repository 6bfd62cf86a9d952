-- Assessments move a counter per team as well, so the page cache (server/src/page_cache.rs)
-- keeps one team's pages while another team's people are being assessed.
--
-- An assessment still moves `content_changes.n` (0011); it also moves `team_scoped` there and
-- the counter of every team its person belongs to. `n - team_scoped` therefore moves only with
-- changes that are not an assessment: a team page rendered at (n - team_scoped, its team's
-- counter) is current while both are unchanged. Pages that read across teams (the organisation,
-- training needs with holders from anywhere, a person) go by `n` alone, as before.
ALTER TABLE content_changes ADD COLUMN team_scoped INTEGER NOT NULL DEFAULT 0;

CREATE TABLE team_content_changes (
    team_id INTEGER PRIMARY KEY,
    n       INTEGER NOT NULL
);

CREATE TRIGGER assessments_insert_team_content AFTER INSERT ON assessments BEGIN
    UPDATE content_changes SET team_scoped = team_scoped + 1 WHERE id = 1;
    INSERT INTO team_content_changes (team_id, n)
        SELECT team_id, 1 FROM team_memberships WHERE person_id = NEW.person_id
        ON CONFLICT (team_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER assessments_update_team_content AFTER UPDATE ON assessments BEGIN
    UPDATE content_changes SET team_scoped = team_scoped + 1 WHERE id = 1;
    INSERT INTO team_content_changes (team_id, n)
        SELECT DISTINCT team_id, 1 FROM team_memberships WHERE person_id IN (OLD.person_id, NEW.person_id)
        ON CONFLICT (team_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER assessments_delete_team_content AFTER DELETE ON assessments BEGIN
    UPDATE content_changes SET team_scoped = team_scoped + 1 WHERE id = 1;
    INSERT INTO team_content_changes (team_id, n)
        SELECT team_id, 1 FROM team_memberships WHERE person_id = OLD.person_id
        ON CONFLICT (team_id) DO UPDATE SET n = n + 1;
END;
