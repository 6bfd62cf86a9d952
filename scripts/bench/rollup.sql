-- The organisation roll-up's team × skill grid in plain SQL, for scripts/bench/rollup.sh: the
-- same figures as `analysis::rollup` with its default options (latest assessment of any source,
-- no trend), on the framework version most teams use.
--
-- For each team on the version and each skill, over the team's members whose role level
-- requires a level of the skill: how many there are (requiring), how many are at or above the
-- required level (meeting), below it (below), never assessed (unassessed), and at the scale's
-- strong level or above (strong: 4 on the SFIA scale, 3 on the others). A member's current level
-- is their latest assessment (by date, then id) of any skill of the same code.
.mode csv
.headers off
WITH
version AS (
  SELECT framework_version_id AS id FROM teams GROUP BY framework_version_id ORDER BY COUNT(*) DESC LIMIT 1
),
vskills AS (
  SELECT id, code, scale FROM skills WHERE version_id = (SELECT id FROM version)
),
members AS (
  SELECT DISTINCT m.team_id, m.person_id
  FROM team_memberships m JOIN teams t ON t.id = m.team_id
  WHERE t.framework_version_id = (SELECT id FROM version)
),
scope AS (
  SELECT p.id, p.role_level_id FROM people p WHERE p.id IN (SELECT person_id FROM members)
),
required AS (
  SELECT s.id AS person_id, r.skill_id, r.level
  FROM scope s JOIN requirements r ON r.role_level_id = s.role_level_id
  WHERE r.level IS NOT NULL AND r.skill_id IN (SELECT id FROM vskills)
),
ranked AS (
  SELECT a.person_id, target.id AS skill_id, a.level,
         ROW_NUMBER() OVER (PARTITION BY a.person_id, target.id ORDER BY a.assessed_on DESC, a.id DESC) AS n
  FROM assessments a
  JOIN skills made ON made.id = a.skill_id
  JOIN vskills target ON target.code = made.code
  WHERE a.person_id IN (SELECT id FROM scope)
),
current AS (
  SELECT person_id, skill_id, level FROM ranked WHERE n = 1
)
SELECT m.team_id, q.skill_id,
       COUNT(*),
       SUM(c.level IS NOT NULL AND c.level >= q.level),
       SUM(c.level IS NOT NULL AND c.level < q.level),
       SUM(c.level IS NULL),
       SUM(c.level IS NOT NULL AND c.level >= CASE k.scale WHEN 'sfia' THEN 4 ELSE 3 END)
FROM required q
JOIN members m ON m.person_id = q.person_id
JOIN vskills k ON k.id = q.skill_id
LEFT JOIN current c ON c.person_id = q.person_id AND c.skill_id = q.skill_id
GROUP BY m.team_id, q.skill_id
ORDER BY m.team_id, q.skill_id;
