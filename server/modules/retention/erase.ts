import { type SQL, sql } from 'drizzle-orm';
import type { RetentionKind } from '../../../contracts/retention.ts';
import { type DbTransaction, queryRows } from '../../db/client.ts';

/**
 * Deleting a pupil's files for good (P4, P5): the retention job when their period is over, and a
 * granted request for deletion. Each call runs in its caller's transaction and writes, in that same
 * transaction, the anonymous figures reports need and one line of the deletion log — so the deletion,
 * its figures and its line are there together or not at all.
 *
 * What goes with a support request (by cascade): the pupil and parents, the pupil's register entry when
 * no other file names it (Y1), the expertise tags, consent
 * links and consent records, the thread with its files, the timeline. Time entries stay (hours are the
 * team's work, not the pupil's file) without their link to the request. What goes with a trajectory:
 * the OPP versions and evaluations, the parents' links, attendance, homework, contacts and referrals.
 */

/**
 * Deletes these support requests and returns how many went. Finished ones are first added to the
 * request figures (per school, school year, type, outcome); drafts never counted for anything.
 */
export async function eraseRequests(
  db: DbTransaction,
  requestIds: readonly string[],
  kind: Extract<RetentionKind, 'request_file' | 'draft'>,
  at: Date,
): Promise<number> {
  if (requestIds.length === 0) return 0;
  const ids = idList(requestIds);
  await db.execute(sql`insert into request_figures (tenant_id, location_id, school_year, type, outcome, count)
    select tenant_id, location_id, school_year, coalesce(type, ''), status, count(*)::int
    from support_requests
    where id in (${ids}) and status in ('closed', 'refused', 'withdrawn')
    group by tenant_id, location_id, school_year, coalesce(type, ''), status
    on conflict (tenant_id, location_id, school_year, type, outcome)
      do update set count = request_figures.count + excluded.count`);
  const deleted = await queryRows<{ id: string; pupil_id: string | null }>(
    db,
    sql`delete from support_requests where id in (${ids}) returning id, pupil_id`,
  );
  await eraseUnusedPupils(db, deleted);
  await logDeletion(db, kind, deleted.length, at);
  return deleted.length;
}

/**
 * Deletes these trajectories and returns how many went, after adding the ended ones to the trajectory
 * figures (per school, school year of the end, end reason, diploma level, whether an OPP was adopted).
 */
export async function eraseTrajectories(
  db: DbTransaction,
  trajectoryIds: readonly string[],
  at: Date,
): Promise<number> {
  if (trajectoryIds.length === 0) return 0;
  const ids = idList(trajectoryIds);
  const endDay = sql`coalesce(t.ended_on, t.eligibility_decided_on)`;
  // The school year of the end: it starts on 1 August.
  await db.execute(sql`insert into trajectory_figures
      (tenant_id, location_id, school_year, end_reason, diploma_level, had_opp, count)
    select t.tenant_id, t.location_id,
      extract(year from ${endDay})::int - case when extract(month from ${endDay}) < 8 then 1 else 0 end,
      coalesce(t.end_reason, case when t.status = 'not_eligible' then 'not_eligible' else '' end),
      coalesce(t.diploma_level, ''),
      case when exists (select 1 from opp_versions v where v.trajectory_id = t.id and v.status <> 'draft')
        then 'yes' else 'no' end,
      count(*)::int
    from trajectories t
    where t.id in (${ids}) and ${endDay} is not null
    group by 1, 2, 3, 4, 5, 6
    on conflict (tenant_id, location_id, school_year, end_reason, diploma_level, had_opp)
      do update set count = trajectory_figures.count + excluded.count`);
  const deleted = await queryRows<{ id: string; pupil_id: string | null }>(
    db,
    sql`delete from trajectories where id in (${ids}) returning id, pupil_id`,
  );
  await eraseUnusedPupils(db, deleted);
  await logDeletion(db, 'trajectory', deleted.length, at);
  return deleted.length;
}

/**
 * Deletes the register entries (Y1) of the pupils whose files were just deleted, where no other support
 * request or trajectory names them any more: the entry goes with the pupil's last file, with its classes,
 * mentors and parents (cascade). An entry that never had a file is the school's to keep or remove.
 */
async function eraseUnusedPupils(db: DbTransaction, deleted: ReadonlyArray<{ pupil_id: string | null }>) {
  const pupilIds = [...new Set(deleted.flatMap((row) => (row.pupil_id ? [row.pupil_id] : [])))];
  if (pupilIds.length === 0) return;
  await db.execute(sql`delete from pupils p where p.id in (${idList(pupilIds)})
    and not exists (select 1 from support_requests s where s.pupil_id = p.id)
    and not exists (select 1 from trajectories t where t.pupil_id = p.id)`);
}

/** One line of the deletion log: which kind, how many, when (P4). Nothing when nothing went. */
export async function logDeletion(
  db: DbTransaction,
  kind: RetentionKind,
  count: number,
  at: Date,
): Promise<void> {
  if (count === 0) return;
  await db.execute(sql`insert into deletion_log (tenant_id, kind, count, deleted_at)
    values (nullif(current_setting('app.tenant_id', true), '')::uuid, ${kind}, ${count}, ${at.toISOString()}::timestamptz)`);
}

function idList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}
