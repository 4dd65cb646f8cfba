import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { DatabaseClient } from '../../db/client.ts';
import { Kernel } from '../../platform/kernel/kernel.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';
import { sendOppEvaluationReminders } from './opp-reminders.ts';

let harness: Harness;
let world: TrajectoryWorld;
const year = schoolYearOf(todayInAmsterdam());
// Moments inside the current school year, whatever today is.
const november = new Date(`${year}-11-10T08:00:00Z`);
const june = new Date(`${year + 1}-06-20T08:00:00Z`);

const mails = () =>
  harness.database.queryAsOwner<{ to_address: string; subject: string; text: string }>(
    sql`select to_address, subject, text from outbox_mails where tenant_id = ${world.tenantId} order by to_address`,
  );
const deps = () => ({ mailer: harness.services.mailer, baseUrl: 'https://passend.example' });

async function adoptedOpp(trajectoryId: string, planned: string[], evaluatedOn: string | null) {
  const [version] = await harness.database.queryAsOwner<{ id: string }>(
    sql`insert into opp_versions (tenant_id, trajectory_id, version, status, exit_destination, evaluation_dates,
        created_by_user_id, adopted_at, adopted_by_user_id)
      values (${world.tenantId}, ${trajectoryId}, 1, 'adopted', 'mbo niveau 3',
        ${`{${planned.join(',')}}`}::date[], ${world.mentor.userId}, ${`${year}-09-20T10:00:00Z`}::timestamptz,
        ${world.mentor.userId})
      returning id`,
  );
  if (evaluatedOn)
    await harness.database.queryAsOwner(
      sql`insert into opp_evaluations (tenant_id, trajectory_id, opp_version_id, evaluated_on, summary, evaluated_by_user_id)
        values (${world.tenantId}, ${trajectoryId}, ${version?.id}, ${evaluatedOn}::date, 'Loopt goed.', ${world.mentor.userId})`,
    );
}

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
  // Due in November: a planned moment (1 November) has passed without an evaluation this year.
  await adoptedOpp(await insertTrajectory(harness, world, { firstName: 'Noah' }), [`${year}-11-01`], null);
  // Evaluated in October: not due this school year.
  await adoptedOpp(
    await insertTrajectory(harness, world, { firstName: 'Mila' }),
    [`${year}-11-01`],
    `${year}-10-01`,
  );
  // Planned in March: due only once that passes, or six weeks before the year ends.
  await adoptedOpp(await insertTrajectory(harness, world, { firstName: 'Sem' }), [`${year + 1}-03-01`], null);
  // Ended: no reminders.
  await adoptedOpp(
    await insertTrajectory(harness, world, { status: 'ended', firstName: 'Yara' }),
    [`${year}-11-01`],
    null,
  );
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});
const remind = (kernel = harness.services.kernel) => sendOppEvaluationReminders(kernel, deps());

describe('OPP evaluation reminders (E9)', () => {
  it('E9: mails the mentor and the location’s VSO teachers once when the evaluation is due, without personal data', async () => {
    harness.clock.set(november);
    expect(await remind()).toBe(2);
    const sent = await mails();
    expect(sent.map((mail) => mail.to_address).sort()).toEqual(
      [world.mentor.email, world.vsoTeacher.email].sort(),
    );
    for (const mail of sent) {
      expect(mail.subject).toContain('OPP');
      expect(mail.text).toMatch(/https:\/\/passend\.example\/trajecten\/[0-9a-f-]{36}\/opp/);
      expect(`${mail.subject} ${mail.text}`).not.toMatch(/Noah|de Graaf|2B|School|mbo/);
    }
    // Not again, also not when the job runs twice.
    expect(await remind()).toBe(0);
    expect(await mails()).toHaveLength(2);
  });

  it('E9: at least once per school year — six weeks before its end, every adopted OPP without an evaluation is due', async () => {
    // Sem's OPP is due now; Noah's reminder for this school year went out already; Mila's was evaluated.
    harness.clock.set(june);
    expect(await remind()).toBe(2);
    expect(await mails()).toHaveLength(4);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'E9: two instances running the job at the same moment mail each reminder once (PostgreSQL server)',
    async () => {
      await harness.database.queryAsOwner(
        sql`delete from trajectory_reminders where tenant_id = ${world.tenantId}`,
      );
      await harness.database.queryAsOwner(sql`delete from outbox_mails where tenant_id = ${world.tenantId}`);
      if (harness.config.database.kind !== 'pg') throw new Error('needs the server');
      const second = await DatabaseClient.open({ kind: 'pg', url: harness.config.database.url, poolSize: 5 });
      try {
        harness.clock.set(june);
        const results = await Promise.all([
          remind(),
          remind(new Kernel({ database: second, clock: harness.clock })),
        ]);
        // In June Noah's and Sem's OPPs are due: two recipients each.
        expect(results[0] + results[1]).toBe(4);
        expect(await mails()).toHaveLength(4);
      } finally {
        await second.close();
      }
    },
  );
});
