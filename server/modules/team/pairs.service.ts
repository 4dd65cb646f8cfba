import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { primarySectors } from '../../../contracts/locations.ts';
import type { TeamRole } from '../../../contracts/roles.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import type {
  BulkPairInput,
  BulkPairResult,
  LocationPair,
  PairHistory,
  PairListQuery,
  PairPage,
  PairPeriodView,
  SetPairInput,
} from '../../../contracts/team.ts';
import { type DatabaseClient, isUniqueViolation, type Transaction } from '../../db/client.ts';
import { type Actor, canAccess, scopeCondition } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import {
  Forbidden,
  type HttpError,
  NotFound,
  RuleViolation,
  ValidationFailed,
} from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { locations } from '../schools/schools.schema.ts';
import {
  desiredPairOf,
  type PairCandidate,
  type PairIssue,
  type PairPeriod,
  pairOn,
  planPairChange,
  rowsOfPair,
  validatePair,
} from './pairs.rules.ts';
import { schoolTeamAssignments, teamMembers } from './team.schema.ts';

type LocationRow = Pick<
  typeof locations.$inferSelect,
  'id' | 'name' | 'brin' | 'locationCode' | 'sector' | 'place'
>;
type NamedPeriod = PairPeriod & { name: string };

const scientist = alias(schoolTeamAssignments, 'scientist');
const adviser = alias(schoolTeamAssignments, 'adviser');
const scientistUser = alias(users, 'scientist_user');
const adviserUser = alias(users, 'adviser_user');

const locationColumns = {
  id: locations.id,
  name: locations.name,
  brin: locations.brin,
  locationCode: locations.locationCode,
  sector: locations.sector,
  place: locations.place,
};

const isPrimary = inArray(locations.sector, [...primarySectors]);

/** The two fixed team members of primary schools (R5): on a date, their history, and changes from a date. */
export class PairsService {
  constructor(private readonly database: DatabaseClient) {}

  /**
   * All primary locations active on the date with their pair and its status, in one set-based query
   * (plus the total); sorted by status puts schools lacking a complete pair first.
   */
  listPairs(actor: Actor, query: PairListQuery, meta: RequestMeta): Promise<PairPage> {
    const date = query.date ?? todayInAmsterdam();
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const validOn = (table: typeof scientist | typeof adviser, teamRole: TeamRole) =>
        and(
          eq(table.locationId, locations.id),
          eq(table.teamRole, teamRole),
          lte(table.validFrom, date),
          or(isNull(table.validTo), gt(table.validTo, date)),
        );
      const status = sql<LocationPair['status']>`case
        when ${scientist.id} is null and ${adviser.id} is null then 'missing'
        when ${scientist.id} is not null and ${adviser.id} is not null
          and (${scientist.isContact}::int + ${adviser.isContact}::int) = 1 then 'complete'
        else 'incomplete' end`;
      const where = and(
        isPrimary,
        scopeCondition(actor, 'pairs.read', { locationId: locations.id }),
        sql`(${locations.activeFrom} is null or ${locations.activeFrom} <= ${date}::date)`,
        sql`(${locations.activeTo} is null or ${locations.activeTo} >= ${date}::date)`,
        query.q
          ? or(
              ilike(locations.name, containsPattern(query.q)),
              ilike(locations.place, containsPattern(query.q)),
            )
          : undefined,
        query.status ? sql`${status} = ${query.status}` : undefined,
      );
      const statusRank = sql`case ${status} when 'missing' then 0 when 'incomplete' then 1 else 2 end`;
      const page = await loadPage(
        query,
        ({ limit, offset }) =>
          db
            .select({
              ...locationColumns,
              status,
              scientistId: scientist.userId,
              scientistName: scientistUser.name,
              scientistContact: scientist.isContact,
              scientistFrom: scientist.validFrom,
              scientistTo: scientist.validTo,
              adviserId: adviser.userId,
              adviserName: adviserUser.name,
              adviserContact: adviser.isContact,
              adviserFrom: adviser.validFrom,
              adviserTo: adviser.validTo,
            })
            .from(locations)
            .leftJoin(scientist, validOn(scientist, 'behavioural_scientist'))
            .leftJoin(scientistUser, eq(scientistUser.id, scientist.userId))
            .leftJoin(adviser, validOn(adviser, 'inclusion_adviser'))
            .leftJoin(adviserUser, eq(adviserUser.id, adviser.userId))
            .where(where)
            .orderBy(...(query.sort === 'status' ? [statusRank] : []), asc(locations.name), asc(locations.id))
            .limit(limit)
            .offset(offset),
        () =>
          db
            .select({ total: count() })
            .from(locations)
            .leftJoin(scientist, validOn(scientist, 'behavioural_scientist'))
            .leftJoin(adviser, validOn(adviser, 'inclusion_adviser'))
            .where(where),
      );
      await recordAudit(transaction, auditActorOf(actor, meta), 'pairs.listed', null, {
        count: page.items.length,
      });
      const items: LocationPair[] = page.items.map((row) => ({
        locationId: row.id,
        name: row.name,
        brin: row.brin,
        locationCode: row.locationCode,
        sector: row.sector,
        place: row.place,
        date,
        status: row.status,
        behaviouralScientist:
          row.scientistId && row.scientistFrom
            ? {
                userId: row.scientistId,
                name: row.scientistName ?? '',
                teamRole: 'behavioural_scientist',
                isContact: row.scientistContact ?? false,
                validFrom: row.scientistFrom,
                validTo: row.scientistTo,
              }
            : null,
        inclusionAdviser:
          row.adviserId && row.adviserFrom
            ? {
                userId: row.adviserId,
                name: row.adviserName ?? '',
                teamRole: 'inclusion_adviser',
                isContact: row.adviserContact ?? false,
                validFrom: row.adviserFrom,
                validTo: row.adviserTo,
              }
            : null,
      }));
      return { ...page, items, date };
    });
  }

  /** R5: the pair of one location on a date: "who was contact person of school X on date D". */
  getPair(
    actor: Actor,
    locationId: string,
    date: string | undefined,
    meta: RequestMeta,
  ): Promise<LocationPair> {
    const onDate = date ?? todayInAmsterdam();
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const location = await loadPrimaryLocation(transaction, actor, 'pairs.read', locationId);
      const periods = await loadPeriods(transaction, [location.id]);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'pairs.viewed',
        {
          type: 'location',
          id: location.id,
        },
        { date: onDate },
      );
      return pairViewOf(location, periods.get(location.id) ?? [], onDate);
    });
  }

  /** Every period of a location's pair, newest first. */
  getHistory(actor: Actor, locationId: string, meta: RequestMeta): Promise<PairHistory> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const location = await loadPrimaryLocation(transaction, actor, 'pairs.read', locationId);
      const periods = (await loadPeriods(transaction, [location.id])).get(location.id) ?? [];
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'pairs.viewed',
        {
          type: 'location',
          id: location.id,
        },
        { history: true },
      );
      const sorted = [...periods].sort(
        (a, b) => b.validFrom.localeCompare(a.validFrom) || a.teamRole.localeCompare(b.teamRole),
      );
      return { locationId: location.id, name: location.name, periods: sorted.map(toView) };
    });
  }

  /** R5: sets a location's pair from a date; the history stays. */
  setPair(actor: Actor, locationId: string, input: SetPairInput, meta: RequestMeta): Promise<LocationPair> {
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        const location = await loadPrimaryLocation(transaction, actor, 'pairs.manage', locationId, true);
        const desired = desiredPairOf(input);
        const candidates = await loadCandidates(transaction, [
          input.behaviouralScientistUserId,
          input.inclusionAdviserUserId,
        ]);
        const issues = validatePair(desired, candidates);
        const periods = (await loadPeriods(transaction, [location.id])).get(location.id) ?? [];
        const plan =
          issues.length > 0 ? null : planPairChange(periods, rowsOfPair(desired), input.effectiveFrom);
        const allIssues = plan && !plan.ok ? plan.issues : issues;
        if (allIssues.length > 0) throw new ValidationFailed(allIssues.map((issue) => toField(issue, '')));
        if (plan?.ok && !plan.unchanged) {
          await applyPlan(transaction, location.id, plan);
          await recordAudit(
            transaction,
            auditActorOf(actor, meta),
            'pairs.changed',
            {
              type: 'location',
              id: location.id,
            },
            { effectiveFrom: input.effectiveFrom },
          );
        }
        const after = (await loadPeriods(transaction, [location.id])).get(location.id) ?? [];
        return pairViewOf(location, after, input.effectiveFrom);
      })
      .catch((error: unknown) => {
        throw pairConflictOf(error, '') ?? error;
      });
  }

  /**
   * R5 in bulk: one pair for many schools from one date. All or nothing: every entry is checked
   * before anything is written, and any problem answers 400 with `assignments.<i>.<field>`.
   */
  setPairsInBulk(actor: Actor, input: BulkPairInput, meta: RequestMeta): Promise<BulkPairResult> {
    let current = -1;
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        const { db } = transaction;
        const locationIds = [...new Set(input.assignments.map((entry) => entry.locationId))];
        // Locked in a fixed order, so two bulk changes at once wait for each other instead of deadlocking.
        const found = await db
          .select({ ...locationColumns })
          .from(locations)
          .where(inArray(locations.id, locationIds))
          .orderBy(asc(locations.id))
          .for('update');
        const byId = new Map(found.map((row) => [row.id, row]));
        const candidates = await loadCandidates(
          transaction,
          input.assignments.flatMap((entry) => [
            entry.behaviouralScientistUserId,
            entry.inclusionAdviserUserId,
          ]),
        );
        const periodsByLocation = await loadPeriods(transaction, locationIds);
        const issues: Array<{ path: string; code: string; params?: Record<string, string> }> = [];
        const seen = new Set<string>();
        const plans = input.assignments.map((entry, index) => {
          const prefix = `assignments.${index}.`;
          const location = byId.get(entry.locationId);
          if (
            !location ||
            !canAccess(actor, 'pairs.manage', { tenantId: actor.tenantId, locationId: entry.locationId })
          ) {
            issues.push({ path: `${prefix}locationId`, code: 'unknown_location' });
            return null;
          }
          if (!(primarySectors as readonly string[]).includes(location.sector)) {
            issues.push({ path: `${prefix}locationId`, code: 'not_primary' });
            return null;
          }
          if (seen.has(entry.locationId)) {
            issues.push({ path: `${prefix}locationId`, code: 'duplicate_location' });
            return null;
          }
          seen.add(entry.locationId);
          const desired = desiredPairOf(entry);
          const pairIssues = validatePair(desired, candidates);
          if (pairIssues.length > 0) {
            issues.push(...pairIssues.map((issue) => toField(issue, prefix)));
            return null;
          }
          const plan = planPairChange(
            periodsByLocation.get(entry.locationId) ?? [],
            rowsOfPair(desired),
            input.effectiveFrom,
          );
          if (!plan.ok) {
            issues.push(...plan.issues.map((issue) => toField(issue, prefix)));
            return null;
          }
          return { locationId: entry.locationId, plan };
        });
        if (issues.length > 0) throw new ValidationFailed(issues);
        let changed = 0;
        for (const [index, entry] of plans.entries()) {
          if (!entry || entry.plan.unchanged || !entry.plan.ok) continue;
          current = index;
          await applyPlan(transaction, entry.locationId, entry.plan);
          await recordAudit(
            transaction,
            auditActorOf(actor, meta),
            'pairs.changed',
            {
              type: 'location',
              id: entry.locationId,
            },
            { effectiveFrom: input.effectiveFrom, bulk: true },
          );
          changed += 1;
        }
        return { changed, unchanged: input.assignments.length - changed };
      })
      .catch((error: unknown) => {
        throw pairConflictOf(error, current >= 0 ? `assignments.${current}.` : 'assignments.') ?? error;
      });
  }
}

/**
 * The database refuses a second open member of one team role and a second open contact person per
 * location (partial unique indexes): two changes at the same moment. Answered as 409 on a field.
 */
export function pairConflictOf(error: unknown, prefix: string): HttpError | null {
  if (isUniqueViolation(error, 'school_team_one_open_per_role')) {
    return new RuleViolation('conflict', 409, [
      { path: `${prefix}effectiveFrom`, code: 'second_open_member' },
    ]);
  }
  if (isUniqueViolation(error, 'school_team_one_open_contact')) {
    return new RuleViolation('conflict', 409, [{ path: `${prefix}contact`, code: 'second_open_contact' }]);
  }
  return null;
}

function toField(issue: PairIssue, prefix: string) {
  return {
    path: `${prefix}${issue.field}`,
    code: issue.code,
    ...(issue.params ? { params: issue.params } : {}),
  };
}

/** Writes a plan: close and delete first, so the partial unique indexes never see two open rows. */
async function applyPlan(
  { db, tenantId }: Transaction,
  locationId: string,
  plan: Extract<ReturnType<typeof planPairChange>, { ok: true }>,
): Promise<void> {
  for (const row of plan.close) {
    await db
      .update(schoolTeamAssignments)
      .set({ validTo: row.validTo })
      .where(eq(schoolTeamAssignments.id, row.id));
  }
  if (plan.remove.length > 0) {
    await db.delete(schoolTeamAssignments).where(inArray(schoolTeamAssignments.id, plan.remove));
  }
  if (plan.reopen.length > 0) {
    await db
      .update(schoolTeamAssignments)
      .set({ validTo: null })
      .where(inArray(schoolTeamAssignments.id, plan.reopen));
  }
  if (plan.insert.length > 0) {
    await db
      .insert(schoolTeamAssignments)
      .values(plan.insert.map((row) => ({ ...row, tenantId: tenantId as string, locationId })));
  }
}

/** The location (404 when row-level security hides it), the record-level check, then primary only (422). */
async function loadPrimaryLocation(
  { db }: Transaction,
  actor: Actor,
  action: 'pairs.read' | 'pairs.manage',
  locationId: string,
  lock = false,
): Promise<LocationRow> {
  const select = db.select(locationColumns).from(locations).where(eq(locations.id, locationId));
  // A change locks the location, so two changes of one school's pair run one after the other.
  const [location] = lock ? await select.for('update') : await select;
  if (!location) throw new NotFound();
  if (!canAccess(actor, action, { tenantId: actor.tenantId, locationId: location.id })) throw new Forbidden();
  if (!(primarySectors as readonly string[]).includes(location.sector)) {
    throw new RuleViolation('not_primary', 422, [{ path: 'locationId', code: 'not_primary' }]);
  }
  return location;
}

async function loadPeriods({ db }: Transaction, locationIds: string[]): Promise<Map<string, NamedPeriod[]>> {
  const byLocation = new Map<string, NamedPeriod[]>();
  if (locationIds.length === 0) return byLocation;
  const rows = await db
    .select({
      id: schoolTeamAssignments.id,
      locationId: schoolTeamAssignments.locationId,
      userId: schoolTeamAssignments.userId,
      name: users.name,
      teamRole: schoolTeamAssignments.teamRole,
      isContact: schoolTeamAssignments.isContact,
      validFrom: schoolTeamAssignments.validFrom,
      validTo: schoolTeamAssignments.validTo,
    })
    .from(schoolTeamAssignments)
    .innerJoin(users, eq(users.id, schoolTeamAssignments.userId))
    .where(inArray(schoolTeamAssignments.locationId, locationIds))
    .orderBy(desc(schoolTeamAssignments.validFrom));
  for (const { locationId, ...period } of rows) {
    byLocation.set(locationId, [...(byLocation.get(locationId) ?? []), period]);
  }
  return byLocation;
}

/** Team roles and profile status of proposed members, proven to belong to this partnership. */
async function loadCandidates({ db }: Transaction, userIds: string[]): Promise<Map<string, PairCandidate>> {
  const candidates = new Map<string, PairCandidate>();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return candidates;
  const rows = await db
    .select({
      userId: users.id,
      teamRole: roleAssignments.teamRole,
      status: sql<'active' | 'left'>`case when ${users.status} = 'disabled' then 'left'
        else coalesce(${teamMembers.status}, 'active') end`,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .where(and(inArray(users.id, unique), eq(roleAssignments.role, 'team_member')));
  for (const row of rows) {
    const existing = candidates.get(row.userId) ?? { teamRoles: [], status: row.status };
    if (row.teamRole) existing.teamRoles.push(row.teamRole);
    candidates.set(row.userId, existing);
  }
  return candidates;
}

function toView(period: NamedPeriod): PairPeriodView {
  return {
    userId: period.userId,
    name: period.name,
    teamRole: period.teamRole,
    isContact: period.isContact,
    validFrom: period.validFrom,
    validTo: period.validTo,
  };
}

function pairViewOf(location: LocationRow, periods: NamedPeriod[], date: string): LocationPair {
  const pair = pairOn(periods, date);
  return {
    locationId: location.id,
    name: location.name,
    brin: location.brin,
    locationCode: location.locationCode,
    sector: location.sector,
    place: location.place,
    date,
    status: pair.status,
    behaviouralScientist: pair.behaviouralScientist ? toView(pair.behaviouralScientist as NamedPeriod) : null,
    inclusionAdviser: pair.inclusionAdviser ? toView(pair.inclusionAdviser as NamedPeriod) : null,
  };
}
