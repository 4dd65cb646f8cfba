import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  clientAt,
  clientWithToken,
  json,
  signInFully,
  tokenFromMail,
} from '../../test/auth-helpers.ts';
import { createHarness, type Harness, type TestClient, testPassword } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import { deactivateLeavers, leaverJob } from './accounts.service.ts';

let harness: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let tenant: Awaited<ReturnType<Harness['createTenant']>>;
let other: Awaited<ReturnType<Harness['createTenant']>>;
let admin: TestClient;
let adminUserId: string;
let coordinator: TestClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  tenant = await harness.createTenant(['a']);
  other = await harness.createTenant(['x']);
  const adminUser = await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]);
  adminUserId = adminUser.userId;
  admin = await signInFully(harness, adminUser);
  coordinator = await signInFully(
    harness,
    await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]),
  );
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});
// Tests that run the leaver job on a given day set the clock; the others follow the wall clock.
afterEach(() => harness.clock.set(null));

/** Runs the leaver job's work now, on `day` when given (the kernel's clock), as the schedule would. */
function runLeaverJob(day?: string) {
  if (day) harness.clock.set(day);
  return deactivateLeavers(harness.services.kernel);
}

const teacher = () =>
  harness.createUser(tenant.tenantId, [{ role: 'internal_coordinator', locationId: tenant.locationIds.a }]);
const member = () =>
  harness.createUser(tenant.tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]);

async function statusOf(userId: string): Promise<string | undefined> {
  const [row] = await harness.database.queryAsOwner<{ status: string }>(
    sql`select status from users where id = ${userId}`,
  );
  return row?.status;
}

/** Waits for the next mail to `email` after `before` mails had arrived, and returns its link token. */
async function nextToken(email: string, before: number, path: string): Promise<string> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const mail = smtp.received
      .slice(before)
      .find((candidate) => JSON.stringify(candidate.to).includes(email));
    if (mail) return tokenFromMail(mail.text, path);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no mail to ${email}`);
}

async function signInAnswer(email: string, password: string) {
  const response = await clientAt(harness).post('/api/auth/sign-in', { email, password });
  const { code, message, fields } = json(response).error ?? {};
  const cookie = response.cookies.some((candidate) => candidate.name === 'passend_session');
  return { status: response.statusCode, code, message, fields, cookie };
}

describe('ending an account (P7)', () => {
  it('P7: the functional admin ends an account: its live session stops at once and the row stays', async () => {
    const user = await teacher();
    const session = await signInFully(harness, user);
    expect(json(await session.get('/api/session')).state).toBe('signed_in');

    const response = await admin.post(`/api/users/${user.userId}/deactivate`, { reason: 'left' });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ userId: user.userId, status: 'disabled' });

    expect(json(await session.get('/api/session')).state).toBe('anonymous');
    expect((await session.get('/api/locations')).statusCode).toBe(401);
    const [sessions] = await harness.database.queryAsOwner<{ count: number }>(
      sql`select count(*)::int as count from sessions where user_id = ${user.userId}`,
    );
    expect(sessions?.count).toBe(0);
    // History and authorship stay: the user is still there, marked as ended.
    const [row] = await harness.database.queryAsOwner<{ status: string; deactivated: boolean }>(
      sql`select status, deactivated_at is not null as deactivated from users where id = ${user.userId}`,
    );
    expect(row).toEqual({ status: 'disabled', deactivated: true });
    const ended = (await auditOf(harness, user.userId)).find((event) => event.event === 'users.deactivated');
    expect(ended?.actor_user_id).toBe(adminUserId);
    expect(ended?.details).toMatchObject({ reason: 'left', sessions: 1 });
  });

  it('P7: a deactivated user signs in to exactly the answer of a wrong password, and gets no reset mail', async () => {
    const user = await teacher();
    expect((await admin.post(`/api/users/${user.userId}/deactivate`, {})).statusCode).toBe(200);
    const deactivated = await signInAnswer(user.email, testPassword);
    const wrongPassword = await signInAnswer((await teacher()).email, 'not-the-password-at-all');
    expect(deactivated).toEqual(wrongPassword);
    expect(deactivated).toMatchObject({ status: 401, code: 'invalid_credentials', cookie: false });

    const before = smtp.received.length;
    const forgot = await clientAt(harness).post('/api/auth/password/forgot', { email: user.email });
    expect(forgot.statusCode).toBe(202);
    await harness.services.auth.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.slice(before).some((mail) => JSON.stringify(mail.to).includes(user.email))).toBe(
      false,
    );
  });

  it('P7: resolveSession refuses a disabled user even while a session row is left', async () => {
    const user = await teacher();
    const session = await signInFully(harness, user);
    await harness.updateUser(tenant.tenantId, user.userId, { status: 'disabled' });
    expect(json(await session.get('/api/session')).state).toBe('anonymous');
    expect((await session.get('/api/locations')).statusCode).toBe(401);
  });

  it('P7: outstanding reset links and invitations die with the account', async () => {
    const user = await teacher();
    let before = smtp.received.length;
    await clientAt(harness).post('/api/auth/password/forgot', { email: user.email });
    const resetToken = await nextToken(user.email, before, '/wachtwoord-herstellen');

    const invitee = `invitee-${Date.now()}@school.test`;
    before = smtp.received.length;
    const invited = await admin.post('/api/users', {
      email: invitee,
      name: 'Ingrid Uitgenodigd',
      roles: [{ role: 'coordinator', teamRole: null, locationId: null }],
    });
    expect(invited.statusCode).toBe(201);
    const invitationToken = await nextToken(invitee, before, '/uitnodiging');

    expect((await admin.post(`/api/users/${user.userId}/deactivate`, {})).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${json(invited).id}/deactivate`, {})).statusCode).toBe(200);

    const reset = await clientAt(harness).post('/api/auth/password/reset', {
      token: resetToken,
      password: 'een-heel-nieuw-wachtwoord',
    });
    expect(reset.statusCode).toBe(422);
    expect(json(reset).error.code).toBe('invalid_token');
    const inspect = await clientAt(harness).post('/api/auth/invitation/inspect', { token: invitationToken });
    expect(inspect.statusCode).toBe(422);
    const accept = await clientAt(harness).post('/api/auth/invitation/accept', {
      token: invitationToken,
      password: 'een-heel-nieuw-wachtwoord',
    });
    expect(accept.statusCode).toBe(422);
    const [unused] = await harness.database.queryAsOwner<{ count: number }>(
      sql`select count(*)::int as count from user_tokens
        where user_id in (${user.userId}, ${json(invited).id}) and used_at is null`,
    );
    expect(unused?.count).toBe(0);
  });

  it('P7: the personal calendar link stops working', async () => {
    const user = await teacher();
    const session = await signInFully(harness, user);
    const feed = await session.post('/api/calendar-feed');
    expect(feed.statusCode).toBe(200);
    const url = new URL(json(feed).url);
    const path = `${url.pathname}${url.search}`;
    expect((await clientAt(harness).get(path)).statusCode).toBe(200);

    expect((await admin.post(`/api/users/${user.userId}/deactivate`, {})).statusCode).toBe(200);
    expect((await clientAt(harness).get(path)).statusCode).toBe(404);
    const [open] = await harness.database.queryAsOwner<{ count: number }>(
      sql`select count(*)::int as count from calendar_feeds where user_id = ${user.userId} and revoked_at is null`,
    );
    expect(open?.count).toBe(0);
    // Reopening the account does not bring the old link back.
    expect((await admin.post(`/api/users/${user.userId}/reactivate`, {})).statusCode).toBe(200);
    expect((await clientAt(harness).get(path)).statusCode).toBe(404);
  });

  it('P7: nobody ends their own account (409 cannot_deactivate_self)', async () => {
    const response = await admin.post(`/api/users/${adminUserId}/deactivate`, {});
    expect(response.statusCode).toBe(409);
    expect(json(response).error.code).toBe('cannot_deactivate_self');
    expect(await statusOf(adminUserId)).toBe('active');
  });

  it('P7: ending twice or reopening an open account is a conflict with its own code', async () => {
    const user = await teacher();
    const early = await admin.post(`/api/users/${user.userId}/reactivate`, {});
    expect(early.statusCode).toBe(409);
    expect(json(early).error.code).toBe('not_deactivated');
    expect((await admin.post(`/api/users/${user.userId}/deactivate`, {})).statusCode).toBe(200);
    const twice = await admin.post(`/api/users/${user.userId}/deactivate`, {});
    expect(twice.statusCode).toBe(409);
    expect(json(twice).error.code).toBe('already_deactivated');
  });

  it('P7: a user of another partnership is not found; an unknown reason is refused on the field', async () => {
    const foreign = await harness.createUser(other.tenantId, [{ role: 'coordinator' }]);
    expect((await admin.post(`/api/users/${foreign.userId}/deactivate`, {})).statusCode).toBe(404);
    expect((await admin.post(`/api/users/${foreign.userId}/reactivate`, {})).statusCode).toBe(404);
    expect(await statusOf(foreign.userId)).toBe('active');
    const user = await teacher();
    const wrong = await admin.post(`/api/users/${user.userId}/deactivate`, { reason: 'he annoyed me' });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong).error.fields[0].path).toBe('reason');
  });

  it('P7: reactivation with password and two-step verification: active, but the user signs in again', async () => {
    const user = await teacher();
    const session = await signInFully(harness, user);
    const token = session.sessionToken as string;
    expect((await admin.post(`/api/users/${user.userId}/deactivate`, {})).statusCode).toBe(200);
    const reopened = await admin.post(`/api/users/${user.userId}/reactivate`, {});
    expect(reopened.statusCode).toBe(200);
    expect(json(reopened)).toEqual({ userId: user.userId, status: 'active' });
    expect(json(await clientWithToken(harness, token).get('/api/session')).state).toBe('anonymous');
    const again = await signInFully(harness, user, { stepsAhead: 1 });
    expect(json(await again.get('/api/session')).state).toBe('signed_in');
    const events = (await auditOf(harness, user.userId)).map((event) => event.event);
    expect(events).toContain('users.reactivated');
  });

  it('P7: reactivating someone who never finished the account sends a new invitation; the old one stays dead', async () => {
    const email = `late-${Date.now()}@school.test`;
    let before = smtp.received.length;
    const invited = json(
      await admin.post('/api/users', {
        email,
        name: 'Lotte Laat',
        roles: [{ role: 'coordinator', teamRole: null, locationId: null }],
      }),
    );
    const first = await nextToken(email, before, '/uitnodiging');
    expect((await admin.post(`/api/users/${invited.id}/deactivate`, {})).statusCode).toBe(200);
    before = smtp.received.length;
    const reopened = await admin.post(`/api/users/${invited.id}/reactivate`, {});
    expect(json(reopened).status).toBe('invited');
    const second = await nextToken(email, before, '/uitnodiging');
    expect(second).not.toBe(first);
    expect((await clientAt(harness).post('/api/auth/invitation/inspect', { token: first })).statusCode).toBe(
      422,
    );
    expect((await clientAt(harness).post('/api/auth/invitation/inspect', { token: second })).statusCode).toBe(
      200,
    );
  });

  it('P7: the users list shows the status and filters on it', async () => {
    const ended = await teacher();
    expect((await admin.post(`/api/users/${ended.userId}/deactivate`, {})).statusCode).toBe(200);
    const all = json(await admin.get('/api/users?pageSize=100'));
    const listed = all.items.find((item: { id: string }) => item.id === ended.userId);
    expect(listed).toMatchObject({ status: 'disabled', deactivatedAt: expect.any(String) });
    const disabled = json(await admin.get('/api/users?pageSize=100&status=disabled'));
    expect(disabled.items.length).toBeGreaterThan(0);
    expect(disabled.items.every((item: { status: string }) => item.status === 'disabled')).toBe(true);
    expect(disabled.items.map((item: { id: string }) => item.id)).toContain(ended.userId);
    const active = json(await admin.get('/api/users?pageSize=100&status=active'));
    expect(active.items.every((item: { status: string }) => item.status === 'active')).toBe(true);
    expect(active.total).toBeLessThan(all.total);
    expect((await admin.get('/api/users?status=gone')).statusCode).toBe(400);
  });
});

describe('the staff office ends team members’ accounts (P7)', () => {
  it('P7: the coordinator ends and reopens a team member through the team, not through the users', async () => {
    const teamMember = await member();
    const session = await signInFully(harness, teamMember);
    expect((await coordinator.post(`/api/users/${teamMember.userId}/deactivate`, {})).statusCode).toBe(403);
    const ended = await coordinator.post(`/api/team/${teamMember.userId}/deactivate`, { reason: 'absence' });
    expect(ended.statusCode).toBe(200);
    expect(json(await session.get('/api/session')).state).toBe('anonymous');
    const detail = json(await coordinator.get(`/api/team/${teamMember.userId}`));
    expect(detail).toMatchObject({ accountStatus: 'disabled', onlyTeamRoles: true });
    const reopened = await coordinator.post(`/api/team/${teamMember.userId}/reactivate`, {});
    expect(json(reopened)).toEqual({ userId: teamMember.userId, status: 'active' });
  });

  it('P7: a team member who holds another role too is beyond the staff office (403); someone outside the team is not found', async () => {
    const both = await harness.createUser(tenant.tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
      { role: 'functional_admin' },
    ]);
    const refused = await coordinator.post(`/api/team/${both.userId}/deactivate`, {});
    expect(refused.statusCode).toBe(403);
    expect(await statusOf(both.userId)).toBe('active');
    expect(json(await coordinator.get(`/api/team/${both.userId}`)).onlyTeamRoles).toBe(false);
    const outsider = await teacher();
    expect((await coordinator.post(`/api/team/${outsider.userId}/deactivate`, {})).statusCode).toBe(404);
    expect(await statusOf(outsider.userId)).toBe('active');
  });

  it('P7: marking a member as left today ends the account in the same request', async () => {
    const teamMember = await member();
    const session = await signInFully(harness, teamMember);
    const response = await coordinator.patch(`/api/team/${teamMember.userId}`, {
      status: 'left',
      leftOn: harness.clock.today(),
    });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ status: 'left', accountStatus: 'disabled' });
    expect(json(await session.get('/api/session')).state).toBe('anonymous');
    expect((await auditOf(harness, teamMember.userId)).map((event) => event.event)).toContain(
      'users.deactivated',
    );
  });

  it('P7: a member leaving on a later day keeps the account until the leaver job runs on that day, as the system', async () => {
    const teamMember = await member();
    const session = await signInFully(harness, teamMember);
    const leftOn = '2099-12-31';
    const response = await coordinator.patch(`/api/team/${teamMember.userId}`, { status: 'left', leftOn });
    expect(json(response)).toMatchObject({ status: 'left', accountStatus: 'active' });

    await runLeaverJob('2099-12-30');
    expect(await statusOf(teamMember.userId)).toBe('active');
    expect(json(await session.get('/api/session')).state).toBe('signed_in');

    expect(await runLeaverJob(leftOn)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(teamMember.userId)).toBe('disabled');
    expect(json(await session.get('/api/session')).state).toBe('anonymous');
    const [event] = await harness.database.queryAsOwner<{
      actor_user_id: string | null;
      actor_roles: string[];
    }>(
      sql`select actor_user_id, actor_roles from audit_events
        where event = 'users.deactivated' and object_id = ${teamMember.userId}`,
    );
    expect(event).toEqual({ actor_user_id: null, actor_roles: ['system'] });
    // A second run finds nothing more to do for this member.
    await runLeaverJob(leftOn);
    const [count] = await harness.database.queryAsOwner<{ count: number }>(
      sql`select count(*)::int as count from audit_events
        where event = 'users.deactivated' and object_id = ${teamMember.userId}`,
    );
    expect(count?.count).toBe(1);
  });

  it('P7: reopening a leaver puts them back in the team, so the leaver job does not end the account again', async () => {
    const teamMember = await member();
    await coordinator.patch(`/api/team/${teamMember.userId}`, {
      status: 'left',
      leftOn: harness.clock.today(),
    });
    expect(await statusOf(teamMember.userId)).toBe('disabled');
    expect((await admin.post(`/api/users/${teamMember.userId}/reactivate`, {})).statusCode).toBe(200);
    expect(json(await coordinator.get(`/api/team/${teamMember.userId}`))).toMatchObject({
      status: 'active',
      leftOn: null,
      accountStatus: 'active',
    });
    await runLeaverJob();
    expect(await statusOf(teamMember.userId)).toBe('active');
  });

  it('P7: the leaver job keeps the last functional admin who can sign in', async () => {
    const lone = await harness.createTenant(['l']);
    const soleAdmin = await harness.createUser(lone.tenantId, [
      { role: 'functional_admin' },
      { role: 'team_member', teamRole: 'inclusion_adviser' },
    ]);
    await harness.database.queryAsOwner(
      sql`insert into team_members (tenant_id, user_id, status, left_on)
        values (${lone.tenantId}, ${soleAdmin.userId}, 'left', '2020-01-31')`,
    );
    await runLeaverJob();
    expect(await statusOf(soleAdmin.userId)).toBe('active');
  });
});

describe('the leaver job on pg-boss (P7)', () => {
  it('P7: runs every night at 00:05 Amsterdam time and ends the accounts of members whose end date has come', async () => {
    const withJobs = await createHarness({ jobs: true });
    try {
      const partnership = await withJobs.createTenant(['j']);
      const leaver = await withJobs.createUser(partnership.tenantId, [
        { role: 'team_member', teamRole: 'inclusion_adviser' },
      ]);
      await withJobs.database.queryAsOwner(
        sql`insert into team_members (tenant_id, user_id, status, left_on)
          values (${partnership.tenantId}, ${leaver.userId}, 'left', ${withJobs.clock.today()})`,
      );
      const [schedule] = await withJobs.database.queryAsOwner<{ cron: string; timezone: string }>(
        sql`select cron, timezone from pgboss.schedule where name = ${leaverJob}`,
      );
      expect(schedule).toEqual({ cron: '5 0 * * *', timezone: 'Europe/Amsterdam' });
      await withJobs.services.jobs.send(leaverJob, {});
      const deadline = Date.now() + 20_000;
      let status = 'active';
      while (status !== 'disabled' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [row] = await withJobs.database.queryAsOwner<{ status: string }>(
          sql`select status from users where id = ${leaver.userId}`,
        );
        status = row?.status ?? 'missing';
      }
      expect(status).toBe('disabled');
    } finally {
      await withJobs.close();
    }
  }, 300_000);
});
