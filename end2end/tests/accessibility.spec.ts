/**
 * axe-core on the main pages: no WCAG 2.2 A/AA violations (nor best-practice ones).
 *
 * JavaScript project only: axe cannot run with JavaScript off (it hangs on its own timers).
 * Each page is checked twice: hydrated, and as the server renders it (the DOM a browser
 * without JavaScript gets), with the bundle blocked.
 */
import {
  test,
  expect,
  signInAs,
  open,
  openServerRendered,
  expectNoAxeViolations,
  teamsTable,
  membersTable,
  USERS,
  TEAMS,
} from './helpers';
import type { Page } from '@playwright/test';

type Target = { page: string; path: (page: Page) => Promise<string>; heading: string | RegExp };

/** Finds the page's address by following links from the dashboard, so no id is assumed. */
async function hrefOf(page: Page, from: string, link: (page: Page) => ReturnType<Page['getByRole']>): Promise<string> {
  await open(page, from);
  const href = await link(page).getAttribute('href');
  expect(href, 'link address').toBeTruthy();
  return href!;
}

const teamPath = (page: Page) =>
  hrefOf(page, '/', (p) => teamsTable(p).getByRole('link', { name: TEAMS.platform, exact: true }));
const personPath = async (page: Page) =>
  hrefOf(page, await teamPath(page), (p) => membersTable(p).getByRole('link', { name: 'Ada Okafor', exact: true }));

/** The framework version the demo teams use (the one the team page links to). */
const versionPath = (page: Page) =>
  hrefOf(page, '/framework', (p) => p.getByRole('table', { name: 'Framework versions' }).getByRole('link').first());

/** The DevOps engineer role level, linked from the version page's list of roles. */
const roleLevelPath = async (page: Page) =>
  hrefOf(page, await versionPath(page), (p) => p.getByRole('link', { name: 'DevOps engineer', exact: true }));

const targets: Target[] = [
  { page: 'sign-in page', path: async () => '/sign-in', heading: 'Sign in' },
  { page: 'dashboard', path: async () => '/', heading: 'Your teams' },
  { page: 'team page', path: teamPath, heading: TEAMS.platform },
  { page: 'person page', path: personPath, heading: 'Ada Okafor' },
  { page: 'assessment form', path: async (page) => `${await personPath(page)}/assess`, heading: 'Record an assessment of Ada Okafor' },
  { page: 'new person form', path: async (page) => `/people/new?team=${(await teamPath(page)).split('/').pop()}`, heading: `Add a person to ${TEAMS.platform}` },
  { page: 'new team form', path: async () => '/teams/new', heading: 'Create a team' },
  { page: 'framework versions', path: async () => '/framework', heading: 'Capability framework' },
  { page: 'framework version', path: versionPath, heading: /./ },
  { page: 'framework role level', path: roleLevelPath, heading: 'DevOps engineer' },
  {
    page: 'framework skill',
    path: async (page) =>
      hrefOf(page, await roleLevelPath(page), (p) => p.getByRole('link', { name: 'Information security', exact: true })),
    heading: 'Information security',
  },
];

test.describe('no axe-core violations', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'axe-core needs JavaScript in the page');

  for (const target of targets) {
    test(`on the ${target.page}`, async ({ page }) => {
      const signedIn = target.page !== 'sign-in page';
      if (signedIn) await signInAs(page, USERS.admin);
      const path = await target.path(page);

      await open(page, path);
      await expect(page.getByRole('heading', { level: 1, name: target.heading })).toBeVisible();
      await expectNoAxeViolations(page);

      await openServerRendered(page, path);
      await expect(page.getByRole('heading', { level: 1, name: target.heading })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});
