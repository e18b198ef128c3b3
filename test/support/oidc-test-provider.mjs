// A real OpenID Connect provider for the console's sign-in tests: `oidc-provider` on a loopback port, in a
// child process (it is an ES module with top-level awaits jest's CommonJS sandbox cannot load). Its
// development login screen accepts any login name: the account id is the name typed, and the account's
// claims come from ACCOUNTS below. Prints {"issuer": "..."} on stdout once listening.
//
// Environment: OIDC_REDIRECT_URIS (comma-separated, exact), OIDC_CLIENT_ID (default helixgate-console).
import Provider from 'oidc-provider';

const ACCOUNTS = {
  'dana.steward': {
    name: 'Dana Steward',
    email: 'dana@uni-y.example',
    affiliation: 'University Y',
    groups: ['helixgate-stewards'],
  },
  'rob.researcher': {
    name: 'Rob Researcher',
    email: 'rob@uni-y.example',
    affiliation: 'University Y',
    groups: ['lab-members'],
  },
};

const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean);
const clientId = process.env.OIDC_CLIENT_ID ?? 'helixgate-console';

const server = (await import('node:http')).createServer();
await new Promise((resolve) => server.listen(Number(process.env.OIDC_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    },
  ],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'affiliation', 'groups'],
    email: ['email'],
  },
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({
      sub: id,
      preferred_username: id,
      ...(ACCOUNTS[id] ?? { name: id, groups: [] }),
    }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-only-cookie-key-0123456789'] },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider: ${err.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
