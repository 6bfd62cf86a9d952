/**
 * A real OpenID Connect provider for the browser tests: `oidc-provider` (OpenID certified) on
 * SKILLMIX_E2E_OIDC_ISSUER (http://127.0.0.1:3101 by default), with one confidential client for the
 * Skillmix that start-server.sh runs (SKILLMIX_E2E_BASE_URL). playwright.config.ts starts it first.
 *
 * Its development interactions give a sign-in form that takes any login (and any password) and
 * a consent page. The account signed in is the login typed: its email is that login, verified,
 * so a test signs in as a demo user by typing their email. The login `unverified@example.gov.uk`
 * is the one account whose email is not verified.
 *
 * For tests only: the signing keys are generated at start and the client secret is fixed here
 * (start-server.sh gives Skillmix the same one).
 */
import { Provider } from 'oidc-provider';

export const ISSUER = process.env.SKILLMIX_E2E_OIDC_ISSUER ?? 'http://127.0.0.1:3101';
export const CLIENT_ID = 'skillmix-e2e';
export const CLIENT_SECRET = process.env.SKILLMIX_OIDC_CLIENT_SECRET ?? 'e2e-only-oidc-client-secret-3101';
export const REDIRECT_URI = `${process.env.SKILLMIX_E2E_BASE_URL ?? 'http://127.0.0.1:3100'}/auth/oidc/callback`;
const UNVERIFIED = 'unverified@example.gov.uk';

const configuration = {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // The ID token carries the claims of the scopes asked for (email, email_verified), as Entra
  // ID, Google and Okta send them, rather than only through the userinfo endpoint.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Every authorization request must carry a PKCE challenge (S256), so the tests prove that
  // Skillmix sends one and the matching verifier.
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
  },
  cookies: { keys: ['e2e-only-cookie-key-for-the-test-provider'] },
  async findAccount(_ctx, sub) {
    const email = String(sub).trim();
    return {
      accountId: sub,
      async claims() {
        return { sub, email, email_verified: email.toLowerCase() !== UNVERIFIED, name: email };
      },
    };
  },
};

const provider = new Provider(ISSUER, configuration);
const { port, hostname } = new URL(ISSUER);
const server = provider.listen(Number(port), hostname, () => {
  console.log(`test OpenID provider: ${ISSUER}/.well-known/openid-configuration`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
