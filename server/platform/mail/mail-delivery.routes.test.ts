import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Allocation } from '../../../contracts/hours.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { schoolTeamAssignments } from '../../modules/team/team.schema.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { freePort, startSmtpServer } from '../../test/smtp.ts';

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
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | null = null;
  let port: number;
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
    harness = await createHarness({ smtpUrl: `smtp://127.0.0.1:${port}` });
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

    smtp = await startSmtpServer({ port });
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
});
