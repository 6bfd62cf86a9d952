import { test, expect, waitForHydration, signIn, signOut, open, teamsTable, expectErrorSummary, USERS, TEAMS, DEMO_PASSWORD } from './helpers';

test.describe('signing in and out', () => {
  test('an anonymous visit to the dashboard ends on the sign-in page', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('the dashboard lists the demo teams after signing in as the administrator', async ({ page }) => {
    await signIn(page, USERS.admin);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
    const table = teamsTable(page);
    for (const team of Object.values(TEAMS)) {
      await expect(table.getByRole('rowheader', { name: team, exact: true })).toBeVisible();
      await expect(table.getByRole('link', { name: team, exact: true })).toBeVisible();
    }
    await expect(page.getByText(`${USERS.admin} · Administrator`)).toBeVisible();
  });

  test('signing out returns to the sign-in page and ends the session', async ({ page }) => {
    await signIn(page, USERS.admin);
    await signOut(page);
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    // The session is gone: the dashboard asks for a sign-in again.
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });

  test('signing in from a page asked for returns to it', async ({ page }) => {
    await page.goto('/framework');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fframework$/);
    await waitForHydration(page);
    await page.getByLabel('Email address').fill(USERS.admin);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/framework$/);
  });

  test('an unknown email address gets the error summary', async ({ page }) => {
    await open(page, '/sign-in');
    await page.getByLabel('Email address').fill('nobody@example.gov.uk');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectErrorSummary(page, 'The email address or password is not right');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });
});

test.describe('each demo sign-in lands on a page for their role', () => {
  test('the team lead sees only the team they lead', async ({ page }) => {
    await signIn(page, USERS.lead);
    await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
    const table = teamsTable(page);
    await expect(table.getByRole('rowheader', { name: TEAMS.platform, exact: true })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: TEAMS.infrastructure, exact: true })).toHaveCount(0);
    await expect(page.getByText(`${USERS.lead} · Team lead`)).toBeVisible();
  });

  test('the team member lands on their own skills', async ({ page }) => {
    await signIn(page, USERS.member);
    await expect(page).toHaveURL(/\/people\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Tomasz Nowak' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Record an assessment' })).toBeVisible();
  });

  test('the senior viewer lands on a page they can use', async ({ page }) => {
    await signIn(page, USERS.viewer);
    await expect(page.getByText(`${USERS.viewer} · Senior viewer`)).toBeVisible();
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toBeVisible();
    await expect(heading, `the page at ${page.url()}`).not.toHaveText(
      /Page not found|You cannot see this page|Sorry, there is a problem/,
    );
  });
});
