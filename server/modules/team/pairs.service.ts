import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { primarySectors } from '../../../contracts/locations.ts';
import type { TeamRole } from '../../../contracts/roles.ts';
import { teamMemberRole } from '../../../contracts/roles.ts';
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
import { isUniqueViolation } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { type HttpError, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
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
  'id' | 'tenantId' | 'name' | 'brin' | 'locationCode' | 'sector' | 'place'
>;
type Db = Pick<UseCaseContext, 'db'>;
type NamedPeriod = PairPeriod & { name: string };

const scientist = alias(schoolTeamAssignments, 'scientist');
const adviser = alias(schoolTeamAssignments, 'adviser');
const scientistUser = alias(users, 'scientist_user');
const adviserUser = alias(users, 'adviser_user');

const locationColumns = {
  id: locations.id,
  tenantId: locations.tenantId,
  name: locations.name,
  brin: locations.brin,
  locationCode: locations.locationCode,
  sector: locations.sector,
  place: locations.place,
};

const isPrimary = inArray(locations.sector, [...primarySectors]);

/**
 * A school as the target of its pair (R5): whoever may read pairs there sees it. Only a primary
 * school has one; that is checked after the access check (422 `not_primary`).
 */
export const pairLocationTarget = defineTarget<LocationRow>({
  readAction: 'pairs.read',
  load: ({ db }, id, { lock }) => selectPairLocation(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, locationId: row.id }),
});

const selectPairLocation = rowById('pair_location', (db, lock) => {
  const query = db.select(locationColumns).from(locations).where(eq(locations.id, idPlaceholder));
  // A change locks the location, so two changes of one school's pair run one after the other.
  return lock ? query.for('update') : query;
});

/**
 * The two fixed team members of primary schools (R5): all primary locations active on the date with
 * their pair and its status, in one set-based query (plus the total); sorted by status puts schools
 * lacking a complete pair first.
 */
export async function listPairs(context: UseCaseContext, query: PairListQuery): Promise<PairPage> {
  const { db } = context;
  const date = query.date ?? context.clock.today();
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
    context.scope('pairs.read', { locationId: locations.id }),
    sql`(${locations.activeFrom} is null or ${locations.activeFrom} <= ${date}::date)`,
    sql`(${locations.activeTo} is null or ${locations.activeTo} >= ${date}::date)`,
    query.q
      ? or(ilike(locations.name, containsPattern(query.q)), ilike(locations.place, containsPattern(query.q)))
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
  await context.audit('pairs.listed', null, { count: page.items.length });
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
}

/** R5: the pair of one location on a date: "who was contact person of school X on date D". */
export async function getPair(
  context: UseCaseContext,
  locationId: string,
  date: string | undefined,
): Promise<LocationPair> {
  const onDate = date ?? context.clock.today();
  const location = await loadPrimaryLocation(context, locationId);
  const periods = await loadPeriods(context, [location.id]);
  await context.audit('pairs.viewed', { type: 'location', id: location.id }, { date: onDate });
  return pairViewOf(location, periods.get(location.id) ?? [], onDate);
}

/** Every period of a location's pair, newest first. */
export async function getHistory(context: UseCaseContext, locationId: string): Promise<PairHistory> {
  const location = await loadPrimaryLocation(context, locationId);
  const periods = (await loadPeriods(context, [location.id])).get(location.id) ?? [];
  await context.audit('pairs.viewed', { type: 'location', id: location.id }, { history: true });
  const sorted = [...periods].sort(
    (a, b) => b.validFrom.localeCompare(a.validFrom) || a.teamRole.localeCompare(b.teamRole),
  );
  return { locationId: location.id, name: location.name, periods: sorted.map(toView) };
}

/** R5: sets a location's pair from a date; the history stays. */
export async function setPair(
  context: UseCaseContext,
  locationId: string,
  input: SetPairInput,
): Promise<LocationPair> {
  const location = await loadPrimaryLocation(context, locationId, true);
  const desired = desiredPairOf(input);
  const candidates = await loadCandidates(context, [
    input.behaviouralScientistUserId,
    input.inclusionAdviserUserId,
  ]);
  const issues = validatePair(desired, candidates);
  const periods = (await loadPeriods(context, [location.id])).get(location.id) ?? [];
  const plan = issues.length > 0 ? null : planPairChange(periods, rowsOfPair(desired), input.effectiveFrom);
  const allIssues = plan && !plan.ok ? plan.issues : issues;
  if (allIssues.length > 0) throw new ValidationFailed(allIssues.map((issue) => toField(issue, '')));
  if (plan?.ok && !plan.unchanged) {
    await applyPlan(context, location.id, plan, '');
    await context.audit(
      'pairs.changed',
      { type: 'location', id: location.id },
      { effectiveFrom: input.effectiveFrom },
    );
  }
  const after = (await loadPeriods(context, [location.id])).get(location.id) ?? [];
  return pairViewOf(location, after, input.effectiveFrom);
}

/**
 * R5 in bulk: one pair for many schools from one date. All or nothing: every entry is checked
 * before anything is written, and any problem answers 400 with `assignments.<i>.<field>`. A school
 * the actor may not change the pair of is an unknown location on its field, like a missing one.
 */
export async function setPairsInBulk(context: UseCaseContext, input: BulkPairInput): Promise<BulkPairResult> {
  const { db } = context;
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
    context,
    input.assignments.flatMap((entry) => [entry.behaviouralScientistUserId, entry.inclusionAdviserUserId]),
  );
  const periodsByLocation = await loadPeriods(context, locationIds);
  const issues: Array<{ path: string; code: string; params?: Record<string, string> }> = [];
  const seen = new Set<string>();
  const plans = input.assignments.map((entry, index) => {
    const prefix = `assignments.${index}.`;
    const location = byId.get(entry.locationId);
    if (!location || !context.may('pairs.manage', { locationId: location.id })) {
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
    await applyPlan(context, entry.locationId, entry.plan, `assignments.${index}.`);
    await context.audit(
      'pairs.changed',
      { type: 'location', id: entry.locationId },
      { effectiveFrom: input.effectiveFrom, bulk: true },
    );
    changed += 1;
  }
  return { changed, unchanged: input.assignments.length - changed };
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

/**
 * Writes a plan: close and delete first, so the partial unique indexes never see two open rows. A
 * change at the same moment that the indexes still refuse answers 409 on the entry's field.
 */
async function applyPlan(
  context: UseCaseContext,
  locationId: string,
  plan: Extract<ReturnType<typeof planPairChange>, { ok: true }>,
  prefix: string,
): Promise<void> {
  const { db } = context;
  const rethrowConflict = (error: unknown): never => {
    throw pairConflictOf(error, prefix) ?? error;
  };
  for (const row of plan.close) {
    await db
      .update(schoolTeamAssignments)
      .set({ validTo: row.validTo })
      .where(eq(schoolTeamAssignments.id, row.id))
      .catch(rethrowConflict);
  }
  if (plan.remove.length > 0) {
    await db.delete(schoolTeamAssignments).where(inArray(schoolTeamAssignments.id, plan.remove));
  }
  if (plan.reopen.length > 0) {
    await db
      .update(schoolTeamAssignments)
      .set({ validTo: null })
      .where(inArray(schoolTeamAssignments.id, plan.reopen))
      .catch(rethrowConflict);
  }
  if (plan.insert.length > 0) {
    await db
      .insert(schoolTeamAssignments)
      .values(plan.insert.map((row) => ({ ...row, tenantId: context.actor.tenantId, locationId })))
      .catch(rethrowConflict);
  }
}

/**
 * The school through the policy (404 when the actor may not read its pair, 403 when they may not do
 * the route's action there), then primary only (422).
 */
async function loadPrimaryLocation(
  context: UseCaseContext,
  locationId: string,
  lock = false,
): Promise<LocationRow> {
  const location = await context.load(pairLocationTarget, locationId, { lock });
  if (!(primarySectors as readonly string[]).includes(location.sector)) {
    throw new RuleViolation('not_primary', 422, [{ path: 'locationId', code: 'not_primary' }]);
  }
  return location;
}

async function loadPeriods({ db }: Db, locationIds: string[]): Promise<Map<string, NamedPeriod[]>> {
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
async function loadCandidates({ db }: Db, userIds: string[]): Promise<Map<string, PairCandidate>> {
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
    .where(and(inArray(users.id, unique), eq(roleAssignments.role, teamMemberRole)));
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
