import { test, expect, signInAs, addPersonToTeam, membersTable, open, uniqueName, ROLE_LEVEL, USERS, TEAMS } from './helpers';

test.describe('adding a person to a team', () => {
  const cases = [
    { who: 'the administrator', email: USERS.admin, team: TEAMS.infrastructure },
    { who: 'the team lead', email: USERS.lead, team: TEAMS.platform },
  ];
  for (const { who, email, team } of cases) {
    test(`${who} adds a new person to ${team} and the team page lists them`, async ({ page }) => {
      await signInAs(page, email);
      const name = uniqueName('Added person');
      await addPersonToTeam(page, team, name);
      const row = membersTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      await expect(row.getByRole('cell', { name: ROLE_LEVEL.split(' – ')[1], exact: true })).toBeVisible();

      // Saved, not just shown: a fresh load of the team page still lists them.
      await open(page, page.url());
      await expect(membersTable(page).getByRole('link', { name, exact: true })).toBeVisible();
    });
  }
});
