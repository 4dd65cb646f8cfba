import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  clientAt,
  clientWithToken,
  freshAddress,
  json,
  signInFully,
  totpCode,
} from '../../test/auth-helpers.ts';
import { createHarness, type Harness, testPassword } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import { csrfCookie, csrfHeader, sessionCookie } from '../http/request-context.ts';

let harness: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let tenant: Awaited<ReturnType<Harness['createTenant']>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  tenant = await harness.createTenant(['a', 'b']);
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

const newUser = (options: { enrolled?: boolean } = {}) =>
  harness.createUser(tenant.tenantId, [{ role: 'coordinator' }], options);

/** A code that is none of the codes the server accepts right now (previous, current, next step). */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set([await totpCode(secret, -1), await totpCode(secret, 0), await totpCode(secret, 1)]);
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate += 1;
  return String(candidate).padStart(6, '0');
}

async function sessionsOf(userId: string) {
  return harness.database.queryAsOwner<{ stage: string; age_hours: number }>(
    sql`select stage, extract(epoch from expires_at - created_at) / 3600 as age_hours from sessions where user_id = ${userId}`,
  );
}

function sessionCookieOf(response: {
  cookies: Array<{ name: string; value: string } & Record<string, unknown>>;
}) {
  return response.cookies.find((cookie) => cookie.name === sessionCookie);
}

describe('sign-in with password and TOTP', () => {
  it('password + TOTP code gives a full session with roles and permissions', async () => {
    const user = await harness.createUser(tenant.tenantId, [
      { role: 'internal_coordinator', locationId: tenant.locationIds.a },
    ]);
    const client = clientAt(harness);
    const first = await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    expect(first.statusCode).toBe(200);
    expect(json(first)).toMatchObject({ state: 'mfa_challenge' });
    const second = await client.post('/api/auth/mfa/verify', { code: await totpCode(user.secret) });
    expect(second.statusCode).toBe(200);
    const session = json(await client.get('/api/session'));
    expect(session).toMatchObject({
      state: 'signed_in',
      user: {
        id: user.userId,
        email: user.email,
        roles: [
          {
            role: 'internal_coordinator',
            teamRole: null,
            locationId: tenant.locationIds.a,
            locationName: 'School a',
          },
        ],
      },
      tenant: { id: tenant.tenantId },
      outboxEnabled: false,
    });
    expect(session.permissions).toContain('account.manage');
    expect(session.permissions).not.toContain('users.invite');
  });

  it('a wrong TOTP code is refused with 401 invalid_code and leaves the session unfinished', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    const response = await client.post('/api/auth/mfa/verify', { code: await wrongCode(user.secret) });
    expect(response.statusCode).toBe(401);
    expect(json(response).error.code).toBe('invalid_code');
    expect(json(await client.get('/api/session')).state).toBe('mfa_challenge');
  });

  it('a TOTP code cannot be used twice: the replay is refused with 401 code_already_used (issue 16)', async () => {
    const user = await newUser();
    const code = await totpCode(user.secret);
    const first = clientAt(harness);
    await first.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    expect((await first.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);

    const second = clientAt(harness);
    expect(
      (await second.post('/api/auth/sign-in', { email: user.email, password: testPassword })).statusCode,
    ).toBe(200);
    const replay = await second.post('/api/auth/mfa/verify', { code });
    expect(replay.statusCode).toBe(401);
    expect(json(replay).error).toMatchObject({
      code: 'code_already_used',
      message: 'Deze code is al gebruikt. Wacht op de volgende code.',
    });
    expect(json(await second.get('/api/session')).state).toBe('mfa_challenge');
    // A wrong code is still just wrong.
    const wrong = await second.post('/api/auth/mfa/verify', { code: await wrongCode(user.secret) });
    expect(json(wrong).error.code).toBe('invalid_code');
  });

  it('a password-only session cannot reach a protected route (401)', async () => {
    const admin = await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]);
    const client = clientAt(harness);
    await client.post('/api/auth/sign-in', { email: admin.email, password: testPassword });
    const response = await client.get('/api/users');
    expect(response.statusCode).toBe(401);
    expect(json(response).error.code).toBe('unauthenticated');
    // The same admin with both factors does get in: the 401 was the missing second factor.
    await client.post('/api/auth/mfa/verify', { code: await totpCode(admin.secret) });
    expect((await client.get('/api/users')).statusCode).toBe(200);
  });

  it('unknown e-mail, wrong password and a locked account get exactly the same answer', async () => {
    const known = await newUser();
    const locked = await newUser();
    await harness.updateUser(tenant.tenantId, locked.userId, { lockedUntil: new Date(Date.now() + 600_000) });
    const client = clientAt(harness);
    const answers = [];
    for (const body of [
      { email: 'nobody-here@school.test', password: testPassword },
      { email: known.email, password: 'not-the-password-at-all' },
      { email: locked.email, password: testPassword },
    ]) {
      const response = await client.post('/api/auth/sign-in', body);
      const { code, message, fields } = json(response).error;
      answers.push({
        status: response.statusCode,
        code,
        message,
        fields,
        cookie: !!sessionCookieOf(response),
      });
    }
    expect(answers[0]).toEqual({
      status: 401,
      code: 'invalid_credentials',
      message: expect.any(String),
      fields: undefined,
      cookie: false,
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});

describe('lockout after failed attempts', () => {
  it('5 wrong passwords lock the account: the correct password is refused until the lock ends', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await client.post('/api/auth/sign-in', {
        email: user.email,
        password: `wrong-${attempt}-password`,
      });
      expect(response.statusCode).toBe(401);
    }
    const sixth = await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    expect(sixth.statusCode).toBe(401);
    expect(json(sixth).error.code).toBe('invalid_credentials');

    await harness.updateUser(tenant.tenantId, user.userId, { lockedUntil: new Date(Date.now() - 1000) });
    const afterLock = await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    expect(afterLock.statusCode).toBe(200);
    expect(json(afterLock).state).toBe('mfa_challenge');
  });

  it('the lock writes audit auth.account_locked and mails the user', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await client.post('/api/auth/sign-in', { email: user.email, password: `wrong-${attempt}-password` });
    }
    // A wrong password is counted just after the answer, so the answer's timing says nothing.
    await harness.services.auth.whenIdle();
    const events = (await auditOf(harness, user.userId)).map((row) => row.event);
    expect(events.filter((event) => event === 'auth.sign_in_failed')).toHaveLength(4);
    expect(events).toContain('auth.account_locked');
    const mail = await smtp.waitForMail(user.email);
    expect(mail.subject).toBe('Je Passend-account is tijdelijk geblokkeerd');
    expect(mail.text).toContain('15 minuten');
  });

  it('wrong TOTP codes count towards the lock too', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    const wrong = await wrongCode(user.secret);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await client.post('/api/auth/mfa/verify', { code: wrong })).statusCode).toBe(401);
    }
    // The half-finished session is gone, and the correct code no longer helps.
    expect(
      (await client.post('/api/auth/mfa/verify', { code: await totpCode(user.secret) })).statusCode,
    ).toBe(401);
    expect(await sessionsOf(user.userId)).toHaveLength(0);
    const again = await clientAt(harness).post('/api/auth/sign-in', {
      email: user.email,
      password: testPassword,
    });
    expect(again.statusCode).toBe(401);
    expect((await auditOf(harness, user.userId)).map((row) => row.event)).toContain('auth.account_locked');
  });

  it('A1: a right password does not wipe wrong codes: password + 4 wrong codes, password again + 1 wrong code locks', async () => {
    const user = await newUser();
    const wrong = await wrongCode(user.secret);
    const first = clientAt(harness);
    expect(
      (await first.post('/api/auth/sign-in', { email: user.email, password: testPassword })).statusCode,
    ).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await first.post('/api/auth/mfa/verify', { code: wrong })).statusCode).toBe(401);
    }
    const second = clientAt(harness);
    expect(
      (await second.post('/api/auth/sign-in', { email: user.email, password: testPassword })).statusCode,
    ).toBe(200);
    expect((await second.post('/api/auth/mfa/verify', { code: wrong })).statusCode).toBe(401);

    // Locked: the right password is refused now, and the right code does not finish the old attempt.
    expect(
      (await second.post('/api/auth/mfa/verify', { code: await totpCode(user.secret) })).statusCode,
    ).toBe(401);
    const third = await clientAt(harness).post('/api/auth/sign-in', {
      email: user.email,
      password: testPassword,
    });
    expect(third.statusCode).toBe(401);
    expect(json(third).error.code).toBe('invalid_credentials');
    expect((await auditOf(harness, user.userId)).map((row) => row.event)).toContain('auth.account_locked');
  });

  it('A1: wrong passwords, wrong codes and wrong recovery codes add up to one lockout', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    for (const password of ['wrong-password-one', 'wrong-password-two']) {
      expect((await client.post('/api/auth/sign-in', { email: user.email, password })).statusCode).toBe(401);
    }
    expect(
      (await client.post('/api/auth/sign-in', { email: user.email, password: testPassword })).statusCode,
    ).toBe(200);
    expect(
      (await client.post('/api/auth/mfa/verify', { code: await wrongCode(user.secret) })).statusCode,
    ).toBe(401);
    expect((await client.post('/api/auth/mfa/recover', { recoveryCode: 'AAAA-BBBB-CCCC' })).statusCode).toBe(
      401,
    );
    // The fifth failure, whatever its kind, locks.
    expect(
      (await client.post('/api/auth/sign-in', { email: user.email, password: 'wrong-password-three' }))
        .statusCode,
    ).toBe(401);
    await harness.services.auth.whenIdle();
    const [row] = await harness.database.queryAsOwner<{ locked: boolean }>(
      sql`select locked_until > now() as locked from users where id = ${user.userId}`,
    );
    expect(row?.locked).toBe(true);
  });

  it('A1: the count resets only after a complete sign-in (both factors)', async () => {
    const user = await newUser();
    const wrong = await wrongCode(user.secret);
    const failing = clientAt(harness);
    await failing.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await failing.post('/api/auth/mfa/verify', { code: wrong })).statusCode).toBe(401);
    }
    await signInFully(harness, user);
    const [afterFull] = await harness.database.queryAsOwner<{ failed: number }>(
      sql`select failed_sign_ins as failed from users where id = ${user.userId}`,
    );
    expect(Number(afterFull?.failed)).toBe(0);
    // Four more failures after the complete sign-in do not lock: the earlier four were forgiven.
    const again = clientAt(harness);
    await again.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await again.post('/api/auth/mfa/verify', { code: wrong })).statusCode).toBe(401);
    }
    expect(
      (await again.post('/api/auth/mfa/verify', { code: await totpCode(user.secret, 1) })).statusCode,
    ).toBe(200);
  });
});

describe('per-address rate limit', () => {
  it('more than 20 sign-in requests a minute from one address get 429 rate_limited; another address does not', async () => {
    const address = freshAddress();
    const client = clientAt(harness, address);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const response = await client.post('/api/auth/sign-in', {
        email: `stranger-${attempt}@school.test`,
        password: 'not-a-real-password',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    const limited = await client.post('/api/auth/sign-in', { email: 'stranger@school.test', password: 'x' });
    expect(limited.statusCode).toBe(429);
    expect(json(limited).error.code).toBe('rate_limited');

    const other = await clientAt(harness).post('/api/auth/sign-in', {
      email: 'stranger@school.test',
      password: 'x',
    });
    expect(other.statusCode).toBe(401);
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and not Secure on plain http', async () => {
    const user = await newUser();
    const response = await clientAt(harness).post('/api/auth/sign-in', {
      email: user.email,
      password: testPassword,
    });
    const cookie = sessionCookieOf(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(cookie?.secure).toBeFalsy();
  });

  it('is Secure (and so is the CSRF cookie) when the app runs on https with secureCookies', async () => {
    const secure = await createHarness({ baseUrl: 'https://passend.example', secureCookies: true });
    try {
      const secureTenant = await secure.createTenant(['x']);
      const user = await secure.createUser(secureTenant.tenantId, [{ role: 'coordinator' }]);
      const client = clientAt(secure);
      const response = await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
      expect(response.statusCode).toBe(200);
      expect(sessionCookieOf(response)).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
      });
      const health = await secure.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.cookies.find((cookie) => cookie.name === csrfCookie)?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('is rotated at each step: the token after the password no longer works after the TOTP step', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    const afterPassword = client.sessionToken;
    await client.post('/api/auth/mfa/verify', { code: await totpCode(user.secret) });
    const afterTotp = client.sessionToken;
    expect(afterPassword).toBeTruthy();
    expect(afterTotp).toBeTruthy();
    expect(afterTotp).not.toBe(afterPassword);
    expect(json(await clientWithToken(harness, afterPassword as string).get('/api/session')).state).toBe(
      'anonymous',
    );
    expect(json(await clientWithToken(harness, afterTotp as string).get('/api/session')).state).toBe(
      'signed_in',
    );
  });
});

describe('session timeouts', () => {
  it('a session idle for more than 30 minutes ends; 29 minutes is still fine', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    await harness.database.queryAsOwner(
      sql`update sessions set last_seen_at = now() - interval '29 minutes' where user_id = ${user.userId}`,
    );
    expect(json(await client.get('/api/session')).state).toBe('signed_in');
    await harness.database.queryAsOwner(
      sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${user.userId}`,
    );
    expect(json(await client.get('/api/session')).state).toBe('anonymous');
    expect(await sessionsOf(user.userId)).toHaveLength(0);
  });

  it('a session ends at its absolute expiry (12 hours after sign-in), however active', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    const [row] = await sessionsOf(user.userId);
    expect(Number(row?.age_hours)).toBeCloseTo(12, 2);
    await harness.database.queryAsOwner(
      sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where user_id = ${user.userId}`,
    );
    expect(json(await client.get('/api/session')).state).toBe('anonymous');
    expect(await sessionsOf(user.userId)).toHaveLength(0);
  });
});

describe('sign-out', () => {
  it('ends the session (the old cookie no longer works) and writes audit auth.signed_out (P2)', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    const token = client.sessionToken as string;
    const response = await client.post('/api/auth/sign-out');
    expect(response.statusCode).toBe(204);
    expect(sessionCookieOf(response)?.value).toBe('');
    expect(json(await clientWithToken(harness, token).get('/api/session')).state).toBe('anonymous');
    expect(await sessionsOf(user.userId)).toHaveLength(0);
    const signedOut = (await auditOf(harness, user.userId)).filter((row) => row.event === 'auth.signed_out');
    expect(signedOut).toHaveLength(1);
    expect(signedOut[0]?.actor_user_id).toBe(user.userId);
  });
});

describe('CSRF protection (double-submit)', () => {
  it('a POST without the x-csrf-token header is refused with 403 csrf_failed and does not sign in', async () => {
    const user = await newUser();
    const address = freshAddress();
    const health = await harness.app.inject({ method: 'GET', url: '/healthz', remoteAddress: address });
    const csrf = health.cookies.find(
      (cookie: { name: string; value: string }) => cookie.name === csrfCookie,
    )?.value;
    expect(csrf).toBeTruthy();
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: address,
      headers: { cookie: `${csrfCookie}=${csrf}` },
      payload: { email: user.email, password: testPassword },
    });
    expect(response.statusCode).toBe(403);
    expect(json(response).error.code).toBe('csrf_failed');
    expect(sessionCookieOf(response)).toBeUndefined();
    expect(await sessionsOf(user.userId)).toHaveLength(0);
    expect((await auditOf(harness, user.userId)).map((row) => row.event)).not.toContain('auth.signed_in');
  });

  it('a POST with a wrong x-csrf-token header is refused with 403 csrf_failed and does not sign in', async () => {
    const user = await newUser();
    const client = clientAt(harness);
    await client.get('/healthz');
    const wrong = `${client.cookies.get(csrfCookie)}x`.slice(1);
    const response = await client.post(
      '/api/auth/sign-in',
      { email: user.email, password: testPassword },
      { [csrfHeader]: wrong },
    );
    expect(response.statusCode).toBe(403);
    expect(json(response).error.code).toBe('csrf_failed');
    expect(client.sessionToken).toBeUndefined();
    expect(await sessionsOf(user.userId)).toHaveLength(0);
    // The same client with the right header does get in.
    expect(
      (await client.post('/api/auth/sign-in', { email: user.email, password: testPassword })).statusCode,
    ).toBe(200);
  });

  it('a signed-in user cannot be signed out by a cross-site POST without the header', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    const response = await client.post('/api/auth/sign-out', {}, { [csrfHeader]: 'forged-by-another-site' });
    expect(response.statusCode).toBe(403);
    expect(json(await client.get('/api/session')).state).toBe('signed_in');
  });
});

describe('audit of sign-in (P2)', () => {
  it('P2: auth.signed_in and auth.mfa_verified name actor, request id and address, and hold no secrets', async () => {
    const user = await newUser();
    const address = freshAddress();
    const client = clientAt(harness, address);
    await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    const halfToken = client.sessionToken as string;
    const code = await totpCode(user.secret);
    expect((await client.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    const fullToken = client.sessionToken as string;

    const rows = await auditOf(harness, user.userId);
    for (const event of ['auth.signed_in', 'auth.mfa_verified']) {
      const row = rows.find((candidate) => candidate.event === event);
      expect(row, event).toBeDefined();
      expect(row?.actor_user_id).toBe(user.userId);
      expect(row?.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row?.ip).toBe(address);
    }
    const requestIds = rows.map((row) => row.request_id);
    expect(new Set(requestIds).size).toBe(requestIds.length);
    const everything = rows.map((row) => row.full_row).join('\n');
    for (const secret of [
      testPassword,
      code,
      halfToken,
      fullToken,
      halfToken.split('.')[1],
      fullToken.split('.')[1],
      user.secret,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
