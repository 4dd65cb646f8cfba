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
import { addDays, schoolYearBounds, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import { type Actor, canAccess } from '../../platform/access/policies.ts';
import { requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { Forbidden, NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { isWorkAllowed } from '../requests/requests.rules.ts';
import { locations } from '../schools/schools.schema.ts';
import type { BudgetService } from './budget.service.ts';
import { closedPeriods, timeEntries } from './hours.schema.ts';
import { copyWeek, findTimeEntryProblems, monthOf } from './time.rules.ts';

type EntryRow = typeof timeEntries.$inferSelect;

function isStaffOffice(actor: Actor): boolean {
  return actor.roles.some((assignment) => assignment.role === 'coordinator');
}

/** Time registration (issue 5): team members log their own hours; the staff office closes months. */
export class TimeService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly budgets: BudgetService,
  ) {}

  /** Entries in a date range: one's own, or anyone's for the staff office. */
  list(actor: Actor, query: TimeEntryListQuery): Promise<TimeEntryList> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const userId = query.userId ?? actor.userId;
      if (!canAccess(actor, 'time.register', { tenantId: actor.tenantId, userId })) throw new Forbidden();
      const rows = await transaction.db
        .select({ entry: timeEntries, locationName: locations.name })
        .from(timeEntries)
        .innerJoin(locations, eq(locations.id, timeEntries.locationId))
        .where(
          and(
            eq(timeEntries.userId, userId),
            between(timeEntries.entryDate, query.from, query.to),
            query.locationId ? eq(timeEntries.locationId, query.locationId) : undefined,
            query.activity ? eq(timeEntries.activity, query.activity) : undefined,
          ),
        )
        .orderBy(asc(timeEntries.entryDate), asc(timeEntries.createdAt));
      const closed = await closedMonthsOf(transaction);
      const items = rows.map((row) => viewOf(row.entry, row.locationName, closed));
      return { items, totalHours: items.reduce((sum, item) => sum + item.hours, 0) };
    });
  }

  /** Logs hours; the rules refuse with field errors and nothing is saved. */
  create(actor: Actor, input: TimeEntryInput, meta: RequestMeta): Promise<TimeEntry> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const userId = input.userId ?? actor.userId;
      if (!canAccess(actor, 'time.register', { tenantId: actor.tenantId, userId })) throw new Forbidden();
      // Hours are a team member's; the staff office names one of its own partnership's members.
      await requireVisible(transaction, actor, { kind: 'teamMember' }, { userId });
      await checkEntry(transaction, actor, userId, input, null);
      const [entry] = await transaction.db
        .insert(timeEntries)
        .values({
          tenantId: actor.tenantId,
          userId,
          locationId: input.locationId,
          requestId: input.requestId,
          entryDate: input.date,
          hours: String(input.hours),
          activity: input.activity,
          note: input.note,
          createdByUserId: actor.userId,
        })
        .returning();
      if (!entry) throw new NotFound();
      await this.budgets.recordThresholds(transaction, actor, meta, [
        { locationId: entry.locationId, date: entry.entryDate },
      ]);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'time.logged',
        { type: 'time_entry', id: entry.id },
        {
          hours: input.hours,
        },
      );
      return viewOf(entry, await locationName(transaction, entry.locationId), new Set());
    });
  }

  /** Changes an entry of an open month. */
  update(actor: Actor, entryId: string, input: TimeEntryInput, meta: RequestMeta): Promise<TimeEntry> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const existing = await ownEntry(transaction, actor, entryId);
      await checkEntry(transaction, actor, existing.userId, input, existing);
      const [entry] = await transaction.db
        .update(timeEntries)
        .set({
          locationId: input.locationId,
          requestId: input.requestId,
          entryDate: input.date,
          hours: String(input.hours),
          activity: input.activity,
          note: input.note,
          updatedAt: new Date(),
        })
        .where(eq(timeEntries.id, existing.id))
        .returning();
      if (!entry) throw new NotFound();
      await this.budgets.recordThresholds(transaction, actor, meta, [
        { locationId: entry.locationId, date: entry.entryDate },
      ]);
      await recordAudit(transaction, auditActorOf(actor, meta), 'time.changed', {
        type: 'time_entry',
        id: entry.id,
      });
      return viewOf(entry, await locationName(transaction, entry.locationId), new Set());
    });
  }

  /** Removes an entry of an open month. */
  remove(actor: Actor, entryId: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const existing = await ownEntry(transaction, actor, entryId);
      if ((await closedMonthsOf(transaction)).has(monthOf(existing.entryDate)))
        throw new ValidationFailed([{ path: 'date', code: 'period_closed' }]);
      await transaction.db.delete(timeEntries).where(eq(timeEntries.id, existing.id));
      await recordAudit(transaction, auditActorOf(actor, meta), 'time.removed', {
        type: 'time_entry',
        id: existing.id,
      });
    });
  }

  /**
   * "Copy last week": the own entries of the seven days before `weekStart` again, seven days later.
   * Days in the future, another school year or a closed month are left out (copyWeek), and so is any
   * entry the rules would refuse now; the answer says how many were copied and skipped.
   */
  copyLastWeek(actor: Actor, weekStart: string, meta: RequestMeta): Promise<CopyWeekResult> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      if (!canAccess(actor, 'time.register', { tenantId: actor.tenantId, userId: actor.userId }))
        throw new Forbidden();
      const previous = await transaction.db
        .select()
        .from(timeEntries)
        .where(
          and(
            eq(timeEntries.userId, actor.userId),
            between(timeEntries.entryDate, addDays(weekStart, -7), addDays(weekStart, -1)),
          ),
        )
        .orderBy(asc(timeEntries.entryDate), asc(timeEntries.createdAt));
      const candidates = copyWeek(
        previous.map((entry) => ({ ...entry, date: entry.entryDate })),
        { today: todayInAmsterdam(), closedMonths: await closedMonthsOf(transaction) },
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
        const refused = await checkEntry(transaction, actor, actor.userId, input, null).then(
          () => false,
          (error: unknown) => {
            if (error instanceof ValidationFailed) return true;
            throw error;
          },
        );
        if (refused) continue;
        await transaction.db.insert(timeEntries).values({
          tenantId: actor.tenantId,
          userId: actor.userId,
          locationId: input.locationId,
          requestId: input.requestId,
          entryDate: input.date,
          hours: String(input.hours),
          activity: input.activity,
          note: input.note,
          createdByUserId: actor.userId,
        });
        copiedEntries.push({ locationId: input.locationId, date: input.date });
      }
      await this.budgets.recordThresholds(transaction, actor, meta, copiedEntries);
      const copied = copiedEntries.length;
      await recordAudit(transaction, auditActorOf(actor, meta), 'time.week_copied', null, { copied });
      return { copied, skipped: previous.length - copied };
    });
  }

  /** The staff office closes a month: its entries no longer change. Closing twice changes nothing. */
  closeMonth(actor: Actor, month: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      if (!canAccess(actor, 'time.close_periods', { tenantId: actor.tenantId })) throw new Forbidden();
      if (month > monthOf(todayInAmsterdam()))
        throw new ValidationFailed([{ path: 'month', code: 'date_in_future' }]);
      await transaction.db
        .insert(closedPeriods)
        .values({ tenantId: actor.tenantId, month, closedByUserId: actor.userId })
        .onConflictDoNothing();
      await recordAudit(transaction, auditActorOf(actor, meta), 'time.period_closed', null, { month });
    });
  }

  /** The closed months of a school year (August to July), in calendar order. */
  listClosedMonths(actor: Actor, schoolYear: number): Promise<ClosedPeriodList> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      if (!canAccess(actor, 'time.close_periods', { tenantId: actor.tenantId })) throw new Forbidden();
      const { start, end } = schoolYearBounds(schoolYear);
      const rows = await transaction.db
        .select({ month: closedPeriods.month, closedAt: closedPeriods.closedAt, closedByName: users.name })
        .from(closedPeriods)
        .innerJoin(users, eq(users.id, closedPeriods.closedByUserId))
        .where(between(closedPeriods.month, monthOf(start), monthOf(end)))
        .orderBy(asc(closedPeriods.month));
      return { items: rows.map((row) => ({ ...row, closedAt: row.closedAt.toISOString() })) };
    });
  }
}

async function closedMonthsOf(transaction: Transaction): Promise<Set<string>> {
  const rows = await transaction.db.select({ month: closedPeriods.month }).from(closedPeriods);
  return new Set(rows.map((row) => row.month));
}

async function locationName(transaction: Transaction, locationId: string): Promise<string> {
  const [row] = await transaction.db
    .select({ name: locations.name })
    .from(locations)
    .where(eq(locations.id, locationId));
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

/** An entry the actor may change: their own, or anyone's for the staff office; 404 otherwise. */
async function ownEntry(transaction: Transaction, actor: Actor, entryId: string): Promise<EntryRow> {
  const [entry] = await transaction.db
    .select()
    .from(timeEntries)
    .where(eq(timeEntries.id, entryId))
    .for('update');
  if (!entry || !canAccess(actor, 'time.register', { tenantId: entry.tenantId, userId: entry.userId }))
    throw new NotFound();
  return entry;
}

/**
 * Applies the rules with the facts from the database: the day's other hours, closed months, whether
 * the person serves the school that day (fixed pair) or the request is theirs at that school.
 */
async function checkEntry(
  transaction: Transaction,
  actor: Actor,
  userId: string,
  input: Omit<TimeEntryInput, 'userId'>,
  existing: EntryRow | null,
): Promise<void> {
  await requireVisible(transaction, actor, { kind: 'location' }, { locationId: input.locationId });
  await requireVisible(transaction, actor, { kind: 'request' }, { requestId: input.requestId });
  const [facts] = await queryRows<{
    other: string | number | null;
    serves: boolean;
    school_ok: boolean;
    request_ok: boolean;
    request_theirs: boolean;
    request_status: string | null;
  }>(
    transaction.db,
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
  const closed = await closedMonthsOf(transaction);
  if (existing && closed.has(monthOf(existing.entryDate))) throw new RuleViolation('transition_not_allowed');
  const problems = findTimeEntryProblems({
    date: input.date,
    hours: input.hours,
    today: todayInAmsterdam(),
    otherHoursThatDay: Number(facts.other ?? 0),
    closedMonths: closed,
    servesSchool: facts.serves,
    requestIsTheirs: facts.request_theirs,
    isStaffOffice: isStaffOffice(actor),
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
}
