/**
 * The team page's "Add someone already recorded": a name search (a GET form, so it works with
 * JavaScript off) that lists only the people the caller may add. A team lead finds people in
 * no team and never a member of another team; an administrator finds anyone not in the team.
 * Both projects run every test (JavaScript on and off); axe runs in the `js` project.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  signInAs,
  open,
  openTeam,
  membersTable,
  uniqueName,
  waitForHydration,
  expectNoAxeViolations,
  USERS,
  TEAMS,
} from './helpers';

/** A member of Infrastructure operations who is in no other team and leads nothing. */
async function memberOfInfrastructureOnly(page: Page): Promise<string> {
  await signInAs(page, USERS.admin);
  await openTeam(page, TEAMS.infrastructure);
  const rows = membersTable(page).getByRole('row');
  const count = await rows.count();
  for (let i = 1; i < count; i++) {
    const row = rows.nth(i);
    const name = (await row.getByRole('rowheader').innerText()).trim();
    const lead = (await row.getByRole('cell').nth(2).innerText()).trim();
    if (lead === '' && name !== 'Callum MacLeod') return name;
  }
  throw new Error('Infrastructure operations has no member outside Platform engineering');
}

async function search(page: Page, text: string): Promise<void> {
  const form = page.getByRole('search');
  await form.getByLabel('Name or email').fill(text);
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]find=/);
  await expect(page.getByLabel('Name or email')).toHaveValue(text);
  await waitForHydration(page);
}

const results = (page: Page) => page.getByRole('table', { name: 'People you can add' });

test.describe('adding someone already recorded to a team', () => {
  test('a team lead finds and adds a person in no team, and never finds a member of another team', async ({ page }) => {
    const outsider = await memberOfInfrastructureOnly(page);

    // A person in no team, recorded by the administrator (as a new starter is).
    const name = uniqueName('Teamless');
    await open(page, '/people/new');
    await page.getByLabel('Full name').fill(name);
    await page.getByRole('button', { name: 'Save person' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    await page.context().clearCookies();
    await signInAs(page, USERS.lead);

    await openTeam(page, TEAMS.platform);
    await expect(page.getByText('You can add people who are not in any team yet.')).toBeVisible();

    await search(page, outsider);
    await expect(page.getByText(`Nobody you can add matches \u201c${outsider}\u201d.`)).toBeVisible();
    await expect(results(page)).toHaveCount(0);

    await search(page, name);
    await expect(page.getByText('1 person matches.')).toBeVisible();
    await expect(results(page).getByRole('rowheader', { name, exact: true })).toBeVisible();
    await results(page).getByRole('button', { name: `Add ${name} to the team` }).click();

    await expect(membersTable(page).getByRole('link', { name, exact: true })).toBeVisible();
    // Once in the team, they are no longer offered.
    await expect(results(page).getByRole('rowheader', { name, exact: true })).toHaveCount(0);
  });

  test('an administrator finds a member of another team', async ({ page }) => {
    const outsider = await memberOfInfrastructureOnly(page);
    await openTeam(page, TEAMS.platform);
    await expect(page.getByText('You can add anyone who is not in this team yet')).toBeVisible();
    await search(page, outsider);
    await expect(results(page).getByRole('rowheader', { name: outsider, exact: true })).toBeVisible();
    await expect(results(page).getByRole('button', { name: `Add ${outsider} to the team` })).toBeVisible();
  });

  test('the team page with search results has no axe violations', async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'axe-core needs JavaScript in the page');
    await signInAs(page, USERS.admin);
    await openTeam(page, TEAMS.platform);
    await search(page, 'a');
    await expect(results(page)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
