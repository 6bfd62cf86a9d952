/**
 * The slides for senior staff (`/org/present`): one slide at a time, with the Previous and
 * Next links (which work without JavaScript) and, once hydrated, the keyboard (arrow keys,
 * Page Up/Down as presentation clickers send, Space, Home and End). Runs with JavaScript on
 * and off; axe-core on every slide with it on, hydrated and as the server renders it.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  signInAs,
  open,
  openServerRendered,
  expectNoAxeViolations,
  jsEnabled,
  waitForHydration,
  USERS,
  TEAMS,
} from './helpers';

const SLIDES = ['Capability at a glance', 'Teams against their required levels', 'Risks'] as const;

/** The slide navigation. */
function deckNav(page: Page) {
  return page.getByRole('navigation', { name: 'Slides' });
}

/**
 * Expects slide `n` (1-based) to be the one shown: its heading is the only visible level-1
 * heading, the address, the position and the window title say which, and the Previous and
 * Next links are offered only where there is a slide to go to.
 */
async function expectSlide(page: Page, n: number, address = true): Promise<void> {
  const title = SLIDES[n - 1];
  if (address) await expect(page).toHaveURL(new RegExp(`[?&]slide=${n}(&|$)`));
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  for (const other of SLIDES.filter((s) => s !== title)) {
    await expect(page.getByRole('heading', { level: 1, name: other, exact: true })).toBeHidden();
  }
  await expect(deckNav(page).getByText(`Slide ${n} of ${SLIDES.length}`, { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(`Slide ${n} of ${SLIDES.length}: ${title} – Skillmix`);
  await expect(deckNav(page).getByRole('link', { name: '← Previous' })).toHaveCount(n > 1 ? 1 : 0);
  await expect(deckNav(page).getByRole('link', { name: 'Next →' })).toHaveCount(n < SLIDES.length ? 1 : 0);
}

/** What each slide shows, checked while it is the one on screen. */
async function expectSlideContent(page: Page, n: number): Promise<void> {
  const slide = page.locator('section').filter({ has: page.getByRole('heading', { level: 1, name: SLIDES[n - 1] }) });
  if (n === 1) {
    for (const label of ['people in scope', 'of required levels met', 'skills required', 'skills with one holder or none']) {
      await expect(slide.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(slide.getByText(/^Groups smaller than \d+ people are hidden\./)).toBeVisible();
    // The share of required levels met is a percentage (or a dash when nothing is required).
    await expect(slide.getByText(/^(\d+%|–)$/)).toBeVisible();
  } else if (n === 2) {
    const table = slide.getByRole('table', { name: 'Teams by skill: share meeting the required level' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('rowheader', { name: TEAMS.platform })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: TEAMS.infrastructure })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: 'Organisation' })).toBeVisible();
  } else {
    await expect(slide.getByRole('heading', { level: 2, name: 'Risks' })).toBeVisible();
    for (const heading of ['Held by one person or nobody', 'Largest gaps', 'Stale evidence']) {
      await expect(slide.getByRole('heading', { level: 3, name: heading })).toBeVisible();
    }
    await expect(slide.getByText(/people have stale evidence, \d+ never assessed/).first()).toBeVisible();
  }
}

test.describe('the slides for senior staff', () => {
  test('show one slide at a time, and the Previous and Next links move through them', async ({ page }, testInfo) => {
    await signInAs(page, USERS.viewer);
    await open(page, '/org');
    await page.getByRole('link', { name: 'Present this picture' }).click();
    await expect(page).toHaveURL(/\/org\/present/);
    await waitForHydration(page);
    // The link from /org opens the first slide (the address may or may not name it).
    await expect(page.getByRole('heading', { level: 1, name: SLIDES[0], exact: true })).toBeVisible();
    await open(page, '/org/present?slide=1');
    await expectSlide(page, 1);
    await expectSlideContent(page, 1);

    for (const n of [2, 3]) {
      await deckNav(page).getByRole('link', { name: 'Next →' }).click();
      await expectSlide(page, n);
      await expectSlideContent(page, n);
    }
    for (const n of [2, 1]) {
      await deckNav(page).getByRole('link', { name: '← Previous' }).click();
      await expectSlide(page, n);
    }

    // An address out of range shows the nearest slide.
    await open(page, '/org/present?slide=9');
    await expectSlide(page, 3, false);
    await open(page, '/org/present?slide=0');
    await expectSlide(page, 1, false);

    await deckNav(page).getByRole('link', { name: 'Leave presentation' }).click();
    await expect(page).toHaveURL(/\/org(\?|$)/);
    await expect(page.getByRole('heading', { level: 1, name: 'Organisation capability' })).toBeVisible();

    if (jsEnabled(testInfo)) {
      for (const n of [1, 2, 3]) {
        await open(page, `/org/present?slide=${n}`);
        await expectSlide(page, n);
        await expectNoAxeViolations(page);
        await openServerRendered(page, `/org/present?slide=${n}`);
        await expect(page.getByRole('heading', { level: 1, name: SLIDES[n - 1], exact: true })).toBeVisible();
        await expectNoAxeViolations(page);
      }
    }
  });

  test('the keyboard moves between slides', async ({ page }, testInfo) => {
    await signInAs(page, USERS.viewer);
    // A role-family filter chosen on /org stays with the slides, whichever way they move.
    await open(page, '/org');
    const family = page.getByLabel('Role family');
    const familyId = await family.getByRole('option', { name: 'Software development' }).getAttribute('value');
    expect(familyId).toMatch(/^\d+$/);
    await open(page, `/org/present?family=${familyId}&slide=1`);
    await expectSlide(page, 1);
    const keepsFamily = new RegExp(`family=${familyId}`);

    if (jsEnabled(testInfo)) {
      // The deck's island: arrow keys, Page Up/Down (presentation clickers), Space, Home and End.
      const steps: [string, number][] = [
        ['ArrowRight', 2],
        ['PageDown', 3],
        ['ArrowRight', 3], // already on the last slide: stays
        ['Space', 3],
        ['ArrowLeft', 2],
        ['PageUp', 1],
        ['ArrowLeft', 1], // already on the first slide: stays
        ['End', 3],
        ['Home', 1],
        ['Space', 2],
      ];
      for (const [key, n] of steps) {
        await page.keyboard.press(key);
        await expectSlide(page, n);
        await expect(page).toHaveURL(keepsFamily);
        // Each slide is its own page: its keys work once its island has hydrated.
        await waitForHydration(page);
      }
      // The filtered picture: Platform engineering has software developers.
      const teams = page.getByRole('table', { name: 'Teams by skill: share meeting the required level' });
      await expect(teams.getByRole('rowheader', { name: TEAMS.platform })).toBeVisible();
    } else {
      // Without JavaScript the arrow keys do nothing, and the keyboard reaches the links:
      // focus "Next →" and press Enter.
      await page.keyboard.press('ArrowRight');
      await expectSlide(page, 1);
      const next = deckNav(page).getByRole('link', { name: 'Next →' });
      await next.focus();
      await expect(next).toBeFocused();
      await page.keyboard.press('Enter');
      await expectSlide(page, 2);
      await expect(page).toHaveURL(keepsFamily);
      const previous = deckNav(page).getByRole('link', { name: '← Previous' });
      await previous.focus();
      await page.keyboard.press('Enter');
      await expectSlide(page, 1);
      await expect(page).toHaveURL(keepsFamily);
    }

    await deckNav(page).getByRole('link', { name: 'Leave presentation' }).click();
    await expect(page).toHaveURL(new RegExp(`/org\\?family=${familyId}`));
    await expect(page.getByLabel('Role family')).toHaveValue(familyId!);
  });
});
