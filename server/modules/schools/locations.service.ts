import { and, asc, count, eq, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import { isActiveOn, isEndBeforeStart } from '../../../contracts/location-codes.ts';
import type {
  CreateLocationInput,
  CreateSchoolBoardInput,
  LocationDetail,
  LocationListItem,
  LocationListQuery,
  LocationPage,
  PupilCount,
  SchoolBoard,
  UpdateLocationInput,
} from '../../../contracts/locations.ts';
import { locationScopedRoles } from '../../../contracts/roles.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locations, pupilCounts, schoolBoards } from './schools.schema.ts';

type LocationRow = typeof locations.$inferSelect;

/** A location as a route's target: anyone who may read locations there sees it. */
export const locationTarget = defineTarget<LocationRow>({
  readAction: 'locations.read',
  load: ({ db }, id, { lock }) => selectLocation(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, locationId: row.id }),
});

const selectLocation = rowById('location', (db, lock) => {
  const query = db.select().from(locations).where(eq(locations.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

// The sort keys a list may ask for, each with its column: never a column name from the request.
const sortColumns = {
  name: locations.name,
  place: locations.place,
  brin: locations.brin,
  sector: locations.sector,
  pupils: pupilCounts.pupils,
} as const;

/**
 * A page of locations the actor may see: searched, filtered and sorted in SQL, with board name and the
 * pupils of one school year joined in (one query for the page, one for the total).
 */
export async function listLocations(
  context: UseCaseContext,
  query: LocationListQuery,
): Promise<LocationPage> {
  const { db } = context;
  const today = context.clock.today();
  const schoolYear = query.schoolYear ?? schoolYearOf(today);
  const search = query.q
    ? or(
        ilike(locations.name, containsPattern(query.q)),
        ilike(locations.brin, containsPattern(query.q)),
        ilike(locations.place, containsPattern(query.q)),
      )
    : undefined;
  const where = and(
    context.scope('locations.read', { locationId: locations.id }),
    search,
    query.sector ? eq(locations.sector, query.sector) : undefined,
    query.boardId ? eq(locations.boardId, query.boardId) : undefined,
  );
  const direction = query.direction === 'desc' ? sql`desc` : sql`asc`;
  const page = await loadPage(
    query,
    ({ limit, offset }): Promise<LocationListItem[]> =>
      db
        .select({
          id: locations.id,
          name: locations.name,
          brin: locations.brin,
          locationCode: locations.locationCode,
          sector: locations.sector,
          place: locations.place,
          boardId: locations.boardId,
          boardName: schoolBoards.name,
          active: sql<boolean>`((${locations.activeFrom} is null or ${locations.activeFrom} <= ${today}::date)
            and (${locations.activeTo} is null or ${locations.activeTo} >= ${today}::date))`,
          pupils: pupilCounts.pupils,
        })
        .from(locations)
        .leftJoin(schoolBoards, eq(schoolBoards.id, locations.boardId))
        .leftJoin(
          pupilCounts,
          and(eq(pupilCounts.locationId, locations.id), eq(pupilCounts.schoolYear, schoolYear)),
        )
        .where(where)
        .orderBy(
          sql`${sortColumns[query.sort]} ${direction} nulls last`,
          asc(locations.name),
          asc(locations.id),
        )
        .limit(limit)
        .offset(offset),
    () => db.select({ total: count() }).from(locations).where(where),
  );
  await context.audit('locations.listed', null, { count: page.items.length });
  return { ...page, schoolYear };
}

/** One location with address, board, pupil counts of all years and the school staff linked to it. */
export async function getLocation(context: UseCaseContext, locationId: string): Promise<LocationDetail> {
  const loaded = await context.load(locationDetailTarget, locationId);
  await context.audit('locations.viewed', { type: 'location', id: loaded.location.id });
  return detailFrom(context, loaded);
}

/** Creates a location; a BRIN + vestigingscode already in use is refused on the field. */
export async function createLocation(
  context: UseCaseContext,
  input: CreateLocationInput,
): Promise<LocationDetail> {
  context.require('locations.manage', {});
  await context.requireVisible({ kind: 'schoolBoard' }, { boardId: input.boardId }, 'unknown_board');
  await assertCodeFree(context, input.brin, input.locationCode, null);
  const [location] = await context.db
    .insert(locations)
    .values({ tenantId: context.actor.tenantId, ...input })
    .returning()
    .catch(rethrowDuplicateCode);
  if (!location) throw new Error('insert returned nothing');
  await context.audit('locations.created', { type: 'location', id: location.id });
  return detailOf(context, location);
}

/** Changes the fields sent; the active period is checked against the stored dates as well. */
export async function updateLocation(
  context: UseCaseContext,
  locationId: string,
  input: UpdateLocationInput,
): Promise<LocationDetail> {
  const current = await context.load(locationTarget, locationId, { lock: true });
  const activeFrom = input.activeFrom === undefined ? current.activeFrom : input.activeFrom;
  const activeTo = input.activeTo === undefined ? current.activeTo : input.activeTo;
  if (isEndBeforeStart(activeFrom, activeTo))
    throw new ValidationFailed([{ path: 'activeTo', code: 'end_before_start' }]);
  await context.requireVisible({ kind: 'schoolBoard' }, { boardId: input.boardId }, 'unknown_board');
  if (input.brin !== undefined || input.locationCode !== undefined) {
    await assertCodeFree(
      context,
      input.brin ?? current.brin,
      input.locationCode ?? current.locationCode,
      current.id,
    );
  }
  const changed = (Object.keys(input) as Array<keyof UpdateLocationInput>).filter(
    (key) => input[key] !== undefined && input[key] !== current[key],
  );
  if (changed.length === 0) return detailOf(context, current);
  const [updated] = await context.db
    .update(locations)
    .set(input)
    .where(eq(locations.id, current.id))
    .returning()
    .catch(rethrowDuplicateCode);
  if (!updated) throw new NotFound();
  await context.audit(
    'locations.updated',
    { type: 'location', id: updated.id },
    { fields: changed.sort().join(',') },
  );
  return detailOf(context, updated);
}

/** Sets the pupils of a location in a school year by hand (source `manual`). */
export async function setPupilCount(
  context: UseCaseContext,
  locationId: string,
  schoolYear: number,
  pupils: number,
): Promise<PupilCount> {
  const location = await context.load(locationTarget, locationId);
  const [row] = await context.db
    .insert(pupilCounts)
    .values({ tenantId: location.tenantId, locationId: location.id, schoolYear, pupils, source: 'manual' })
    .onConflictDoUpdate({
      target: [pupilCounts.locationId, pupilCounts.schoolYear],
      set: { pupils, source: 'manual', updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error('upsert returned nothing');
  await context.audit('pupil_counts.changed', { type: 'location', id: location.id }, { schoolYear, pupils });
  return toPupilCount(row);
}

/** Removes the pupil count of a school year; 404 when there was none. */
export async function deletePupilCount(
  context: UseCaseContext,
  locationId: string,
  schoolYear: number,
): Promise<void> {
  const location = await context.load(locationTarget, locationId);
  const deleted = await context.db
    .delete(pupilCounts)
    .where(and(eq(pupilCounts.locationId, location.id), eq(pupilCounts.schoolYear, schoolYear)))
    .returning({ id: pupilCounts.id });
  if (deleted.length === 0) throw new NotFound();
  await context.audit('pupil_counts.deleted', { type: 'location', id: location.id }, { schoolYear });
}

/** All school boards of the partnership, by name (a partnership has a handful to a few dozen). */
export async function listSchoolBoards(context: UseCaseContext): Promise<{ items: SchoolBoard[] }> {
  const items = await context.db
    .select({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
    .from(schoolBoards)
    .orderBy(asc(schoolBoards.name), asc(schoolBoards.code));
  await context.audit('school_boards.listed', null, { count: items.length });
  return { items };
}

/** Adds a school board; a board number already in use is refused on the field. */
export async function createSchoolBoard(
  context: UseCaseContext,
  input: CreateSchoolBoardInput,
): Promise<SchoolBoard> {
  context.require('locations.manage', {});
  const [board] = await context.db
    .insert(schoolBoards)
    .values({ tenantId: context.actor.tenantId, code: input.code, name: input.name })
    .returning({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
    .catch((error: unknown) => {
      throw isUniqueViolation(error, 'school_boards_code_unique')
        ? new RuleViolation('conflict', 409, [{ path: 'code', code: 'duplicate_board_code' }])
        : error;
    });
  if (!board) throw new Error('insert returned nothing');
  await context.audit('school_boards.created', { type: 'school_board', id: board.id });
  return board;
}

type LocationWithDetail = {
  location: LocationRow;
  board: SchoolBoard | null;
  counts: Array<{ schoolYear: number; pupils: number; source: PupilCount['source']; updatedAt: string }>;
  staff: Array<{
    userId: string;
    name: string;
    role: LocationDetail['staff'][number]['role'];
    email: string;
  }>;
};

// The location with its board, pupil counts and school staff in one statement: a detail is read far
// more often than it is changed, and each round trip to the database costs more than the query itself.
function selectWithDetail(db: UseCaseContext['db']) {
  const roles = sql.join(
    locationScopedRoles.map((role) => sql`${role}`),
    sql`, `,
  );
  return db
    .select({
      location: locations,
      board: sql<SchoolBoard | null>`(select json_build_object('id', b.id, 'code', b.code, 'name', b.name)
        from school_boards b where b.id = "locations"."board_id")`,
      counts: sql<LocationWithDetail['counts']>`coalesce((select json_agg(json_build_object(
          'schoolYear', c.school_year, 'pupils', c.pupils, 'source', c.source, 'updatedAt', c.updated_at)
          order by c.school_year desc)
        from pupil_counts c where c.location_id = "locations"."id"), '[]'::json)`,
      staff: sql<LocationWithDetail['staff']>`coalesce((select json_agg(json_build_object(
          'userId', u.id, 'name', u.name, 'role', r.role, 'email', u.email) order by u.name, u.id, r.role)
        from role_assignments r join users u on u.id = r.user_id
        where r.location_id = "locations"."id" and r.role in (${roles}) and u.status <> 'disabled'), '[]'::json)`,
    })
    .from(locations);
}

// A read's target only: a command changes the location itself (locationTarget).
const selectLocationDetail = rowById('location_detail', (db) =>
  selectWithDetail(db).where(eq(locations.id, idPlaceholder)),
);

/** A location as a read's target, loaded with everything its detail shows. */
const locationDetailTarget = defineTarget<LocationWithDetail>({
  readAction: 'locations.read',
  load: ({ db }, id) => selectLocationDetail(db, id, false),
  scopeOf: ({ location }) => ({ tenantId: location.tenantId, locationId: location.id }),
});

async function detailOf(context: UseCaseContext, location: LocationRow): Promise<LocationDetail> {
  const [loaded] = await selectWithDetail(context.db).where(eq(locations.id, location.id));
  if (!loaded) throw new NotFound();
  return detailFrom(context, loaded);
}

function detailFrom(
  context: UseCaseContext,
  { location, board, counts, staff }: LocationWithDetail,
): LocationDetail {
  // Need to know: colleagues see who works at the school; only managers get the e-mail addresses.
  const showEmail = context.may('locations.manage', { locationId: location.id });
  return {
    id: location.id,
    name: location.name,
    brin: location.brin,
    locationCode: location.locationCode,
    sector: location.sector,
    place: location.place,
    board,
    street: location.street,
    houseNumber: location.houseNumber,
    postalCode: location.postalCode,
    activeFrom: location.activeFrom,
    activeTo: location.activeTo,
    active: isActiveOn(location, context.clock.today()),
    pupilCounts: counts.map((count) => ({ ...count, updatedAt: new Date(count.updatedAt).toISOString() })),
    staff: staff.map((member) => ({ ...member, email: showEmail ? member.email : null })),
  };
}

/** A clear answer before the insert; the unique constraint still decides between two at once. */
async function assertCodeFree(
  { db }: UseCaseContext,
  brin: string,
  locationCode: string,
  exceptId: string | null,
): Promise<void> {
  const conditions: SQL[] = [eq(locations.brin, brin), eq(locations.locationCode, locationCode)];
  if (exceptId) conditions.push(ne(locations.id, exceptId));
  const [existing] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(...conditions));
  if (existing) throw duplicateLocationCode();
}

function duplicateLocationCode() {
  return new RuleViolation('conflict', 409, [{ path: 'locationCode', code: 'duplicate_location_code' }]);
}

function rethrowDuplicateCode(error: unknown): never {
  throw isUniqueViolation(error, 'locations_code_unique') ? duplicateLocationCode() : error;
}

function toPupilCount(row: typeof pupilCounts.$inferSelect): PupilCount {
  return {
    schoolYear: row.schoolYear,
    pupils: row.pupils,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}
