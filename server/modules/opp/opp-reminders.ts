import { sql } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import { vsoTeacherRole } from '../../../contracts/roles.ts';
import { addDays, schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { type MailJobDeps, registerScheduledJob } from '../../platform/jobs/partnership-jobs.ts';
import type { Kernel, SystemContext } from '../../platform/kernel/kernel.ts';
import { notify } from '../../platform/notifications/notifications.ts';
import { evaluationDueWindowDays } from './opp.rules.ts';

export type OppReminderDeps = MailJobDeps;

/**
 * Mails the pupil's mentor and the location's VSO teachers when an adopted OPP's evaluation is due
 * (E9, the rule of `evaluationStateOf`): not evaluated in the current school year, and a planned
 * moment of this year has passed or the year ends within six weeks. Each reminder is claimed in
 * `trajectory_reminders` (per trajectory and school year, per recipient) in the transaction that
 * queues its mail, so it goes out once. The mail holds a link only: no pupil, school or person.
 */
export async function sendOppEvaluationReminders(kernel: Kernel, deps: OppReminderDeps): Promise<number> {
  return kernel.sumOverPartnerships(oppReminderJob, (context) => remindPartnership(context, deps));
}

async function remindPartnership(context: SystemContext, deps: OppReminderDeps): Promise<number> {
  const today = context.clock.today();
  const schoolYear = schoolYearOf(today);
  const { start, end } = schoolYearBounds(schoolYear);
  const yearEnding = today >= addDays(end, -evaluationDueWindowDays);
  // The reminder's object is the trajectory in this school year: next year it is due, and sent, anew.
  const rows = await queryRows<{ trajectory_id: string; user_id: string; email: string; locale: Locale }>(
    context.db,
    sql`with due as (
        select t.id as trajectory_id, t.location_id, t.mentor_user_id,
          md5(t.id::text || ':' || ${String(schoolYear)})::uuid as object_id
        from trajectories t
        join opp_versions v on v.trajectory_id = t.id and v.status = 'adopted'
        where t.status = 'active'
          and not exists (select 1 from opp_evaluations e where e.trajectory_id = t.id
            and e.evaluated_on between ${start}::date and ${end}::date)
          and (${yearEnding}::boolean or exists (select 1 from unnest(v.evaluation_dates) as planned(day)
            where planned.day >= ${start}::date and planned.day < ${today}::date))
      ), recipients as (
        select d.trajectory_id, d.object_id, d.mentor_user_id as user_id from due d
        union
        select d.trajectory_id, d.object_id, r.user_id from due d
        join role_assignments r on r.location_id = d.location_id and r.role = ${vsoTeacherRole}
      ), reachable as (
        select r.* from recipients r join users u on u.id = r.user_id and u.status = 'active'
      ), claimed as (
        insert into trajectory_reminders (tenant_id, kind, object_id, user_id)
        select ${context.tenantId}::uuid, 'opp_evaluation_due', object_id, user_id from reachable
        on conflict do nothing returning object_id, user_id
      )
      select r.trajectory_id, u.id as user_id, u.email, u.locale
      from claimed c join reachable r on r.object_id = c.object_id and r.user_id = c.user_id
      join users u on u.id = c.user_id`,
  );
  for (const row of rows) {
    const params = { link: `${deps.baseUrl}/trajecten/${row.trajectory_id}/opp` };
    await notify(context.transaction, {
      tenantId: context.tenantId,
      userIds: [row.user_id],
      kind: 'opp_evaluation_due',
      link: `/trajecten/${row.trajectory_id}/opp`,
    });
    await deps.mailer.send(context.transaction, {
      to: row.email,
      subject: translate(row.locale, 'oppMail.evaluationDueSubject', params),
      text: translate(row.locale, 'oppMail.evaluationDueText', params),
    });
  }
  return rows.length;
}

/**
 * Runs the OPP evaluation reminders as the job `opp-evaluation-reminders` every school-day morning.
 * Every instance declares it; the claim in `trajectory_reminders` keeps each reminder single.
 */
export async function registerOppReminderJob(jobs: Jobs, kernel: Kernel, deps: OppReminderDeps) {
  await registerScheduledJob(jobs, oppReminderJob, '0 7 * * 1-5', () =>
    sendOppEvaluationReminders(kernel, deps),
  );
}

export const oppReminderJob = 'opp-evaluation-reminders';
