import { describe, expect, it } from 'vitest';
import { canCompleteFollowUp, findContactProblems } from './contacts.rules.ts';
import { isoWeekOf, last30DaysFrom } from './overview.rules.ts';
import {
  findReferralProblems,
  isReferralPending,
  outcomeNeedsConsent,
  type ReferralFacts,
  referralStateOf,
} from './referrals.rules.ts';
import {
  findTeacherSupportProblems,
  monthsOfSchoolYear,
  schoolYearRange,
  signalsPerMonth,
} from './teacher-support.rules.ts';

const today = '2026-11-12';
const owner = '00000000-0000-4000-8000-000000000001';
const stranger = '00000000-0000-4000-8000-000000000002';

describe('contacts (E5)', () => {
  const contact = (changes: Partial<Parameters<typeof findContactProblems>[0]> = {}) =>
    findContactProblems({
      contactOn: today,
      followUp: null,
      followUpOwnerUserId: null,
      allowedOwnerIds: [owner],
      today,
      ...changes,
    });

  it('E5: accepts a contact today or earlier, without a follow-up', () => {
    expect(contact()).toEqual([]);
    expect(contact({ contactOn: '2026-09-01' })).toEqual([]);
  });

  it('E5: refuses a contact dated tomorrow', () => {
    expect(contact({ contactOn: '2026-11-13' })).toEqual([
      { path: 'contactOn', code: 'contact_date_in_future' },
    ]);
  });

  it('E5: a follow-up needs an owner, and an owner needs a follow-up', () => {
    expect(contact({ followUp: 'Ouders terugbellen' })).toEqual([
      { path: 'followUpOwnerUserId', code: 'contact_follow_up_owner_required' },
    ]);
    expect(contact({ followUpOwnerUserId: owner })).toEqual([
      { path: 'followUp', code: 'contact_follow_up_required' },
    ]);
    expect(contact({ followUp: 'Ouders terugbellen', followUpOwnerUserId: owner })).toEqual([]);
  });

  it('E5/P1: the owner of a follow-up must be someone who may read the pupil’s file', () => {
    expect(contact({ followUp: 'Mentor informeren', followUpOwnerUserId: stranger })).toEqual([
      { path: 'followUpOwnerUserId', code: 'contact_follow_up_owner_not_allowed' },
    ]);
  });

  it('E5: only a contact with a follow-up can have it marked done', () => {
    expect(canCompleteFollowUp({ followUp: 'Terugbellen' })).toBe(true);
    expect(canCompleteFollowUp({ followUp: null })).toBe(false);
  });
});

describe('referrals to outside help with the ZAT (E7, P3)', () => {
  const referral = (changes: Partial<ReferralFacts> = {}): ReferralFacts => ({
    referredOn: '2026-10-01',
    parentalConsent: 'pending',
    consentRecordedOn: null,
    zatDiscussedOn: null,
    zatDiscussion: null,
    outcome: null,
    outcomeOn: null,
    ...changes,
  });

  it('E7: a fresh referral awaiting consent is fine and pending', () => {
    expect(findReferralProblems(referral(), today)).toEqual([]);
    expect(referralStateOf(referral())).toBe('awaiting_consent');
    expect(isReferralPending(referral())).toBe(true);
  });

  it('P3: the parents’ answer comes with the date it was recorded', () => {
    expect(findReferralProblems(referral({ parentalConsent: 'given' }), today)).toEqual([
      { path: 'consentRecordedOn', code: 'referral_consent_date_required' },
    ]);
    expect(
      findReferralProblems(referral({ parentalConsent: 'refused', consentRecordedOn: '2026-10-02' }), today),
    ).toEqual([]);
  });

  it('E7/P3: no outcome without the parents’ consent given', () => {
    const outcome = { outcome: 'Aangemeld bij jeugdhulp', outcomeOn: '2026-11-01' };
    expect(outcomeNeedsConsent(referral(outcome))).toBe(true);
    expect(
      outcomeNeedsConsent(
        referral({ ...outcome, parentalConsent: 'refused', consentRecordedOn: '2026-10-02' }),
      ),
    ).toBe(true);
    expect(
      outcomeNeedsConsent(
        referral({ ...outcome, parentalConsent: 'given', consentRecordedOn: '2026-10-02' }),
      ),
    ).toBe(false);
    expect(outcomeNeedsConsent(referral({ outcomeOn: '2026-11-01' }))).toBe(true);
  });

  it('E7: the ZAT discussion has a date and a text, the outcome a text and a date', () => {
    expect(findReferralProblems(referral({ zatDiscussion: 'Besproken in het ZAT' }), today)).toEqual([
      { path: 'zatDiscussedOn', code: 'referral_zat_date_required' },
    ]);
    expect(findReferralProblems(referral({ zatDiscussedOn: '2026-10-05' }), today)).toEqual([
      { path: 'zatDiscussion', code: 'referral_zat_text_required' },
    ]);
    expect(findReferralProblems(referral({ outcome: 'Wachtlijst' }), today)).toEqual([
      { path: 'outcomeOn', code: 'referral_outcome_date_required' },
    ]);
    expect(findReferralProblems(referral({ outcomeOn: '2026-10-20' }), today)).toEqual([
      { path: 'outcome', code: 'referral_outcome_required' },
    ]);
  });

  it('E7: dates are not in the future and the outcome does not precede the referral', () => {
    expect(findReferralProblems(referral({ referredOn: '2026-11-13' }), today)).toEqual([
      { path: 'referredOn', code: 'referral_date_in_future' },
    ]);
    expect(
      findReferralProblems(referral({ outcome: 'Gestart', outcomeOn: '2026-09-30' }), today).map(
        (p) => p.code,
      ),
    ).toEqual(['referral_outcome_before_referral']);
    expect(findReferralProblems(referral({ outcome: 'Gestart', outcomeOn: today }), today)).toEqual([]);
  });

  it('E7/P3: states — in progress with consent, stopped by a refusal, completed with an outcome', () => {
    expect(referralStateOf(referral({ parentalConsent: 'given' }))).toBe('in_progress');
    expect(referralStateOf(referral({ parentalConsent: 'refused' }))).toBe('consent_refused');
    expect(isReferralPending(referral({ parentalConsent: 'refused' }))).toBe(false);
    const done = referral({ parentalConsent: 'given', outcome: 'Gestart', outcomeOn: today });
    expect(referralStateOf(done)).toBe('completed');
    expect(isReferralPending(done)).toBe(false);
  });
});

describe('support for teachers (E6)', () => {
  it('E6: support is recorded after it happened, not in the future', () => {
    expect(findTeacherSupportProblems({ occurredOn: today, today })).toEqual([]);
    expect(findTeacherSupportProblems({ occurredOn: '2026-11-13', today })).toEqual([
      { path: 'occurredOn', code: 'support_date_in_future' },
    ]);
  });

  it('E6: signals per month cover August to July, with zero for quiet months', () => {
    expect(monthsOfSchoolYear(2026)).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
    ]);
    const months = signalsPerMonth(2026, [
      { month: '2026-09', signals: 3 },
      { month: '2027-07', signals: 1 },
    ]);
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ month: '2026-09', signals: 3 });
    expect(months[11]).toEqual({ month: '2027-07', signals: 1 });
    expect(months[0]).toEqual({ month: '2026-08', signals: 0 });
  });

  it('E6: the school year runs from 1 August up to (not including) the next 1 August', () => {
    expect(schoolYearRange(2026)).toEqual({ from: '2026-08-01', until: '2027-08-01' });
  });
});

describe('the overview per location', () => {
  it('E3: this week is Monday to Sunday (ISO), also across a month and year boundary', () => {
    expect(isoWeekOf('2026-11-12')).toEqual({ start: '2026-11-09', end: '2026-11-15' });
    expect(isoWeekOf('2026-11-09')).toEqual({ start: '2026-11-09', end: '2026-11-15' });
    expect(isoWeekOf('2026-11-15')).toEqual({ start: '2026-11-09', end: '2026-11-15' });
    expect(isoWeekOf('2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('E5: the last month is the 30 days up to and including today', () => {
    expect(last30DaysFrom('2026-11-12')).toBe('2026-10-14');
    expect(last30DaysFrom('2026-03-01')).toBe('2026-01-31');
  });
});
