import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { amsterdamDateOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import type {
  DecisionInput,
  DiscussionInput,
  EndInput,
  ExplainedInput,
  ParentsContactInput,
  ProblemKind,
  SignalInput,
  TrajectoryDetail,
  TrajectoryListQuery,
  trajectoryPageSchema,
} from '../../../contracts/trajectories.ts';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import type { Action, Actor } from '../../platform/access/policies.ts';
import { requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, pageWindow } from '../../platform/http/pagination.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { requireSecondaryLocation } from '../expertise-points/expertise-points.service.ts';
import { locations } from '../schools/schools.schema.ts';
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
import {
  canOnTrajectory,
  findTrajectory,
  type TrajectoryRow,
  trajectoryCondition,
} from './trajectory-scope.ts';

type TrajectoryPage = z.infer<typeof trajectoryPageSchema>;

/**
 * The intake of the expertise point (E9) and the trajectory's end (E11): signal, discussion, the mentor's
 * contact with the parents, the eligibility decision (E2), the explanation to the parents. Every read of
 * a pupil's file is audited (P2); who sees what follows P1 (trajectory-scope.ts).
 */
export class TrajectoriesService {
  constructor(private readonly database: DatabaseClient) {}

  /** Records a concern about a pupil of a secondary location (E9). */
  signal(actor: Actor, input: SignalInput, meta: RequestMeta): Promise<TrajectoryDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await requireVisible(
        transaction,
        actor,
        { kind: 'location', action: 'trajectories.signal' },
        { locationId: input.locationId },
      );
      await requireSecondaryLocation(transaction.db, actor, 'trajectories.signal', input.locationId);
      const problems = findSignalProblems(input, { today: todayInAmsterdam(), actorUserId: actor.userId });
      if (!(await isMentorAt(transaction, input.mentorUserId, input.locationId)))
        problems.push({ path: 'mentorUserId', code: 'not_a_mentor_here' });
      refuseProblems(problems);
      const [row] = await transaction.db
        .insert(trajectories)
        .values({
          tenantId: actor.tenantId,
          locationId: input.locationId,
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
        })
        .returning();
      if (!row) throw new NotFound();
      await recordAudit(transaction, auditActorOf(actor, meta), 'trajectories.signalled', subjectOf(row), {
        source: input.source,
      });
      return detailOf(transaction, actor, row);
    });
  }

  /** The trajectories the actor may read (P1), filtered and paginated in SQL; the read is audited. */
  list(actor: Actor, query: TrajectoryListQuery, meta: RequestMeta): Promise<TrajectoryPage> {
    return this.listWhere(actor, 'trajectories.read', query, meta);
  }

  /** The signals the actor recorded themselves (a teacher sees only these, P1). */
  listOwnSignals(actor: Actor, query: TrajectoryListQuery, meta: RequestMeta): Promise<TrajectoryPage> {
    return this.listWhere(actor, 'trajectories.own_signals', query, meta);
  }

  /** A pupil's file; each read is audited (P2). */
  get(actor: Actor, trajectoryId: string, meta: RequestMeta): Promise<TrajectoryDetail> {
    return this.read(actor, trajectoryId, 'trajectories.read', meta);
  }

  /** A signal as its author sees it: the signal and where it stands, not the rest of the file (P1). */
  getOwnSignal(actor: Actor, trajectoryId: string, meta: RequestMeta): Promise<TrajectoryDetail> {
    return this.read(actor, trajectoryId, 'trajectories.own_signals', meta);
  }

  /** Records the discussion of the signal with the mentor, team leader or care coordinator (E9). */
  recordDiscussion(actor: Actor, trajectoryId: string, input: DiscussionInput, meta: RequestMeta) {
    return this.step(actor, trajectoryId, 'discuss', 'trajectories.intake', meta, (row, today) => ({
      problems: findDiscussionProblems(input, { today, signalledOn: signalledOnOf(row) }),
      values: {
        discussedOn: input.discussedOn,
        discussionOutcome: input.outcome,
        discussedByUserId: actor.userId,
      },
      event: 'trajectories.intake_recorded',
      details: { step: 'discussion' },
    }));
  }

  /** Records the mentor's contact with the parents about the concern (E9). */
  recordParentsContact(actor: Actor, trajectoryId: string, input: ParentsContactInput, meta: RequestMeta) {
    return this.step(actor, trajectoryId, 'contactParents', 'trajectories.intake', meta, (row, today) => ({
      problems: findParentsContactProblems(input, { today, signalledOn: signalledOnOf(row) }),
      values: {
        parentsContactedOn: input.contactedOn,
        parentsContactedHow: input.how,
        parentsContactOutcome: input.outcome,
        parentsContactedByUserId: actor.userId,
      },
      event: 'trajectories.intake_recorded',
      details: { step: 'parents_contact' },
    }));
  }

  /** Decides whether the pupil qualifies for the expertise point (E2, E9). */
  decide(actor: Actor, trajectoryId: string, input: DecisionInput, meta: RequestMeta) {
    return this.step(actor, trajectoryId, 'decide', 'trajectories.decide', meta, (row, today) => ({
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
        eligibilityDecidedByUserId: actor.userId,
      },
      event: 'trajectories.decided',
      details: { eligible: input.eligible },
    }));
  }

  /** Records that and when the mentor explained the decision to the parents (E9). */
  recordExplained(actor: Actor, trajectoryId: string, input: ExplainedInput, meta: RequestMeta) {
    return this.step(actor, trajectoryId, 'explain', 'trajectories.intake', meta, (row, today) => ({
      problems: findExplainedProblems(input, {
        today,
        decidedOn: row.eligibilityDecidedOn ?? signalledOnOf(row),
      }),
      values: {
        parentsExplainedOn: input.explainedOn,
        parentsExplainedHow: input.how,
        parentsExplainedByUserId: actor.userId,
      },
      event: 'trajectories.intake_recorded',
      details: { step: 'explained' },
    }));
  }

  /** Ends the trajectory with its reason and outcome (E11). */
  end(actor: Actor, trajectoryId: string, input: EndInput, meta: RequestMeta) {
    return this.step(actor, trajectoryId, 'end', 'trajectories.end', meta, (row, today) => ({
      problems: findEndProblems(input, { today, decidedOn: row.eligibilityDecidedOn ?? signalledOnOf(row) }),
      values: {
        status: 'ended' as const,
        endedOn: input.endedOn,
        endReason: input.reason,
        diplomaObtained: input.diplomaObtained,
        diplomaLevel: input.diplomaObtained ? input.diplomaLevel : null,
        nextDestination: input.nextDestination,
        endedByUserId: actor.userId,
      },
      event: 'trajectories.ended',
      details: { reason: input.reason },
    }));
  }

  /** The mentors of a location, to pick from in the signal form. */
  mentors(actor: Actor, locationId: string): Promise<Array<{ id: string; name: string }>> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await requireSecondaryLocation(transaction.db, actor, 'trajectories.signal', locationId);
      return transaction.db
        .selectDistinct({ id: users.id, name: users.name })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            eq(roleAssignments.locationId, locationId),
            eq(roleAssignments.role, 'mentor'),
            eq(users.status, 'active'),
          ),
        )
        .orderBy(users.name);
    });
  }

  private read(actor: Actor, trajectoryId: string, action: Action, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const row = await findTrajectory(transaction, actor, trajectoryId, action);
      await recordAudit(transaction, auditActorOf(actor, meta), 'trajectories.viewed', subjectOf(row));
      return detailOf(transaction, actor, row);
    });
  }

  private listWhere(
    actor: Actor,
    action: Action,
    query: TrajectoryListQuery,
    meta: RequestMeta,
  ): Promise<TrajectoryPage> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const pupilName = sql`${trajectories.pupilFirstName} || ' ' || ${trajectories.pupilLastName}`;
      const conditions = and(
        trajectoryCondition(actor, action),
        query.status ? eq(trajectories.status, query.status) : undefined,
        query.locationId ? eq(trajectories.locationId, query.locationId) : undefined,
        query.q
          ? or(
              sql`${pupilName} ilike ${containsPattern(query.q)}`,
              sql`${trajectories.pupilClass} ilike ${containsPattern(query.q)}`,
            )
          : undefined,
      );
      const { limit, offset } = pageWindow(query);
      const rows = await transaction.db
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
        .orderBy(desc(trajectories.updatedAt), desc(trajectories.id))
        .limit(limit)
        .offset(offset);
      const total = Number(rows[0]?.total ?? 0);
      await recordAudit(transaction, auditActorOf(actor, meta), 'trajectories.listed', null, {
        count: rows.length,
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
    });
  }

  // One intake step: the access check, the workflow table, the rules, the change and its audit event in
  // one transaction; a refused step saves nothing.
  private step(
    actor: Actor,
    trajectoryId: string,
    step: IntakeStep,
    action: Action,
    meta: RequestMeta,
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
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const row = await findTrajectory(transaction, actor, trajectoryId, action, { lock: true });
      if (!isStepAllowed(step, row.status)) throw new RuleViolation('transition_not_allowed');
      const { problems, values, event, details } = plan(row, todayInAmsterdam());
      refuseProblems(problems);
      const [updated] = await transaction.db
        .update(trajectories)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(trajectories.id, row.id))
        .returning();
      if (!updated) throw new NotFound();
      await recordAudit(transaction, auditActorOf(actor, meta), event, subjectOf(updated), details);
      return detailOf(transaction, actor, updated);
    });
  }
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

async function isMentorAt(transaction: Transaction, userId: string, locationId: string): Promise<boolean> {
  const [found] = await transaction.db
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.locationId, locationId),
        eq(roleAssignments.role, 'mentor'),
      ),
    )
    .limit(1);
  return Boolean(found);
}

/**
 * The trajectory as this reader may see it (P1): the whole file for those who may read it, the signal and
 * its status for the teacher who raised it.
 */
async function detailOf(
  transaction: Transaction,
  actor: Actor,
  row: TrajectoryRow,
): Promise<TrajectoryDetail> {
  const isFileReader = canOnTrajectory(actor, 'trajectories.read', row);
  const personIds = [
    row.mentorUserId,
    row.signalledByUserId,
    row.discussedByUserId,
    row.parentsContactedByUserId,
    row.eligibilityDecidedByUserId,
    row.parentsExplainedByUserId,
    row.endedByUserId,
  ].filter((id): id is string => Boolean(id));
  const people = await transaction.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, personIds));
  const person = (id: string | null) => people.find((candidate) => candidate.id === id) ?? null;
  const [location] = await transaction.db
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
    may: {
      intake: canOnTrajectory(actor, 'trajectories.intake', row),
      decide: canOnTrajectory(actor, 'trajectories.decide', row),
      end: canOnTrajectory(actor, 'trajectories.end', row),
    },
  };
}
