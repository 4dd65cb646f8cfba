import { and, asc, between, eq, sql } from 'drizzle-orm';
import type {
  ClosedPeriodList,
  CopyWeekResult,
  TimeEntry,
  TimeEntryInput,
  TimeEntryList,
  TimeEntryListQuery,
} from '../../../contracts/hours.ts';
import type { RequestStatus } from '../../../contracts/requests.ts';
import { addDays, schoolYearBounds } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { isWorkAllowed } from '../requests/requests.rules.ts';
import { locations } from '../schools/schools.schema.ts';
import type { BudgetWarnings } from './budget.service.ts';
import { closedPeriods, timeEntries } from './hours.schema.ts';
import { copyWeek, findTimeEntryProblems, monthOf } from './time.rules.ts';

type EntryRow = typeof timeEntries.$inferSelect;

/**
 * A time entry as a route's target: it is its person's, so a team member reaches their own and the
 * staff office anyone's; to everyone else it does not exist (404).
 */
export const timeEntryTarget = defineTarget<EntryRow>({
  readAction: 'time.register',
  load: ({ db }, id, { lock }) => selectTimeEntry(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, userId: row.userId }),
});

const selectTimeEntry = rowById('time_entry', (db, lock) => {
  const query = db.select().from(timeEntries).where(eq(timeEntries.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

/**
 * Whether the actor registers hours for anyone, not only for themselves (the staff office, whose
 * reach is the partnership): an entry of no one in particular is within only such a reach. The rules
 * let them log on any school, their way to allow an exception.
 */
function registersForAnyone(context: UseCaseContext): boolean {
  return context.may('time.register', { userId: null });
}

/**
 * Time registration (issue 5): team members log their own hours, the staff office anyone's and
 * closes months. Writing hours may warn about a school's budget, hence the budgets.
 */
export class TimeService {
  constructor(private readonly budgets: BudgetWarnings) {}

  /** Entries in a date range: one's own, or anyone's for the staff office. */
  async list(context: UseCaseContext, query: TimeEntryListQuery): Promise<TimeEntryList> {
    const userId = query.userId ?? context.actor.userId;
    context.require('time.register', { userId });
    const rows = await context.db
      .select({ entry: timeEntries, locationName: locations.name })
      .from(timeEntries)
      .innerJoin(locations, eq(locations.id, timeEntries.locationId))
      .where(
        and(
          context.scope('time.register', { userId: timeEntries.userId }),
          eq(timeEntries.userId, userId),
          between(timeEntries.entryDate, query.from, query.to),
          query.locationId ? eq(timeEntries.locationId, query.locationId) : undefined,
          query.activity ? eq(timeEntries.activity, query.activity) : undefined,
        ),
      )
      .orderBy(asc(timeEntries.entryDate), asc(timeEntries.createdAt));
    const closed = await closedMonthsOf(context);
    const items = rows.map((row) => viewOf(row.entry, row.locationName, closed));
    return { items, totalHours: items.reduce((sum, item) => sum + item.hours, 0) };
  }

  /** Logs hours; the rules refuse with field errors and nothing is saved. */
  async create(context: UseCaseContext, input: TimeEntryInput): Promise<TimeEntry> {
    const userId = input.userId ?? context.actor.userId;
    context.require('time.register', { userId });
    // Hours are a team member's; the staff office names one of its own partnership's members.
    await context.requireVisible({ kind: 'teamMember' }, { userId });
    await checkEntry(context, userId, input, null);
    const [entry] = await context.db
      .insert(timeEntries)
      .values({
        tenantId: context.actor.tenantId,
        userId,
        locationId: input.locationId,
        requestId: input.requestId,
        entryDate: input.date,
        hours: String(input.hours),
        activity: input.activity,
        note: input.note,
        createdByUserId: context.actor.userId,
      })
      .returning();
    if (!entry) throw new Error('insert returned nothing');
    await this.budgets.recordThresholds(context, [{ locationId: entry.locationId, date: entry.entryDate }]);
    await context.audit('time.logged', { type: 'time_entry', id: entry.id }, { hours: input.hours });
    return viewOf(entry, await locationName(context, entry.locationId), new Set());
  }

  /** Changes an entry of an open month. */
  async update(context: UseCaseContext, entryId: string, input: TimeEntryInput): Promise<TimeEntry> {
    const existing = await context.load(timeEntryTarget, entryId, { lock: true });
    await checkEntry(context, existing.userId, input, existing);
    const [entry] = await context.db
      .update(timeEntries)
      .set({
        locationId: input.locationId,
        requestId: input.requestId,
        entryDate: input.date,
        hours: String(input.hours),
        activity: input.activity,
        note: input.note,
        updatedAt: context.clock.now(),
      })
      .where(eq(timeEntries.id, existing.id))
      .returning();
    if (!entry) throw new Error('update returned nothing');
    await this.budgets.recordThresholds(context, [{ locationId: entry.locationId, date: entry.entryDate }]);
    await context.audit('time.changed', { type: 'time_entry', id: entry.id });
    return viewOf(entry, await locationName(context, entry.locationId), new Set());
  }

  /** Removes an entry of an open month. */
  async remove(context: UseCaseContext, entryId: string): Promise<void> {
    const existing = await context.load(timeEntryTarget, entryId, { lock: true });
    if ((await closedMonthsOf(context)).has(monthOf(existing.entryDate)))
      throw new ValidationFailed([{ path: 'date', code: 'period_closed' }]);
    await context.db.delete(timeEntries).where(eq(timeEntries.id, existing.id));
    await context.audit('time.removed', { type: 'time_entry', id: existing.id });
  }

  /**
   * "Copy last week": the own entries of the seven days before `weekStart` again, seven days later.
   * Days in the future, another school year or a closed month are left out (copyWeek), and so is any
   * entry the rules would refuse now; the answer says how many were copied and skipped.
   */
  async copyLastWeek(context: UseCaseContext, weekStart: string): Promise<CopyWeekResult> {
    const { userId, tenantId } = context.actor;
    context.require('time.register', { userId });
    const previous = await context.db
      .select()
      .from(timeEntries)
      .where(
        and(
          eq(timeEntries.userId, userId),
          between(timeEntries.entryDate, addDays(weekStart, -7), addDays(weekStart, -1)),
        ),
      )
      .orderBy(asc(timeEntries.entryDate), asc(timeEntries.createdAt));
    const candidates = copyWeek(
      previous.map((entry) => ({ ...entry, date: entry.entryDate })),
      { today: context.clock.today(), closedMonths: await closedMonthsOf(context) },
    );
    const copiedEntries: Array<{ locationId: string; date: string }> = [];
    for (const candidate of candidates) {
      const input = {
        date: candidate.date,
        hours: Number(candidate.hours),
        locationId: candidate.locationId,
        requestId: candidate.requestId,
        activity: candidate.activity,
        note: candidate.note,
      };
      const refused = await checkEntry(context, userId, input, null).then(
        () => false,
        (error: unknown) => {
          if (error instanceof ValidationFailed) return true;
          throw error;
        },
      );
      if (refused) continue;
      await context.db.insert(timeEntries).values({
        tenantId,
        userId,
        locationId: input.locationId,
        requestId: input.requestId,
        entryDate: input.date,
        hours: String(input.hours),
        activity: input.activity,
        note: input.note,
        createdByUserId: userId,
      });
      copiedEntries.push({ locationId: input.locationId, date: input.date });
    }
    await this.budgets.recordThresholds(context, copiedEntries);
    const copied = copiedEntries.length;
    await context.audit('time.week_copied', null, { copied });
    return { copied, skipped: previous.length - copied };
  }
}

/** The staff office closes a month: its entries no longer change. Closing twice changes nothing. */
export async function closeMonth(context: UseCaseContext, month: string): Promise<void> {
  context.require('time.close_periods', {});
  if (month > monthOf(context.clock.today()))
    throw new ValidationFailed([{ path: 'month', code: 'date_in_future' }]);
  await context.db
    .insert(closedPeriods)
    .values({ tenantId: context.actor.tenantId, month, closedByUserId: context.actor.userId })
    .onConflictDoNothing();
  await context.audit('time.period_closed', null, { month });
}

/** The closed months of a school year (August to July), in calendar order. */
export async function listClosedMonths(
  context: UseCaseContext,
  schoolYear: number,
): Promise<ClosedPeriodList> {
  context.require('time.close_periods', {});
  const { start, end } = schoolYearBounds(schoolYear);
  const rows = await context.db
    .select({ month: closedPeriods.month, closedAt: closedPeriods.closedAt, closedByName: users.name })
    .from(closedPeriods)
    .innerJoin(users, eq(users.id, closedPeriods.closedByUserId))
    .where(between(closedPeriods.month, monthOf(start), monthOf(end)))
    .orderBy(asc(closedPeriods.month));
  return { items: rows.map((row) => ({ ...row, closedAt: row.closedAt.toISOString() })) };
}

async function closedMonthsOf({ db }: UseCaseContext): Promise<Set<string>> {
  const rows = await db.select({ month: closedPeriods.month }).from(closedPeriods);
  return new Set(rows.map((row) => row.month));
}

async function locationName({ db }: UseCaseContext, locationId: string): Promise<string> {
  const [row] = await db.select({ name: locations.name }).from(locations).where(eq(locations.id, locationId));
  return row?.name ?? '';
}

function viewOf(entry: EntryRow, name: string, closed: Set<string>): TimeEntry {
  return {
    id: entry.id,
    userId: entry.userId,
    date: entry.entryDate,
    hours: Number(entry.hours),
    location: { id: entry.locationId, name },
    requestId: entry.requestId,
    activity: entry.activity,
    note: entry.note,
    locked: closed.has(monthOf(entry.entryDate)),
  };
}

/**
 * Applies the rules with the facts from the database: the day's other hours, closed months, whether
 * the person serves the school that day (fixed pair) or the request is theirs at that school.
 */
async function checkEntry(
  context: UseCaseContext,
  userId: string,
  input: Omit<TimeEntryInput, 'userId'>,
  existing: EntryRow | null,
): Promise<void> {
  await context.requireVisible({ kind: 'location' }, { locationId: input.locationId });
  await context.requireVisible({ kind: 'request' }, { requestId: input.requestId });
  const [facts] = await queryRows<{
    other: string | number | null;
    serves: boolean;
    school_ok: boolean;
    request_ok: boolean;
    request_theirs: boolean;
    request_status: string | null;
  }>(
    context.db,
    sql`select
      (select sum(hours) from time_entries where user_id = ${userId}::uuid and entry_date = ${input.date}::date
        and id <> ${existing?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid) as other,
      (exists (select 1 from school_team_assignments a where a.user_id = ${userId}::uuid
          and a.location_id = ${input.locationId}::uuid and a.valid_from <= ${input.date}::date
          and (a.valid_to is null or a.valid_to > ${input.date}::date))
        or exists (select 1 from support_requests s where s.id = ${input.requestId}::uuid
          and s.assigned_user_id = ${userId}::uuid and s.location_id = ${input.locationId}::uuid)) as serves,
      exists (select 1 from locations l where l.id = ${input.locationId}::uuid and l.sector in ('bo', 'sbo', 'so')) as school_ok,
      (${input.requestId}::uuid is null or exists (select 1 from support_requests s where s.id = ${input.requestId}::uuid
        and s.location_id = ${input.locationId}::uuid)) as request_ok,
      (select s.status from support_requests s where s.id = ${input.requestId}::uuid) as request_status,
      (${input.requestId}::uuid is null or exists (select 1 from support_requests s where s.id = ${input.requestId}::uuid
        and (s.assigned_user_id = ${userId}::uuid or exists (select 1 from school_team_assignments a
          where a.user_id = ${userId}::uuid and a.location_id = s.location_id and a.valid_from <= ${input.date}::date
          and (a.valid_to is null or a.valid_to > ${input.date}::date))))) as request_theirs`,
  );
  if (!facts?.school_ok) throw new ValidationFailed([{ path: 'locationId', code: 'not_primary_location' }]);
  if (!facts.request_ok) throw new ValidationFailed([{ path: 'requestId', code: 'invalid_value' }]);
  // P3: no hours against a request whose consent was withdrawn, from that moment on.
  if (facts.request_status && !isWorkAllowed(facts.request_status as RequestStatus, 'time.register'))
    throw new ValidationFailed([{ path: 'requestId', code: 'request_paused' }]);
  const closed = await closedMonthsOf(context);
  if (existing && closed.has(monthOf(existing.entryDate))) throw new RuleViolation('transition_not_allowed');
  const problems = findTimeEntryProblems({
    date: input.date,
    hours: input.hours,
    today: context.clock.today(),
    otherHoursThatDay: Number(facts.other ?? 0),
    closedMonths: closed,
    servesSchool: facts.serves,
    requestIsTheirs: facts.request_theirs,
    registersForAnyone: registersForAnyone(context),
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
}
