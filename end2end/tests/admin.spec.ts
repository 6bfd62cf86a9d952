/**
 * Administration as the administrator sees it (issue 16): `/admin/users` (add a user, change a
 * role, disable and enable an account, reset a password), `/admin/audit` (the action just taken
 * is the newest of its kind), erasing a person (gone from their team and from the users list,
 * and the audit log names them by a pseudonym only), and everyone else refused. Each test makes
 * accounts and people of its own: the demo accounts are never changed. Runs with JavaScript on
 * and off; axe-core with it on, hydrated and as the server renders the page.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  signIn,
  signInAs,
  open,
  openServerRendered,
  expectNoAxeViolations,
  expectErrorSummary,
  jsEnabled,
  waitForHydration,
  membersTable,
  uniqueName,
  ROLE_LEVEL,
  USERS,
} from './helpers';

/** A password the policy accepts, different on every call. */
function newPassword(): string {
  return `amber otter canal ${Date.now().toString(36)}${Math.floor(Math.random() * 46656).toString(36)}`;
}

/** An email address no other test uses: `<prefix>.<project>.<stamp>@example.gov.uk`. */
function uniqueEmail(prefix: string): string {
  return `${uniqueName(prefix).toLowerCase().replace(/\s+/g, '.')}@example.gov.uk`;
}

function accountsTable(page: Page) {
  return page.getByRole('table', { name: 'Accounts' });
}

/** A user's row in the accounts table (the row header is their email). */
function userRow(page: Page, email: string) {
  return accountsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: email, exact: true }) });
}

/** The status cell of a user's row (the fourth column). */
function statusCell(page: Page, email: string) {
  return userRow(page, email).getByRole('cell').nth(2);
}

/** The user's id, as the row's forms send it (the audit log names users by id). */
async function userId(page: Page, email: string): Promise<string> {
  const id = await userRow(page, email).locator('input[name="user_id"]').first().getAttribute('value');
  expect(id).toMatch(/^\d+$/);
  return id!;
}

/** Adds a user with the "Add a user" form as the signed-in administrator, on `/admin/users`. */
async function addUser(
  page: Page,
  user: { email: string; role: string; password: string; team?: string },
): Promise<void> {
  await open(page, '/admin/users');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: user.role });
  await page.getByLabel('Team (leads and members)').selectOption({ label: user.team ?? 'No team' });
  await page.getByLabel('First password').fill(user.password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(userRow(page, user.email)).toHaveCount(1);
  await expect(userRow(page, user.email).getByRole('cell', { name: user.role, exact: true })).toBeVisible();
  await waitForHydration(page);
}

/** The audit log's rows for an action on a target, newest first. */
function auditRows(page: Page, action: string, target: string) {
  return page
    .getByRole('table', { name: 'Audit events' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: action, exact: true }) })
    .filter({ has: page.getByRole('cell', { name: target, exact: true }) });
}

/** Expects the audit log to show the administrator's successful `action` on `target`. */
async function expectAudited(page: Page, action: string, target: string): Promise<void> {
  await open(page, '/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const row = auditRows(page, action, target).first();
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText(USERS.admin);
  await expect(row.getByRole('cell').nth(4)).toHaveText('ok');
  await expect(row.getByRole('cell').first()).toHaveText(/^\d{4}-\d{2}-\d{2}/);
}

/** Signs in through the form and expects the one refusal every failed sign-in gets. */
async function expectSignInRefused(page: Page, email: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await open(page, '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectErrorSummary(page, 'The email address or password is not right');
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

/** Back to the administrator's shared session after signing in as someone else. */
async function backToAdmin(page: Page): Promise<void> {
  await page.context().clearCookies();
  await signInAs(page, USERS.admin);
}

test.describe('users and roles', () => {
  test('the administrator adds a user and changes their role; the audit log shows both', async ({ page }, testInfo) => {
    await signInAs(page, USERS.admin);
    await open(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();
    // The demo accounts are listed with their roles.
    await expect(userRow(page, USERS.admin).getByRole('cell', { name: 'Administrator', exact: true })).toBeVisible();
    await expect(userRow(page, USERS.lead).getByRole('cell', { name: 'Team lead', exact: true })).toBeVisible();
    if (jsEnabled(testInfo)) {
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await openServerRendered(page, '/admin/users');
      await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();
      await expectNoAxeViolations(page);
    }

    // A mistake first: the form says what is wrong and adds nobody.
    const email = uniqueEmail('added');
    await open(page, '/admin/users');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('First password').fill('short');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expectErrorSummary(page, 'Select a role');
    await expect(userRow(page, email)).toHaveCount(0);
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);

    await addUser(page, { email, role: 'Senior viewer', password: newPassword() });
    await expect(statusCell(page, email)).toHaveText('Active');
    const id = await userId(page, email);
    // Saved, not just shown.
    await open(page, '/admin/users');
    await expect(userRow(page, email).getByRole('cell', { name: 'Senior viewer', exact: true })).toBeVisible();

    await userRow(page, email).getByLabel(`New role for ${email}`).selectOption({ label: 'Team lead' });
    await userRow(page, email).getByRole('button', { name: `Change role of ${email}` }).click();
    await expect(userRow(page, email).getByRole('cell', { name: 'Team lead', exact: true })).toBeVisible();
    await open(page, '/admin/users');
    await expect(userRow(page, email).getByRole('cell', { name: 'Team lead', exact: true })).toBeVisible();

    await expectAudited(page, 'user.add', `user:${id} role:viewer`);
    await expectAudited(page, 'user.role', `user:${id} role:lead`);
    // The log holds ids, never email addresses of the people acted on.
    await expect(page.getByRole('table', { name: 'Audit events' }).getByText(email)).toHaveCount(0);
    if (jsEnabled(testInfo)) {
      await expectNoAxeViolations(page);
      await openServerRendered(page, '/admin/audit');
      await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });

  test('a disabled account cannot sign in until it is enabled again', async ({ page }) => {
    await signInAs(page, USERS.admin);
    const email = uniqueEmail('disabled');
    const password = newPassword();
    await addUser(page, { email, role: 'Senior viewer', password });
    const id = await userId(page, email);

    await userRow(page, email).getByRole('button', { name: `Disable ${email}` }).click();
    await expect(statusCell(page, email)).toHaveText('Disabled');
    await expect(userRow(page, email).getByRole('button', { name: `Enable ${email}` })).toBeVisible();
    await expect(userRow(page, email).getByRole('button', { name: `Disable ${email}` })).toHaveCount(0);
    await expectAudited(page, 'user.disable', `user:${id}`);

    await expectSignInRefused(page, email, password);

    await backToAdmin(page);
    await open(page, '/admin/users');
    await expect(statusCell(page, email)).toHaveText('Disabled');
    await userRow(page, email).getByRole('button', { name: `Enable ${email}` }).click();
    await expect(statusCell(page, email)).toHaveText('Active');
    await expect(userRow(page, email).getByRole('button', { name: `Disable ${email}` })).toBeVisible();
    await expectAudited(page, 'user.enable', `user:${id}`);

    await page.context().clearCookies();
    await signIn(page, email, password);
    await expect(page.getByText(`${email} · Senior viewer`)).toBeVisible();
  });

  test('a reset password is shown once, and the user must replace it when they sign in', async ({ page }, testInfo) => {
    await signInAs(page, USERS.admin);
    const email = uniqueEmail('reset');
    const first = newPassword();
    await addUser(page, { email, role: 'Senior viewer', password: first });
    const id = await userId(page, email);

    await userRow(page, email).getByRole('button', { name: `Reset password for ${email}` }).click();
    const notice = page.getByRole('status').filter({ has: page.getByRole('heading', { name: `Temporary password for ${email}` }) });
    await expect(notice).toBeVisible();
    const temporary = (await notice.locator('code').innerText()).trim();
    expect(temporary.length).toBeGreaterThanOrEqual(8);
    await expect(statusCell(page, email)).toHaveText('Must choose a new password');
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
    // Shown once: a fresh load of the page no longer has it.
    await open(page, '/admin/users');
    await expect(page.getByText(temporary)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: `Temporary password for ${email}` })).toHaveCount(0);
    await expectAudited(page, 'user.reset-password', `user:${id}`);

    // The first password no longer works; the temporary one leads to the account page only.
    await expectSignInRefused(page, email, first);
    await page.context().clearCookies();
    await signIn(page, email, temporary);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText('You signed in with a temporary password. Choose a new password before you do anything else.')).toBeVisible();
    await open(page, '/org');
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

    const chosen = newPassword();
    await page.getByLabel('Temporary password').fill(temporary);
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('Confirm new password').fill(chosen);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').getByRole('heading', { name: 'Your password has been changed' })).toBeVisible();
    await open(page, '/org');
    await expect(page.getByRole('heading', { level: 1, name: 'Organisation capability' })).toBeVisible();

    await backToAdmin(page);
    await open(page, '/admin/users');
    await expect(statusCell(page, email)).toHaveText('Active');
  });

  test('a team lead and a senior viewer are refused the administration pages', async ({ page }) => {
    for (const who of [USERS.lead, USERS.viewer]) {
      await page.context().clearCookies();
      await signInAs(page, who);
      await open(page, '/org');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
      for (const path of ['/admin/users', '/admin/audit']) {
        await open(page, path);
        await expect(page.getByRole('heading', { level: 1, name: 'You cannot see this page' })).toBeVisible();
        await expect(page.getByText('Your account does not have access to this.')).toBeVisible();
        await expect(page.getByRole('table')).toHaveCount(0);
      }
    }

    // Nor can the lead add a user by posting the form's request directly.
    const email = uniqueEmail('refused');
    await page.context().clearCookies();
    await signInAs(page, USERS.lead);
    const response = await page.request.post('/api/admin/add-user', {
      form: { email, role: 'admin', team_id: '', password: newPassword() },
      headers: { Accept: 'application/json' },
    });
    expect(response.status()).toBe(403);
    await backToAdmin(page);
    await open(page, '/admin/users');
    await expect(accountsTable(page)).toBeVisible();
    await expect(userRow(page, email)).toHaveCount(0);
  });
});

test.describe('erasing a person', () => {
  test('removes them from their team and the users list, and the audit log shows a pseudonym', async ({ page }, testInfo) => {
    await signInAs(page, USERS.admin);
    // A team of this test's own, with a person who has a sign-in.
    const team = uniqueName('Erasure team');
    await open(page, '/teams/new');
    await page.getByLabel('Team name').fill(team);
    await page.getByRole('button', { name: 'Create team' }).click();
    await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
    await waitForHydration(page);

    const name = uniqueName('Erased person');
    const email = uniqueEmail('erased');
    await page.getByRole('link', { name: 'Add a new person to this team' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Add a person to ${team}` })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Work email address (optional)').fill(email);
    await page.getByLabel('Role level', { exact: true }).selectOption({ label: ROLE_LEVEL });
    await page.getByRole('button', { name: 'Save person' }).click();
    await expect(membersTable(page).getByRole('link', { name, exact: true })).toBeVisible();
    const teamPath = new URL(page.url()).pathname;

    // Their account is linked to them by the email; they sign in once (an audited event).
    const password = newPassword();
    await addUser(page, { email, role: 'Team member', password, team });
    await expect(userRow(page, email).getByRole('link', { name, exact: true })).toBeVisible();
    const id = await userId(page, email);
    await page.context().clearCookies();
    await signIn(page, email, password);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const personPath = new URL(page.url()).pathname;
    expect(personPath).toMatch(/^\/people\/\d+$/);
    const personId = personPath.split('/').pop();

    await backToAdmin(page);
    await open(page, personPath);
    await page.getByRole('link', { name: 'Erase all their data' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Erase ${name}?` })).toBeVisible();
    await expect(page.getByText('This cannot be undone.')).toBeVisible();
    await waitForHydration(page);
    if (jsEnabled(testInfo)) {
      await expectNoAxeViolations(page);
      const erasePath = new URL(page.url()).pathname;
      await openServerRendered(page, erasePath);
      await expect(page.getByRole('heading', { level: 1, name: `Erase ${name}?` })).toBeVisible();
      await expectNoAxeViolations(page);
      await open(page, erasePath);
    }

    // Asked to confirm: without a "Yes", nothing is erased.
    await page.getByRole('button', { name: 'Erase person' }).click();
    await expectErrorSummary(page, 'Select yes to confirm the erasure');
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Erase person' }).click();
    await expectErrorSummary(page, 'Select yes to confirm the erasure');
    await open(page, teamPath);
    await expect(membersTable(page).getByRole('link', { name, exact: true })).toBeVisible();

    await open(page, `${personPath}/erase`);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Erase person' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();

    // Gone from their team, their page, and the users list.
    await open(page, teamPath);
    await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    await open(page, personPath);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await open(page, '/admin/users');
    await expect(accountsTable(page)).toBeVisible();
    await expect(page.getByText(email)).toHaveCount(0);
    await expect(page.getByText(name)).toHaveCount(0);

    // The audit log names them by a pseudonym only: the erasure itself, the account added for
    // them, and their own sign-in.
    await open(page, '/admin/audit');
    const log = page.getByRole('table', { name: 'Audit events' });
    await expect(log.getByText(name)).toHaveCount(0);
    await expect(log.getByText(email)).toHaveCount(0);
    await expect(log.getByRole('cell', { name: `person:${personId}`, exact: true })).toHaveCount(0);
    const erasure = log
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'person.erase', exact: true }) })
      .first();
    const target = erasure.getByRole('cell').nth(3);
    await expect(target).toHaveText(/^erased person [0-9a-f]{12}$/);
    const pseudonym = (await target.innerText()).trim();
    await expect(erasure.getByRole('cell').nth(1)).toHaveText(USERS.admin);
    await expect(auditRows(page, 'user.add', `${pseudonym} role:member`)).toHaveCount(1);
    await expect(auditRows(page, 'user.add', `user:${id} role:member`)).toHaveCount(0);
    const signIns = log
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'sign-in', exact: true }) })
      .filter({ has: page.getByRole('cell', { name: pseudonym, exact: true }) });
    await expect(signIns).toHaveCount(1);
  });
});
