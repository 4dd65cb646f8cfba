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

/** Where a file kind's rows are, what makes one due, and the columns the job and the preview use. */
type FileSource = {
  from: SQL;
  due: (lastDueDay: string) => SQL;
  /** An indexed column in the order of the start day, so a batch reads only what it deletes. */
  order: SQL;
  startDay: SQL;
  reference: SQL;
  held: SQL;
};

function sourceOf(kind: FileKind): FileSource {
  const until = (lastDueDay: string) => sql`${endOfDay(lastDueDay).toISOString()}::timestamptz`;
  const amsterdamDay = (column: SQL) => sql`(${column} at time zone 'Europe/Amsterdam')::date`;
  switch (kind) {
    case 'request_file':
      return {
        from: sql`support_requests s`,
        due: (day) => sql`s.status in ('closed', 'refused', 'withdrawn') and s.closed_at < ${until(day)}`,
        order: sql`s.closed_at`,
        startDay: amsterdamDay(sql`s.closed_at`),
        reference: sql`s.reference`,
        held: requestIsHeld(sql`s`),
      };
    case 'draft':
      return {
        from: sql`support_requests s`,
        due: (day) => sql`s.status = 'draft' and s.updated_at < ${until(day)}`,
        order: sql`s.updated_at`,
        startDay: amsterdamDay(sql`s.updated_at`),
        reference: sql`null::text`,
        held: requestIsHeld(sql`s`),
      };
    case 'trajectory':
      return {
        from: sql`trajectories s`,
        due: (day) => sql`((s.status = 'ended' and s.ended_on <= ${day}::date)
          or (s.status = 'not_eligible' and s.eligibility_decided_on <= ${day}::date))`,
        order: sql`coalesce(s.ended_on, s.eligibility_decided_on)`,
        startDay: sql`coalesce(s.ended_on, s.eligibility_decided_on)`,
        reference: sql`null::text`,
        held: trajectoryIsHeld(sql`s`),
      };
  }
}

/**
 * A file kind's rows as `(id, location_id, reference, start_day, held)` whose start day is on or
 * before `lastDueDay`: finished requests by the day they were closed, refused or withdrawn, drafts by
 * their last change, trajectories by the day they ended (or were found not eligible). The preview.
 */
export function filesStartedBy(kind: FileKind, lastDueDay: string): SQL {
  const source = sourceOf(kind);
  return sql`select s.id, s.location_id, ${source.reference} as reference, ${source.startDay} as start_day,
      ${source.held} as held
    from ${source.from} where ${source.due(lastDueDay)}`;
}

/**
 * The ids of the next batch the job deletes: due, not held, oldest first. Ordered by the indexed
 * column itself, the scan stops after `size` rows instead of checking every due file for a hold.
 */
export function nextDueBatch(kind: FileKind, lastDueDay: string, size: number): SQL {
  const source = sourceOf(kind);
  return sql`select s.id from ${source.from}
    where ${source.due(lastDueDay)} and not ${source.held}
    order by ${source.order}, s.id limit ${size}`;
}

/** The kinds that are rows of their own, not a pupil's file: deleted by their tables' conditions. */
export type RowKind = Exclude<RetentionKind, FileKind>;

/** The tables of each row kind, in the order a run deletes from them. */
export const rowTables = {
  audit_event: ['audit_events'],
  mail_and_link: ['outbox_mails', 'consent_links', 'opp_parent_links', 'user_tokens'],
  crisis_visit: ['attendance_visits'],
} as const satisfies Record<RowKind, readonly string[]>;

/**
 * The row tables whose due rows are anonymised instead of deleted: a crisis visit without a trajectory
 * loses the pupil's name, class and note, and stays as an anonymous visit for the figures (P4).
 */
export const anonymisedColumns: Partial<Record<RowTable, readonly string[]>> = {
  attendance_visits: ['pupil_first_name', 'pupil_last_name', 'pupil_class', 'note'],
};
export type RowTable = (typeof rowTables)[RowKind][number];

/**
 * The condition of a due row of a table: audit events by their moment (and never younger than five
 * years by the database's own clock, which its trigger enforces anyway), sent or kept mail,
 * personal links that expired, were revoked or were used, and crisis visits without a trajectory by
 * the moment of their check-in. A consent link a consent record names stays: it is part of how that
 * consent was given (P3).
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
    case 'attendance_visits':
      return sql`trajectory_id is null and pupil_last_name is not null and checked_in_at < ${until}`;
  }
}
