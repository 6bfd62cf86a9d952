-- Each person counts in one team in the organisation's figures for senior staff (issue 12,
-- disclosure control): with people counted in every team they belong to, the team rows summed
-- minus the organisation's total isolated the people in two teams. A lead or an administrator
-- chooses the team a person in several teams counts under; NULL (or a team they have left)
-- means their first team by id. The people update trigger of 0006 already moves the roll-up's
-- fingerprint when it changes.
ALTER TABLE people ADD COLUMN primary_team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL;
