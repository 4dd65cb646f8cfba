import { desc, eq, sql } from 'drizzle-orm';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type {
  Referral,
  ReferralInput,
  ReferralPage,
  ReferralUpdate,
} from '../../../contracts/pupil-records.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import { zatReferrals } from '../trajectories/trajectories.schema.ts';
import { findTrajectory } from '../trajectories/trajectory-scope.ts';
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
function checkReferral(facts: ReferralFacts): ReferralFacts {
  const checked: ReferralFacts = {
    referredOn: facts.referredOn,
    parentalConsent: facts.parentalConsent,
    consentRecordedOn: facts.parentalConsent === 'pending' ? null : facts.consentRecordedOn,
    zatDiscussedOn: facts.zatDiscussedOn,
    zatDiscussion: facts.zatDiscussion,
    outcome: facts.outcome,
    outcomeOn: facts.outcomeOn,
  };
  const problems = findReferralProblems(checked, todayInAmsterdam());
  if (problems.length > 0) throw new ValidationFailed(problems);
  if (outcomeNeedsConsent(checked))
    throw new RuleViolation('consent_not_given', 409, [
      { path: 'outcome', code: 'referral_consent_required' },
    ]);
  return checked;
}

/** Referrals to outside help, together with the ZAT (E7), with the parents' consent (P3). */
export class ReferralsService {
  constructor(private readonly database: DatabaseClient) {}

  /** The trajectory's referrals, newest first; the read is audited (P2). */
  list(actor: Actor, trajectoryId: string, query: PaginationQuery, meta: RequestMeta): Promise<ReferralPage> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'referrals.manage');
      const { limit, offset } = pageWindow(query);
      const rows = await transaction.db
        .select({ referral: zatReferrals, authorName: users.name, total: sql<number>`count(*) over ()` })
        .from(zatReferrals)
        .innerJoin(users, eq(users.id, zatReferrals.createdByUserId))
        .where(eq(zatReferrals.trajectoryId, trajectory.id))
        .orderBy(desc(zatReferrals.referredOn), desc(zatReferrals.createdAt))
        .limit(limit)
        .offset(offset);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'referrals.viewed',
        { type: 'trajectory', id: trajectory.id },
        { count: rows.length },
      );
      return {
        items: rows.map((row) => referralView(row.referral, row.authorName)),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(rows[0]?.total ?? 0),
      };
    });
  }

  /** Records a referral; consent, the ZAT talk and the outcome may come with it or later. */
  create(actor: Actor, trajectoryId: string, input: ReferralInput, meta: RequestMeta): Promise<Referral> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'referrals.manage');
      const checked = checkReferral(input);
      const [row] = await transaction.db
        .insert(zatReferrals)
        .values({
          tenantId: actor.tenantId,
          trajectoryId: trajectory.id,
          agencyKind: input.agencyKind,
          reason: input.reason,
          ...checked,
          createdByUserId: actor.userId,
        })
        .returning();
      if (!row) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'referrals.changed',
        { type: 'zat_referral', id: row.id },
        { fields: 'created', agencyKind: row.agencyKind, consent: row.parentalConsent },
      );
      return viewOf(transaction, row);
    });
  }

  /** One step on a referral: the parents' answer, the ZAT talk, or the outcome. */
  update(actor: Actor, referralId: string, input: ReferralUpdate, meta: RequestMeta): Promise<Referral> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [found] = await transaction.db
        .select({ trajectoryId: zatReferrals.trajectoryId })
        .from(zatReferrals)
        .where(eq(zatReferrals.id, referralId));
      if (!found) throw new NotFound();
      await findTrajectory(transaction, actor, found.trajectoryId, 'referrals.manage');
      const [existing] = await transaction.db
        .select()
        .from(zatReferrals)
        .where(eq(zatReferrals.id, referralId))
        .for('update');
      if (!existing) throw new NotFound();
      const changes = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      ) as Partial<Pick<ReferralRow, (typeof stepFields)[number]>>;
      const merged = { ...existing, ...changes };
      const checked = checkReferral(merged);
      const next = { ...merged, ...checked };
      const changed = stepFields.filter((field) => next[field] !== existing[field]);
      if (changed.length === 0) return viewOf(transaction, existing);
      const [row] = await transaction.db
        .update(zatReferrals)
        .set({
          agencyKind: merged.agencyKind,
          reason: merged.reason,
          ...checked,
          updatedAt: new Date(),
        })
        .where(eq(zatReferrals.id, existing.id))
        .returning();
      if (!row) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'referrals.changed',
        { type: 'zat_referral', id: row.id },
        { fields: changed.join(','), consent: row.parentalConsent },
      );
      return viewOf(transaction, row);
    });
  }
}

async function viewOf(transaction: Transaction, row: ReferralRow): Promise<Referral> {
  const [author] = await transaction.db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, row.createdByUserId));
  return referralView(row, author?.name ?? '');
}
