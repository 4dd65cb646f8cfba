import { and, asc, count, eq, exists, ilike, inArray, isNull, ne, not, or, sql } from 'drizzle-orm';
import type {
  ExpertisePointInput,
  ExpertisePointListQuery,
  ExpertisePointOverview,
} from '../../../contracts/expertise-points.ts';
import type { DatabaseClient, DbTransaction } from '../../db/client.ts';
import { type Action, type Actor, canAccess, scopeCondition } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { Forbidden, NotFound, RuleViolation } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
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
const isCountedVsoTeacher = and(eq(roleAssignments.role, 'vso_teacher'), ne(users.status, 'disabled'));

/** Expertise points of secondary locations (E1, E8): the coordinator's overview and the edit of one point. */
export class ExpertisePointsService {
  constructor(private readonly database: DatabaseClient) {}

  /**
   * A page of secondary locations the actor may see, each with its expertise point, VSO teachers and
   * warning; `warning=true` keeps only the locations that need the coordinator (two queries per page).
   */
  listExpertisePoints(actor: Actor, query: ExpertisePointListQuery, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const search = query.q
        ? or(
            ilike(locations.name, containsPattern(query.q)),
            ilike(locations.place, containsPattern(query.q)),
          )
        : undefined;
      // The SQL twin of expertisePointWarningOf: no point, or a point without a counted VSO teacher.
      const staffed = exists(
        db
          .select({ one: sql`1` })
          .from(roleAssignments)
          .innerJoin(users, eq(users.id, roleAssignments.userId))
          .where(and(eq(roleAssignments.locationId, locations.id), isCountedVsoTeacher)),
      );
      const needsAttention =
        query.warning === 'true' ? or(isNull(expertisePoints.id), not(staffed)) : undefined;
      const where = and(
        eq(locations.sector, 'vo'),
        scopeCondition(actor, 'expertise_points.read', { locationId: locations.id }),
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
      await recordAudit(transaction, auditActorOf(actor, meta), 'expertise_points.listed', null, {
        count: page.items.length,
        warningsOnly: query.warning === 'true',
      });
      return { ...page, items: page.items.map((row) => toOverview(row, teachers)) };
    });
  }

  /** One secondary location with its expertise point, when the actor's roles reach it. */
  getExpertisePoint(actor: Actor, locationId: string): Promise<ExpertisePointOverview> {
    return this.database.withTenant(actor.tenantId, async ({ db }) => {
      await requireSecondaryLocation(db, actor, 'expertise_points.read', locationId);
      return loadOverview(db, locationId);
    });
  }

  /** Creates or changes the expertise point of a secondary location (E8: whether homework help is offered). */
  saveExpertisePoint(
    actor: Actor,
    locationId: string,
    input: ExpertisePointInput,
    meta: RequestMeta,
  ): Promise<ExpertisePointOverview> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      await requireSecondaryLocation(db, actor, 'expertise_points.manage', locationId);
      const values = {
        room: input.room,
        openingHours: input.openingHours,
        offersHomeworkSupport: input.offersHomeworkSupport,
        publicDescription: input.publicDescription,
      };
      await db
        .insert(expertisePoints)
        .values({ tenantId: actor.tenantId, locationId, ...values })
        .onConflictDoUpdate({
          target: expertisePoints.locationId,
          set: { ...values, updatedAt: new Date() },
        });
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'expertise_points.updated',
        { type: 'location', id: locationId },
        { offersHomeworkSupport: input.offersHomeworkSupport },
      );
      return loadOverview(db, locationId);
    });
  }
}

/**
 * The location, if the actor may perform `action` there and it is a secondary school with an
 * expertise point (E1). Looked up inside the tenant transaction, so another partnership's id is
 * simply not found.
 */
export async function requireSecondaryLocation(
  db: DbTransaction,
  actor: Actor,
  action: Action,
  locationId: string,
) {
  const [location] = await db
    .select({ id: locations.id, sector: locations.sector })
    .from(locations)
    .where(eq(locations.id, locationId));
  if (!location) throw new NotFound();
  if (!canAccess(actor, action, { tenantId: actor.tenantId, locationId: location.id })) throw new Forbidden();
  if (!canHaveExpertisePoint(location.sector)) {
    throw new RuleViolation('not_secondary', 422, [{ path: 'locationId', code: 'not_secondary' }]);
  }
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
