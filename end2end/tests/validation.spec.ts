/**
 * Bad input gets the error summary ("There is a problem", announced as an alert) and saves
 * nothing. The assessment form's selects offer only valid levels and skills, so the tests for a
 * level off the skill's scale and for an unknown skill change the real form in the page before
 * submitting it (Playwright's evaluate works with JavaScript off too: it runs in its own world),
 * as a hand-made or replayed request would.
 */
import {
  test,
  expect,
  signInAs,
  open,
  openTeam,
  addPersonToTeam,
  openPersonFromTeam,
  historyCount,
  levelSelect,
  expectErrorSummary,
  membersTable,
  teamsTable,
  waitForHydration,
  uniqueName,
  ROLE_LEVEL,
  USERS,
  TEAMS,
} from './helpers';
import type { Page } from '@playwright/test';

test.describe('bad input shows the error summary and saves nothing', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, USERS.admin);
  });

  test('a new person with an empty name', async ({ page }) => {
    await openTeam(page, TEAMS.infrastructure);
    const before = await membersTable(page).getByRole('row').count();

    await page.getByRole('link', { name: 'Add a new person to this team' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Add a person to ${TEAMS.infrastructure}` })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Full name').fill('   ');
    await page.getByLabel('Role level', { exact: true }).selectOption({ label: ROLE_LEVEL });
    await page.getByRole('button', { name: 'Save person' }).click();

    await expectErrorSummary(page, /name/i);
    await expect(page.getByRole('heading', { level: 1, name: `Add a person to ${TEAMS.infrastructure}` })).toBeVisible();
    // The summary links to the field in error.
    await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#name');

    await openTeam(page, TEAMS.infrastructure);
    await expect(membersTable(page).getByRole('row')).toHaveCount(before);
  });

  test('a new team with an empty name', async ({ page }) => {
    await open(page, '/');
    const before = await teamsTable(page).getByRole('row').count();

    await page.getByRole('link', { name: 'Create a team' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create a team' })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Team name').fill('');
    await page.getByLabel('What the team does (optional)').fill(uniqueName('A team with no name'));
    await page.getByRole('button', { name: 'Create team' }).click();

    await expectErrorSummary(page, 'Enter the team name');
    await expect(page.getByRole('heading', { level: 1, name: 'Create a team' })).toBeVisible();

    await open(page, '/');
    await expect(teamsTable(page).getByRole('row')).toHaveCount(before);
  });

  test('the form keeps what was typed when it shows the error summary', async ({ page }) => {
    // The GOV.UK error pattern: the page comes back with the error and the user's answers, so
    // only the field in error needs fixing. With JavaScript the page never leaves; without it the
    // server redirects back to the form, which must show the answers again.
    await open(page, '/teams/new');
    await page.getByLabel('Team name').fill('');
    await page.getByLabel('What the team does (optional)').fill('Runs the shared build agents.');
    await page.getByLabel('Review cadence in months').fill('9');
    await page.getByRole('button', { name: 'Create team' }).click();

    await expectErrorSummary(page, 'Enter the team name');
    await expect(page.getByLabel('What the team does (optional)')).toHaveValue('Runs the shared build agents.');
    await expect(page.getByLabel('Review cadence in months')).toHaveValue('9');
  });

  test.describe('an assessment', () => {
    const SKILL = 'Information security';
    const OTHER = 'Systems design';
    let personUrl = '';

    test.beforeEach(async ({ page }) => {
      // A person of their own, so the history counts depend on this test alone.
      const name = uniqueName('Badly assessed');
      await addPersonToTeam(page, TEAMS.platform, name);
      await openPersonFromTeam(page, name);
      personUrl = page.url();
      // One good assessment first, so "nothing saved" is a count that stays at 1.
      await recordLevel(page, OTHER, '2 Working');
      expect(await historyCount(page, OTHER)).toBe(1);
      expect(await historyCount(page, SKILL)).toBe(0);
      await page.getByRole('link', { name: 'Record an assessment' }).click();
      await expect(page.getByRole('heading', { level: 1, name: /^Record an assessment of / })).toBeVisible();
      await waitForHydration(page);
    });

    test('with a level outside the skill\'s scale', async ({ page }) => {
      // A valid level for one skill, and level 9 for a skill on the 1-4 scale: all or nothing.
      await levelSelect(page, OTHER).selectOption({ label: '3 Practitioner' });
      const select = levelSelect(page, SKILL);
      await select.evaluate((el: HTMLSelectElement) => {
        el.add(new Option('9 (not on the scale)', '9'));
        el.value = '9';
      });
      await expect(select).toHaveValue('9');
      await page.getByRole('button', { name: 'Save assessment' }).click();

      await expectErrorSummary(page, `${SKILL}: level 9 is not on its scale (DDaT skill level: 1, 2, 3, 4)`);
      await expect(page.getByRole('heading', { level: 1, name: /^Record an assessment of / })).toBeVisible();
      await expectNothingSaved(page, personUrl, { [SKILL]: 0, [OTHER]: 1 });
    });

    test('with a skill that is not in the framework', async ({ page }) => {
      await levelSelect(page, OTHER).selectOption({ label: '3 Practitioner' });
      const select = levelSelect(page, SKILL);
      await select.selectOption({ label: '2 Working' });
      // The same field for a skill id that does not exist.
      await select.evaluate((el: HTMLSelectElement) => {
        el.name = 'levels[999999]';
      });
      await page.getByRole('button', { name: 'Save assessment' }).click();

      await expectErrorSummary(page, 'Skill 999999 is not in the framework');
      await expect(page.getByRole('heading', { level: 1, name: /^Record an assessment of / })).toBeVisible();
      await expectNothingSaved(page, personUrl, { [SKILL]: 0, [OTHER]: 1 });
    });
  });
});

/** Records one level as a lead assessment through the form, ending on the person page. */
async function recordLevel(page: Page, skill: string, level: string): Promise<void> {
  await page.getByRole('link', { name: 'Record an assessment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Record an assessment of / })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Lead assessment').check();
  await levelSelect(page, skill).selectOption({ label: level });
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await waitForHydration(page);
}

/** Opens the person page afresh and checks each skill's history count. */
async function expectNothingSaved(page: Page, personUrl: string, counts: Record<string, number>): Promise<void> {
  await open(page, personUrl);
  for (const [skill, count] of Object.entries(counts)) {
    expect(await historyCount(page, skill), `assessments of ${skill}`).toBe(count);
  }
}
