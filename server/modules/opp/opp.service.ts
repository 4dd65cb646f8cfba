import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  type OppContent,
  type OppDraftInput,
  type OppEvaluation,
  type OppEvaluationInput,
  type OppOverview,
  type OppParentLink,
  type OppParentLinkCreated,
  type OppParentView,
  type OppVersion,
  type OppVersionDetail,
  oppParentLinkDays,
} from '../../../contracts/opp.ts';
import { amsterdamDateOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { type AuditActor, auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { createToken, type Keys, parseToken } from '../../platform/auth/credentials.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { locations } from '../schools/schools.schema.ts';
import {
  oppEvaluations,
  oppParentLinks,
  oppVersions,
  trajectories,
} from '../trajectories/trajectories.schema.ts';
import { findTrajectory, type TrajectoryRow } from '../trajectories/trajectory-scope.ts';
import {
  contentForNewDraft,
  evaluationStateOf,
  findAdoptionProblems,
  findDraftProblems,
  findEvaluationProblems,
  isOppOpen,
  isParentLinkUsable,
  type OppProblem,
  type OppRuleCode,
  oppCommandsOf,
} from './opp.rules.ts';

type VersionRow = typeof oppVersions.$inferSelect;
type EvaluationRow = typeof oppEvaluations.$inferSelect;
type LinkRow = typeof oppParentLinks.$inferSelect;

// The OPP's rule codes are explained by the opp catalogue (`errors.<code>`), which the server's
// message lookup merges in; the web shows the server's text for codes outside the shared list.
function oppRefusal(code: OppRuleCode, statusCode: 409 | 422 = 409, fields?: OppProblem[]): RuleViolation {
  return new RuleViolation(code, statusCode, fields);
}

/** The OPP of an expertise-point trajectory (E9): versions, adoption, evaluation, parents' link. */
export class OppService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly deps: { keys: Keys; baseUrl: string },
  ) {}

  /** The trajectory's OPP: versions, the adopted one and the draft, evaluations, links; audited (P2). */
  overview(actor: Actor, trajectoryId: string, meta: RequestMeta): Promise<OppOverview> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'opp.manage');
      const versions = await transaction.db
        .select()
        .from(oppVersions)
        .where(eq(oppVersions.trajectoryId, trajectory.id))
        .orderBy(desc(oppVersions.version))
        .limit(200);
      const evaluations = await transaction.db
        .select()
        .from(oppEvaluations)
        .where(eq(oppEvaluations.trajectoryId, trajectory.id))
        .orderBy(desc(oppEvaluations.evaluatedOn), desc(oppEvaluations.createdAt))
        .limit(200);
      const links = await transaction.db
        .select()
        .from(oppParentLinks)
        .where(eq(oppParentLinks.trajectoryId, trajectory.id))
        .orderBy(desc(oppParentLinks.createdAt))
        .limit(50);
      const names = await namesOf(transaction, [
        ...versions.flatMap((row) => [row.createdByUserId, row.adoptedByUserId]),
        ...evaluations.map((row) => row.evaluatedByUserId),
        ...links.map((row) => row.createdByUserId),
      ]);
      const adopted = versions.find((row) => row.status === 'adopted') ?? null;
      const draft = versions.find((row) => row.status === 'draft') ?? null;
      const numbers = new Map(versions.map((row) => [row.id, row.version]));
      const now = new Date();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.viewed',
        { type: 'trajectory', id: trajectory.id },
        { versions: versions.length },
      );
      return {
        trajectoryId: trajectory.id,
        trajectoryStatus: trajectory.status,
        offersHomeworkSupport: await offersHomeworkSupport(transaction, trajectory),
        pupil: await pupilOf(transaction, trajectory),
        versions: versions.map((row) => ({
          id: row.id,
          version: row.version,
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
          adoptedAt: row.adoptedAt?.toISOString() ?? null,
          createdByName: names.get(row.createdByUserId) ?? '',
        })),
        adopted: adopted ? versionView(adopted, names) : null,
        draft: draft ? versionView(draft, names) : null,
        evaluations: evaluations.map((row) => evaluationView(row, numbers.get(row.oppVersionId) ?? 0, names)),
        evaluation: evaluationStateOf({
          hasAdopted: adopted !== null,
          evaluatedOn: evaluations.map((row) => row.evaluatedOn),
          plannedDates: adopted?.evaluationDates ?? [],
          today: todayInAmsterdam(now),
        }),
        parentLinks: links.map((row) => linkView(row, names, trajectory, now)),
        commands: oppCommandsOf({
          status: trajectory.status,
          hasDraft: draft !== null,
          hasAdopted: adopted !== null,
        }),
      };
    });
  }

  /** One version, also an earlier one (read-only); audited (P2). */
  version(actor: Actor, versionId: string, meta: RequestMeta): Promise<OppVersionDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { trajectory, version } = await findVersion(transaction, actor, versionId);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.viewed',
        { type: 'opp_version', id: version.id },
        { version: version.version },
      );
      return detailOf(transaction, trajectory, version);
    });
  }

  /**
   * Starts a new draft, copied from the latest version (every change is a new version). The first
   * OPP of an eligible pupil may be drafted; one draft at a time.
   */
  createDraft(actor: Actor, trajectoryId: string, meta: RequestMeta): Promise<OppVersionDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'opp.manage', { lock: true });
      if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
      const [latest] = await transaction.db
        .select()
        .from(oppVersions)
        .where(eq(oppVersions.trajectoryId, trajectory.id))
        .orderBy(desc(oppVersions.version))
        .limit(1);
      if (latest?.status === 'draft') throw oppRefusal('opp_draft_exists');
      const content = contentForNewDraft(latest ? contentOf(latest) : null, {
        today: todayInAmsterdam(),
        offersHomeworkSupport: await offersHomeworkSupport(transaction, trajectory),
      });
      const [version] = await transaction.db
        .insert(oppVersions)
        .values({
          ...content,
          tenantId: trajectory.tenantId,
          trajectoryId: trajectory.id,
          version: (latest?.version ?? 0) + 1,
          status: 'draft',
          createdByUserId: actor.userId,
        })
        .returning();
      if (!version) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.saved',
        { type: 'opp_version', id: version.id },
        { version: version.version, copiedFrom: latest?.version ?? null },
      );
      return detailOf(transaction, trajectory, version);
    });
  }

  /** Changes the draft; the rules refuse with field errors and nothing is saved. */
  updateDraft(
    actor: Actor,
    versionId: string,
    input: OppDraftInput,
    meta: RequestMeta,
  ): Promise<OppVersionDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { trajectory, version } = await findVersion(transaction, actor, versionId, { lock: true });
      if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
      if (version.status !== 'draft') throw oppRefusal('opp_not_draft');
      const problems = findDraftProblems(input, {
        today: todayInAmsterdam(),
        offersHomeworkSupport: await offersHomeworkSupport(transaction, trajectory),
      });
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [saved] = await transaction.db
        .update(oppVersions)
        .set({ ...input, evaluationDates: [...new Set(input.evaluationDates)].sort(), updatedAt: new Date() })
        .where(eq(oppVersions.id, version.id))
        .returning();
      if (!saved) throw new NotFound();
      const audit = auditActorOf(actor, meta);
      await recordAudit(
        transaction,
        audit,
        'opp.saved',
        { type: 'opp_version', id: saved.id },
        { version: saved.version },
      );
      const discussionChanged =
        saved.parentsDiscussedOn !== version.parentsDiscussedOn ||
        saved.parentsDiscussionParticipants !== version.parentsDiscussionParticipants ||
        saved.parentsView !== version.parentsView ||
        saved.parentsAgreement !== version.parentsAgreement ||
        saved.parentsAgreementComments !== version.parentsAgreementComments;
      if (discussionChanged)
        await recordAudit(
          transaction,
          audit,
          'opp.discussed',
          { type: 'opp_version', id: saved.id },
          { version: saved.version, agreement: saved.parentsAgreement },
        );
      return detailOf(transaction, trajectory, saved);
    });
  }

  /**
   * Adopts the draft (E9): only with the parents' discussion and their answer recorded. It replaces
   * the adopted version, which stays readable; the first adoption makes the trajectory active.
   */
  adopt(actor: Actor, versionId: string, meta: RequestMeta): Promise<OppVersionDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { trajectory, version } = await findVersion(transaction, actor, versionId, { lock: true });
      if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
      if (version.status !== 'draft') throw oppRefusal('opp_not_draft');
      const problems = findAdoptionProblems(contentOf(version), {
        today: todayInAmsterdam(),
        offersHomeworkSupport: await offersHomeworkSupport(transaction, trajectory),
      });
      if (problems.length > 0) throw oppRefusal('opp_adoption_incomplete', 422, problems);
      const now = new Date();
      await transaction.db
        .update(oppVersions)
        .set({ status: 'superseded', updatedAt: now })
        .where(and(eq(oppVersions.trajectoryId, trajectory.id), eq(oppVersions.status, 'adopted')));
      const [adopted] = await transaction.db
        .update(oppVersions)
        .set({ status: 'adopted', adoptedAt: now, adoptedByUserId: actor.userId, updatedAt: now })
        .where(eq(oppVersions.id, version.id))
        .returning();
      if (!adopted) throw new NotFound();
      const activates = trajectory.status === 'eligible';
      let current = trajectory;
      if (activates) {
        const [activated] = await transaction.db
          .update(trajectories)
          .set({ status: 'active', updatedAt: now })
          .where(eq(trajectories.id, trajectory.id))
          .returning();
        if (activated) current = activated;
      }
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.adopted',
        { type: 'opp_version', id: adopted.id },
        { version: adopted.version, trajectoryActivated: activates },
      );
      return detailOf(transaction, current, adopted);
    });
  }

  /** Records an evaluation of the adopted OPP (E9: at least once per school year). */
  evaluate(
    actor: Actor,
    trajectoryId: string,
    input: OppEvaluationInput,
    meta: RequestMeta,
  ): Promise<OppEvaluation> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'opp.manage', { lock: true });
      const adopted = await adoptedVersionOf(transaction, trajectory);
      if (!adopted?.adoptedAt) throw oppRefusal('opp_not_adopted');
      const problems = findEvaluationProblems(input.evaluatedOn, {
        today: todayInAmsterdam(),
        adoptedOn: amsterdamDateOf(adopted.adoptedAt),
      });
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [evaluation] = await transaction.db
        .insert(oppEvaluations)
        .values({
          tenantId: trajectory.tenantId,
          trajectoryId: trajectory.id,
          oppVersionId: adopted.id,
          evaluatedOn: input.evaluatedOn,
          summary: input.summary,
          evaluatedByUserId: actor.userId,
        })
        .returning();
      if (!evaluation) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.evaluated',
        { type: 'opp_version', id: adopted.id },
        { version: adopted.version },
      );
      return evaluationView(evaluation, adopted.version, await namesOf(transaction, [actor.userId]));
    });
  }

  /** One version with the partnership's name, for the PDF; the download is audited (P2). */
  forPdf(
    actor: Actor,
    versionId: string,
    meta: RequestMeta,
  ): Promise<{ detail: OppVersionDetail; partnershipName: string }> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { trajectory, version } = await findVersion(transaction, actor, versionId);
      const [tenant] = await transaction.db.select({ name: tenants.name }).from(tenants);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.pdf_downloaded',
        { type: 'opp_version', id: version.id },
        { version: version.version },
      );
      return {
        detail: await detailOf(transaction, trajectory, version),
        partnershipName: tenant?.name ?? '',
      };
    });
  }

  /**
   * Makes a personal link for the parents to the adopted OPP. The address is returned this once for
   * the staff member to pass on; only the token's keyed hash is stored. Valid for 90 days.
   */
  createParentLink(actor: Actor, trajectoryId: string, meta: RequestMeta): Promise<OppParentLinkCreated> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'opp.manage', { lock: true });
      if (!(await adoptedVersionOf(transaction, trajectory))) throw oppRefusal('opp_not_adopted');
      const { token, hash } = createToken(this.deps.keys, trajectory.tenantId);
      const now = new Date();
      const [link] = await transaction.db
        .insert(oppParentLinks)
        .values({
          tenantId: trajectory.tenantId,
          trajectoryId: trajectory.id,
          tokenHash: hash,
          createdByUserId: actor.userId,
          expiresAt: new Date(now.getTime() + oppParentLinkDays * 86_400_000),
        })
        .returning();
      if (!link) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'opp.link_created',
        { type: 'opp_parent_link', id: link.id },
        { days: oppParentLinkDays },
      );
      return {
        link: linkView(link, await namesOf(transaction, [actor.userId]), trajectory, now),
        url: `${this.deps.baseUrl}/opp-inzage#token=${token}`,
      };
    });
  }

  /** Revokes a parent link at once; revoking twice changes nothing. */
  revokeParentLink(actor: Actor, linkId: string, meta: RequestMeta): Promise<OppParentLink> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [existing] = await transaction.db
        .select({ trajectoryId: oppParentLinks.trajectoryId })
        .from(oppParentLinks)
        .where(eq(oppParentLinks.id, linkId));
      if (!existing) throw new NotFound();
      const trajectory = await findTrajectory(transaction, actor, existing.trajectoryId, 'opp.manage');
      const [current] = await transaction.db
        .select()
        .from(oppParentLinks)
        .where(eq(oppParentLinks.id, linkId))
        .for('update');
      if (!current) throw new NotFound();
      let link = current;
      if (!current.revokedAt) {
        const [revoked] = await transaction.db
          .update(oppParentLinks)
          .set({ revokedAt: new Date() })
          .where(eq(oppParentLinks.id, linkId))
          .returning();
        if (revoked) link = revoked;
        await recordAudit(transaction, auditActorOf(actor, meta), 'opp.link_revoked', {
          type: 'opp_parent_link',
          id: link.id,
        });
      }
      return linkView(link, await namesOf(transaction, [link.createdByUserId]), trajectory, new Date());
    });
  }

  /**
   * The parents' read-only view through their link: the latest adopted version and nothing else of
   * the file. Every opening is audited (P2).
   */
  parentView(token: string, meta: RequestMeta): Promise<OppParentView> {
    const parsed = parseToken(this.deps.keys, token);
    if (!parsed) throw new RuleViolation('invalid_token', 422);
    return this.database.withTenant(parsed.tenantId, async (transaction) => {
      const [row] = await transaction.db
        .select({ link: oppParentLinks, trajectory: trajectories })
        .from(oppParentLinks)
        .innerJoin(trajectories, eq(trajectories.id, oppParentLinks.trajectoryId))
        .where(eq(oppParentLinks.tokenHash, parsed.hash));
      const now = new Date();
      if (!row || !isParentLinkUsable(row.link, row.trajectory.status, now))
        throw new RuleViolation('invalid_token', 422);
      const adopted = await adoptedVersionOf(transaction, row.trajectory);
      if (!adopted?.adoptedAt) throw new RuleViolation('invalid_token', 422);
      await transaction.db
        .update(oppParentLinks)
        .set({ lastOpenedAt: now })
        .where(eq(oppParentLinks.id, row.link.id));
      const parent: AuditActor = { userId: null, roles: ['parent'], requestId: meta.requestId, ip: meta.ip };
      await recordAudit(
        transaction,
        parent,
        'opp.parent_viewed',
        { type: 'opp_version', id: adopted.id },
        { version: adopted.version },
      );
      const [tenant] = await transaction.db.select({ name: tenants.name }).from(tenants);
      const [location] = await transaction.db
        .select({ name: locations.name })
        .from(locations)
        .where(eq(locations.id, row.trajectory.locationId));
      return {
        ...contentOf(adopted),
        partnershipName: tenant?.name ?? '',
        schoolName: location?.name ?? '',
        pupilFirstName: row.trajectory.pupilFirstName,
        version: adopted.version,
        adoptedOn: amsterdamDateOf(adopted.adoptedAt),
        linkExpiresAt: row.link.expiresAt.toISOString(),
      };
    });
  }
}

/** A version and its trajectory, when the actor may manage that trajectory's OPP; else 404 (P1). */
async function findVersion(
  transaction: Transaction,
  actor: Actor,
  versionId: string,
  options: { lock?: boolean } = {},
): Promise<{ trajectory: TrajectoryRow; version: VersionRow }> {
  const [found] = await transaction.db
    .select({ trajectoryId: oppVersions.trajectoryId })
    .from(oppVersions)
    .where(eq(oppVersions.id, versionId));
  if (!found) throw new NotFound();
  // The trajectory first, locked for a change: the same order as every other OPP command.
  const trajectory = await findTrajectory(transaction, actor, found.trajectoryId, 'opp.manage', options);
  const query = transaction.db.select().from(oppVersions).where(eq(oppVersions.id, versionId));
  const [version] = options.lock ? await query.for('update') : await query;
  if (!version) throw new NotFound();
  return { trajectory, version };
}

async function adoptedVersionOf(transaction: Transaction, trajectory: TrajectoryRow) {
  const [adopted] = await transaction.db
    .select()
    .from(oppVersions)
    .where(and(eq(oppVersions.trajectoryId, trajectory.id), eq(oppVersions.status, 'adopted')));
  return adopted ?? null;
}

async function offersHomeworkSupport(transaction: Transaction, trajectory: TrajectoryRow): Promise<boolean> {
  const [point] = await transaction.db
    .select({ offers: expertisePoints.offersHomeworkSupport })
    .from(expertisePoints)
    .where(eq(expertisePoints.locationId, trajectory.locationId));
  return point?.offers ?? false;
}

async function pupilOf(transaction: Transaction, trajectory: TrajectoryRow) {
  const [location] = await transaction.db
    .select({ name: locations.name })
    .from(locations)
    .where(eq(locations.id, trajectory.locationId));
  return {
    firstName: trajectory.pupilFirstName,
    lastName: trajectory.pupilLastName,
    className: trajectory.pupilClass,
    locationName: location?.name ?? '',
  };
}

async function namesOf(
  transaction: Transaction,
  userIds: Array<string | null>,
): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await transaction.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

// Drivers hand back a date as text; an array of dates is normalised the same way for both.
function isoDateOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

function contentOf(row: VersionRow): OppContent {
  return {
    exitDestination: row.exitDestination,
    exitReasons: row.exitReasons,
    hinderingFactors: row.hinderingFactors,
    supportingFactors: row.supportingFactors,
    support: row.support.map((line) => ({ ...line })),
    independentWorkAgreement: row.independentWorkAgreement,
    homeworkAgreement: row.homeworkAgreement,
    curriculumDeviations: row.curriculumDeviations,
    evaluationDates: row.evaluationDates.map(isoDateOf).sort(),
    parentsDiscussedOn: row.parentsDiscussedOn,
    parentsDiscussionParticipants: row.parentsDiscussionParticipants,
    parentsView: row.parentsView,
    parentsAgreement: row.parentsAgreement,
    parentsAgreementComments: row.parentsAgreementComments,
    pupilView: row.pupilView,
  };
}

function versionView(row: VersionRow, names: Map<string, string>): OppVersion {
  return {
    ...contentOf(row),
    id: row.id,
    trajectoryId: row.trajectoryId,
    version: row.version,
    status: row.status,
    createdBy: { id: row.createdByUserId, name: names.get(row.createdByUserId) ?? '' },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    adoptedAt: row.adoptedAt?.toISOString() ?? null,
    adoptedBy: row.adoptedByUserId
      ? { id: row.adoptedByUserId, name: names.get(row.adoptedByUserId) ?? '' }
      : null,
  };
}

function evaluationView(row: EvaluationRow, version: number, names: Map<string, string>): OppEvaluation {
  return {
    id: row.id,
    oppVersionId: row.oppVersionId,
    version,
    evaluatedOn: row.evaluatedOn,
    summary: row.summary,
    evaluatedBy: { id: row.evaluatedByUserId, name: names.get(row.evaluatedByUserId) ?? '' },
    createdAt: row.createdAt.toISOString(),
  };
}

function linkView(
  row: LinkRow,
  names: Map<string, string>,
  trajectory: TrajectoryRow,
  now: Date,
): OppParentLink {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastOpenedAt: row.lastOpenedAt?.toISOString() ?? null,
    createdByName: names.get(row.createdByUserId) ?? '',
    active: isParentLinkUsable(row, trajectory.status, now),
  };
}

async function detailOf(
  transaction: Transaction,
  trajectory: TrajectoryRow,
  version: VersionRow,
): Promise<OppVersionDetail> {
  const evaluations = await transaction.db
    .select()
    .from(oppEvaluations)
    .where(eq(oppEvaluations.oppVersionId, version.id))
    .orderBy(desc(oppEvaluations.evaluatedOn))
    .limit(200);
  const statuses = await transaction.db
    .select({ status: oppVersions.status })
    .from(oppVersions)
    .where(
      and(eq(oppVersions.trajectoryId, trajectory.id), inArray(oppVersions.status, ['draft', 'adopted'])),
    );
  const names = await namesOf(transaction, [
    version.createdByUserId,
    version.adoptedByUserId,
    ...evaluations.map((row) => row.evaluatedByUserId),
  ]);
  return {
    ...versionView(version, names),
    pupil: await pupilOf(transaction, trajectory),
    offersHomeworkSupport: await offersHomeworkSupport(transaction, trajectory),
    evaluations: evaluations.map((row) => evaluationView(row, version.version, names)),
    commands: oppCommandsOf({
      status: trajectory.status,
      hasDraft: statuses.some((row) => row.status === 'draft'),
      hasAdopted: statuses.some((row) => row.status === 'adopted'),
    }),
  };
}
