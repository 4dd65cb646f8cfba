import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  type OppConsent,
  type OppConsentAnswerInput,
  type OppContent,
  type OppDraftInput,
  type OppEvaluation,
  type OppEvaluationInput,
  type OppLinkInput,
  type OppOverview,
  type OppPaperConsentFields,
  type OppParentLink,
  type OppParentLinkCreated,
  type OppParentView,
  type OppPupilViewInput,
  type OppVersion,
  type OppVersionDetail,
  oppParentLinkDays,
} from '../../../contracts/opp.ts';
import type { FileReader } from '../../../contracts/privacy.ts';
import { privacyStatementPath } from '../../../contracts/public.ts';
import { amsterdamDateOf } from '../../../contracts/school-year.ts';
import type { DbTransaction } from '../../db/client.ts';
import type { AuditEvent } from '../../platform/audit/audit.ts';
import { fileReadersOf } from '../../platform/audit/file-readers.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { createToken, type Keys, parseToken } from '../../platform/auth/credentials.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { PublicContext, UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { checkAttachment } from '../requests/attachments.ts';
import { locations } from '../schools/schools.schema.ts';
import {
  oppConsents,
  oppEvaluations,
  oppParentLinks,
  oppPupilViews,
  oppVersions,
  trajectories,
} from '../trajectories/trajectories.schema.ts';
import { type TrajectoryRow, trajectoryTarget } from '../trajectories/trajectory-scope.ts';
import {
  actionPartOf,
  consentDecisionOf,
  consentGiverOn,
  contentForNewDraft,
  coversActionPart,
  evaluationStateOf,
  findAdoptionProblems,
  findDraftProblems,
  findEvaluationProblems,
  isOppOpen,
  isParentLinkUsable,
  isPupilLinkAllowed,
  linkRefusalOf,
  mayHolderAnswer,
  type OppProblem,
  type OppRuleCode,
  oppCommandsOf,
} from './opp.rules.ts';

type VersionRow = typeof oppVersions.$inferSelect;
type EvaluationRow = typeof oppEvaluations.$inferSelect;
type LinkRow = typeof oppParentLinks.$inferSelect;
type ConsentRow = typeof oppConsents.$inferSelect;
type PupilViewRow = typeof oppPupilViews.$inferSelect;

/**
 * An OPP version as a route's target, with its trajectory: it exists for whoever may read the pupil's
 * file (P1), and is acted on by whoever may manage the trajectory's OPP. For a change the trajectory
 * is locked first, then the version: the same order as every other OPP command.
 */
export const oppVersionTarget = defineTarget<{ trajectory: TrajectoryRow; version: VersionRow }>({
  readAction: trajectoryTarget.readAction,
  async load(transaction, id, { lock }) {
    const { db } = transaction;
    const [found] = await db
      .select({ trajectoryId: oppVersions.trajectoryId })
      .from(oppVersions)
      .where(eq(oppVersions.id, id));
    if (!found) return undefined;
    const trajectory = await trajectoryTarget.load(transaction, found.trajectoryId, { lock });
    if (!trajectory) return undefined;
    const query = db.select().from(oppVersions).where(eq(oppVersions.id, id));
    const [version] = lock ? await query.for('update') : await query;
    return version ? { trajectory, version } : undefined;
  },
  scopeOf: ({ trajectory }, action) => trajectoryTarget.scopeOf(trajectory, action),
});

/**
 * A parent link as a route's target, with its trajectory: seen and acted on as the trajectory's OPP
 * is. `lock` locks the link (revoking it does not change the trajectory).
 */
export const oppParentLinkTarget = defineTarget<{ trajectory: TrajectoryRow; link: LinkRow }>({
  readAction: trajectoryTarget.readAction,
  async load(transaction, id, { lock }) {
    const { db } = transaction;
    const [found] = await db
      .select({ trajectoryId: oppParentLinks.trajectoryId })
      .from(oppParentLinks)
      .where(eq(oppParentLinks.id, id));
    if (!found) return undefined;
    const trajectory = await trajectoryTarget.load(transaction, found.trajectoryId, { lock: false });
    if (!trajectory) return undefined;
    const query = db.select().from(oppParentLinks).where(eq(oppParentLinks.id, id));
    const [link] = lock ? await query.for('update') : await query;
    return link ? { trajectory, link } : undefined;
  },
  scopeOf: ({ trajectory }, action) => trajectoryTarget.scopeOf(trajectory, action),
});

/** A recorded answer on the action part as a route's target (its scan), seen as the trajectory's OPP. */
export const oppConsentTarget = defineTarget<{ trajectory: TrajectoryRow; consent: ConsentRow }>({
  readAction: trajectoryTarget.readAction,
  async load(transaction, id) {
    const { db } = transaction;
    const [consent] = await db.select().from(oppConsents).where(eq(oppConsents.id, id));
    if (!consent) return undefined;
    const trajectory = await trajectoryTarget.load(transaction, consent.trajectoryId, { lock: false });
    return trajectory ? { trajectory, consent } : undefined;
  },
  scopeOf: ({ trajectory }, action) => trajectoryTarget.scopeOf(trajectory, action),
});

// The OPP's rule codes are explained by the opp catalogue (`errors.<code>`), which the server's
// message lookup merges in; the web shows the server's text for codes outside the shared list.
function oppRefusal(code: OppRuleCode, statusCode: 409 | 422 = 409, fields?: OppProblem[]): RuleViolation {
  return new RuleViolation(code, statusCode, fields);
}

/** The trajectory's OPP: versions, the adopted one and the draft, evaluations, links; audited (P2). */
export async function getOppOverview(context: UseCaseContext, trajectoryId: string): Promise<OppOverview> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const versions = await db
    .select()
    .from(oppVersions)
    .where(eq(oppVersions.trajectoryId, trajectory.id))
    .orderBy(desc(oppVersions.version))
    .limit(200);
  const evaluations = await db
    .select()
    .from(oppEvaluations)
    .where(eq(oppEvaluations.trajectoryId, trajectory.id))
    .orderBy(desc(oppEvaluations.evaluatedOn), desc(oppEvaluations.createdAt))
    .limit(200);
  const links = await db
    .select()
    .from(oppParentLinks)
    .where(eq(oppParentLinks.trajectoryId, trajectory.id))
    .orderBy(desc(oppParentLinks.createdAt))
    .limit(50);
  const consents = await db
    .select()
    .from(oppConsents)
    .where(eq(oppConsents.trajectoryId, trajectory.id))
    .orderBy(desc(oppConsents.createdAt))
    .limit(100);
  const pupilViews = await db
    .select()
    .from(oppPupilViews)
    .where(eq(oppPupilViews.trajectoryId, trajectory.id))
    .orderBy(desc(oppPupilViews.createdAt))
    .limit(50);
  const names = await namesOf(db, [
    ...versions.flatMap((row) => [row.createdByUserId, row.adoptedByUserId]),
    ...evaluations.map((row) => row.evaluatedByUserId),
    ...links.map((row) => row.createdByUserId),
    ...consents.map((row) => row.recordedByUserId),
  ]);
  const adopted = versions.find((row) => row.status === 'adopted') ?? null;
  const draft = versions.find((row) => row.status === 'draft') ?? null;
  const numbers = new Map(versions.map((row) => [row.id, row.version]));
  const byVersion = new Map(versions.map((row) => [row.id, row]));
  const now = context.clock.now();
  const today = amsterdamDateOf(now);
  await context.audit('opp.viewed', { type: 'trajectory', id: trajectory.id }, { versions: versions.length });
  return {
    trajectoryId: trajectory.id,
    trajectoryStatus: trajectory.status,
    offersHomeworkSupport: await offersHomeworkSupport(db, trajectory),
    pupil: await pupilOf(db, trajectory),
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
      today: amsterdamDateOf(now),
    }),
    parentLinks: links.map((row) => linkView(row, names, trajectory, now)),
    consentGiver: consentGiverOn(trajectory.pupilBirthDate, today),
    pupilLinkAllowed: isPupilLinkAllowed(trajectory.pupilBirthDate, today),
    draftConsent: draft
      ? {
          giver: consentGiverOn(trajectory.pupilBirthDate, today),
          decision: consentDecisionOf(
            consents.filter((row) => row.oppVersionId === draft.id),
            actionPartOf(contentOf(draft)),
          ),
        }
      : null,
    consents: consents.map((row) => consentView(row, byVersion.get(row.oppVersionId), names)),
    pupilViews: pupilViews.map((row) => pupilViewOf(row, numbers.get(row.oppVersionId) ?? 0)),
    commands: oppCommandsOf({
      status: trajectory.status,
      hasDraft: draft !== null,
      hasAdopted: adopted !== null,
    }),
  };
}

/** One version, also an earlier one (read-only); audited (P2). */
export async function getOppVersion(context: UseCaseContext, versionId: string): Promise<OppVersionDetail> {
  const { trajectory, version } = await context.load(oppVersionTarget, versionId);
  await context.audit('opp.viewed', { type: 'opp_version', id: version.id }, { version: version.version });
  return detailOf(context.db, trajectory, version);
}

/**
 * Starts a new draft, copied from the latest version (every change is a new version). The first OPP
 * of an eligible pupil may be drafted; one draft at a time.
 */
export async function createOppDraft(
  context: UseCaseContext,
  trajectoryId: string,
): Promise<OppVersionDetail> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId, { lock: true });
  if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
  const [latest] = await db
    .select()
    .from(oppVersions)
    .where(eq(oppVersions.trajectoryId, trajectory.id))
    .orderBy(desc(oppVersions.version))
    .limit(1);
  if (latest?.status === 'draft') throw oppRefusal('opp_draft_exists');
  const content = contentForNewDraft(latest ? contentOf(latest) : null, {
    today: context.clock.today(),
    offersHomeworkSupport: await offersHomeworkSupport(db, trajectory),
  });
  const [version] = await db
    .insert(oppVersions)
    .values({
      ...content,
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      version: (latest?.version ?? 0) + 1,
      status: 'draft',
      createdByUserId: context.actor.userId,
    })
    .returning();
  if (!version) throw new NotFound();
  await context.audit(
    'opp.saved',
    { type: 'opp_version', id: version.id },
    { version: version.version, copiedFrom: latest?.version ?? null },
  );
  return detailOf(db, trajectory, version);
}

/** Changes the draft; the rules refuse with field errors and nothing is saved. */
export async function updateOppDraft(
  context: UseCaseContext,
  versionId: string,
  input: OppDraftInput,
): Promise<OppVersionDetail> {
  const { db } = context;
  const { trajectory, version } = await context.load(oppVersionTarget, versionId, { lock: true });
  if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
  if (version.status !== 'draft') throw oppRefusal('opp_not_draft');
  const problems = findDraftProblems(input, {
    today: context.clock.today(),
    offersHomeworkSupport: await offersHomeworkSupport(db, trajectory),
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [saved] = await db
    .update(oppVersions)
    .set({
      ...input,
      evaluationDates: [...new Set(input.evaluationDates)].sort(),
      updatedAt: context.clock.now(),
    })
    .where(eq(oppVersions.id, version.id))
    .returning();
  if (!saved) throw new NotFound();
  await context.audit('opp.saved', { type: 'opp_version', id: saved.id }, { version: saved.version });
  const discussionChanged =
    saved.parentsDiscussedOn !== version.parentsDiscussedOn ||
    saved.parentsDiscussionParticipants !== version.parentsDiscussionParticipants ||
    saved.parentsView !== version.parentsView ||
    saved.parentsAgreement !== version.parentsAgreement ||
    saved.parentsAgreementComments !== version.parentsAgreementComments;
  if (discussionChanged)
    await context.audit(
      'opp.discussed',
      { type: 'opp_version', id: saved.id },
      { version: saved.version, agreement: saved.parentsAgreement },
    );
  return detailOf(db, trajectory, saved);
}

/**
 * Adopts the draft (E9): only with the parents' discussion and their answer recorded. It replaces the
 * adopted version, which stays readable; the first adoption makes the trajectory active.
 */
export async function adoptOpp(context: UseCaseContext, versionId: string): Promise<OppVersionDetail> {
  const { db } = context;
  const { trajectory, version } = await context.load(oppVersionTarget, versionId, { lock: true });
  if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
  if (version.status !== 'draft') throw oppRefusal('opp_not_draft');
  const now = context.clock.now();
  const content = contentOf(version);
  const answers = await db
    .select()
    .from(oppConsents)
    .where(eq(oppConsents.oppVersionId, version.id))
    .orderBy(desc(oppConsents.createdAt));
  const problems = findAdoptionProblems(content, {
    today: amsterdamDateOf(now),
    offersHomeworkSupport: await offersHomeworkSupport(db, trajectory),
    consent: consentDecisionOf(answers, actionPartOf(content)),
  });
  // Without consent on the action part the plan stays a draft (E12): said as such when that is all.
  const consentProblem = problems.find((problem) => problem.path === 'consent');
  if (consentProblem && problems.length === 1)
    throw oppRefusal(consentProblem.code as OppRuleCode, 409, problems);
  if (problems.length > 0) throw oppRefusal('opp_adoption_incomplete', 422, problems);
  await db
    .update(oppVersions)
    .set({ status: 'superseded', updatedAt: now })
    .where(and(eq(oppVersions.trajectoryId, trajectory.id), eq(oppVersions.status, 'adopted')));
  const [adopted] = await db
    .update(oppVersions)
    .set({ status: 'adopted', adoptedAt: now, adoptedByUserId: context.actor.userId, updatedAt: now })
    .where(eq(oppVersions.id, version.id))
    .returning();
  if (!adopted) throw new NotFound();
  const activates = trajectory.status === 'eligible';
  let current = trajectory;
  if (activates) {
    const [activated] = await db
      .update(trajectories)
      .set({ status: 'active', updatedAt: now })
      .where(eq(trajectories.id, trajectory.id))
      .returning();
    if (activated) current = activated;
  }
  await context.audit(
    'opp.adopted',
    { type: 'opp_version', id: adopted.id },
    { version: adopted.version, trajectoryActivated: activates },
  );
  return detailOf(db, current, adopted);
}

/** Records an evaluation of the adopted OPP (E9: at least once per school year). */
export async function evaluateOpp(
  context: UseCaseContext,
  trajectoryId: string,
  input: OppEvaluationInput,
): Promise<OppEvaluation> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId, { lock: true });
  const adopted = await adoptedVersionOf(db, trajectory);
  if (!adopted?.adoptedAt) throw oppRefusal('opp_not_adopted');
  const problems = findEvaluationProblems(input.evaluatedOn, {
    today: context.clock.today(),
    adoptedOn: amsterdamDateOf(adopted.adoptedAt),
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [evaluation] = await db
    .insert(oppEvaluations)
    .values({
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      oppVersionId: adopted.id,
      evaluatedOn: input.evaluatedOn,
      summary: input.summary,
      evaluatedByUserId: context.actor.userId,
    })
    .returning();
  if (!evaluation) throw new NotFound();
  await context.audit('opp.evaluated', { type: 'opp_version', id: adopted.id }, { version: adopted.version });
  return evaluationView(evaluation, adopted.version, await namesOf(db, [context.actor.userId]));
}

/**
 * Records the parents' (or the adult pupil's) answer on paper, with the scan of the signed form checked
 * by content as every upload is (E12, P3). It answers for the draft's action part as it is now.
 */
export async function recordOppPaperConsent(
  context: UseCaseContext,
  versionId: string,
  fields: OppPaperConsentFields,
  file: UploadedFile | null,
): Promise<OppConsent> {
  const { db } = context;
  const { trajectory, version } = await context.load(oppVersionTarget, versionId, { lock: true });
  if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
  if (version.status !== 'draft') throw oppRefusal('opp_not_draft');
  const checked = await checkAttachment(file);
  if (!file) throw new RuleViolation('attachment_missing', 422);
  const [consent] = await db
    .insert(oppConsents)
    .values({
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      oppVersionId: version.id,
      decision: fields.decision,
      givenBy: consentGiverOn(trajectory.pupilBirthDate, fields.signedOn),
      method: 'paper',
      decidedOn: fields.signedOn,
      comments: fields.comments,
      actionPart: actionPartOf(contentOf(version)),
      signedBy: fields.signedBy,
      recordedByUserId: context.actor.userId,
      scanFileName: checked.fileName,
      scanMediaType: checked.mediaType,
      scanSize: file.content.length,
      scanContent: file.content,
    })
    .returning();
  if (!consent) throw new NotFound();
  await context.audit(
    'opp.consent_recorded',
    { type: 'opp_version', id: version.id },
    { version: version.version, decision: consent.decision, method: 'paper', givenBy: consent.givenBy },
  );
  return consentView(consent, version, await namesOf(db, [context.actor.userId]));
}

/** The scan of a paper answer, for staff who may read the OPP; audited (P2). */
export async function getOppConsentScan(
  context: UseCaseContext,
  consentId: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const { consent } = await context.load(oppConsentTarget, consentId);
  if (!consent.scanContent) throw new NotFound();
  await context.audit('opp.viewed', { type: 'opp_version', id: consent.oppVersionId }, { scan: true });
  return {
    fileName: consent.scanFileName ?? 'scan',
    mediaType: consent.scanMediaType ?? 'application/octet-stream',
    content: consent.scanContent,
  };
}

/**
 * One version with the partnership's name and the moment it is printed, for the PDF; the download is
 * audited (P2).
 */
export async function getOppForPdf(
  context: UseCaseContext,
  versionId: string,
): Promise<{ detail: OppVersionDetail; partnershipName: string; generatedAt: Date }> {
  const { db } = context;
  const { trajectory, version } = await context.load(oppVersionTarget, versionId);
  const [tenant] = await db.select({ name: tenants.name }).from(tenants);
  await context.audit(
    'opp.pdf_downloaded',
    { type: 'opp_version', id: version.id },
    { version: version.version },
  );
  return {
    detail: await detailOf(db, trajectory, version),
    partnershipName: tenant?.name ?? '',
    generatedAt: context.clock.now(),
  };
}

/** Revokes a parent link at once; revoking twice changes nothing. */
export async function revokeOppParentLink(context: UseCaseContext, linkId: string): Promise<OppParentLink> {
  const { db } = context;
  const { trajectory, link: current } = await context.load(oppParentLinkTarget, linkId, { lock: true });
  const now = context.clock.now();
  let link = current;
  if (!current.revokedAt) {
    const [revoked] = await db
      .update(oppParentLinks)
      .set({ revokedAt: now })
      .where(eq(oppParentLinks.id, current.id))
      .returning();
    if (revoked) link = revoked;
    await context.audit('opp.link_revoked', { type: 'opp_parent_link', id: link.id });
  }
  return linkView(link, await namesOf(db, [link.createdByUserId]), trajectory, now);
}

/**
 * What the holder of a personal link sees (`OppParentLinks.open` gives its partnership and hash): the
 * latest adopted version, the draft whose action part waits for consent (E12), and nothing else of the
 * file. Every opening is audited (P2).
 */
export async function getOppParentView(context: PublicContext, tokenHash: string): Promise<OppParentView> {
  const { db } = context;
  const row = await linkFor(context, tokenHash);
  const now = context.clock.now();
  await db.update(oppParentLinks).set({ lastOpenedAt: now }).where(eq(oppParentLinks.id, row.link.id));
  const view = await holderViewOf(context, row);
  const shown = view.consent?.plan ?? view.adopted;
  await context.auditAs(
    roleOfHolder(row.link),
    'opp.parent_viewed',
    { type: 'trajectory', id: row.trajectory.id },
    { version: shown?.version ?? null },
  );
  return view;
}

/**
 * The answer on the draft's action part through the personal link (E12): the parents', or the pupil's
 * own from 18 on the day. A refusal is an answer with comments; the plan then stays a draft. Every
 * answer is kept with who, when, how and the action part it answered.
 */
export async function answerOppConsent(
  context: PublicContext,
  tokenHash: string,
  input: Omit<OppConsentAnswerInput, 'token'>,
): Promise<OppParentView> {
  const { db } = context;
  const row = await linkFor(context, tokenHash, { lock: true });
  const draft = await draftVersionOf(db, row.trajectory);
  if (!draft) throw oppRefusal('opp_no_consent_asked', 409);
  const today = context.clock.today();
  const giver = consentGiverOn(row.trajectory.pupilBirthDate, today);
  if (!mayHolderAnswer(row.link.holder, giver)) throw oppRefusal('opp_consent_not_yours', 409);
  await db.insert(oppConsents).values({
    tenantId: row.trajectory.tenantId,
    trajectoryId: row.trajectory.id,
    oppVersionId: draft.id,
    decision: input.decision,
    givenBy: giver,
    method: 'link',
    decidedOn: today,
    comments: input.comments,
    actionPart: actionPartOf(contentOf(draft)),
    linkId: row.link.id,
  });
  await context.auditAs(
    roleOfHolder(row.link),
    'opp.consent_recorded',
    { type: 'opp_version', id: draft.id },
    { version: draft.version, decision: input.decision, method: 'link', givenBy: giver },
  );
  return holderViewOf(context, row);
}

/**
 * The pupil's own view on their plan through their link (hoorrecht): kept with the version they saw
 * (the draft when there is one), for staff to read on the OPP.
 */
export async function savePupilOwnView(
  context: PublicContext,
  tokenHash: string,
  input: Omit<OppPupilViewInput, 'token'>,
): Promise<OppParentView> {
  const { db } = context;
  const row = await linkFor(context, tokenHash, { lock: true });
  if (row.link.holder !== 'pupil') throw oppRefusal('opp_link_not_pupil', 409);
  const version = (await draftVersionOf(db, row.trajectory)) ?? (await adoptedVersionOf(db, row.trajectory));
  if (!version) throw oppRefusal('opp_nothing_to_share');
  await db.insert(oppPupilViews).values({
    tenantId: row.trajectory.tenantId,
    trajectoryId: row.trajectory.id,
    oppVersionId: version.id,
    linkId: row.link.id,
    view: input.view,
  });
  await context.auditAs(
    'pupil',
    'opp.pupil_view_added',
    { type: 'opp_version', id: version.id },
    {
      version: version.version,
    },
  );
  return holderViewOf(context, row);
}

type LinkWithTrajectory = { link: LinkRow; trajectory: TrajectoryRow };

/** The link behind a token with its trajectory; a clear refusal once the trajectory has ended. */
async function linkFor(
  context: PublicContext,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<LinkWithTrajectory> {
  const query = context.db
    .select({ link: oppParentLinks, trajectory: trajectories })
    .from(oppParentLinks)
    .innerJoin(trajectories, eq(trajectories.id, oppParentLinks.trajectoryId))
    .where(eq(oppParentLinks.tokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update', { of: trajectories }) : await query;
  if (!row) throw new RuleViolation('invalid_token', 422);
  const refusal = linkRefusalOf(row.link, row.trajectory.status, context.clock.now());
  if (refusal) throw new RuleViolation(refusal, 422);
  return row;
}

function roleOfHolder(link: LinkRow): string {
  return link.holder === 'pupil' ? 'pupil' : 'parent';
}

async function holderViewOf(context: PublicContext, row: LinkWithTrajectory): Promise<OppParentView> {
  const { db } = context;
  const adopted = await adoptedVersionOf(db, row.trajectory);
  const draft = await draftVersionOf(db, row.trajectory);
  if (!adopted?.adoptedAt && !draft) throw oppRefusal('opp_nothing_to_share');
  const today = context.clock.today();
  const giver = consentGiverOn(row.trajectory.pupilBirthDate, today);
  let consent: OppParentView['consent'] = null;
  if (draft) {
    const answers = await db
      .select()
      .from(oppConsents)
      .where(eq(oppConsents.oppVersionId, draft.id))
      .orderBy(desc(oppConsents.createdAt));
    const current = actionPartOf(contentOf(draft));
    const answer = answers.find((candidate) => coversActionPart(candidate.actionPart, current)) ?? null;
    consent = {
      plan: { ...contentOf(draft), version: draft.version },
      giver,
      canAnswer: mayHolderAnswer(row.link.holder, giver),
      answer: answer
        ? {
            decision: answer.decision,
            method: answer.method,
            decidedOn: answer.decidedOn,
            comments: answer.comments,
          }
        : null,
    };
  }
  const [ownView] =
    row.link.holder === 'pupil'
      ? await db
          .select({ view: oppPupilViews.view })
          .from(oppPupilViews)
          .where(eq(oppPupilViews.trajectoryId, row.trajectory.id))
          .orderBy(desc(oppPupilViews.createdAt))
          .limit(1)
      : [];
  const [tenant] = await db.select({ name: tenants.name, slug: tenants.slug }).from(tenants);
  const [location] = await db
    .select({ name: locations.name })
    .from(locations)
    .where(eq(locations.id, row.trajectory.locationId));
  return {
    holder: row.link.holder,
    partnershipName: tenant?.name ?? '',
    partnershipSlug: tenant?.slug ?? '',
    schoolName: location?.name ?? '',
    pupilFirstName: row.trajectory.pupilFirstName,
    adopted: adopted?.adoptedAt
      ? { ...contentOf(adopted), version: adopted.version, adoptedOn: amsterdamDateOf(adopted.adoptedAt) }
      : null,
    consent,
    pupilOwnView: ownView?.view ?? null,
    linkExpiresAt: row.link.expiresAt.toISOString(),
    readers: row.link.holder === 'parents' ? await trajectoryReadersOf(context, row.trajectory.id) : [],
  };
}

// The events of someone looking at a pupil's file at the expertise point: the file, the OPP (and its
// PDF), attendance, homework, contacts and referrals.
export const trajectoryReadEvents: AuditEvent[] = [
  'trajectories.viewed',
  'opp.viewed',
  'opp.pdf_downloaded',
  'attendance.viewed',
  'homework.viewed',
  'trajectory_contacts.viewed',
  'referrals.viewed',
];

/** P8: who read the pupil's file at the expertise point (see fileReadersOf). */
function trajectoryReadersOf({ db }: PublicContext, trajectoryId: string): Promise<FileReader[]> {
  return fileReadersOf(
    db,
    sql`(e.object_type = 'trajectory' and e.object_id = ${trajectoryId})
      or (e.object_type = 'opp_version' and e.object_id in (
        select v.id::text from opp_versions v where v.trajectory_id = ${trajectoryId}::uuid))`,
    trajectoryReadEvents,
  );
}

/**
 * The parents' links to the adopted OPP: made with the partnership's keys and Passend's address,
 * which is all this holds besides the use cases' contexts.
 */
export class OppParentLinks {
  constructor(private readonly deps: { keys: Keys; baseUrl: string; mailer: Mailer }) {}

  /**
   * Makes a personal link to the plan: the parents' (the adopted plan, and the draft's action part for
   * their consent, E12) or the pupil's own from 12 (a simple view to add their own view to). The
   * address is returned this once; with an e-mail address Passend also mails it, in a neutral text
   * without the pupil's name or the school. Only the token's keyed hash is stored. Valid for 90 days.
   */
  async create(
    context: UseCaseContext,
    trajectoryId: string,
    input: OppLinkInput = { holder: 'parents', email: null },
  ): Promise<OppParentLinkCreated> {
    const { db } = context;
    const trajectory = await context.load(trajectoryTarget, trajectoryId, { lock: true });
    if (!isOppOpen(trajectory.status)) throw oppRefusal('opp_trajectory_not_open');
    const hasPlan = (await adoptedVersionOf(db, trajectory)) ?? (await draftVersionOf(db, trajectory));
    if (!hasPlan) throw oppRefusal('opp_nothing_to_share');
    if (input.holder === 'pupil' && !isPupilLinkAllowed(trajectory.pupilBirthDate, context.clock.today()))
      throw oppRefusal('opp_pupil_link_too_young', 422);
    const { token, hash } = createToken(this.deps.keys, trajectory.tenantId);
    const now = context.clock.now();
    const [link] = await db
      .insert(oppParentLinks)
      .values({
        tenantId: trajectory.tenantId,
        trajectoryId: trajectory.id,
        tokenHash: hash,
        holder: input.holder,
        mailedAt: input.email ? now : null,
        createdByUserId: context.actor.userId,
        expiresAt: new Date(now.getTime() + oppParentLinkDays * 86_400_000),
      })
      .returning();
    if (!link) throw new NotFound();
    const url = `${this.deps.baseUrl}/${input.holder === 'pupil' ? 'mijn-plan' : 'opp-inzage'}#token=${token}`;
    if (input.email) await this.mail(context, input, url, link.expiresAt);
    await context.audit(
      'opp.link_created',
      { type: 'opp_parent_link', id: link.id },
      { days: oppParentLinkDays, holder: input.holder, mailed: input.email !== null },
    );
    return {
      link: linkView(link, await namesOf(db, [context.actor.userId]), trajectory, now),
      url,
    };
  }

  // A neutral text and the link: no pupil, no school, nothing of the plan (the mail leaves Passend).
  private async mail(context: UseCaseContext, input: OppLinkInput, url: string, expiresAt: Date) {
    if (!input.email) return;
    const [tenant] = await context.db.select({ name: tenants.name, slug: tenants.slug }).from(tenants);
    const audience = input.holder === 'pupil' ? 'pupil' : 'parent';
    const params = {
      partnership: tenant?.name ?? 'Passend',
      link: url,
      privacy: `${this.deps.baseUrl}${privacyStatementPath(tenant?.slug ?? '', audience)}`,
      expires: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
        expiresAt,
      ),
    };
    const prefix = input.holder === 'pupil' ? 'pupilView.mail' : 'parentConsent.mail';
    await this.deps.mailer.send(context.transaction, {
      to: input.email,
      subject: translate('nl', `${prefix}Subject`, params),
      text: translate('nl', `${prefix}Text`, params),
    });
  }

  /** The partnership and stored hash a parent's token names; 422 for one that is malformed. */
  open(token: string): { tenantId: string; hash: string } {
    const parsed = parseToken(this.deps.keys, token);
    if (!parsed) throw new RuleViolation('invalid_token', 422);
    return parsed;
  }
}

async function adoptedVersionOf(db: DbTransaction, trajectory: TrajectoryRow) {
  const [adopted] = await db
    .select()
    .from(oppVersions)
    .where(and(eq(oppVersions.trajectoryId, trajectory.id), eq(oppVersions.status, 'adopted')));
  return adopted ?? null;
}

async function draftVersionOf(db: DbTransaction, trajectory: TrajectoryRow) {
  const [draft] = await db
    .select()
    .from(oppVersions)
    .where(and(eq(oppVersions.trajectoryId, trajectory.id), eq(oppVersions.status, 'draft')));
  return draft ?? null;
}

async function offersHomeworkSupport(db: DbTransaction, trajectory: TrajectoryRow): Promise<boolean> {
  const [point] = await db
    .select({ offers: expertisePoints.offersHomeworkSupport })
    .from(expertisePoints)
    .where(eq(expertisePoints.locationId, trajectory.locationId));
  return point?.offers ?? false;
}

async function pupilOf(db: DbTransaction, trajectory: TrajectoryRow) {
  const [location] = await db
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

async function namesOf(db: DbTransaction, userIds: Array<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
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

function consentView(
  row: ConsentRow,
  version: VersionRow | undefined,
  names: Map<string, string | null>,
): OppConsent {
  return {
    id: row.id,
    oppVersionId: row.oppVersionId,
    version: version?.version ?? 0,
    decision: row.decision,
    givenBy: row.givenBy,
    method: row.method,
    decidedOn: row.decidedOn,
    comments: row.comments,
    signedBy: row.signedBy,
    recordedByName: row.recordedByUserId ? (names.get(row.recordedByUserId) ?? '') : null,
    hasScan: row.scanSize !== null,
    current: version ? coversActionPart(row.actionPart, actionPartOf(contentOf(version))) : false,
    createdAt: row.createdAt.toISOString(),
  };
}

function pupilViewOf(row: PupilViewRow, version: number) {
  return { id: row.id, version, view: row.view, createdAt: row.createdAt.toISOString() };
}

function linkView(
  row: LinkRow,
  names: Map<string, string>,
  trajectory: TrajectoryRow,
  now: Date,
): OppParentLink {
  return {
    id: row.id,
    holder: row.holder,
    mailedAt: row.mailedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastOpenedAt: row.lastOpenedAt?.toISOString() ?? null,
    createdByName: names.get(row.createdByUserId) ?? '',
    active: isParentLinkUsable(row, trajectory.status, now),
  };
}

async function detailOf(
  db: DbTransaction,
  trajectory: TrajectoryRow,
  version: VersionRow,
): Promise<OppVersionDetail> {
  const evaluations = await db
    .select()
    .from(oppEvaluations)
    .where(eq(oppEvaluations.oppVersionId, version.id))
    .orderBy(desc(oppEvaluations.evaluatedOn))
    .limit(200);
  const statuses = await db
    .select({ status: oppVersions.status })
    .from(oppVersions)
    .where(
      and(eq(oppVersions.trajectoryId, trajectory.id), inArray(oppVersions.status, ['draft', 'adopted'])),
    );
  const names = await namesOf(db, [
    version.createdByUserId,
    version.adoptedByUserId,
    ...evaluations.map((row) => row.evaluatedByUserId),
  ]);
  return {
    ...versionView(version, names),
    pupil: await pupilOf(db, trajectory),
    offersHomeworkSupport: await offersHomeworkSupport(db, trajectory),
    evaluations: evaluations.map((row) => evaluationView(row, version.version, names)),
    commands: oppCommandsOf({
      status: trajectory.status,
      hasDraft: statuses.some((row) => row.status === 'draft'),
      hasAdopted: statuses.some((row) => row.status === 'adopted'),
    }),
  };
}
