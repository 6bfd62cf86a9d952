import * as path from 'node:path';

/**
 * The address and demo sign-ins of the throw-away server that start-server.sh runs.
 * The password is fixed for the tests only: the server is given it through
 * SKILLMIX_DEMO_PASSWORD (see playwright.config.ts) and its database is deleted afterwards.
 */
export const E2E_PORT = Number(process.env.SKILLMIX_E2E_PORT ?? '3100');

/**
 * Skillmix on E2E_PORT and the test OpenID provider on the next port. SKILLMIX_E2E_PORT moves
 * both, so two checkouts can run their suites side by side.
 */
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const OIDC_ISSUER = `http://127.0.0.1:${E2E_PORT + 1}`;

export const DEMO_PASSWORD = 'e2e-only-demo-password-3100';

export const USERS = {
  admin: 'admin@example.gov.uk',
  lead: 'ada.okafor@example.gov.uk',
  member: 'tomasz.nowak@example.gov.uk',
  viewer: 'senior.viewer@example.gov.uk',
} as const;

/** The demo organisation's teams. Ada Okafor leads Platform engineering. */
export const TEAMS = {
  infrastructure: 'Infrastructure operations',
  platform: 'Platform engineering',
} as const;

/**
 * Where `signInAs` (helpers.ts) keeps the session cookie of each demo account for the rest of a
 * run; global-setup.ts empties it before every run. The folder is git-ignored.
 */
export const SESSION_DIR = path.join(__dirname, '..', '.tmp', `sessions-${E2E_PORT}`);
