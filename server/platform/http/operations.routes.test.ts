import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, testPassword } from '../../test/harness.ts';

const logLines: string[] = [];
let harness: Harness;
let https: Harness;

beforeAll(async () => {
  harness = await createHarness({ logLevel: 'info' }, { write: (line) => logLines.push(line) });
  https = await createHarness({ baseUrl: 'https://passend.example.nl', secureCookies: true });
});
afterAll(async () => {
  await harness.close();
  await https.close();
});

describe('operations: headers, API description, logs', () => {
  it('sends a CSP without inline scripts or styles, and no HSTS over plain http', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('compresses an answer of 1 kB or more for a client that accepts it, brotli first (issue 16)', async () => {
    const ask = (encoding?: string) =>
      harness.app.inject({
        method: 'GET',
        url: '/api/openapi.json',
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });
    const plain = await ask();
    expect(plain.headers['content-encoding']).toBeUndefined();
    const brotli = await ask('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
    const gzip = await ask('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    // A small answer is not worth it.
    const small = await harness.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'accept-encoding': 'br' },
    });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('sends a Permissions-Policy and leaves framing to the CSP alone', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(String(response.headers['permissions-policy'])).toContain('camera=()');
    expect(response.headers['x-frame-options']).toBeUndefined();
  });

  it('tells browsers and proxies to keep no copy of API answers, errors included', async () => {
    const tenant = await harness.createTenant();
    const client = await harness.signedIn(
      await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]),
    );
    for (const response of [
      await client.get('/api/users'),
      await client.get('/api/session'),
      await client.get(`/api/users/${crypto.randomUUID()}`),
      await harness.client().get('/api/users'),
    ])
      expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS when Passend runs behind https', async () => {
    const response = await https.app.inject({ method: 'GET', url: '/healthz' });
    expect(String(response.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
  });

  it('describes the API in an OpenAPI document generated from the request schemas', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const signIn = document.paths['/api/auth/sign-in'].post;
    expect(signIn.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(Object.keys(document.paths)).toContain('/api/users');
  });

  it('logs requests as JSON without e-mail addresses, passwords, cookies, tokens or query strings', async () => {
    const tenant = await harness.createTenant();
    const user = await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }], {
      email: 'geheim.adres@school.test',
    });
    const client = await harness.signedIn(user);
    await client.get('/api/users?q=Jansen');
    await client.post('/api/auth/sign-in', {
      email: 'onbekend.adres@school.test',
      password: 'Fout-wachtwoord-1',
    });
    await client.post('/api/users', {
      email: 'geheim.adres@school.test',
      name: 'Dubbel',
      roles: [{ role: 'coordinator' }],
    });
    expect(logLines.length).toBeGreaterThan(4);
    const log = logLines.join('\n');
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(log).toContain('/api/users');
    // One line per request (issue 16): its method, path and status, nothing of what was sent.
    const requestLines = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.req);
    const ids = requestLines.map((entry) => entry.req.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(requestLines).toContainEqual(
      expect.objectContaining({
        msg: 'request completed',
        req: expect.objectContaining({ method: 'GET', path: '/api/users' }),
        res: { statusCode: 200 },
      }),
    );
    for (const secret of [
      'geheim.adres',
      'onbekend.adres',
      testPassword,
      'Fout-wachtwoord-1',
      'Jansen',
      client.sessionToken ?? 'no-token',
      'passend_session=',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('LOG_REQUESTS=false writes no line per request, but an error still (issue 16)', async () => {
    const lines: string[] = [];
    const quiet = await createHarness(
      { logLevel: 'info', logRequests: false },
      { write: (line) => lines.push(line) },
    );
    try {
      const tenant = await quiet.createTenant();
      const user = await quiet.createUser(tenant.tenantId, [{ role: 'coordinator' }]);
      const client = await quiet.signedIn(user);
      await client.get('/api/session');
      quiet.services.mailer.send = () => Promise.reject(new Error('the mail server is away'));
      expect((await quiet.client().post('/api/auth/password/forgot', { email: user.email })).statusCode).toBe(
        202,
      );
      await quiet.services.auth.whenIdle();
      const entries = lines.map((line) => JSON.parse(line));
      expect(entries.filter((entry) => entry.req || entry.msg === 'request completed')).toEqual([]);
      expect(entries).toContainEqual(
        expect.objectContaining({ level: 50, msg: 'sign-in work after the answer failed' }),
      );
    } finally {
      await quiet.close();
    }
  });
});
