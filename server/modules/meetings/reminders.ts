import { sql } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import type { MeetingKind } from '../../../contracts/meetings.ts';
import { amsterdamDateTimeOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { type MailJobDeps, registerScheduledJob } from '../../platform/jobs/partnership-jobs.ts';
import type { Kernel, SystemContext } from '../../platform/kernel/kernel.ts';
import { notify } from '../../platform/notifications/notifications.ts';

export type ReminderDeps = MailJobDeps;

/**
 * Mails the reminders that are due in every partnership: participants of a planned meeting within
 * the partnership's lead time (2 days unless set), and owners of overdue open action items. Each
 * reminder is recorded in `meeting_reminders` in the transaction that queues its mail, so it is sent
 * once, also when the job runs twice or on two instances at the same moment. The mail names the kind
 * of meeting and when, never a school, person or pupil. "Now" is the kernel's clock.
 */
export function sendDueReminders(kernel: Kernel, deps: ReminderDeps): Promise<number> {
  return kernel.sumOverPartnerships(reminderJob, (context) => remindPartnership(context, deps));
}

async function remindPartnership(context: SystemContext, deps: ReminderDeps): Promise<number> {
  const now = context.clock.now();
  const [settings] = await queryRows<{ days: number | null }>(
    context.db,
    sql`select reminder_days_before as days from meeting_settings`,
  );
  const days = settings?.days ?? 2;
  // Claim first, then mail: the insert that returns a row is the one that may send.
  const meetings = await queryRows<{
    meeting_id: string;
    kind: MeetingKind;
    starts_at: Date | string;
    user_id: string;
    email: string;
    locale: Locale;
  }>(
    context.db,
    sql`with due as (
        select m.id as meeting_id, m.kind, m.starts_at, p.user_id
        from meetings m join meeting_participants p on p.meeting_id = m.id
        join users u on u.id = p.user_id and u.status = 'active'
        where m.status = 'planned' and m.starts_at > ${now.toISOString()}::timestamptz
          and m.starts_at <= ${now.toISOString()}::timestamptz + make_interval(days => ${days})
      ), claimed as (
        insert into meeting_reminders (tenant_id, kind, object_id, user_id)
        select ${context.tenantId}::uuid, 'meeting', meeting_id, user_id from due
        on conflict do nothing returning object_id, user_id
      )
      select d.meeting_id, d.kind, d.starts_at, u.id as user_id, u.email, u.locale
      from claimed c join due d on d.meeting_id = c.object_id and d.user_id = c.user_id
      join users u on u.id = c.user_id`,
  );
  for (const row of meetings) {
    const when = amsterdamDateTimeOf(new Date(row.starts_at));
    const params = {
      kind: translate(row.locale, `reminders.kind.${row.kind}`),
      date: new Intl.DateTimeFormat(row.locale === 'en' ? 'en-GB' : 'nl-NL', {
        dateStyle: 'long',
        timeZone: 'Europe/Amsterdam',
      }).format(new Date(row.starts_at)),
      time: when.time,
      link: `${deps.baseUrl}/overleg/${row.meeting_id}`,
    };
    await notify(context.transaction, {
      tenantId: context.tenantId,
      userIds: [row.user_id],
      kind: 'meeting_reminder',
      link: `/overleg/${row.meeting_id}`,
    });
    await deps.mailer.send(context.transaction, {
      to: row.email,
      subject: translate(row.locale, 'reminders.meetingSubject', params),
      text: translate(row.locale, 'reminders.meetingText', params),
    });
  }
  const overdue = await queryRows<{
    item_id: string;
    meeting_id: string;
    user_id: string;
    email: string;
    locale: Locale;
  }>(
    context.db,
    sql`with due as (
        select i.id as item_id, i.meeting_id, i.owner_user_id as user_id
        from meeting_action_items i join users u on u.id = i.owner_user_id and u.status = 'active'
        where i.status = 'open' and i.due_date < ${context.clock.today()}::date
      ), claimed as (
        insert into meeting_reminders (tenant_id, kind, object_id, user_id)
        select ${context.tenantId}::uuid, 'action_overdue', item_id, user_id from due
        on conflict do nothing returning object_id
      )
      select d.item_id, d.meeting_id, u.id as user_id, u.email, u.locale
      from claimed c join due d on d.item_id = c.object_id join users u on u.id = d.user_id`,
  );
  for (const row of overdue) {
    const params = { link: `${deps.baseUrl}/overleg/${row.meeting_id}` };
    await notify(context.transaction, {
      tenantId: context.tenantId,
      userIds: [row.user_id],
      kind: 'action_item_overdue',
      link: `/overleg/${row.meeting_id}`,
    });
    await deps.mailer.send(context.transaction, {
      to: row.email,
      subject: translate(row.locale, 'reminders.actionSubject', params),
      text: translate(row.locale, 'reminders.actionText', params),
    });
  }
  return meetings.length + overdue.length;
}

/**
 * Runs the reminders as the job `meeting-reminders` every quarter of an hour. Every instance declares
 * it; pg-boss starts one job per due moment, and the claim in `meeting_reminders` keeps a reminder
 * single even when two jobs overlap.
 */
export async function registerReminderJob(jobs: Jobs, kernel: Kernel, deps: ReminderDeps) {
  await registerScheduledJob(jobs, reminderJob, '*/15 * * * *', () => sendDueReminders(kernel, deps));
}

export const reminderJob = 'meeting-reminders';
