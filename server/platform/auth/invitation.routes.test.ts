import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAt, json, signInFully, tokenFromMail } from '../../test/auth-helpers.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';

const chosenPassword = 'zeven-groene-kikkers-springen';

describe('invitations (real SMTP)', () => {
  let harness: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let tenant: Awaited<ReturnType<Harness['createTenant']>>;
  let otherTenant: Awaited<ReturnType<Harness['createTenant']>>;
  let admin: TestClient;
  let invitations = 0;
  const nextEmail = () => {
    invitations += 1;
    return `invitee-${invitations}-${Date.now()}@school.test`;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    harness = await createHarness({ smtpUrl: smtp.url });
    tenant = await harness.createTenant(['a', 'b']);
    otherTenant = await harness.createTenant(['foreign']);
    admin = await signInFully(
      harness,
      await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]),
    );
  });
  afterAll(async () => {
    await harness.close();
    await smtp.close();
  });

  it('an invited colleague gets a link, sees whose account it is, sets a password, enrols TOTP and has the role', async () => {
    const email = nextEmail();
    const created = await admin.post('/api/users', {
      email,
      name: 'Ineke Intern',
      roles: [{ role: 'internal_coordinator', teamRole: null, locationId: tenant.locationIds.a }],
    });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({
      email,
      name: 'Ineke Intern',
      status: 'invited',
      mfaEnrolled: false,
    });

    const mail = await smtp.waitForMail(email);
    expect(mail.text).toContain(`${harness.config.baseUrl}/uitnodiging#token=`);
    const token = tokenFromMail(mail.text, '/uitnodiging');

    const invitee = clientAt(harness);
    const inspected = await invitee.post('/api/auth/invitation/inspect', { token });
    expect(inspected.statusCode).toBe(200);
    const [tenantRow] = await harness.database.queryAsOwner<{ name: string }>(
      sql`select name from tenants where id = ${tenant.tenantId}`,
    );
    expect(json(inspected)).toEqual({ name: 'Ineke Intern', email, tenantName: tenantRow?.name });

    const accepted = await invitee.post('/api/auth/invitation/accept', { token, password: chosenPassword });
    expect(accepted.statusCode).toBe(200);
    expect(json(accepted).state).toBe('mfa_enrol');
    expect((await invitee.get('/api/locations')).statusCode).toBe(401);

    const { secret } = json(await invitee.post('/api/auth/mfa/enrol/start'));
    const confirmed = await invitee.post('/api/auth/mfa/enrol/confirm', { code: await generate({ secret }) });
    expect(confirmed.statusCode).toBe(200);
    const session = json(await invitee.get('/api/session'));
    expect(session).toMatchObject({
      state: 'signed_in',
      user: {
        email,
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
    });

    // The link worked once: neither inspecting nor accepting it again is possible.
    expect((await clientAt(harness).post('/api/auth/invitation/inspect', { token })).statusCode).toBe(422);
    const again = await clientAt(harness).post('/api/auth/invitation/accept', {
      token,
      password: 'een-ander-lang-wachtwoord',
    });
    expect(again.statusCode).toBe(422);
    expect(json(again).error.code).toBe('invalid_token');
  });

  const inviteExisting = (email: string) =>
    admin.post('/api/users', {
      email,
      name: 'Dubbel',
      roles: [{ role: 'coordinator', teamRole: null, locationId: null }],
    });

  it('inviting an e-mail address that already has an account here is refused with 409 email_in_use', async () => {
    const existing = await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]);
    const response = await inviteExisting(existing.email.toUpperCase());
    expect(response.statusCode).toBe(409);
    expect(json(response).error).toMatchObject({
      code: 'email_in_use',
      fields: [expect.objectContaining({ path: 'email', code: 'email_in_use' })],
    });
  });

  it('inviting an e-mail address that has an account in another partnership is refused with 409 email_in_use', async () => {
    // Addresses are unique over all partnerships (sign-in needs only the address).
    const existing = await harness.createUser(otherTenant.tenantId, [{ role: 'coordinator' }]);
    const response = await inviteExisting(existing.email);
    expect({ status: response.statusCode, code: json(response).error?.code }).toEqual({
      status: 409,
      code: 'email_in_use',
    });
  });

  it('a user who is not a functional admin cannot invite (403)', async () => {
    const coordinator = await signInFully(
      harness,
      await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]),
    );
    const email = nextEmail();
    const response = await coordinator.post('/api/users', {
      email,
      name: 'Niet toegestaan',
      roles: [{ role: 'coordinator', teamRole: null, locationId: null }],
    });
    expect(response.statusCode).toBe(403);
    expect(json(response).error.code).toBe('forbidden');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.some((mail) => JSON.stringify(mail.to).includes(email))).toBe(false);
  });

  it('P6: a location of another partnership is refused with 400 on field roles.0.locationId', async () => {
    const email = nextEmail();
    const response = await admin.post('/api/users', {
      email,
      name: 'Verkeerde school',
      roles: [{ role: 'teacher', teamRole: null, locationId: otherTenant.locationIds.foreign }],
    });
    expect(response.statusCode).toBe(400);
    expect(json(response).error.fields).toEqual([expect.objectContaining({ path: 'roles.0.locationId' })]);
    const list = json(await admin.get(`/api/users?q=${encodeURIComponent(email)}`));
    expect(list.total).toBe(0);
  });

  it('a location-scoped role without a location is refused with 400 location_required on roles.0.locationId', async () => {
    const response = await admin.post('/api/users', {
      email: nextEmail(),
      name: 'Geen school',
      roles: [{ role: 'internal_coordinator', teamRole: null, locationId: null }],
    });
    expect(response.statusCode).toBe(400);
    expect(json(response).error.fields).toEqual([
      expect.objectContaining({ path: 'roles.0.locationId', code: 'location_required' }),
    ]);
  });
});

describe('outbox mode (no SMTP server configured)', () => {
  let harness: Harness;
  let tenant: Awaited<ReturnType<Harness['createTenant']>>;

  beforeAll(async () => {
    harness = await createHarness();
    tenant = await harness.createTenant(['a']);
  });
  afterAll(() => harness.close());

  it('a password reset mail is kept in the outbox: a functional admin reads it (200), a coordinator may not (403)', async () => {
    const user = await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]);
    const forgot = await clientAt(harness).post('/api/auth/password/forgot', { email: user.email });
    expect(forgot.statusCode).toBe(202);

    const adminUser = await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]);
    const admin = await signInFully(harness, adminUser);
    expect(json(await admin.get('/api/session')).outboxEnabled).toBe(true);
    const outbox = await admin.get('/api/outbox');
    expect(outbox.statusCode).toBe(200);
    const mails = json(outbox).items.filter((mail: { to: string }) => mail.to === user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Nieuw wachtwoord instellen voor Passend');
    const token = tokenFromMail(mails[0].text, '/wachtwoord-herstellen');

    // The stored link works like a mailed one.
    const reset = await clientAt(harness).post('/api/auth/password/reset', {
      token,
      password: 'een-nieuw-lang-wachtwoord',
    });
    expect(reset.statusCode).toBe(204);

    const coordinator = await signInFully(harness, user, { password: 'een-nieuw-lang-wachtwoord' });
    const refused = await coordinator.get('/api/outbox');
    expect(refused.statusCode).toBe(403);
    expect(json(refused).error.code).toBe('forbidden');
  });

  it('an unknown address leaves nothing in the outbox', async () => {
    const before = await countOutbox(harness);
    expect(
      (await clientAt(harness).post('/api/auth/password/forgot', { email: 'niemand@school.test' }))
        .statusCode,
    ).toBe(202);
    expect(await countOutbox(harness)).toBe(before);
  });
});

async function countOutbox(harness: Harness): Promise<number> {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from outbox_mails`,
  );
  return Number(row?.n);
}
