/**
 * `/account` (issue 16): a user changes their own password. A wrong current password, a new
 * password that does not match its confirmation, and a common password each get a clear
 * message and change nothing; a correct change lets them sign in with the new password only.
 * The user is made by the administrator for this test: the demo accounts keep their password.
 * Runs with JavaScript on and off; axe-core with it on, hydrated and as the server renders it.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  signIn,
  signInAs,
  signOut,
  open,
  openServerRendered,
  expectNoAxeViolations,
  expectErrorSummary,
  jsEnabled,
  waitForHydration,
  uniqueName,
  USERS,
} from './helpers';

/** A password the policy accepts, different on every call. */
function newPassword(): string {
  return `heron lantern quay ${Date.now().toString(36)}${Math.floor(Math.random() * 46656).toString(36)}`;
}

/** Adds a senior viewer with the administrator's "Add a user" form; returns their email. */
async function addViewer(page: Page, password: string): Promise<string> {
  const email = `${uniqueName('account').toLowerCase().replace(/\s+/g, '.')}@example.gov.uk`;
  await signInAs(page, USERS.admin);
  await open(page, '/admin/users');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Senior viewer' });
  await page.getByLabel('First password').fill(password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('table', { name: 'Accounts' }).getByRole('rowheader', { name: email, exact: true })).toBeVisible();
  await page.context().clearCookies();
  return email;
}

/** Fills and submits the "Change your password" form. */
async function changePassword(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Confirm new password').fill(confirm);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test.describe('your account', () => {
  test('changing your password: mistakes are explained, and the new password is the one that signs in', async ({ page }, testInfo) => {
    const first = newPassword();
    const email = await addViewer(page, first);
    await signIn(page, email, first);

    await page.getByRole('link', { name: 'Your account' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await waitForHydration(page);
    const details = page.locator('dl');
    await expect(details.getByText(email, { exact: true })).toBeVisible();
    await expect(details.getByText('Senior viewer', { exact: true })).toBeVisible();
    if (jsEnabled(testInfo)) {
      await expectNoAxeViolations(page);
      await openServerRendered(page, '/account');
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
      await expectNoAxeViolations(page);
      await open(page, '/account');
    }

    const chosen = newPassword();
    // The wrong current password.
    await changePassword(page, `${first}x`, chosen);
    await expectErrorSummary(page, 'Your current password is not right');
    await expect(page.getByRole('status').getByText('Your password has been changed')).toHaveCount(0);
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
    await waitForHydration(page);

    // A confirmation that does not match.
    await changePassword(page, first, chosen, `${chosen}!`);
    await expectErrorSummary(page, 'The passwords do not match: type the new password again');
    await waitForHydration(page);

    // A password that is too easy to guess.
    await changePassword(page, first, 'password123');
    await expectErrorSummary(page, 'The password is too common or too easy to guess: use three or more random words');
    await waitForHydration(page);

    // None of those changed it: the first password still signs in.
    await signOut(page);
    await signIn(page, email, first);

    await open(page, '/account');
    await changePassword(page, first, chosen);
    await expect(page).toHaveURL(/\/account\?changed=yes$/);
    const notice = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Your password has been changed' }) });
    await expect(notice).toBeVisible();
    await expect(notice.getByText('You are still signed in here.')).toBeVisible();
    if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
    // Still signed in here.
    await open(page, '/org');
    await expect(page.getByRole('heading', { level: 1, name: 'Organisation capability' })).toBeVisible();

    // Signed out, the old password is refused and the new one works.
    await signOut(page);
    await waitForHydration(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(first);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectErrorSummary(page, 'The email address or password is not right');
    await signIn(page, email, chosen);
    await expect(page.getByText(`${email} · Senior viewer`)).toBeVisible();
  });

  test('the account page needs a sign-in', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });
});
