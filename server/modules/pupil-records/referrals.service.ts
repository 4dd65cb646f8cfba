import { desc, eq, sql } from 'drizzle-orm';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type {
  Referral,
  ReferralInput,
  ReferralPage,
  ReferralUpdate,
} from '../../../contracts/pupil-records.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { trajectories, zatReferrals } from '../trajectories/trajectories.schema.ts';
import { type TrajectoryRow, trajectoryTarget } from '../trajectories/trajectory-scope.ts';
import {
  findReferralProblems,
  outcomeNeedsConsent,
  type ReferralFacts,
  referralStateOf,
} from './referrals.rules.ts';

type ReferralRow = typeof zatReferrals.$inferSelect;

// The fields a referral's steps change; their names go into the audit trail, never their content.
const stepFields = [
  'referredOn',
  'agencyKind',
  'reason',
  'parentalConsent',
  'consentRecordedOn',
  'zatDiscussedOn',
  'zatDiscussion',
  'outcome',
  'outcomeOn',
] as const;

function referralView(row: ReferralRow, authorName: string): Referral {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    referredOn: row.referredOn,
    agencyKind: row.agencyKind,
    reason: row.reason,
    parentalConsent: row.parentalConsent,
    consentRecordedOn: row.consentRecordedOn,
    zatDiscussedOn: row.zatDiscussedOn,
    zatDiscussion: row.zatDiscussion,
    outcome: row.outcome,
    outcomeOn: row.outcomeOn,
    state: referralStateOf(row),
    createdBy: { id: row.createdByUserId, name: authorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Applies the rules to a referral as it would be saved: field problems first (400), then the
 * parents' consent before an outcome (P3, 409). A pending consent has no recorded date.
 */
function checkReferral(facts: ReferralFacts, today: string): ReferralFacts {
  const checked: ReferralFacts = {
    referredOn: facts.referredOn,
    parentalConsent: facts.parentalConsent,
    consentRecordedOn: facts.parentalConsent === 'pending' ? null : facts.consentRecordedOn,
    zatDiscussedOn: facts.zatDiscussedOn,
    zatDiscussion: facts.zatDiscussion,
    outcome: facts.outcome,
    outcomeOn: facts.outcomeOn,
  };
  const problems = findReferralProblems(checked, today);
  if (problems.length > 0) throw new ValidationFailed(problems);
  if (outcomeNeedsConsent(checked))
    throw new RuleViolation('consent_not_given', 409, [
      { path: 'outcome', code: 'referral_consent_required' },
    ]);
  return checked;
}

/**
 * A referral as a route's target: it belongs to the pupil's trajectory, and exists for whoever may
 * keep that pupil's referrals (P1).
 */
export const referralTarget = defineTarget<{ referral: ReferralRow; trajectory: TrajectoryRow }>({
  readAction: 'referrals.manage',
  load: ({ db }, id, { lock }) => selectReferral(db, id, lock),
  scopeOf: (row, action) => trajectoryTarget.scopeOf(row.trajectory, action),
});

const selectReferral = rowById('referral', (db, lock) => {
  const query = db
    .select({ referral: zatReferrals, trajectory: trajectories })
    .from(zatReferrals)
    .innerJoin(trajectories, eq(trajectories.id, zatReferrals.trajectoryId))
    .where(eq(zatReferrals.id, idPlaceholder));
  return lock ? query.for('update', { of: zatReferrals }) : query;
});

// Referrals to outside help, together with the ZAT (E7), with the parents' consent (P3).

/** The trajectory's referrals, newest first; the read is audited (P2). */
export async function listReferrals(
  context: UseCaseContext,
  trajectoryId: string,
  query: PaginationQuery,
): Promise<ReferralPage> {
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const { limit, offset } = pageWindow(query);
  const rows = await context.db
    .select({ referral: zatReferrals, authorName: users.name, total: sql<number>`count(*) over ()` })
    .from(zatReferrals)
    .innerJoin(users, eq(users.id, zatReferrals.createdByUserId))
    .where(eq(zatReferrals.trajectoryId, trajectory.id))
    .orderBy(desc(zatReferrals.referredOn), desc(zatReferrals.createdAt))
    .limit(limit)
    .offset(offset);
  await context.audit('referrals.viewed', { type: 'trajectory', id: trajectory.id }, { count: rows.length });
  return {
    items: rows.map((row) => referralView(row.referral, row.authorName)),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Records a referral; consent, the ZAT talk and the outcome may come with it or later. */
export async function createReferral(
  context: UseCaseContext,
  trajectoryId: string,
  input: ReferralInput,
): Promise<Referral> {
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const checked = checkReferral(input, context.clock.today());
  const [row] = await context.db
    .insert(zatReferrals)
    .values({
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      agencyKind: input.agencyKind,
      reason: input.reason,
      ...checked,
      createdByUserId: context.actor.userId,
    })
    .returning();
  if (!row) throw new NotFound();
  await context.audit(
    'referrals.changed',
    { type: 'zat_referral', id: row.id },
    { fields: 'created', agencyKind: row.agencyKind, consent: row.parentalConsent },
  );
  return viewOf(context, row);
}

/** One step on a referral: the parents' answer, the ZAT talk, or the outcome. */
export async function updateReferral(
  context: UseCaseContext,
  referralId: string,
  input: ReferralUpdate,
): Promise<Referral> {
  const { referral: existing } = await context.load(referralTarget, referralId, { lock: true });
  const changes = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<Pick<ReferralRow, (typeof stepFields)[number]>>;
  const merged = { ...existing, ...changes };
  const checked = checkReferral(merged, context.clock.today());
  const next = { ...merged, ...checked };
  const changed = stepFields.filter((field) => next[field] !== existing[field]);
  if (changed.length === 0) return viewOf(context, existing);
  const [row] = await context.db
    .update(zatReferrals)
    .set({
      agencyKind: merged.agencyKind,
      reason: merged.reason,
      ...checked,
      updatedAt: context.clock.now(),
    })
    .where(eq(zatReferrals.id, existing.id))
    .returning();
  if (!row) throw new NotFound();
  await context.audit(
    'referrals.changed',
    { type: 'zat_referral', id: row.id },
    { fields: changed.join(','), consent: row.parentalConsent },
  );
  return viewOf(context, row);
}

async function viewOf({ db }: UseCaseContext, row: ReferralRow): Promise<Referral> {
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, row.createdByUserId));
  return referralView(row, author?.name ?? '');
}
