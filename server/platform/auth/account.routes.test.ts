import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, clientAt, json, signInFully, tokenFromMail, totpCode } from '../../test/auth-helpers.ts';
import { createHarness, type Harness, type TestClient, testPassword } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';

let harness: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let tenant: Awaited<ReturnType<Harness['createTenant']>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  tenant = await harness.createTenant(['a']);
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

const newPassword = 'paarse-olifant-fietst-naar-zee';
const newUser = (options: { enrolled?: boolean } = {}) =>
  harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }], options);

async function signInWithPassword(email: string, password = testPassword): Promise<TestClient> {
  const client = clientAt(harness);
  const response = await client.post('/api/auth/sign-in', { email, password });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return client;
}

async function enrol(client: TestClient) {
  const start = await client.post('/api/auth/mfa/enrol/start');
  expect(start.statusCode).toBe(200);
  const { secret } = json(start);
  const confirm = await client.post('/api/auth/mfa/enrol/confirm', { code: await generate({ secret }) });
  expect(confirm.statusCode).toBe(200);
  return { secret: secret as string, recoveryCodes: json(confirm).recoveryCodes as string[] };
}

/** Asks for a reset link and returns the token from the mail that arrives. */
async function resetTokenFor(email: string): Promise<string> {
  const before = smtp.received.length;
  const response = await clientAt(harness).post('/api/auth/password/forgot', { email });
  expect(response.statusCode).toBe(202);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const mail = smtp.received
      .slice(before)
      .find((candidate) => JSON.stringify(candidate.to).includes(email));
    if (mail) return tokenFromMail(mail.text, '/wachtwoord-herstellen');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no reset mail to ${email}`);
}

async function signInStatus(email: string, password: string): Promise<number> {
  return (await clientAt(harness).post('/api/auth/sign-in', { email, password })).statusCode;
}

describe('MFA enrolment', () => {
  it('an unenrolled user gets state mfa_enrol after the password and cannot reach protected routes', async () => {
    const user = await newUser({ enrolled: false });
    const client = clientAt(harness);
    const response = await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
    expect(response.statusCode).toBe(200);
    expect(json(response).state).toBe('mfa_enrol');
    expect(json(await client.get('/api/session')).state).toBe('mfa_enrol');
    expect((await client.get('/api/users')).statusCode).toBe(401);
    // The TOTP challenge is not the way in for an unenrolled user.
    expect((await client.post('/api/auth/mfa/verify', { code: '123456' })).statusCode).toBe(401);
  });

  it('enrol/start returns a secret, an otpauth URL and a PNG QR code', async () => {
    const user = await newUser({ enrolled: false });
    const client = await signInWithPassword(user.email);
    const response = await client.post('/api/auth/mfa/enrol/start');
    expect(response.statusCode).toBe(200);
    const body = json(response);
    expect(body.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(body.otpauthUrl).toContain(`secret=${body.secret}`);
    expect(body.otpauthUrl).toContain('issuer=Passend');
    expect(body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]{100,}/);
  });

  it('a wrong code is refused with 400 on field code; a right code gives 10 distinct recovery codes and a full session', async () => {
    const user = await newUser({ enrolled: false });
    const client = await signInWithPassword(user.email);
    const start = json(await client.post('/api/auth/mfa/enrol/start'));
    const valid = await generate({ secret: start.secret });
    const wrong = String((Number(valid) + 500_000) % 1_000_000).padStart(6, '0');
    const refused = await client.post('/api/auth/mfa/enrol/confirm', { code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).error.fields).toEqual([
      expect.objectContaining({ path: 'code', code: 'invalid_code' }),
    ]);
    expect(json(await client.get('/api/session')).state).toBe('mfa_enrol');

    const confirmed = await client.post('/api/auth/mfa/enrol/confirm', { code: valid });
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = json(confirmed).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const session = json(await client.get('/api/session'));
    expect(session.state).toBe('signed_in');
    expect(session.user.recoveryCodesLeft).toBe(10);
    expect((await client.get('/api/users')).statusCode).toBe(200);
  });

  it('a recovery code replaces the TOTP code once; recoveryCodesLeft drops to 9; the same code again is refused', async () => {
    const user = await newUser({ enrolled: false });
    const { recoveryCodes } = await enrol(await signInWithPassword(user.email));
    const code = recoveryCodes[0] as string;

    const client = await signInWithPassword(user.email);
    expect(json(await client.get('/api/session')).state).toBe('mfa_challenge');
    const recovered = await client.post('/api/auth/mfa/recover', { recoveryCode: code });
    expect(recovered.statusCode).toBe(200);
    expect(json(recovered)).toMatchObject({ state: 'signed_in', user: { recoveryCodesLeft: 9 } });
    expect(json(await client.get('/api/session')).user.recoveryCodesLeft).toBe(9);

    const again = await signInWithPassword(user.email);
    const reused = await again.post('/api/auth/mfa/recover', { recoveryCode: code });
    expect(reused.statusCode).toBe(401);
    expect(json(reused).error.code).toBe('invalid_code');
    expect(json(await again.get('/api/session')).state).toBe('mfa_challenge');
    expect((await auditOf(harness, user.userId)).map((row) => row.event)).toContain(
      'auth.recovery_code_used',
    );
  });
});

describe('password reset by e-mail', () => {
  it('answers 202 for known and unknown addresses alike; only the known one gets a mail with the reset link', async () => {
    const user = await newUser();
    const unknown = `nobody-${Date.now()}@school.test`;
    const first = await clientAt(harness).post('/api/auth/password/forgot', { email: unknown });
    const second = await clientAt(harness).post('/api/auth/password/forgot', { email: user.email });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(first.body).toBe(second.body);
    const mail = await smtp.waitForMail(user.email);
    expect(mail.text).toContain(`${harness.config.baseUrl}/wachtwoord-herstellen#token=`);
    await harness.services.auth.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.some((candidate) => JSON.stringify(candidate.to).includes(unknown))).toBe(false);
  });

  it('finding 10: a known address gets the same 202 even when its link or mail fails; the log names no address', async () => {
    const lines: string[] = [];
    const logged = await createHarness({ logLevel: 'info' }, { write: (line) => lines.push(line) });
    try {
      const partnership = await logged.createTenant(['a']);
      const user = await logged.createUser(partnership.tenantId, [{ role: 'coordinator' }]);
      logged.services.mailer.send = () => Promise.reject(new Error(`mail to ${user.email} refused`));
      const known = await clientAt(logged).post('/api/auth/password/forgot', { email: user.email });
      const unknown = await clientAt(logged).post('/api/auth/password/forgot', {
        email: 'nobody-at-all@school.test',
      });
      expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body]);
      expect(known.statusCode).toBe(202);
      await logged.services.auth.whenIdle();
      const failure = lines.find((line) => line.includes('after the answer failed'));
      expect(failure).toBeDefined();
      expect(lines.join('\n')).not.toContain(user.email);
      // The failed work left nothing half done: no link was stored.
      const [links] = await logged.database.queryAsOwner<{ count: number }>(
        sql`select count(*)::int as count from user_tokens where user_id = ${user.userId}`,
      );
      expect(links?.count).toBe(0);
    } finally {
      await logged.close();
    }
  });

  it('the token sets a new password (204), the old password stops working, and the token is single-use', async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.email);
    const reset = await clientAt(harness).post('/api/auth/password/reset', { token, password: newPassword });
    expect(reset.statusCode).toBe(204);
    expect(await signInStatus(user.email, testPassword)).toBe(401);
    expect(await signInStatus(user.email, newPassword)).toBe(200);

    const reuse = await clientAt(harness).post('/api/auth/password/reset', {
      token,
      password: 'nog-een-heel-ander-wachtwoord',
    });
    expect(reuse.statusCode).toBe(422);
    expect(json(reuse).error.code).toBe('invalid_token');
    expect(await signInStatus(user.email, newPassword)).toBe(200);
  });

  it('the link is valid for 1 hour; an expired token is refused with 422 invalid_token', async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.email);
    const [row] = await harness.database.queryAsOwner<{ minutes: number }>(
      sql`select extract(epoch from expires_at - created_at) / 60 as minutes from user_tokens where user_id = ${user.userId} and purpose = 'password_reset'`,
    );
    expect(Number(row?.minutes)).toBeCloseTo(60, 1);
    await harness.database.queryAsOwner(
      sql`update user_tokens set expires_at = now() - interval '1 second' where user_id = ${user.userId}`,
    );
    const response = await clientAt(harness).post('/api/auth/password/reset', {
      token,
      password: newPassword,
    });
    expect(response.statusCode).toBe(422);
    expect(json(response).error.code).toBe('invalid_token');
    expect(await signInStatus(user.email, testPassword)).toBe(200);
  });

  it('a too short or common new password is refused with 400 on field password, and the token stays usable', async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.email);
    const short = await clientAt(harness).post('/api/auth/password/reset', {
      token,
      password: 'kort-11-tkn',
    });
    expect(short.statusCode).toBe(400);
    expect(json(short).error.fields).toEqual([
      expect.objectContaining({ path: 'password', code: 'too_short' }),
    ]);
    const common = await clientAt(harness).post('/api/auth/password/reset', {
      token,
      password: 'qwerty123456',
    });
    expect(common.statusCode).toBe(400);
    expect(json(common).error.fields).toEqual([
      expect.objectContaining({ path: 'password', code: 'password_too_common' }),
    ]);
    expect(await signInStatus(user.email, testPassword)).toBe(200);
    const good = await clientAt(harness).post('/api/auth/password/reset', { token, password: newPassword });
    expect(good.statusCode).toBe(204);
  });

  it('A2: a reset ends every existing session of the user', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    expect(json(await client.get('/api/session')).state).toBe('signed_in');
    const token = await resetTokenFor(user.email);
    expect(
      (await clientAt(harness).post('/api/auth/password/reset', { token, password: newPassword })).statusCode,
    ).toBe(204);
    expect(json(await client.get('/api/session')).state).toBe('anonymous');
    expect((await client.get('/api/users')).statusCode).toBe(401);
  });

  it('A2: using the newer of two reset links retires the older one (422 invalid_token)', async () => {
    const user = await newUser();
    const older = await resetTokenFor(user.email);
    const newer = await resetTokenFor(user.email);
    expect(newer).not.toBe(older);
    expect(
      (await clientAt(harness).post('/api/auth/password/reset', { token: newer, password: newPassword }))
        .statusCode,
    ).toBe(204);
    const stale = await clientAt(harness).post('/api/auth/password/reset', {
      token: older,
      password: 'nog-een-heel-ander-wachtwoord',
    });
    expect(stale.statusCode).toBe(422);
    expect(json(stale).error.code).toBe('invalid_token');
    expect(await signInStatus(user.email, newPassword)).toBe(200);
  });

  it('A1: a reset link does not clear the failure count: one more wrong attempt after it locks', async () => {
    const user = await newUser();
    await harness.updateUser(tenant.tenantId, user.userId, { failedSignIns: 4 });
    const token = await resetTokenFor(user.email);
    expect(
      (await clientAt(harness).post('/api/auth/password/reset', { token, password: newPassword })).statusCode,
    ).toBe(204);
    expect(await signInStatus(user.email, 'not-the-new-password-either')).toBe(401);
    expect(await signInStatus(user.email, newPassword)).toBe(401);
  });

  it('A2: changing the password retires an outstanding reset link', async () => {
    const user = await newUser();
    const outstanding = await resetTokenFor(user.email);
    const client = await signInFully(harness, user);
    expect(
      (await client.post('/api/account/password', { currentPassword: testPassword, newPassword })).statusCode,
    ).toBe(204);
    const stale = await clientAt(harness).post('/api/auth/password/reset', {
      token: outstanding,
      password: 'nog-een-heel-ander-wachtwoord',
    });
    expect(stale.statusCode).toBe(422);
    expect(json(stale).error.code).toBe('invalid_token');
    expect(await signInStatus(user.email, newPassword)).toBe(200);
  });
});

describe('my account', () => {
  it('changing the password with a wrong current password is refused on field currentPassword', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    const response = await client.post('/api/account/password', {
      currentPassword: 'this-is-not-my-password',
      newPassword,
    });
    expect(response.statusCode).toBe(400);
    expect(json(response).error.fields).toEqual([
      expect.objectContaining({ path: 'currentPassword', code: 'wrong_password' }),
    ]);
    expect(await signInStatus(user.email, testPassword)).toBe(200);
  });

  it('A2: changing the password (204) ends other sessions and keeps the own one', async () => {
    const user = await newUser();
    const own = await signInFully(harness, user);
    const other = await signInFully(harness, user, { stepsAhead: 1 });
    expect(json(await other.get('/api/session')).state).toBe('signed_in');
    const response = await own.post('/api/account/password', { currentPassword: testPassword, newPassword });
    expect(response.statusCode).toBe(204);
    expect(json(await own.get('/api/session')).state).toBe('signed_in');
    expect(json(await other.get('/api/session')).state).toBe('anonymous');
    expect(await signInStatus(user.email, testPassword)).toBe(401);
    expect(await signInStatus(user.email, newPassword)).toBe(200);
  });

  it('resetting MFA with the password returns to mfa_enrol; a new enrolment works and the old secret does not', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    const wrong = await client.post('/api/account/mfa/reset', { password: 'this-is-not-my-password' });
    expect(wrong.statusCode).toBe(400);
    expect(json(await client.get('/api/session')).state).toBe('signed_in');

    const response = await client.post('/api/account/mfa/reset', { password: testPassword });
    expect(response.statusCode).toBe(200);
    expect(json(response).state).toBe('mfa_enrol');
    expect((await client.get('/api/users')).statusCode).toBe(401);
    const { secret } = await enrol(client);
    expect(secret).not.toBe(user.secret);
    expect(json(await client.get('/api/session')).state).toBe('signed_in');

    // Next sign-in: the old authenticator's code is refused, the new one works.
    const next = await signInWithPassword(user.email);
    expect(
      (await next.post('/api/auth/mfa/verify', { code: await totpCode(user.secret, 1) })).statusCode,
    ).toBe(401);
    expect((await next.post('/api/auth/mfa/verify', { code: await totpCode(secret, 1) })).statusCode).toBe(
      200,
    );
  });

  it('PATCH /api/account {locale: en} makes the error messages English', async () => {
    const user = await newUser();
    const client = await signInFully(harness, user);
    const wrongPassword = { currentPassword: 'this-is-not-my-password', newPassword };
    const dutch = json(await client.post('/api/account/password', wrongPassword)).error;
    expect((await client.patch('/api/account', { locale: 'en' })).statusCode).toBe(204);
    const english = json(await client.post('/api/account/password', wrongPassword)).error;
    expect(english.code).toBe(dutch.code);
    expect(english.message).not.toBe(dutch.message);
    expect(english.fields[0].message).not.toBe(dutch.fields[0].message);
    expect(english.fields[0].message).toBe('This password is not correct.');
    expect(json(await client.get('/api/session')).user.locale).toBe('en');
  });
});
