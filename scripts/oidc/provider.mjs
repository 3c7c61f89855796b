// A real OpenID Connect provider (npm oidc-provider 9.x) on loopback, for the sign-in tests
// and the local sync stack. It is the real protocol engine (discovery, JWKS, PKCE, ID tokens,
// refresh, revocation); only the login form is replaced: every interaction signs in the user
// named by the request's `login_hint` (default `writer`, or `JCC_OIDC_DEFAULT_USER`) and grants consent, so a
// cookie-keeping HTTP client can walk the whole flow without a form.
//
// Usage: node provider.mjs [PORT]       (PORT 0 or absent = an ephemeral port)
// Prints `JCC_OIDC_ISSUER=http://127.0.0.1:PORT` on stdout once it accepts requests; logs go
// to stderr. Stop it with SIGTERM/SIGINT (a test simulates "provider down" by killing it).
//
// Environment (all optional):
//   JCC_OIDC_PORT                port when none is given on the command line
//   JCC_OIDC_CLIENT_ID           the public native client's id (default jcc-desktop)
//   JCC_OIDC_ID_TOKEN_TTL        ID token lifetime, seconds (default 300)
//   JCC_OIDC_ACCESS_TOKEN_TTL    access token lifetime, seconds (default 300)
//   JCC_OIDC_REFRESH_TOKEN_TTL   refresh token lifetime, seconds (default 14 days)
//   JCC_OIDC_REFUSE=1            every sign-in ends with error=access_denied
//   JCC_OIDC_DEFAULT_USER        who signs in when a request has no login_hint (default writer)
// A `login_hint` of `refuse` also ends that one sign-in with error=access_denied.

import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.JCC_OIDC_PORT ?? 0);
const clientId = process.env.JCC_OIDC_CLIENT_ID || 'jcc-desktop';
const seconds = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`${name} must be a positive whole number of seconds, not ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
};
const idTokenTtl = seconds('JCC_OIDC_ID_TOKEN_TTL', 300);
const accessTokenTtl = seconds('JCC_OIDC_ACCESS_TOKEN_TTL', 300);
const refreshTokenTtl = seconds('JCC_OIDC_REFRESH_TOKEN_TTL', 14 * 24 * 3600);
const refuseAll = process.env.JCC_OIDC_REFUSE === '1';
const defaultUser = process.env.JCC_OIDC_DEFAULT_USER || 'writer';

// A fresh RS256 signing key per run: tokens of an earlier run never verify.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `jcc-test-${Date.now()}`, alg: 'RS256', use: 'sig' };

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // Native loopback redirects match on any port (RFC 8252 section 7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        id_token_signed_response_alg: 'RS256',
        scope: 'openid offline_access profile email',
      },
    ],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
    },
    // Its interaction and session cookies are signed with this (a throwaway test key).
    cookies: { keys: ['jcc-test-cookie-key'] },
    ttl: {
      IdToken: idTokenTtl,
      AccessToken: accessTokenTtl,
      RefreshToken: refreshTokenTtl,
      Interaction: 600,
      Session: 24 * 3600,
      Grant: refreshTokenTtl,
    },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, name: `Test ${id}`, email: `${id}@example.test`, email_verified: true };
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'text/plain';
      ctx.body = `oidc error: ${out.error}: ${out.error_description ?? ''}\n`;
    },
  });
  provider.on('server_error', (_ctx, err) => console.error('oidc server_error:', err));

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url.startsWith('/interaction/')) {
      callback(req, res);
      return;
    }
    try {
      await interact(provider, req, res);
    } catch (err) {
      console.error('interaction failed:', err);
      res.statusCode = 400;
      res.setHeader('Content-Type', 'text/plain');
      res.end(`interaction failed: ${err.message}\n`);
    }
  });
  process.stdout.write(`JCC_OIDC_ISSUER=${issuer}\n`);
});

// The headless "form": sign in the hinted user, then grant what the client asked for.
async function interact(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  const hint = typeof params.login_hint === 'string' && params.login_hint ? params.login_hint : defaultUser;
  if (refuseAll || hint === 'refuse') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'the test user refused to sign in',
    }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: hint } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'consent') {
    const accountId = session.accountId;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    if (missing.missingResourceScopes) {
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  throw new Error(`unexpected prompt ${prompt.name}`);
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
