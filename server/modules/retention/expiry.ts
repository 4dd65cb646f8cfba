import { type SQL, sql } from 'drizzle-orm';
import type { RetentionKind } from '../../../contracts/retention.ts';
import { addDays, amsterdamInstant } from '../../../contracts/school-year.ts';
import { requestIsHeld, trajectoryIsHeld } from './pupil-files.ts';

/**
 * Which rows of a kind have had their whole retention period by a day (P4): the one definition the
 * retention job deletes by and the preview counts by. `lastDueDay` is the last start day that is due
 * (retention.rules `lastDueStartDay`); a moment counts by its Amsterdam day.
 */

/** The first moment after `lastDueDay` in Amsterdam: a timestamp before it started on a due day. */
export function endOfDay(lastDueDay: string): Date {
  return amsterdamInstant(addDays(lastDueDay, 1), '00:00');
}

/** The kinds that are a pupil's file, with a legal hold and a list in the preview. */
export type FileKind = Extract<RetentionKind, 'request_file' | 'draft' | 'trajectory'>;
export const fileKinds: readonly FileKind[] = ['request_file', 'draft', 'trajectory'];

export function isFileKind(kind: RetentionKind): kind is FileKind {
  return (fileKinds as readonly RetentionKind[]).includes(kind);
}

/**
 * A file kind's rows as `(id, location_id, reference, start_day, held)` whose start day is on or
 * before `lastDueDay`: finished requests by the day they were closed, refused or withdrawn, drafts by their last
 * change, trajectories by the day they ended (or were found not eligible).
 */
export function filesStartedBy(kind: FileKind, lastDueDay: string): SQL {
  const until = endOfDay(lastDueDay).toISOString();
  const amsterdamDay = (column: SQL) => sql`(${column} at time zone 'Europe/Amsterdam')::date`;
  switch (kind) {
    case 'request_file':
      return sql`select s.id, s.location_id, s.reference, ${amsterdamDay(sql`s.closed_at`)} as start_day,
          ${requestIsHeld(sql`s`)} as held
        from support_requests s
        where s.status in ('closed', 'refused', 'withdrawn') and s.closed_at < ${until}::timestamptz`;
    case 'draft':
      return sql`select s.id, s.location_id, null::text as reference,
          ${amsterdamDay(sql`s.updated_at`)} as start_day, ${requestIsHeld(sql`s`)} as held
        from support_requests s
        where s.status = 'draft' and s.updated_at < ${until}::timestamptz`;
    case 'trajectory':
      return sql`select t.id, t.location_id, null::text as reference,
          coalesce(t.ended_on, t.eligibility_decided_on) as start_day, ${trajectoryIsHeld(sql`t`)} as held
        from trajectories t
        where (t.status = 'ended' and t.ended_on <= ${lastDueDay}::date)
          or (t.status = 'not_eligible' and t.eligibility_decided_on <= ${lastDueDay}::date)`;
  }
}

/** The kinds that are rows of their own, not a pupil's file: deleted by their tables' conditions. */
export type RowKind = Exclude<RetentionKind, FileKind>;

/** The tables of each row kind, in the order a run deletes from them. */
export const rowTables = {
  audit_event: ['audit_events'],
  mail_and_link: ['outbox_mails', 'consent_links', 'opp_parent_links', 'user_tokens'],
} as const satisfies Record<RowKind, readonly string[]>;
export type RowTable = (typeof rowTables)[RowKind][number];

/**
 * The condition of a due row of a table: audit events by their moment (and never younger than five
 * years by the database's own clock, which its trigger enforces anyway), sent or kept mail, and
 * personal links that expired, were revoked or were used. A consent link a consent record names
 * stays: it is part of how that consent was given (P3).
 */
export function dueCondition(table: RowTable, lastDueDay: string): SQL {
  const until = sql`${endOfDay(lastDueDay).toISOString()}::timestamptz`;
  switch (table) {
    case 'audit_events':
      return sql`occurred_at < least(${until}, now() - interval '5 years')`;
    case 'outbox_mails':
      return sql`(status = 'sent' and sent_at < ${until}) or (status = 'kept' and created_at < ${until})`;
    case 'consent_links':
      return sql`(expires_at < ${until} or revoked_at < ${until})
        and not exists (select 1 from consent_records r where r.link_id = consent_links.id)`;
    case 'opp_parent_links':
      return sql`expires_at < ${until} or revoked_at < ${until}`;
    case 'user_tokens':
      return sql`expires_at < ${until} or used_at < ${until}`;
  }
}
