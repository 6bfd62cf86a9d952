/**
 * The organisation picture as a senior viewer sees it (issue 12, disclosure control): `/org`
 * with a role-family filter and a comparison with a round end, hidden cells that say they are
 * hidden and why, and the slides. Runs with JavaScript on and off; axe-core with it on.
 */
import { test, expect, signInAs, open, expectNoAxeViolations, jsEnabled, USERS } from './helpers';

const HIDDEN = /hidden, because the group has fewer than 5 people or showing it would let a smaller group be worked out/;

test.describe('organisation capability for senior staff', () => {
  test('filters by role family, compares with a round end, and explains hidden cells', async ({ page }, testInfo) => {
    await signInAs(page, USERS.viewer);
    await open(page, '/org');
    await expect(page.getByRole('heading', { level: 1, name: 'Organisation capability' })).toBeVisible();
    const teams = page.getByRole('region', { name: 'Teams by skill: share meeting the required level' });
    await expect(teams.getByRole('rowheader', { name: 'Platform engineering' })).toBeVisible();
    await expect(teams.getByRole('rowheader', { name: 'Organisation' })).toBeVisible();
    // A hidden cell says so, and why, in words (the "[c]" marker is not the only signal).
    await expect(teams.getByText(HIDDEN).first()).toBeAttached();
    await expect(page.getByText('Hidden: the group has fewer than 5 people, or showing it would let a hidden group be worked out')).toBeVisible();
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);

    // The comparison offers round ends only, with the previous round as the default.
    const compare = page.getByLabel('Compare with');
    // "No comparison" and at least the two demo rounds; other specs' assessments can close more.
    await expect.poll(() => compare.getByRole('option').count()).toBeGreaterThanOrEqual(3);
    const roundEnd = await compare.getByRole('option').nth(1).getAttribute('value');
    expect(roundEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel('Role family').selectOption({ label: 'Software development' });
    await compare.selectOption(roundEnd!);
    await page.getByRole('button', { name: 'Update' }).click();

    await expect(page).toHaveURL(new RegExp(`family=\\d+.*compare=${roundEnd}`));
    await expect(page.getByText(`Trends compare with ${roundEnd}.`)).toBeVisible();
    await expect(page.getByLabel('Role family')).toHaveValue(/\d+/);
    await expect(page.getByLabel('Compare with')).toHaveValue(roundEnd!);
    const filtered = page.getByRole('region', { name: 'Role families by skill: share meeting the required level' });
    await expect(filtered.getByRole('rowheader', { name: 'Software development' })).toBeVisible();
    await expect(filtered.getByRole('rowheader', { name: 'IT operations' })).toHaveCount(0);
    // Every cell either shows its figures with the trend since the round end, or is hidden
    // with the reason.
    const cells = page.getByRole('region', { name: 'Teams by skill: share meeting the required level' }).getByRole('cell');
    const texts = await cells.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).toMatch(/points since the previous round|hidden, because|nobody's role requires it/);
    }
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);

    // The slides carry the same suppression and move on with a link.
    await page.getByRole('link', { name: 'Present this picture' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Capability at a glance' })).toBeVisible();
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Teams against their required levels' })).toBeVisible();
    await expect(page).toHaveURL(/slide=2/);
    const slideCells = page.getByRole('region', { name: 'Teams by skill: share meeting the required level' });
    expect(await slideCells.getByRole('cell').allTextContents()).toEqual(texts);
  });

  test('a comparison date that is not a round end is refused with a clear message', async ({ page }) => {
    await signInAs(page, USERS.viewer);
    await page.goto('/org?compare=2020-01-02');
    await expect(page.getByText(/Choose the end of an assessment round to compare with/)).toBeVisible();
  });
});
