import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Allocation } from '../../../contracts/hours.ts';
import type { OutboxMail } from '../../../contracts/outbox.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { buildApp } from '../../app.ts';
import { DatabaseClient } from '../../db/client.ts';
import { schoolTeamAssignments } from '../../modules/team/team.schema.ts';
import { clientAt, json } from '../../test/auth-helpers.ts';
import { createHarness, type Harness, type TestClient, testConfig } from '../../test/harness.ts';
import { freePort, startSmtpServer } from '../../test/smtp.ts';
import { maxDeliveryAttempts } from './mail.rules.ts';
import { deliverAllDueMail } from './mail-delivery.ts';
import { mailDeliveryJob } from './mailer.ts';

type MailRow = {
  id: string;
  to_address: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  sent_at: Date | string | null;
  text: string | null;
};

const minutes = (count: number) => count * 60_000;
const later = (milliseconds: number) => new Date(Date.now() + milliseconds);

describe('mail through the outbox with the mail server down, then up (issue 13 finding 12)', () => {
  let harness: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let port: number;
  // Recipients the test server refuses, with its reply code (4xx: try later, 5xx: never).
  const refusing = new Map<string, number>();
  const logLines: string[] = [];
  let tenantId: string;
  let coordinatorEmail: string;
  let memberEmail: string;
  let member: TestClient;
  let locationId: string;

  const mailRows = (to?: string) =>
    harness.database.queryAsOwner<MailRow>(
      sql`select id, to_address, status, attempts, next_attempt_at, last_error, sent_at, text
        from outbox_mails where tenant_id = ${tenantId} ${to ? sql`and to_address = ${to}` : sql``}
        order by created_at, to_address`,
    );

  beforeAll(async () => {
    // The configured mail server does not run yet: connections to it are refused.
    port = await freePort();
    harness = await createHarness(
      { smtpUrl: `smtp://127.0.0.1:${port}`, logLevel: 'warn' },
      { write: (line) => logLines.push(line) },
    );
    const tenant = await harness.createTenant(['a']);
    tenantId = tenant.tenantId;
    locationId = tenant.locationIds.a ?? '';
    const staff = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
    coordinatorEmail = staff.email;
    const coordinator = await harness.signedIn(staff);
    const scientist = await harness.createUser(tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
    ]);
    memberEmail = scientist.email;
    await harness.database.withTenant(tenantId, ({ db }) =>
      db.insert(schoolTeamAssignments).values({
        tenantId,
        locationId,
        userId: scientist.userId,
        teamRole: 'behavioural_scientist',
        isContact: true,
        validFrom: '2020-08-01',
      }),
    );
    member = await harness.signedIn(scientist);
    const year = schoolYearOf(todayInAmsterdam());
    await harness.database.queryAsOwner(sql`
      insert into pupil_counts (tenant_id, location_id, school_year, pupils, source)
      values (${tenantId}, ${locationId}, ${year - 1}, 300, 'manual')`);
    await harness.database.queryAsOwner(sql`
      insert into team_members (user_id, tenant_id) values (${scientist.userId}, ${tenantId})`);
    const draft = (
      await coordinator.post('/api/allocations', {
        schoolYear: year,
        totalHours: 10,
        pupilWeightPercent: 100,
      })
    ).json() as Allocation;
    expect((await coordinator.post(`/api/allocations/${draft.id}/adopt`, {})).statusCode).toBe(200);
  });
  afterAll(async () => {
    await harness.close();
    await smtp?.close();
  });

  const mailer = () => harness.services.mailer;
  const adminOf = async () =>
    harness.signedIn(await harness.createUser(tenantId, [{ role: 'functional_admin' }]));

  it('a budget warning with the mail server down is queued, not lost; once the server is up it arrives once and is marked sent', async () => {
    const logged = await member.post('/api/time-entries', {
      date: todayInAmsterdam(),
      hours: 8, // 8 of 10 hours: the 80 % warning
      locationId,
      activity: 'coaching',
      note: null,
    });
    expect(logged.statusCode).toBe(201);
    // The delivery that follows the commit finds the server down.
    await harness.services.mailer.idle();
    const queued = await mailRows();
    expect(queued.map((row) => row.to_address).sort()).toEqual([coordinatorEmail, memberEmail].sort());
    for (const row of queued) {
      expect(row).toMatchObject({ status: 'queued', attempts: 1, sent_at: null });
      // The code only: the server's message may quote the address.
      expect(row.last_error).toMatch(/^[A-Z]+( \d{3})?$/);
      expect(new Date(row.next_attempt_at ?? 0).getTime()).toBeGreaterThan(Date.now());
    }

    // Only codes in the log: no address, no server message.
    expect(logLines.join('\n')).toContain('mail delivery failed, will retry');
    expect(logLines.join('\n')).not.toContain('@school.test');

    smtp = await startSmtpServer({ port, refuse: (address) => refusing.get(address) ?? null });
    // Due again a minute later (the first back-off step).
    expect(await harness.services.mailer.deliverDueMail(tenantId, later(minutes(2)))).toBe(2);
    expect(smtp.mailsTo(coordinatorEmail)).toHaveLength(1);
    expect(smtp.mailsTo(memberEmail)).toHaveLength(1);
    expect(smtp.mailsTo(memberEmail)[0]?.subject).toContain('80 %');
    for (const row of await mailRows()) {
      expect(row).toMatchObject({ status: 'sent', attempts: 2 });
      expect(row.sent_at).not.toBeNull();
      // The text (links) is not kept once the server has it.
      expect(row.text).toBeNull();
    }

    // Later runs send nothing again.
    expect(await harness.services.mailer.deliverDueMail(tenantId, later(minutes(60)))).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it('a mail whose transaction rolls back is never queued, so never sent', async () => {
    const address = `teruggedraaid-${crypto.randomUUID().slice(0, 8)}@school.test`;
    await expect(
      harness.database.withTenant(tenantId, async (transaction) => {
        await mailer().send(transaction, { to: address, subject: 'Teruggedraaid', text: 'Niet versturen' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await mailer().idle();
    expect(await mailRows(address)).toEqual([]);
    expect(await deliverAllDueMail(harness.database, mailer(), later(minutes(600)))).toBe(0);
    expect(smtp.mailsTo(address)).toEqual([]);
  });

  it('retries back off and end in failed after 10 attempts; the admin sees it, without its text, and queues it again', async () => {
    const user = await harness.createUser(tenantId, [{ role: 'teacher', locationId }]);
    refusing.set(user.email, 451);
    expect(
      (await clientAt(harness).post('/api/auth/password/forgot', { email: user.email })).statusCode,
    ).toBe(202);
    // The reset link is made after the answer (equal timing for known and unknown addresses).
    await harness.services.auth.whenIdle();
    await mailer().idle();
    let [row] = await mailRows(user.email);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'EENVELOPE 451' });

    // Each next attempt at the moment it is due: the wait doubles, up to 4 hours.
    const waits: number[] = [];
    while (row?.status === 'queued') {
      const at = new Date(row.next_attempt_at ?? 0);
      // A moment before it is due, nothing is tried.
      expect(await mailer().deliverDueMail(tenantId, new Date(at.getTime() - 1000))).toBe(0);
      expect((await mailRows(user.email))[0]?.attempts).toBe(row.attempts);
      expect(await mailer().deliverDueMail(tenantId, at)).toBe(0);
      [row] = await mailRows(user.email);
      if (row?.status === 'queued')
        waits.push((new Date(row.next_attempt_at ?? 0).getTime() - at.getTime()) / 60_000);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 240]);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: maxDeliveryAttempts,
      next_attempt_at: null,
      last_error: 'EENVELOPE 451',
    });
    expect(smtp.mailsTo(user.email)).toEqual([]);

    // The functional admin sees the failed mail: address, subject, status, never the text (a link).
    const admin = await adminOf();
    const failed = await admin.get('/api/outbox?status=failed');
    expect(failed.statusCode).toBe(200);
    expect(json(failed).items).toEqual([
      expect.objectContaining({
        id: row?.id,
        to: user.email,
        subject: 'Nieuw wachtwoord instellen voor Passend',
        status: 'failed',
        attempts: maxDeliveryAttempts,
        lastError: 'EENVELOPE 451',
        nextAttemptAt: null,
        sentAt: null,
        text: null,
      }),
    ]);
    const all = await admin.get('/api/outbox?pageSize=100');
    expect(all.body).not.toContain('#token=');
    expect(json<{ items: OutboxMail[] }>(all).items.map((mail) => mail.status)).toContain('sent');

    // Others may neither read nor retry.
    const teacher = await harness.signedIn(user);
    expect((await teacher.get('/api/outbox')).statusCode).toBe(403);
    expect((await teacher.post(`/api/outbox/${row?.id}/retry`)).statusCode).toBe(403);
    // Only a failed mail can be retried.
    const sentMail = json<{ items: OutboxMail[] }>(all).items.find((mail) => mail.status === 'sent');
    const refused = await admin.post(`/api/outbox/${sentMail?.id}/retry`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.code).toBe('mail_not_failed');
    expect((await admin.post(`/api/outbox/${crypto.randomUUID()}/retry`)).statusCode).toBe(404);

    // Once the server takes it again, a retry delivers it right after the commit.
    refusing.delete(user.email);
    const retried = await admin.post(`/api/outbox/${row?.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(json(retried)).toMatchObject({ status: 'queued', attempts: 0, lastError: null, text: null });
    await mailer().idle();
    expect(smtp.mailsTo(user.email)).toHaveLength(1);
    expect((await mailRows(user.email))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    const [audited] = await harness.database.queryAsOwner<{ total: number }>(
      sql`select count(*)::int as total from audit_events where tenant_id = ${tenantId}
        and event = 'outbox.retried' and object_id = ${row?.id ?? ''}`,
    );
    expect(audited?.total).toBe(1);
  });

  it('a mail the server refuses for good fails at once', async () => {
    const user = await harness.createUser(tenantId, [{ role: 'teacher', locationId }]);
    refusing.set(user.email, 550);
    expect(
      (await clientAt(harness).post('/api/auth/password/forgot', { email: user.email })).statusCode,
    ).toBe(202);
    await harness.services.auth.whenIdle();
    await mailer().idle();
    expect((await mailRows(user.email))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'EENVELOPE 550',
      next_attempt_at: null,
    });
  });

  it('mail kept in the app before a mail server was configured never leaves', async () => {
    const address = `demo-${crypto.randomUUID().slice(0, 8)}@school.test`;
    await harness.database.queryAsOwner(sql`
      insert into outbox_mails (tenant_id, to_address, subject, text, created_at)
      values (${tenantId}, ${address}, 'Demo', 'Uit de demo', now() - interval '1 day')`);
    expect(await deliverAllDueMail(harness.database, mailer(), later(minutes(60)))).toBe(0);
    expect(smtp.mailsTo(address)).toEqual([]);
    expect((await mailRows(address))[0]).toMatchObject({ status: 'kept', attempts: 0 });
  });

  it('two delivery runs at the same moment send each mail once (on the server: two app instances, each with its own pool)', async () => {
    // Committed mail whose delivery never started, as when the process died right after the commit.
    const otherTenant = await harness.createTenant(['x']);
    const addresses = Array.from({ length: 24 }, (_, index) => `gelijktijdig-${index}@school.test`);
    for (const [index, address] of addresses.entries()) {
      await harness.database.queryAsOwner(sql`
        insert into outbox_mails (tenant_id, to_address, subject, text, status, next_attempt_at)
        values (${index % 2 === 0 ? tenantId : otherTenant.tenantId}, ${address}, 'Gelijktijdig', 'Tekst',
          'queued', now() - interval '1 minute')`);
    }
    // On the server a second app instance with its own pool; on PGlite (one process) a second run.
    let second: { mailer: Harness['services']['mailer']; database: DatabaseClient; close(): Promise<void> };
    if (harness.config.database.kind === 'pg') {
      const database = await DatabaseClient.open({
        kind: 'pg',
        url: harness.config.database.url,
        poolSize: 5,
      });
      const { app, services } = await buildApp({
        config: testConfig({ database: harness.config.database, smtpUrl: harness.config.smtpUrl }),
        database,
      });
      second = {
        mailer: services.mailer,
        database,
        close: async () => {
          await app.close();
          await database.close();
        },
      };
    } else {
      second = { mailer: mailer(), database: harness.database, close: async () => {} };
    }
    try {
      const counts = await Promise.all([
        deliverAllDueMail(harness.database, mailer()),
        deliverAllDueMail(second.database, second.mailer),
      ]);
      expect(counts[0] + counts[1]).toBe(addresses.length);
    } finally {
      await second.close();
    }
    for (const address of addresses) expect(smtp.mailsTo(address)).toHaveLength(1);
    const [open] = await harness.database.queryAsOwner<{ total: number }>(
      sql`select count(*)::int as total from outbox_mails where to_address like 'gelijktijdig-%' and status <> 'sent'`,
    );
    expect(open?.total).toBe(0);
  });
});

describe('mail delivery as a job (pg-boss)', () => {
  let harness: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let tenantId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    harness = await createHarness({ smtpUrl: smtp.url, jobs: true });
    tenantId = (await harness.createTenant(['a'])).tenantId;
  });
  afterAll(async () => {
    await harness.close();
    await smtp.close();
  });

  it('a mail queued by a request leaves through the job sent after the commit, and is marked sent', async () => {
    const user = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
    expect(
      (await clientAt(harness).post('/api/auth/password/forgot', { email: user.email })).statusCode,
    ).toBe(202);
    const mail = await smtp.waitForMail(user.email, 30_000);
    expect(mail.text).toContain('/wachtwoord-herstellen#token=');
    await expect
      .poll(
        async () =>
          (
            await harness.database.queryAsOwner<{ status: string }>(
              sql`select status from outbox_mails where to_address = ${user.email}`,
            )
          )[0]?.status,
        { timeout: 30_000 },
      )
      .toBe('sent');
    // Delivery runs every minute as well: retries, and mail whose process died before its delivery.
    const [schedule] = await harness.database.queryAsOwner<{ cron: string }>(
      sql`select cron from pgboss.schedule where name = ${mailDeliveryJob}`,
    );
    expect(schedule?.cron).toBe('* * * * *');
  });

  it('mail committed without a delivery (a crash right after the commit) leaves with the minute run', async () => {
    const address = `na-een-crash-${crypto.randomUUID().slice(0, 8)}@school.test`;
    await harness.database.queryAsOwner(sql`
      insert into outbox_mails (tenant_id, to_address, subject, text, status, next_attempt_at)
      values (${tenantId}, ${address}, 'Na een crash', 'Tekst', 'queued', now())`);
    // What the minute schedule sends: a run over every partnership.
    expect(await harness.services.jobs.send(mailDeliveryJob, {})).toEqual(expect.any(String));
    await smtp.waitForMail(address, 30_000);
    expect(smtp.mailsTo(address)).toHaveLength(1);
  });
});
