/**
 * Shared steps for the Skillmix browser tests. Everything is found by role, label or text, as a
 * user finds it, and works in both projects: `js` (the page's islands hydrate; forms outside them
 * post the page) and `nojs` (JavaScript off: every form is a plain HTML form posting to its server
 * function, which redirects back).
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, SESSION_DIR } from './credentials';

export { expect };
export * from './credentials';

/**
 * `test` with one automatic fixture: in the `js` project, a script that reports when the wasm
 * bundle has been instantiated (see `waitForHydration`), and a check that no page threw an
 * uncaught error or a Rust panic while the test ran (a panic in hydration leaves an island that
 * looks right but does nothing) and that every island's form was submitted by the island rather
 * than as a plain HTML post.
 */
/** The server functions that islands call from the page (the upload forms, the facilitation timer). */
const ISLAND_ENDPOINTS = [
  '/api/import/role-profile',
  '/api/import/ddat',
  '/api/import/sfia',
  '/api/workshops/timer',
  '/api/workshops/reset-timer',
];

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page, javaScriptEnabled }, use) => {
      const errors: string[] = [];
      if (javaScriptEnabled) {
        await page.addInitScript(() => {
          const w = window as unknown as { __e2eWasmReady?: boolean };
          const mark = <T>(promise: Promise<T>): Promise<T> =>
            promise.then((value) => {
              w.__e2eWasmReady = true;
              return value;
            });
          const streaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
          if (streaming) {
            WebAssembly.instantiateStreaming = ((...args: Parameters<typeof streaming>) =>
              mark(streaming(...args))) as typeof WebAssembly.instantiateStreaming;
          }
          const instantiate = WebAssembly.instantiate.bind(WebAssembly);
          WebAssembly.instantiate = ((...args: Parameters<typeof instantiate>) =>
            mark(instantiate(...args))) as typeof WebAssembly.instantiate;
        });
        page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
        // Forms outside islands post the page, as without JavaScript; the forms of islands post
        // with fetch once hydrated: a whole-document POST to one of theirs means the island did
        // not take over (the tests wait for hydration before submitting).
        page.on('request', (request) => {
          const path = new URL(request.url()).pathname;
          if (request.method() === 'POST' && request.resourceType() === 'document' && ISLAND_ENDPOINTS.includes(path)) {
            errors.push(`an island's form posted without the island: ${request.url()}`);
          }
        });
        page.on('console', (message) => {
          if (message.type() === 'error' && /panicked at/.test(message.text())) {
            errors.push(`panic: ${message.text()}`);
          }
        });
      }
      await use(errors);
      expect(errors, 'errors thrown in the page').toEqual([]);
    },
    { auto: true },
  ],
});

/** Whether the test runs with JavaScript on (the `js` project). */
export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/**
 * With JavaScript on, waits until the page has hydrated: the wasm bundle is instantiated and
 * `hydrate()` (called in the same promise chain) has run. Without JavaScript, does nothing.
 * Interacting before hydration would only test the no-JavaScript path twice.
 */
export async function waitForHydration(page: Page): Promise<void> {
  if (!jsEnabled(test.info())) return;
  await page.waitForFunction(() => (window as unknown as { __e2eWasmReady?: boolean }).__e2eWasmReady === true);
  // hydrate() runs in the microtasks after instantiation: one macrotask later it has finished.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** Opens a page by address and waits for it to hydrate (JS project). */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
}

/** Signs in through the sign-in form with a demo account, then checks the header shows who. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await open(page, '/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByText(email, { exact: false }).first()).toBeVisible();
  await waitForHydration(page);
}

/**
 * Gives the page a signed-in session for a demo account: the session of an earlier `signIn` of
 * the same account in this run when it is still valid, otherwise a new sign-in through the form.
 *
 * The server allows 10 sign-in attempts a minute from one address (server/src/security.rs), and
 * the suite needs far more signed-in pages than that, so tests about something other than
 * signing in share one session per account. Never sign such a session out: tests that sign out
 * use `signIn`, which starts a session of their own.
 */
export async function signInAs(page: Page, email: string): Promise<void> {
  const file = join(SESSION_DIR, `${email}.json`);
  if (fs.existsSync(file)) {
    await page.context().addCookies(JSON.parse(fs.readFileSync(file, 'utf8')));
    const check = await page.request.get('/', { headers: { Accept: 'text/html' }, maxRedirects: 0 });
    const location = check.headers()['location'] ?? '';
    if (check.ok() || (check.status() >= 300 && check.status() < 400 && !location.startsWith('/sign-in'))) {
      return;
    }
    await page.context().clearCookies();
  }
  await signIn(page, email);
  fs.mkdirSync(SESSION_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(await page.context().cookies()));
}

/** Signs out with the header's button; the sign-in page follows. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
}

/**
 * A name no other test (or the other project's run of this test) uses: the database is shared
 * by both projects and every test of the run.
 */
export function uniqueName(prefix: string): string {
  const info = test.info();
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  return `${prefix} ${info.project.name} ${stamp}`;
}

/** The GOV.UK-style error summary ("There is a problem"), announced as an alert. */
export function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'There is a problem' });
}

/** Expects the error summary with a message matching `message`. */
export async function expectErrorSummary(page: Page, message: string | RegExp): Promise<void> {
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: message })).toHaveCount(1);
}

/** The teams table on the dashboard. */
export function teamsTable(page: Page) {
  return page.getByRole('table', { name: 'Teams and headline figures' });
}

/** The members table on a team page. */
export function membersTable(page: Page) {
  return page.getByRole('table', { name: 'Team members' });
}

/** Goes from the dashboard to a team's page through its link in the teams table. */
export async function openTeam(page: Page, team: string): Promise<void> {
  await open(page, '/');
  await teamsTable(page).getByRole('link', { name: team, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
  await waitForHydration(page);
}

/** A role level offered by the person form (and required by the demo framework). */
export const ROLE_LEVEL = 'Development operations (DevOps) engineer – DevOps engineer';

/**
 * Adds a new person to a team with the team page's "Add a new person to this team" link and
 * returns on the team page, which lists them.
 */
export async function addPersonToTeam(page: Page, team: string, name: string, roleLevel = ROLE_LEVEL): Promise<void> {
  await openTeam(page, team);
  await page.getByRole('link', { name: 'Add a new person to this team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Add a person to ${team}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Role level', { exact: true }).selectOption({ label: roleLevel });
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
  await expect(membersTable(page).getByRole('link', { name, exact: true })).toBeVisible();
  await waitForHydration(page);
}

/** Opens a person's page from the team page's members table. */
export async function openPersonFromTeam(page: Page, name: string): Promise<void> {
  await membersTable(page).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await waitForHydration(page);
}

/**
 * The "New level for <skill> (<kind>)" select of the assessment form, among the skills for the
 * person's role. The label names the kind of skill because a framework may hold two skills of
 * the same name, such as a DDaT skill and an SFIA skill.
 */
export function levelSelect(page: Page, skill: string, kind = 'DDaT skills') {
  return page
    .getByRole('table', { name: 'Skills for their role' })
    .getByLabel(`New level for ${skill} (${kind})`, { exact: true });
}

/** A skill's row on the person page (the row header is the skill's name). */
export function personSkillRow(page: Page, skill: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: skill, exact: true }) });
}

/**
 * How many assessments a person page's history disclosure lists for a skill: the summary says
 * "N assessment(s)", or the cell says "None".
 */
export async function historyCount(page: Page, skill: string): Promise<number> {
  const row = personSkillRow(page, skill);
  await expect(row).toHaveCount(1);
  const text = (await row.getByRole('cell').last().innerText()).trim();
  if (text === 'None') return 0;
  const match = /(\d+) assessment\(s\)/.exec(text);
  if (!match) throw new Error(`unexpected history cell for ${skill}: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/**
 * Runs axe-core (WCAG 2.0-2.2 A and AA rules, plus best practices) on the page and expects no
 * violations, listing them readably when there are some.
 *
 * Only in the `js` project: axe runs its checks with timers and promises inside the page, which
 * never progress with JavaScript off (Playwright's evaluate still works there, but axe hangs).
 * The no-JavaScript DOM is the server-rendered HTML; `js` tests check that too by opening the
 * page with the hydration scripts blocked (see `openServerRendered`).
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (!jsEnabled(test.info())) {
    throw new Error('expectNoAxeViolations needs JavaScript: skip the test in the nojs project');
  }
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const report = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
  );
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Opens a page as it is before hydration (what a browser without JavaScript gets), in the `js`
 * project: the bundle's module is replaced by one that does nothing and the wasm request is
 * refused, so the DOM stays the server's HTML.
 */
export async function openServerRendered(page: Page, path: string): Promise<void> {
  const bundle = /\/pkg\/[^/]+\.(js|wasm)(\?.*)?$/;
  await page.route(bundle, (route) =>
    route.request().url().includes('.wasm')
      ? route.abort()
      : route.fulfill({
          contentType: 'text/javascript',
          body: 'export default async function init() {}\nexport function hydrate() {}\n',
        }),
  );
  try {
    await page.goto(path);
    await page.waitForLoadState('load');
  } finally {
    await page.unroute(bundle);
  }
}
