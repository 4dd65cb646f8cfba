import { type SQL, sql } from 'drizzle-orm';
import { type DbTransaction, queryRows } from '../../db/client.ts';
import { ValidationFailed } from '../../platform/http/errors.ts';

/**
 * One pupil as the files name them (P4 legal hold, P5 subject access): the name and birth date typed on
 * a support request or trajectory, or of the school's register entry (Y1) they name, optionally at one
 * school. Names are compared by `passend_name_key` (case and spacing do not count).
 */
export type PupilIdentity = { name: string; birthDate: string; locationId?: string | null };

/** A pupil's identity as values, or as columns of an outer query (a legal hold's row). */
type PupilMatch = { [field in keyof PupilIdentity]: PupilIdentity[field] | SQL };

/** The ids of the pupil's entries in the schools' registers (Y1; a subquery). */
export function registerIdsOfPupil(pupil: PupilMatch): SQL {
  return sql`select r.id from pupils r
    where r.birth_date = ${pupil.birthDate}::date
      and passend_name_key(r.name) = passend_name_key(${pupil.name})
      and (${pupil.locationId ?? null}::uuid is null or r.location_id = ${pupil.locationId ?? null}::uuid)`;
}

/** The ids of the support requests about this pupil (a subquery: `... in (${requestIdsOfPupil(p)})`). */
export function requestIdsOfPupil(pupil: PupilMatch): SQL {
  return sql`select p.request_id from request_people p
    join support_requests s on s.id = p.request_id
    where p.kind = 'pupil' and p.birth_date = ${pupil.birthDate}::date
      and passend_name_key(p.name) = passend_name_key(${pupil.name})
      and (${pupil.locationId ?? null}::uuid is null or s.location_id = ${pupil.locationId ?? null}::uuid)
    union select s.id from support_requests s where s.pupil_id in (${registerIdsOfPupil(pupil)})`;
}

/** The ids of the trajectories about this pupil. */
export function trajectoryIdsOfPupil(pupil: PupilMatch): SQL {
  return sql`select t.id from trajectories t
    where t.pupil_birth_date = ${pupil.birthDate}::date
      and passend_name_key(t.pupil_first_name || ' ' || t.pupil_last_name) = passend_name_key(${pupil.name})
      and (${pupil.locationId ?? null}::uuid is null or t.location_id = ${pupil.locationId ?? null}::uuid)
    union select t.id from trajectories t where t.pupil_id in (${registerIdsOfPupil(pupil)})`;
}

/** How many support requests and trajectories name this pupil (an SQL expression). */
export function filesOfPupil(pupil: PupilMatch): SQL<number> {
  return sql<number>`((select count(*) from (${requestIdsOfPupil(pupil)}) r)
    + (select count(*) from (${trajectoryIdsOfPupil(pupil)}) t))::int`;
}

/**
 * How many files name this pupil; none is refused at `path` (most likely a typing error), so a hold
 * or a search about nobody is never stored or run.
 */
export async function requireFilesOfPupil(
  db: DbTransaction,
  pupil: PupilIdentity,
  path: string,
): Promise<number> {
  const [found] = await queryRows<{ files: number }>(db, sql`select ${filesOfPupil(pupil)} as files`);
  if (!found?.files) throw new ValidationFailed([{ path, code: 'pupil_not_found' }]);
  return found.files;
}

/** Whether a legal hold in force keeps the support request `requestAlias` (a `support_requests` alias). */
export function requestIsHeld(requestAlias: SQL): SQL {
  return sql`exists (select 1 from request_people hp join legal_holds h
      on h.released_at is null and h.birth_date = hp.birth_date and h.name_key = passend_name_key(hp.name)
    where hp.request_id = ${requestAlias}.id and hp.kind = 'pupil'
      and (h.location_id is null or h.location_id = ${requestAlias}.location_id))`;
}

/** Whether a legal hold in force keeps the trajectory `trajectoryAlias` (a `trajectories` alias). */
export function trajectoryIsHeld(trajectoryAlias: SQL): SQL {
  return sql`exists (select 1 from legal_holds h
    where h.released_at is null and h.birth_date = ${trajectoryAlias}.pupil_birth_date
      and h.name_key = passend_name_key(${trajectoryAlias}.pupil_first_name || ' ' || ${trajectoryAlias}.pupil_last_name)
      and (h.location_id is null or h.location_id = ${trajectoryAlias}.location_id))`;
}
