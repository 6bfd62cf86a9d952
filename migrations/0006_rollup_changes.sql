-- A counter of changes to what the organisation roll-up reads, other than new assessments
-- (those show in the largest assessment id). store::org::fingerprint reads it, so the /org
-- page's cached index is rebuilt after a team is renamed or moved to another version, someone
-- joins or leaves a team or changes role level, a role profile changes a version's
-- requirements in place, or a person's assessments are erased. Sign-ins, sessions, plans,
-- workshops and the audit log do not touch it, so they do not cost a rebuild.
CREATE TABLE rollup_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO rollup_changes (id, n) VALUES (1, 0);
CREATE TRIGGER framework_versions_insert_rollup AFTER INSERT ON framework_versions BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER framework_versions_update_rollup AFTER UPDATE ON framework_versions BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER framework_versions_delete_rollup AFTER DELETE ON framework_versions BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER skills_insert_rollup AFTER INSERT ON skills BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER skills_update_rollup AFTER UPDATE ON skills BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER skills_delete_rollup AFTER DELETE ON skills BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_families_insert_rollup AFTER INSERT ON role_families BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_families_update_rollup AFTER UPDATE ON role_families BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_families_delete_rollup AFTER DELETE ON role_families BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER roles_insert_rollup AFTER INSERT ON roles BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER roles_update_rollup AFTER UPDATE ON roles BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER roles_delete_rollup AFTER DELETE ON roles BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_levels_insert_rollup AFTER INSERT ON role_levels BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_levels_update_rollup AFTER UPDATE ON role_levels BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_levels_delete_rollup AFTER DELETE ON role_levels BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER requirements_insert_rollup AFTER INSERT ON requirements BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER requirements_update_rollup AFTER UPDATE ON requirements BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER requirements_delete_rollup AFTER DELETE ON requirements BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_insert_rollup AFTER INSERT ON people BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_update_rollup AFTER UPDATE ON people BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_delete_rollup AFTER DELETE ON people BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER teams_insert_rollup AFTER INSERT ON teams BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER teams_update_rollup AFTER UPDATE ON teams BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER teams_delete_rollup AFTER DELETE ON teams BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER team_memberships_insert_rollup AFTER INSERT ON team_memberships BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER team_memberships_update_rollup AFTER UPDATE ON team_memberships BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER team_memberships_delete_rollup AFTER DELETE ON team_memberships BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER assessments_update_rollup AFTER UPDATE ON assessments BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER assessments_delete_rollup AFTER DELETE ON assessments BEGIN UPDATE rollup_changes SET n = n + 1 WHERE id = 1; END;
