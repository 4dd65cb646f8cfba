import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamDateTimeOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { buildApp } from '../../app.ts';
import { DatabaseClient } from '../../db/client.ts';
import { Kernel } from '../../platform/kernel/kernel.ts';
import { createHarness, type Harness, testConfig } from '../../test/harness.ts';
import { reminderJob, sendDueReminders } from './reminders.ts';

let harness: Harness;
let tenantId: string;
let memberEmail: string;
let ibEmail: string;
// The job runs at a fixed moment: a Monday morning in March, in winter time.
const now = new Date('2026-03-02T08:00:00Z');
const soon = new Date(now.getTime() + 26 * 3_600_000);
const later = new Date(now.getTime() + 10 * 86_400_000);

const mails = () =>
  harness.database.queryAsOwner<{ to_address: string; subject: string; text: string }>(
    sql`select to_address, subject, text from outbox_mails where tenant_id = ${tenantId} order by to_address, subject`,
  );
const deps = () => ({ mailer: harness.services.mailer, baseUrl: 'https://passend.example' });

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(now);
  const tenant = await harness.createTenant(['a']);
  tenantId = tenant.tenantId;
  const member = await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]);
  const ib = await harness.createUser(tenantId, [
    { role: 'internal_coordinator', locationId: tenant.locationIds.a },
  ]);
  memberEmail = member.email;
  ibEmail = ib.email;
  // A meeting tomorrow with both as participants, one in ten days (outside the lead time), and an
  // action item of the member that was due yesterday.
  await harness.database.queryAsOwner(sql`
    with made as (
      insert into meetings (tenant_id, location_id, kind, school_year, starts_at, ends_at, created_by_user_id)
      values (${tenantId}, ${tenant.locationIds.a}, 'sot', 2026, ${soon.toISOString()}::timestamptz,
        ${soon.toISOString()}::timestamptz + interval '1 hour', ${ib.userId}),
        (${tenantId}, ${tenant.locationIds.a}, 'annual_talk', 2026, ${later.toISOString()}::timestamptz,
        ${later.toISOString()}::timestamptz + interval '1 hour', ${ib.userId})
      returning id, kind
    ), people as (
      insert into meeting_participants (tenant_id, meeting_id, user_id, name, role)
      select ${tenantId}::uuid, made.id, p.user_id, p.name, p.role from made
      cross join (values (${member.userId}::uuid, 'Lid', 'contact_person'), (${ib.userId}::uuid, 'IB', 'internal_coordinator'))
        as p(user_id, name, role)
      returning meeting_id
    )
    insert into meeting_action_items (tenant_id, meeting_id, description, owner_user_id, owner_name, due_date)
    select ${tenantId}::uuid, id, 'Observatie plannen', ${member.userId}::uuid, 'Lid', ${addDays(todayInAmsterdam(now), -1)}::date
    from made where kind = 'sot'`);
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('reminders (issue 6)', () => {
  it('mails each participant once before a meeting, and the owner once about an overdue action item', async () => {
    expect(await sendDueReminders(harness.services.kernel, deps())).toBe(3);
    const sent = await mails();
    expect(sent.map((mail) => mail.to_address).sort()).toEqual([ibEmail, memberEmail, memberEmail].sort());
    const reminder = sent.find((mail) => mail.to_address === ibEmail);
    expect(reminder?.subject).toContain('SOT-overleg');
    expect(reminder?.text).toContain(amsterdamDateTimeOf(soon).time);
    // No school, person or pupil in the mail.
    for (const mail of sent) expect(`${mail.subject} ${mail.text}`).not.toMatch(/School a|Lid|IB|Observatie/);
    expect(await sendDueReminders(harness.services.kernel, deps())).toBe(0);
    expect(await mails()).toHaveLength(3);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'sends each reminder once when two instances run the job at the same moment (PostgreSQL server)',
    async () => {
      await harness.database.queryAsOwner(sql`delete from meeting_reminders where tenant_id = ${tenantId}`);
      await harness.database.queryAsOwner(sql`delete from outbox_mails where tenant_id = ${tenantId}`);
      if (harness.config.database.kind !== 'pg') throw new Error('needs the server');
      const second = await DatabaseClient.open({ kind: 'pg', url: harness.config.database.url, poolSize: 5 });
      try {
        const results = await Promise.all([
          sendDueReminders(harness.services.kernel, deps()),
          sendDueReminders(new Kernel({ database: second, clock: harness.clock }), deps()),
        ]);
        expect(results[0] + results[1]).toBe(3);
        expect(await mails()).toHaveLength(3);
      } finally {
        await second.close();
      }
    },
  );

  it.runIf(process.env.TEST_DATABASE_URL)(
    'two app instances on one PostgreSQL server, each running the reminder job, mail each reminder once',
    async () => {
      await harness.database.queryAsOwner(sql`delete from meeting_reminders where tenant_id = ${tenantId}`);
      await harness.database.queryAsOwner(sql`delete from outbox_mails where tenant_id = ${tenantId}`);
      if (harness.config.database.kind !== 'pg') throw new Error('needs the server');
      const config = testConfig({ database: harness.config.database, jobs: true });
      const instances: Array<{ app: { close(): Promise<unknown> }; database: DatabaseClient }> = [];
      try {
        for (let index = 0; index < 2; index += 1) {
          const database = await DatabaseClient.open({ kind: 'pg', url: harness.config.database.url });
          const { app, services } = await buildApp({ config, database, clock: harness.clock });
          instances.push({ app, database });
          await app.ready();
          // Each instance queues a run of its own, as two overlapping schedules would.
          expect(await services.jobs.send(reminderJob, {})).toEqual(expect.any(String));
        }
        await waitUntil(async () => {
          const [row] = await harness.database.queryAsOwner<{ done: number }>(
            sql`select count(*)::int as done from pgboss.job where name = ${reminderJob} and state = 'completed'`,
          );
          return (row?.done ?? 0) >= 2;
        });
        const sent = await mails();
        expect(sent.map((mail) => mail.to_address).sort()).toEqual(
          [ibEmail, memberEmail, memberEmail].sort(),
        );
      } finally {
        for (const { app, database } of instances) {
          await app.close();
          await database.close();
        }
      }
    },
    60_000,
  );
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
