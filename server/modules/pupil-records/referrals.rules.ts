import type { ReferralState } from '../../../contracts/pupil-records.ts';
import type { ReferralConsent } from '../../../contracts/trajectories.ts';
import type { RecordProblem } from './contacts.rules.ts';

/** A referral as it would be after the command: the stored one with the changes applied. */
export type ReferralFacts = {
  referredOn: string;
  parentalConsent: ReferralConsent;
  consentRecordedOn: string | null;
  zatDiscussedOn: string | null;
  zatDiscussion: string | null;
  outcome: string | null;
  outcomeOn: string | null;
};

/**
 * Field problems of a referral to outside help (E7): dates are not in the future, the parents'
 * answer has the date it was recorded (P3), the ZAT talk has a date and its content, the outcome
 * its text and date, and the outcome does not come before the referral.
 */
export function findReferralProblems(facts: ReferralFacts, today: string): RecordProblem[] {
  const problems: RecordProblem[] = [];
  for (const path of ['referredOn', 'consentRecordedOn', 'zatDiscussedOn', 'outcomeOn'] as const) {
    const value = facts[path];
    if (value && value > today) problems.push({ path, code: 'referral_date_in_future' });
  }
  if (facts.parentalConsent !== 'pending' && !facts.consentRecordedOn)
    problems.push({ path: 'consentRecordedOn', code: 'referral_consent_date_required' });
  if (facts.zatDiscussion && !facts.zatDiscussedOn)
    problems.push({ path: 'zatDiscussedOn', code: 'referral_zat_date_required' });
  if (facts.zatDiscussedOn && !facts.zatDiscussion)
    problems.push({ path: 'zatDiscussion', code: 'referral_zat_text_required' });
  if (facts.outcome && !facts.outcomeOn)
    problems.push({ path: 'outcomeOn', code: 'referral_outcome_date_required' });
  if (facts.outcomeOn && !facts.outcome)
    problems.push({ path: 'outcome', code: 'referral_outcome_required' });
  if (facts.outcomeOn && facts.outcomeOn < facts.referredOn)
    problems.push({ path: 'outcomeOn', code: 'referral_outcome_before_referral' });
  return problems;
}

/**
 * P3/E7: the referral goes out, and so gets an outcome, only with the parents' consent given. A
 * refused or still pending consent keeps it where it is.
 */
export function outcomeNeedsConsent(facts: Pick<ReferralFacts, 'parentalConsent' | 'outcome' | 'outcomeOn'>) {
  return (facts.outcome !== null || facts.outcomeOn !== null) && facts.parentalConsent !== 'given';
}

/**
 * Where a referral stands. Pending (awaiting consent or in progress) until its outcome is recorded;
 * a refusal stops it (P3), so it no longer counts as pending.
 */
export function referralStateOf(facts: Pick<ReferralFacts, 'parentalConsent' | 'outcome'>): ReferralState {
  if (facts.outcome !== null) return 'completed';
  if (facts.parentalConsent === 'refused') return 'consent_refused';
  return facts.parentalConsent === 'given' ? 'in_progress' : 'awaiting_consent';
}

/** Whether the referral counts as pending on the location's overview. */
export function isReferralPending(facts: Pick<ReferralFacts, 'parentalConsent' | 'outcome'>): boolean {
  const state = referralStateOf(facts);
  return state === 'awaiting_consent' || state === 'in_progress';
}
