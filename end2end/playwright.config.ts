import { defineConfig } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD, E2E_PORT, OIDC_ISSUER } from './tests/credentials';

/** The secret of the test OpenID provider's one client (oidc/provider.mjs), for tests only. */
const OIDC_CLIENT_SECRET = 'e2e-only-oidc-client-secret-3101';

/**
 * Skillmix browser tests: Debian's Chromium (never a downloaded browser), one worker because
 * every test shares the one throw-away database that start-server.sh creates, and two projects
 * running the same specs: `js` (hydrated pages) and `nojs` (JavaScript off, so every form is
 * proven to work before hydration).
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // The debug build is slow to render and its wasm bundle is large.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
  ],
  webServer: [
    // The OpenID provider Skillmix's single sign-on talks to (oidc/provider.mjs): first, so
    // it is up when Skillmix starts (Skillmix would retry discovery anyway).
    {
      command: 'node oidc/provider.mjs',
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        SKILLMIX_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
        SKILLMIX_E2E_OIDC_ISSUER: OIDC_ISSUER,
        SKILLMIX_E2E_BASE_URL: BASE_URL,
      },
      stdout: 'ignore',
      stderr: 'ignore',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: './start-server.sh',
      url: `${BASE_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        SKILLMIX_DEMO_PASSWORD: DEMO_PASSWORD,
        SKILLMIX_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
        SKILLMIX_E2E_OIDC_ISSUER: OIDC_ISSUER,
        SKILLMIX_E2E_ADDR: `127.0.0.1:${E2E_PORT}`,
        RUST_LOG: process.env.RUST_LOG ?? 'warn',
      },
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
