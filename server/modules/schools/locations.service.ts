import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
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
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { type DatabaseClient, isUniqueViolation, type Transaction } from '../../db/client.ts';
import { type Action, type Actor, canAccess, scopeCondition } from '../../platform/access/policies.ts';
import { requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { Forbidden, NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { locations, pupilCounts, schoolBoards } from './schools.schema.ts';

type LocationRow = typeof locations.$inferSelect;

// The sort keys a list may ask for, each with its column: never a column name from the request.
const sortColumns = {
  name: locations.name,
  place: locations.place,
  brin: locations.brin,
  sector: locations.sector,
  pupils: pupilCounts.pupils,
} as const;

/** School locations, their boards and pupil counts, limited to what the actor's roles reach. */
export class LocationsService {
  constructor(private readonly database: DatabaseClient) {}

  /**
   * A page of locations the actor may see: searched, filtered and sorted in SQL, with board name and
   * the pupils of one school year joined in (one query for the page, one for the total).
   */
  listLocations(actor: Actor, query: LocationListQuery, meta: RequestMeta): Promise<LocationPage> {
    const today = todayInAmsterdam();
    const schoolYear = query.schoolYear ?? schoolYearOf(today);
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const search = query.q
        ? or(
            ilike(locations.name, containsPattern(query.q)),
            ilike(locations.brin, containsPattern(query.q)),
            ilike(locations.place, containsPattern(query.q)),
          )
        : undefined;
      const where = and(
        scopeCondition(actor, 'locations.read', { locationId: locations.id }),
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
      await recordAudit(transaction, auditActorOf(actor, meta), 'locations.listed', null, {
        count: page.items.length,
      });
      return { ...page, schoolYear };
    });
  }

  /** One location with address, board, pupil counts of all years and the school staff linked to it. */
  getLocation(actor: Actor, locationId: string, meta: RequestMeta): Promise<LocationDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const location = await this.loadChecked(transaction, actor, 'locations.read', locationId);
      await recordAudit(transaction, auditActorOf(actor, meta), 'locations.viewed', {
        type: 'location',
        id: location.id,
      });
      return this.detailOf(transaction, actor, location);
    });
  }

  /** Creates a location; a BRIN + vestigingscode already in use is refused on the field. */
  createLocation(actor: Actor, input: CreateLocationInput, meta: RequestMeta): Promise<LocationDetail> {
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        if (!canAccess(actor, 'locations.manage', { tenantId: actor.tenantId })) throw new Forbidden();
        await requireVisible(
          transaction,
          actor,
          { kind: 'schoolBoard' },
          { boardId: input.boardId },
          'unknown_board',
        );
        await this.assertCodeFree(transaction, input.brin, input.locationCode, null);
        const [location] = await transaction.db
          .insert(locations)
          .values({ tenantId: actor.tenantId, ...input })
          .returning();
        if (!location) throw new Error('insert returned nothing');
        await recordAudit(transaction, auditActorOf(actor, meta), 'locations.created', {
          type: 'location',
          id: location.id,
        });
        return this.detailOf(transaction, actor, location);
      })
      .catch(rethrowDuplicateCode);
  }

  /** Changes the fields sent; the active period is checked against the stored dates as well. */
  updateLocation(
    actor: Actor,
    locationId: string,
    input: UpdateLocationInput,
    meta: RequestMeta,
  ): Promise<LocationDetail> {
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        const current = await this.loadChecked(transaction, actor, 'locations.manage', locationId);
        const activeFrom = input.activeFrom === undefined ? current.activeFrom : input.activeFrom;
        const activeTo = input.activeTo === undefined ? current.activeTo : input.activeTo;
        if (isEndBeforeStart(activeFrom, activeTo))
          throw new ValidationFailed([{ path: 'activeTo', code: 'end_before_start' }]);
        await requireVisible(
          transaction,
          actor,
          { kind: 'schoolBoard' },
          { boardId: input.boardId },
          'unknown_board',
        );
        if (input.brin !== undefined || input.locationCode !== undefined) {
          await this.assertCodeFree(
            transaction,
            input.brin ?? current.brin,
            input.locationCode ?? current.locationCode,
            current.id,
          );
        }
        const changed = (Object.keys(input) as Array<keyof UpdateLocationInput>).filter(
          (key) => input[key] !== undefined && input[key] !== current[key],
        );
        let location = current;
        if (changed.length > 0) {
          const [updated] = await transaction.db
            .update(locations)
            .set(input)
            .where(eq(locations.id, current.id))
            .returning();
          if (!updated) throw new NotFound();
          location = updated;
          await recordAudit(
            transaction,
            auditActorOf(actor, meta),
            'locations.updated',
            { type: 'location', id: location.id },
            { fields: changed.sort().join(',') },
          );
        }
        return this.detailOf(transaction, actor, location);
      })
      .catch(rethrowDuplicateCode);
  }

  /** Sets the pupils of a location in a school year by hand (source `manual`). */
  setPupilCount(
    actor: Actor,
    locationId: string,
    schoolYear: number,
    pupils: number,
    meta: RequestMeta,
  ): Promise<PupilCount> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const location = await this.loadChecked(transaction, actor, 'locations.manage', locationId);
      const [row] = await transaction.db
        .insert(pupilCounts)
        .values({ tenantId: actor.tenantId, locationId: location.id, schoolYear, pupils, source: 'manual' })
        .onConflictDoUpdate({
          target: [pupilCounts.locationId, pupilCounts.schoolYear],
          set: { pupils, source: 'manual', updatedAt: sql`now()` },
        })
        .returning();
      if (!row) throw new Error('upsert returned nothing');
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'pupil_counts.changed',
        { type: 'location', id: location.id },
        { schoolYear, pupils },
      );
      return toPupilCount(row);
    });
  }

  /** Removes the pupil count of a school year; 404 when there was none. */
  deletePupilCount(actor: Actor, locationId: string, schoolYear: number, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const location = await this.loadChecked(transaction, actor, 'locations.manage', locationId);
      const deleted = await transaction.db
        .delete(pupilCounts)
        .where(and(eq(pupilCounts.locationId, location.id), eq(pupilCounts.schoolYear, schoolYear)))
        .returning({ id: pupilCounts.id });
      if (deleted.length === 0) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'pupil_counts.deleted',
        { type: 'location', id: location.id },
        { schoolYear },
      );
    });
  }

  /** All school boards of the partnership, by name (a partnership has a handful to a few dozen). */
  listSchoolBoards(actor: Actor, meta: RequestMeta): Promise<{ items: SchoolBoard[] }> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const items = await transaction.db
        .select({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
        .from(schoolBoards)
        .orderBy(asc(schoolBoards.name), asc(schoolBoards.code));
      await recordAudit(transaction, auditActorOf(actor, meta), 'school_boards.listed', null, {
        count: items.length,
      });
      return { items };
    });
  }

  /** Adds a school board; a board number already in use is refused on the field. */
  createSchoolBoard(actor: Actor, input: CreateSchoolBoardInput, meta: RequestMeta): Promise<SchoolBoard> {
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        if (!canAccess(actor, 'locations.manage', { tenantId: actor.tenantId })) throw new Forbidden();
        const [board] = await transaction.db
          .insert(schoolBoards)
          .values({ tenantId: actor.tenantId, code: input.code, name: input.name })
          .returning({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name });
        if (!board) throw new Error('insert returned nothing');
        await recordAudit(transaction, auditActorOf(actor, meta), 'school_boards.created', {
          type: 'school_board',
          id: board.id,
        });
        return board;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'school_boards_code_unique')
          ? new RuleViolation('conflict', 409, [{ path: 'code', code: 'duplicate_board_code' }])
          : error;
      });
  }

  /** The location (row-level security hides other partnerships': 404), then the record-level check. */
  private async loadChecked(
    { db }: Transaction,
    actor: Actor,
    action: Action,
    locationId: string,
  ): Promise<LocationRow> {
    const [location] = await db.select().from(locations).where(eq(locations.id, locationId));
    if (!location) throw new NotFound();
    if (!canAccess(actor, action, { tenantId: actor.tenantId, locationId: location.id }))
      throw new Forbidden();
    return location;
  }

  private async detailOf(
    transaction: Transaction,
    actor: Actor,
    location: LocationRow,
  ): Promise<LocationDetail> {
    const { db } = transaction;
    const [board] = location.boardId
      ? await db
          .select({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
          .from(schoolBoards)
          .where(eq(schoolBoards.id, location.boardId))
      : [];
    const counts = await db
      .select()
      .from(pupilCounts)
      .where(eq(pupilCounts.locationId, location.id))
      .orderBy(desc(pupilCounts.schoolYear));
    // Need to know: colleagues see who works at the school; only managers get the e-mail addresses.
    const showEmail = canAccess(actor, 'locations.manage', {
      tenantId: actor.tenantId,
      locationId: location.id,
    });
    const staff = await db
      .select({ userId: users.id, name: users.name, role: roleAssignments.role, email: users.email })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(
        and(
          eq(roleAssignments.locationId, location.id),
          inArray(roleAssignments.role, [...locationScopedRoles]),
          ne(users.status, 'disabled'),
        ),
      )
      .orderBy(asc(users.name), asc(users.id), asc(roleAssignments.role));
    return {
      id: location.id,
      name: location.name,
      brin: location.brin,
      locationCode: location.locationCode,
      sector: location.sector,
      place: location.place,
      board: board ?? null,
      street: location.street,
      houseNumber: location.houseNumber,
      postalCode: location.postalCode,
      activeFrom: location.activeFrom,
      activeTo: location.activeTo,
      active: isActiveOn(location, todayInAmsterdam()),
      pupilCounts: counts.map(toPupilCount),
      staff: staff.map((member) => ({ ...member, email: showEmail ? member.email : null })),
    };
  }

  /** A clear answer before the insert; the unique constraint still decides between two at once. */
  private async assertCodeFree(
    { db }: Transaction,
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
