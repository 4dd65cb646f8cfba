import { and, asc, count, eq, exists, ilike, inArray, isNull, ne, not, or, sql } from 'drizzle-orm';
import type {
  ExpertisePointInput,
  ExpertisePointListQuery,
  ExpertisePointOverview,
} from '../../../contracts/expertise-points.ts';
import type { Sector } from '../../../contracts/locations.ts';
import { vsoTeacherRole } from '../../../contracts/roles.ts';
import type { DbTransaction } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import type { Action } from '../../platform/access/policies.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locations } from '../schools/schools.schema.ts';
import { canHaveExpertisePoint, expertisePointWarningOf } from './expertise-points.rules.ts';
import { expertisePoints } from './expertise-points.schema.ts';

const overviewColumns = {
  locationId: locations.id,
  locationName: locations.name,
  place: locations.place,
  brin: locations.brin,
  locationCode: locations.locationCode,
  pointId: expertisePoints.id,
  room: expertisePoints.room,
  openingHours: expertisePoints.openingHours,
  offersHomeworkSupport: expertisePoints.offersHomeworkSupport,
  publicDescription: expertisePoints.publicDescription,
};
type OverviewRow = {
  locationId: string;
  locationName: string;
  place: string;
  brin: string;
  locationCode: string;
  pointId: string | null;
  room: string | null;
  openingHours: string | null;
  offersHomeworkSupport: boolean | null;
  publicDescription: string | null;
};

// A VSO teacher counts while their account is not disabled (an invited teacher is already planned in).
const isCountedVsoTeacher = and(eq(roleAssignments.role, vsoTeacherRole), ne(users.status, 'disabled'));

type SecondaryLocationRow = { id: string; tenantId: string; sector: Sector };

/**
 * A location as the target of its expertise point (E1): whoever may read expertise points there sees
 * it. Only a secondary school has one; that is checked after the access check (422 `not_secondary`).
 */
export const expertisePointLocationTarget = defineTarget<SecondaryLocationRow>({
  readAction: 'expertise_points.read',
  load: ({ db }, id, { lock }) => selectExpertisePointLocation(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, locationId: row.id }),
});

const selectExpertisePointLocation = rowById('expertise_point_location', (db, lock) => {
  const query = db
    .select({ id: locations.id, tenantId: locations.tenantId, sector: locations.sector })
    .from(locations)
    .where(eq(locations.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

/**
 * Expertise points of secondary locations (E1, E8), the coordinator's overview: a page of secondary
 * locations the actor may see, each with its expertise point, VSO teachers and warning;
 * `warning=true` keeps only the locations that need the coordinator (two queries per page).
 */
export async function listExpertisePoints(context: UseCaseContext, query: ExpertisePointListQuery) {
  const { db } = context;
  const search = query.q
    ? or(ilike(locations.name, containsPattern(query.q)), ilike(locations.place, containsPattern(query.q)))
    : undefined;
  // The SQL twin of expertisePointWarningOf: no point, or a point without a counted VSO teacher.
  const staffed = exists(
    db
      .select({ one: sql`1` })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(roleAssignments.locationId, locations.id), isCountedVsoTeacher)),
  );
  const needsAttention = query.warning === 'true' ? or(isNull(expertisePoints.id), not(staffed)) : undefined;
  const where = and(
    eq(locations.sector, 'vo'),
    context.scope('expertise_points.read', { locationId: locations.id }),
    search,
    needsAttention,
  );
  const page = await loadPage(
    query,
    ({ limit, offset }): Promise<OverviewRow[]> =>
      db
        .select(overviewColumns)
        .from(locations)
        .leftJoin(expertisePoints, eq(expertisePoints.locationId, locations.id))
        .where(where)
        .orderBy(asc(locations.name), asc(locations.id))
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ total: count() })
        .from(locations)
        .leftJoin(expertisePoints, eq(expertisePoints.locationId, locations.id))
        .where(where),
  );
  const teachers = await loadVsoTeachers(
    db,
    page.items.map((row) => row.locationId),
  );
  await context.audit('expertise_points.listed', null, {
    count: page.items.length,
    warningsOnly: query.warning === 'true',
  });
  return { ...page, items: page.items.map((row) => toOverview(row, teachers)) };
}

/** One secondary location with its expertise point, when the actor's roles reach it. */
export async function getExpertisePoint(
  context: UseCaseContext,
  locationId: string,
): Promise<ExpertisePointOverview> {
  const location = await loadSecondaryLocation(context, locationId);
  return loadOverview(context.db, location.id);
}

/** Creates or changes the expertise point of a secondary location (E8: whether homework help is offered). */
export async function saveExpertisePoint(
  context: UseCaseContext,
  locationId: string,
  input: ExpertisePointInput,
): Promise<ExpertisePointOverview> {
  const { db } = context;
  const location = await loadSecondaryLocation(context, locationId);
  const values = {
    room: input.room,
    openingHours: input.openingHours,
    offersHomeworkSupport: input.offersHomeworkSupport,
    publicDescription: input.publicDescription,
  };
  await db
    .insert(expertisePoints)
    .values({ tenantId: location.tenantId, locationId: location.id, ...values })
    .onConflictDoUpdate({
      target: expertisePoints.locationId,
      set: { ...values, updatedAt: context.clock.now() },
    });
  await context.audit(
    'expertise_points.updated',
    { type: 'location', id: location.id },
    { offersHomeworkSupport: input.offersHomeworkSupport },
  );
  return loadOverview(db, location.id);
}

/**
 * The location through the policy for `action` (default: the route's), then secondary only (E1):
 * 404 when the actor may not read expertise points there, 403 when they may not do the action there,
 * 422 `not_secondary` for a location that cannot have an expertise point.
 */
export async function loadSecondaryLocation(
  context: UseCaseContext,
  locationId: string,
  action?: Action,
): Promise<SecondaryLocationRow> {
  const location = await context.load(expertisePointLocationTarget, locationId, action ? { action } : {});
  if (!canHaveExpertisePoint(location.sector)) throw notSecondary();
  return location;
}

function notSecondary() {
  return new RuleViolation('not_secondary', 422, [{ path: 'locationId', code: 'not_secondary' }]);
}

async function loadOverview(db: DbTransaction, locationId: string): Promise<ExpertisePointOverview> {
  const [row] = await db
    .select(overviewColumns)
    .from(locations)
    .leftJoin(expertisePoints, eq(expertisePoints.locationId, locations.id))
    .where(eq(locations.id, locationId));
  if (!row) throw new NotFound();
  return toOverview(row, await loadVsoTeachers(db, [locationId]));
}

/** The VSO teachers of the given locations, by location, in one query. */
async function loadVsoTeachers(db: DbTransaction, locationIds: string[]) {
  const byLocation = new Map<string, Array<{ id: string; name: string }>>();
  if (locationIds.length === 0) return byLocation;
  const rows = await db
    .select({ locationId: roleAssignments.locationId, id: users.id, name: users.name })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.locationId, locationIds), isCountedVsoTeacher))
    .orderBy(asc(users.name), asc(users.id));
  for (const { locationId, id, name } of rows) {
    if (!locationId) continue;
    const list = byLocation.get(locationId) ?? [];
    list.push({ id, name });
    byLocation.set(locationId, list);
  }
  return byLocation;
}

function toOverview(
  row: OverviewRow,
  teachersByLocation: Map<string, Array<{ id: string; name: string }>>,
): ExpertisePointOverview {
  const vsoTeachers = teachersByLocation.get(row.locationId) ?? [];
  const hasPoint = row.pointId !== null;
  return {
    locationId: row.locationId,
    locationName: row.locationName,
    place: row.place,
    brin: row.brin,
    locationCode: row.locationCode,
    expertisePoint: hasPoint
      ? {
          room: row.room ?? '',
          openingHours: row.openingHours ?? '',
          offersHomeworkSupport: row.offersHomeworkSupport ?? false,
          publicDescription: row.publicDescription ?? '',
        }
      : null,
    vsoTeachers,
    warning: expertisePointWarningOf(hasPoint, vsoTeachers.length),
  };
}
