import { type AnyColumn, and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { mentorRole } from '../../../contracts/roles.ts';
import { amsterdamDateOf } from '../../../contracts/school-year.ts';
import type {
  DecisionInput,
  DiscussionInput,
  EndInput,
  ExplainedInput,
  ParentsContactInput,
  ProblemKind,
  SignalInput,
  SupportStartInput,
  TrajectoryDetail,
  TrajectoryListQuery,
  TrajectorySortKey,
  trajectoryPageSchema,
} from '../../../contracts/trajectories.ts';
import type { Action } from '../../platform/access/policies.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { canHaveExpertisePoint } from '../expertise-points/expertise-points.rules.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { isOppOpen } from '../opp/opp.rules.ts';
import { findSupportStartProblems } from '../opp/opp-deadline.rules.ts';
import { oppDeadlineOf } from '../opp/opp-deadline.service.ts';
import { registerTypedPupil, requireRegisteredPupil } from '../pupils/pupils.service.ts';
import { locationTarget } from '../schools/locations.service.ts';
import { locations } from '../schools/schools.schema.ts';
import { trajectoryAttentionCondition } from './trajectories.attention.ts';
import {
  findDecisionProblems,
  findDiscussionProblems,
  findEndProblems,
  findExplainedProblems,
  findParentsContactProblems,
  findSignalProblems,
  type IntakeStep,
  isStepAllowed,
  statusAfterDecision,
  type TrajectoryProblem,
} from './trajectories.rules.ts';
import { trajectories } from './trajectories.schema.ts';
import { type TrajectoryRow, trajectoryColumns, trajectoryTarget } from './trajectory-scope.ts';

type TrajectoryPage = z.infer<typeof trajectoryPageSchema>;

// The intake of the expertise point (E9) and the trajectory's end (E11): signal, discussion, the mentor's
// contact with the parents, the eligibility decision (E2), the explanation to the parents. Every read of
// a pupil's file is audited (P2); who sees what follows P1 (`trajectoryTarget` in trajectory-scope.ts).

/** Records a concern about a pupil of a secondary location (E9). */
export async function signal(context: UseCaseContext, input: SignalInput): Promise<TrajectoryDetail> {
  const { actor } = context;
  // Out of reach, the location is refused on its field like an unknown one (issue 13 finding 4).
  await context.requireVisible(
    { kind: 'location', action: 'trajectories.signal' },
    { locationId: input.locationId },
  );
  await requireExpertisePointLocation(context, input.locationId);
  const problems = findSignalProblems(input, { today: context.clock.today(), actorUserId: actor.userId });
  if (!(await isMentorAt(context, input.mentorUserId, input.locationId)))
    problems.push({ path: 'mentorUserId', code: 'not_a_mentor_here' });
  refuseProblems(problems);
  const pupilId = await registerPupil(context, input);
  // The signal's moment is the clock's: the intake's dates are checked against it (E9).
  const now = context.clock.now();
  const [row] = await context.db
    .insert(trajectories)
    .values({
      tenantId: actor.tenantId,
      locationId: input.locationId,
      pupilId,
      pupilFirstName: input.pupilFirstName,
      pupilLastName: input.pupilLastName,
      pupilBirthDate: input.pupilBirthDate,
      pupilClass: input.pupilClass,
      mentorUserId: input.mentorUserId,
      signalSource: input.source,
      signalObserved: input.observed,
      signalSince: input.since,
      signalTried: input.tried,
      signalDiscussWith: input.discussWith,
      signalledByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new NotFound();
  await context.audit('trajectories.signalled', subjectOf(row), { source: input.source });
  return detailOf(context, row);
}

/**
 * The signalled pupil in the school's register (Y1): the one picked (of this school, readable by the
 * actor), or the one typed, added with this year's class and mentor in the signal's transaction.
 */
async function registerPupil(context: UseCaseContext, input: SignalInput): Promise<string> {
  if (input.pupilId)
    return (await requireRegisteredPupil(context, input.pupilId, input.locationId, 'pupilId')).id;
  return registerTypedPupil(
    context,
    {
      locationId: input.locationId,
      name: `${input.pupilFirstName.trim()} ${input.pupilLastName.trim()}`,
      birthDate: input.pupilBirthDate,
      className: input.pupilClass,
      mentorUserId: input.mentorUserId,
      parents: [],
    },
    'signal',
  );
}

/** The trajectories the actor may read (P1), filtered and paginated in SQL; the read is audited. */
export function listTrajectories(
  context: UseCaseContext,
  query: TrajectoryListQuery,
): Promise<TrajectoryPage> {
  return listWhere(context, 'trajectories.read', query);
}

/** The signals the actor recorded themselves (a teacher sees only these, P1). */
export function listOwnSignals(context: UseCaseContext, query: TrajectoryListQuery): Promise<TrajectoryPage> {
  return listWhere(context, 'trajectories.own_signals', query);
}

/** A pupil's file; each read is audited (P2). */
export function getTrajectory(context: UseCaseContext, trajectoryId: string): Promise<TrajectoryDetail> {
  return read(context, trajectoryId, 'trajectories.read');
}

/** A signal as its author sees it: the signal and where it stands, not the rest of the file (P1). */
export function getOwnSignal(context: UseCaseContext, trajectoryId: string): Promise<TrajectoryDetail> {
  return read(context, trajectoryId, 'trajectories.own_signals');
}

/** Records the discussion of the signal with the mentor, team leader or care coordinator (E9). */
export function recordDiscussion(
  context: UseCaseContext,
  trajectoryId: string,
  input: DiscussionInput,
): Promise<TrajectoryDetail> {
  return step(context, trajectoryId, 'discuss', 'trajectories.intake', (row, today) => ({
    problems: findDiscussionProblems(input, { today, signalledOn: signalledOnOf(row) }),
    values: {
      discussedOn: input.discussedOn,
      discussionOutcome: input.outcome,
      discussedByUserId: context.actor.userId,
    },
    event: 'trajectories.intake_recorded',
    details: { step: 'discussion' },
  }));
}

/** Records the mentor's contact with the parents about the concern (E9). */
export function recordParentsContact(
  context: UseCaseContext,
  trajectoryId: string,
  input: ParentsContactInput,
): Promise<TrajectoryDetail> {
  return step(context, trajectoryId, 'contactParents', 'trajectories.intake', (row, today) => ({
    problems: findParentsContactProblems(input, { today, signalledOn: signalledOnOf(row) }),
    values: {
      parentsContactedOn: input.contactedOn,
      parentsContactedHow: input.how,
      parentsContactOutcome: input.outcome,
      parentsContactedByUserId: context.actor.userId,
    },
    event: 'trajectories.intake_recorded',
    details: { step: 'parents_contact' },
  }));
}

/** Decides whether the pupil qualifies for the expertise point (E2, E9). */
export function decide(
  context: UseCaseContext,
  trajectoryId: string,
  input: DecisionInput,
): Promise<TrajectoryDetail> {
  return step(context, trajectoryId, 'decide', 'trajectories.decide', (row, today) => ({
    problems: findDecisionProblems(input, {
      today,
      signalledOn: signalledOnOf(row),
      parentsContactedOn: row.parentsContactedOn,
    }),
    values: {
      status: statusAfterDecision(input.eligible),
      eligibilityDecidedOn: input.decidedOn,
      problemKinds: input.problemKinds.length > 0 ? input.problemKinds : null,
      eligibilityReasons: input.reasons,
      alternativeAdvice: input.eligible ? null : input.alternativeAdvice,
      eligibilityDecidedByUserId: context.actor.userId,
    },
    event: 'trajectories.decided',
    details: { eligible: input.eligible },
  }));
}

/** Records that and when the mentor explained the decision to the parents (E9). */
export function recordExplained(
  context: UseCaseContext,
  trajectoryId: string,
  input: ExplainedInput,
): Promise<TrajectoryDetail> {
  return step(context, trajectoryId, 'explain', 'trajectories.intake', (row, today) => ({
    problems: findExplainedProblems(input, {
      today,
      decidedOn: row.eligibilityDecidedOn ?? signalledOnOf(row),
    }),
    values: {
      parentsExplainedOn: input.explainedOn,
      parentsExplainedHow: input.how,
      parentsExplainedByUserId: context.actor.userId,
    },
    event: 'trajectories.intake_recorded',
    details: { step: 'explained' },
  }));
}

/** Ends the trajectory with its reason and outcome (E11). */
export function endTrajectory(
  context: UseCaseContext,
  trajectoryId: string,
  input: EndInput,
): Promise<TrajectoryDetail> {
  return step(context, trajectoryId, 'end', 'trajectories.end', (row, today) => ({
    problems: findEndProblems(input, { today, decidedOn: row.eligibilityDecidedOn ?? signalledOnOf(row) }),
    values: {
      status: 'ended' as const,
      endedOn: input.endedOn,
      endReason: input.reason,
      diplomaObtained: input.diplomaObtained,
      diplomaLevel: input.diplomaObtained ? input.diplomaLevel : null,
      nextDestination: input.nextDestination,
      endedByUserId: context.actor.userId,
    },
    event: 'trajectories.ended',
    details: { reason: input.reason },
  }));
}

/**
 * Sets when extra support started (E13), which the OPP's six weeks run from; null puts it back on the
 * eligibility decision's date. Only while the pupil is eligible or active; who decides may set it.
 */
export async function setSupportStart(
  context: UseCaseContext,
  trajectoryId: string,
  input: SupportStartInput,
): Promise<TrajectoryDetail> {
  const row = await context.load(trajectoryTarget, trajectoryId, {
    lock: true,
    action: 'trajectories.decide',
  });
  if (!isOppOpen(row.status)) throw new RuleViolation('transition_not_allowed');
  refuseProblems(
    findSupportStartProblems(input.supportStartedOn, {
      today: context.clock.today(),
      signalledOn: signalledOnOf(row),
    }),
  );
  const [updated] = await context.db
    .update(trajectories)
    .set({ supportStartedOn: input.supportStartedOn, updatedAt: context.clock.now() })
    .where(eq(trajectories.id, row.id))
    .returning();
  if (!updated) throw new NotFound();
  await context.audit('trajectories.support_start_set', subjectOf(updated), {
    set: input.supportStartedOn !== null,
  });
  return detailOf(context, updated);
}

/** The mentors of a location, to pick from in the signal form. */
export async function listSignalMentors(
  context: UseCaseContext,
  locationId: string,
): Promise<Array<{ id: string; name: string }>> {
  await requireExpertisePointLocation(context, locationId);
  // Data, not access: the people who hold the mentor role at the location are the pupils' mentors.
  return context.db
    .selectDistinct({ id: users.id, name: users.name })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.locationId, locationId),
        eq(roleAssignments.role, mentorRole),
        eq(users.status, 'active'),
      ),
    )
    .orderBy(users.name);
}

/**
 * The location a signal is raised at, through the policy (404 out of reach, 403 without the right
 * there); a location that cannot have an expertise point is refused (E1).
 */
async function requireExpertisePointLocation(context: UseCaseContext, locationId: string): Promise<void> {
  const location = await context.load(locationTarget, locationId, { action: 'trajectories.signal' });
  if (!canHaveExpertisePoint(location.sector))
    throw new RuleViolation('not_secondary', 422, [{ path: 'locationId', code: 'not_secondary' }]);
}

async function read(
  context: UseCaseContext,
  trajectoryId: string,
  action: Action,
): Promise<TrajectoryDetail> {
  const row = await context.load(trajectoryTarget, trajectoryId, { action });
  await context.audit('trajectories.viewed', subjectOf(row));
  return detailOf(context, row);
}

async function listWhere(
  context: UseCaseContext,
  action: Action,
  query: TrajectoryListQuery,
): Promise<TrajectoryPage> {
  const pupilName = sql`${trajectories.pupilFirstName} || ' ' || ${trajectories.pupilLastName}`;
  const conditions = and(
    context.scope(action, trajectoryColumns(action)),
    query.status ? eq(trajectories.status, query.status) : undefined,
    query.attention ? trajectoryAttentionCondition(query.attention, context.clock.today()) : undefined,
    query.locationId ? eq(trajectories.locationId, query.locationId) : undefined,
    query.q
      ? or(
          sql`${pupilName} ilike ${containsPattern(query.q)}`,
          sql`${trajectories.pupilClass} ilike ${containsPattern(query.q)}`,
        )
      : undefined,
  );
  const { limit, offset } = pageWindow(query);
  const rows = await context.db
    .select({
      id: trajectories.id,
      status: trajectories.status,
      pupilName: sql<string>`${pupilName}`,
      pupilClass: trajectories.pupilClass,
      locationId: trajectories.locationId,
      locationName: locations.name,
      mentorName: users.name,
      createdAt: trajectories.createdAt,
      updatedAt: trajectories.updatedAt,
      total: sql<number>`count(*) over ()`,
    })
    .from(trajectories)
    .innerJoin(locations, eq(locations.id, trajectories.locationId))
    .innerJoin(users, eq(users.id, trajectories.mentorUserId))
    .where(conditions)
    .orderBy(...orderOf(query.sort))
    .limit(limit)
    .offset(offset);
  const total = Number(rows[0]?.total ?? 0);
  // Which pupils were shown, not only how many (P2).
  await context.audit('trajectories.listed', null, {
    count: rows.length,
    trajectoryIds: rows.map((row) => row.id),
  });
  return {
    items: rows.map(({ total: _total, createdAt, updatedAt, ...row }) => ({
      ...row,
      signalledOn: amsterdamDateOf(createdAt),
      updatedAt: updatedAt.toISOString(),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

// Each sort key orders by plain columns (an index can serve them) and ends on the id, so a page
// boundary never splits or repeats rows that tie.
const sortColumns: Record<TrajectorySortKey, AnyColumn[]> = {
  pupil: [trajectories.pupilLastName, trajectories.pupilFirstName],
  pupilClass: [trajectories.pupilClass, trajectories.pupilLastName],
  signalledOn: [trajectories.createdAt],
};

/** The ORDER BY of a list: the sort asked for, or the most recently changed first. */
function orderOf(sort: TrajectoryListQuery['sort']): SQL[] {
  if (!sort) return [desc(trajectories.updatedAt), desc(trajectories.id)];
  const descending = sort.startsWith('-');
  const direction = descending ? desc : asc;
  const key = (descending ? sort.slice(1) : sort) as TrajectorySortKey;
  return [...sortColumns[key], trajectories.id].map((column) => direction(column));
}

// One intake step: the trajectory through the policy (locked), the workflow table, the rules, the change
// and its audit event in the use case's transaction; a refused step saves nothing.
async function step(
  context: UseCaseContext,
  trajectoryId: string,
  intakeStep: IntakeStep,
  action: Action,
  plan: (
    row: TrajectoryRow,
    today: string,
  ) => {
    problems: TrajectoryProblem[];
    values: Partial<typeof trajectories.$inferInsert>;
    event: 'trajectories.intake_recorded' | 'trajectories.decided' | 'trajectories.ended';
    details: Record<string, string | boolean>;
  },
): Promise<TrajectoryDetail> {
  const row = await context.load(trajectoryTarget, trajectoryId, { lock: true, action });
  if (!isStepAllowed(intakeStep, row.status)) throw new RuleViolation('transition_not_allowed');
  const { problems, values, event, details } = plan(row, context.clock.today());
  refuseProblems(problems);
  const [updated] = await context.db
    .update(trajectories)
    .set({ ...values, updatedAt: context.clock.now() })
    .where(eq(trajectories.id, row.id))
    .returning();
  if (!updated) throw new NotFound();
  await context.audit(event, subjectOf(updated), details);
  return detailOf(context, updated);
}

function refuseProblems(problems: TrajectoryProblem[]) {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

function subjectOf(row: TrajectoryRow) {
  return { type: 'trajectory', id: row.id };
}

function signalledOnOf(row: TrajectoryRow): string {
  return amsterdamDateOf(row.createdAt);
}

// Data, not access: whether the chosen mentor holds the mentor role at the pupil's location.
async function isMentorAt(context: UseCaseContext, userId: string, locationId: string): Promise<boolean> {
  const [found] = await context.db
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.locationId, locationId),
        eq(roleAssignments.role, mentorRole),
      ),
    )
    .limit(1);
  return Boolean(found);
}

/**
 * The trajectory as this reader may see it (P1): the whole file for those who may read it, the signal and
 * its status for the teacher who raised it.
 */
async function detailOf(context: UseCaseContext, row: TrajectoryRow): Promise<TrajectoryDetail> {
  const may = (action: Action) => context.may(action, trajectoryTarget.scopeOf(row, action));
  const isFileReader = may('trajectories.read');
  const personIds = [
    row.mentorUserId,
    row.signalledByUserId,
    row.discussedByUserId,
    row.parentsContactedByUserId,
    row.eligibilityDecidedByUserId,
    row.parentsExplainedByUserId,
    row.endedByUserId,
  ].filter((id): id is string => Boolean(id));
  const people = await context.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, personIds));
  const person = (id: string | null) => people.find((candidate) => candidate.id === id) ?? null;
  const [location] = await context.db
    .select({ name: locations.name, offersHomeworkSupport: expertisePoints.offersHomeworkSupport })
    .from(locations)
    .leftJoin(expertisePoints, eq(expertisePoints.locationId, locations.id))
    .where(eq(locations.id, row.locationId));
  const file = <T>(value: T | null): T | null => (isFileReader ? value : null);
  return {
    id: row.id,
    view: isFileReader ? 'file' : 'signal',
    status: row.status,
    locationId: row.locationId,
    locationName: location?.name ?? '',
    offersHomeworkSupport: location?.offersHomeworkSupport ?? false,
    pupilFirstName: row.pupilFirstName,
    pupilLastName: row.pupilLastName,
    pupilBirthDate: file(row.pupilBirthDate),
    pupilClass: row.pupilClass,
    pupilId: file(row.pupilId),
    mentor: person(row.mentorUserId),
    signal: {
      source: row.signalSource,
      observed: row.signalObserved,
      since: row.signalSince,
      tried: row.signalTried,
      discussWith: row.signalDiscussWith,
      signalledBy: person(row.signalledByUserId),
      signalledOn: signalledOnOf(row),
    },
    discussion: file(
      row.discussedOn
        ? {
            discussedOn: row.discussedOn,
            outcome: row.discussionOutcome ?? '',
            discussedBy: person(row.discussedByUserId),
          }
        : null,
    ),
    parentsContact: file(
      row.parentsContactedOn && row.parentsContactedHow
        ? {
            contactedOn: row.parentsContactedOn,
            how: row.parentsContactedHow,
            outcome: row.parentsContactOutcome ?? '',
            contactedBy: person(row.parentsContactedByUserId),
          }
        : null,
    ),
    decision: file(
      row.eligibilityDecidedOn
        ? {
            decidedOn: row.eligibilityDecidedOn,
            eligible: row.status !== 'not_eligible',
            problemKinds: (row.problemKinds ?? []) as ProblemKind[],
            reasons: row.eligibilityReasons ?? '',
            alternativeAdvice: row.alternativeAdvice,
            decidedBy: person(row.eligibilityDecidedByUserId),
          }
        : null,
    ),
    explained: file(
      row.parentsExplainedOn && row.parentsExplainedHow
        ? {
            explainedOn: row.parentsExplainedOn,
            how: row.parentsExplainedHow,
            explainedBy: person(row.parentsExplainedByUserId),
          }
        : null,
    ),
    end: file(
      row.endedOn && row.endReason
        ? {
            endedOn: row.endedOn,
            reason: row.endReason,
            diplomaObtained: row.diplomaObtained ?? false,
            diplomaLevel: row.diplomaLevel,
            nextDestination: row.nextDestination ?? '',
            endedBy: person(row.endedByUserId),
          }
        : null,
    ),
    oppDeadline: isFileReader ? await oppDeadlineOf(context, row) : null,
    may: {
      intake: may('trajectories.intake'),
      decide: may('trajectories.decide'),
      end: may('trajectories.end'),
    },
  };
}
