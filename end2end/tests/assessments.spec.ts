import {
  test,
  expect,
  signInAs,
  addPersonToTeam,
  openPersonFromTeam,
  personSkillRow,
  historyCount,
  levelSelect,
  waitForHydration,
  uniqueName,
  USERS,
  TEAMS,
} from './helpers';

const SKILL = 'Information security';

test('recording an assessment shows the level on the person page', async ({ page }) => {
  await signInAs(page, USERS.admin);
  const name = uniqueName('Assessed person');
  await addPersonToTeam(page, TEAMS.platform, name);
  await openPersonFromTeam(page, name);
  expect(await historyCount(page, SKILL)).toBe(0);

  await page.getByRole('link', { name: 'Record an assessment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Record an assessment of ${name}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Lead assessment').check();
  await levelSelect(page, SKILL).selectOption({ label: '3 Practitioner' });
  await page.getByLabel('Evidence (optional)').fill('Ran the quarterly threat-modelling session.');
  await page.getByRole('button', { name: 'Save assessment' }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await waitForHydration(page);
  const row = personSkillRow(page, SKILL);
  // Columns: Skill | Required | Lead | Self | Peer | Last assessed | History.
  const cells = row.getByRole('cell');
  await expect(cells.nth(1)).toHaveText('3 Practitioner');
  await expect(cells.nth(2)).toHaveText('Not assessed');
  expect(await historyCount(page, SKILL)).toBe(1);

  // The history disclosure lists the assessment with its source and evidence.
  await row.getByText('1 assessment(s)').click();
  const item = row.getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(/\d{4}-\d{2}-\d{2}: 3 Practitioner \(Lead\)/);
  await expect(item).toContainText('Ran the quarterly threat-modelling session.');
});
