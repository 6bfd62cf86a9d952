/**
 * Single sign-on with OpenID Connect, against a real provider: `oidc-provider` (OpenID
 * certified) run by oidc/provider.mjs on 127.0.0.1:3101, which playwright.config.ts starts
 * before Skillmix. Its sign-in form takes any login; the account is the login typed, with that
 * email verified (except `unverified@example.gov.uk`). The flow is links, redirects and form
 * posts, so it runs with JavaScript on and off alike.
 *
 * These tests use Playwright's own `test`, not the one in helpers.ts: that one counts every
 * whole-page form post as a hydration failure, and the provider's own pages are plain forms.
 * With JavaScript on, they wait for Skillmix's page to hydrate before clicking its link, so the
 * click goes through the app's router (which must leave the server route alone).
 *
 * All of them fail on f6591a6 (the main commit before this work): there was no "Sign in with
 * single sign-on" link and no /auth/oidc routes.
 */
import { test, expect, type Page } from '@playwright/test';
import { expectErrorSummary, USERS } from './helpers';
import { BASE_URL, OIDC_ISSUER } from './credentials';

const PROVIDER = OIDC_ISSUER;

/** Uncaught errors and Rust panics in the pages of the test running now. */
let pageErrors: string[] = [];

test.beforeEach(async ({ page, javaScriptEnabled }) => {
  pageErrors = [];
  // The provider's development pages import a web font; nothing may leave the machine.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  if (javaScriptEnabled) {
    await page.addInitScript(() => {
      const w = window as unknown as { __oidcWasmReady?: boolean };
      const instantiate = WebAssembly.instantiate.bind(WebAssembly);
      WebAssembly.instantiate = ((...args: Parameters<typeof instantiate>) =>
        instantiate(...args).then((value) => {
          w.__oidcWasmReady = true;
          return value;
        })) as typeof WebAssembly.instantiate;
      const streaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
      if (streaming) {
        WebAssembly.instantiateStreaming = ((...args: Parameters<typeof streaming>) =>
          streaming(...args).then((value) => {
            w.__oidcWasmReady = true;
            return value;
          })) as typeof WebAssembly.instantiateStreaming;
      }
    });
    page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /panicked at/.test(message.text())) pageErrors.push(`panic: ${message.text()}`);
    });
  }
});

test.afterEach(() => {
  expect(pageErrors, 'errors thrown in the page').toEqual([]);
});

/** With JavaScript on, waits until Skillmix's page has hydrated. */
async function hydrated(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (!javaScriptEnabled) return;
  await page.waitForFunction(() => (window as unknown as { __oidcWasmReady?: boolean }).__oidcWasmReady === true);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** From Skillmix's sign-in page to the provider's sign-in form, then signs in there as `login`. */
async function signInAtProvider(page: Page, javaScriptEnabled: boolean, login: string, from = '/sign-in') {
  await page.goto(from);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password at all');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks the user to let Skillmix have their email address.
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('signing in with single sign-on', () => {
  test('the sign-in page offers single sign-on beside the password form', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('link', { name: 'Sign in with single sign-on' })).toBeVisible();
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByLabel('Password')).toBeVisible();
  });

  test('a demo user signs in at the provider by their email and lands signed in', async ({ page, javaScriptEnabled }) => {
    await signInAtProvider(page, javaScriptEnabled, USERS.lead);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByText(`${USERS.lead} · Team lead`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('the email is matched whatever its case, and the page asked for comes next', async ({ page, javaScriptEnabled }) => {
    await signInAtProvider(page, javaScriptEnabled, USERS.admin.toUpperCase(), '/sign-in?next=%2Fframework');
    await expect(page).toHaveURL(`${BASE_URL}/framework`);
    await expect(page.getByText(`${USERS.admin} · Administrator`)).toBeVisible();
  });

  test('an email without an account is refused with the message', async ({ page, javaScriptEnabled }) => {
    await signInAtProvider(page, javaScriptEnabled, 'nobody.here@example.gov.uk');
    await expect(page).toHaveURL(/\/sign-in\?error=sso-no-account$/);
    await expectErrorSummary(page, 'Single sign-on worked, but that account cannot use Skillmix');
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test('an email the provider has not verified is refused', async ({ page, javaScriptEnabled }) => {
    await signInAtProvider(page, javaScriptEnabled, 'unverified@example.gov.uk');
    await expect(page).toHaveURL(/\/sign-in\?error=sso-unverified$/);
    await expectErrorSummary(page, 'did not confirm your email address');
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('a callback with the wrong state is refused, and the sign-in cannot then be finished', async ({
    page,
    javaScriptEnabled,
  }) => {
    await page.goto('/sign-in');
    await hydrated(page, javaScriptEnabled);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`));
    const providerPage = page.url();
    // Back at Skillmix with a state it did not issue (as a forged link would bring).
    await page.goto('/auth/oidc/callback?code=forged-code&state=not-the-state-skillmix-sent');
    await expect(page).toHaveURL(/\/sign-in\?error=sso-state$/);
    await expectErrorSummary(page, 'did not match a sign-in started in this browser');
    // The refused attempt used up the sign-in under way: finishing it at the provider is refused too.
    await page.goto(providerPage);
    await page.getByPlaceholder('Enter any login').fill(USERS.lead);
    await page.getByPlaceholder('and password').fill('any password at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=sso-state$/);
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('a callback in a browser that started no sign-in is refused', async ({ page }) => {
    await page.goto('/auth/oidc/callback?code=some-code&state=some-state');
    await expect(page).toHaveURL(/\/sign-in\?error=sso-state$/);
    await expectErrorSummary(page, 'did not match a sign-in started in this browser');
  });
});
