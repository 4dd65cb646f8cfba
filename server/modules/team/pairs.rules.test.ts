import { describe, expect, it } from 'vitest';
import type { TeamRole } from '../../../contracts/roles.ts';
import { schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import {
  contactIssuesOf,
  type DesiredPair,
  desiredPairOf,
  latestChangeOf,
  type PairCandidate,
  type PairPeriod,
  pairOn,
  pairStatusOf,
  planPairChange,
  rowsOfPair,
  validatePair,
} from './pairs.rules.ts';

const candidates = new Map<string, PairCandidate>([
  ['anna', { teamRoles: ['behavioural_scientist'], status: 'active' }],
  ['bram', { teamRoles: ['inclusion_adviser'], status: 'active' }],
  ['cees', { teamRoles: ['behavioural_scientist'], status: 'active' }],
  ['dewi', { teamRoles: ['inclusion_adviser'], status: 'active' }],
  ['both', { teamRoles: ['behavioural_scientist', 'inclusion_adviser'], status: 'active' }],
  ['gone', { teamRoles: ['inclusion_adviser'], status: 'left' }],
  ['ib', { teamRoles: [], status: 'active' }],
]);

const pair = (scientist: string, adviser: string, contact: TeamRole = 'behavioural_scientist') =>
  desiredPairOf({ behaviouralScientistUserId: scientist, inclusionAdviserUserId: adviser, contact });

let nextId = 0;
function period(
  userId: string,
  teamRole: TeamRole,
  isContact: boolean,
  validFrom: string,
  validTo: string | null = null,
): PairPeriod {
  nextId += 1;
  return { id: `p${nextId}`, userId, teamRole, isContact, validFrom, validTo };
}

/** Applies a plan to periods the way the service writes it, so scenarios can run over several changes. */
function apply(periods: PairPeriod[], desired: DesiredPair, effectiveFrom: string): PairPeriod[] {
  const plan = planPairChange(periods, rowsOfPair(desired), effectiveFrom);
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  const closed = new Map(plan.close.map((row) => [row.id, row.validTo]));
  const next = periods
    .filter((row) => !plan.remove.includes(row.id))
    .map((row) => ({
      ...row,
      validTo: plan.reopen.includes(row.id) ? null : (closed.get(row.id) ?? row.validTo),
    }));
  for (const row of plan.insert) next.push(period(row.userId, row.teamRole, row.isContact, row.validFrom));
  return next;
}

describe('validatePair', () => {
  it('R5: accepts one behavioural scientist and one inclusion adviser with one of them as contact person', () => {
    expect(validatePair(pair('anna', 'bram'), candidates)).toEqual([]);
    expect(validatePair(pair('anna', 'bram', 'inclusion_adviser'), candidates)).toEqual([]);
  });

  it('R5: accepts a member who holds both team roles in the role they fill', () => {
    expect(validatePair(pair('both', 'bram'), candidates)).toEqual([]);
    expect(validatePair(pair('anna', 'both'), candidates)).toEqual([]);
  });

  it('R5: refuses the same person in both places', () => {
    expect(validatePair(pair('both', 'both'), candidates)).toEqual([
      { field: 'inclusionAdviserUserId', code: 'same_person' },
    ]);
  });

  it('R5: refuses a member without that team role', () => {
    expect(validatePair(pair('bram', 'anna'), candidates)).toEqual([
      { field: 'behaviouralScientistUserId', code: 'wrong_team_role' },
      { field: 'inclusionAdviserUserId', code: 'wrong_team_role' },
    ]);
  });

  it('R5: refuses someone outside the expertise team and an unknown id', () => {
    expect(validatePair(pair('ib', 'nobody'), candidates)).toEqual([
      { field: 'behaviouralScientistUserId', code: 'not_team_member' },
      { field: 'inclusionAdviserUserId', code: 'not_team_member' },
    ]);
  });

  it('R1/R5: refuses a member who has left', () => {
    expect(validatePair(pair('anna', 'gone'), candidates)).toEqual([
      { field: 'inclusionAdviserUserId', code: 'member_left' },
    ]);
  });

  it('R5: refuses a third member (a second of one role)', () => {
    const third: DesiredPair = {
      members: [
        { userId: 'anna', teamRole: 'behavioural_scientist' },
        { userId: 'bram', teamRole: 'inclusion_adviser' },
        { userId: 'cees', teamRole: 'behavioural_scientist' },
      ],
      contactUserId: 'anna',
    };
    expect(validatePair(third, candidates)).toEqual([
      { field: 'behaviouralScientistUserId', code: 'second_member_same_role' },
    ]);
  });

  it('R5: refuses a pair with a role missing', () => {
    const single: DesiredPair = {
      members: [{ userId: 'anna', teamRole: 'behavioural_scientist' }],
      contactUserId: 'anna',
    };
    expect(validatePair(single, candidates)).toEqual([{ field: 'inclusionAdviserUserId', code: 'required' }]);
  });

  it('R5: refuses a contact person who is not one of the pair, and no contact person at all', () => {
    expect(validatePair({ ...pair('anna', 'bram'), contactUserId: 'cees' }, candidates)).toEqual([
      { field: 'contact', code: 'contact_not_in_pair' },
    ]);
    expect(validatePair({ ...pair('anna', 'bram'), contactUserId: null }, candidates)).toEqual([
      { field: 'contact', code: 'contact_required' },
    ]);
  });

  it('R5: refuses two contact persons', () => {
    expect(contactIssuesOf([{ isContact: true }, { isContact: true }])).toEqual([
      { field: 'contact', code: 'two_contacts' },
    ]);
    expect(contactIssuesOf([{ isContact: true }, { isContact: false }])).toEqual([]);
    expect(contactIssuesOf([{ isContact: false }, { isContact: false }])).toEqual([
      { field: 'contact', code: 'contact_required' },
    ]);
    const both = [
      { userId: 'anna', teamRole: 'behavioural_scientist' as const, isContact: true },
      { userId: 'bram', teamRole: 'inclusion_adviser' as const, isContact: true },
    ];
    expect(planPairChange([], both, '2026-08-01')).toEqual({
      ok: false,
      issues: [{ field: 'contact', code: 'two_contacts' }],
    });
  });
});

describe('planPairChange', () => {
  it('R5: a first pair opens two rows from the date', () => {
    const plan = planPairChange([], rowsOfPair(pair('anna', 'bram')), '2026-08-01');
    expect(plan).toEqual({
      ok: true,
      unchanged: false,
      close: [],
      remove: [],
      reopen: [],
      insert: [
        { userId: 'anna', teamRole: 'behavioural_scientist', isContact: true, validFrom: '2026-08-01' },
        { userId: 'bram', teamRole: 'inclusion_adviser', isContact: false, validFrom: '2026-08-01' },
      ],
    });
  });

  it('R5: the same pair again changes nothing', () => {
    const periods = apply([], pair('anna', 'bram'), '2026-08-01');
    const plan = planPairChange(periods, rowsOfPair(pair('anna', 'bram')), '2027-01-04');
    expect(plan).toMatchObject({ ok: true, unchanged: true, close: [], remove: [], reopen: [], insert: [] });
  });

  it('R5: changing one member keeps the other row and closes the old one at the date (exclusive)', () => {
    const periods = apply([], pair('anna', 'bram'), '2026-08-01');
    const annaRow = periods.find((row) => row.userId === 'anna') as PairPeriod;
    const bramRow = periods.find((row) => row.userId === 'bram') as PairPeriod;
    const plan = planPairChange(periods, rowsOfPair(pair('anna', 'dewi')), '2027-01-04');
    expect(plan).toEqual({
      ok: true,
      unchanged: false,
      close: [{ id: bramRow.id, validTo: '2027-01-04' }],
      remove: [],
      reopen: [],
      insert: [{ userId: 'dewi', teamRole: 'inclusion_adviser', isContact: false, validFrom: '2027-01-04' }],
    });
    expect(plan.ok && plan.close.some((row) => row.id === annaRow.id)).toBe(false);
  });

  it('R5: a row starting on the same date is replaced, not closed to a zero-day period', () => {
    const periods = apply([], pair('anna', 'bram'), '2026-08-01');
    const bramRow = periods.find((row) => row.userId === 'bram') as PairPeriod;
    const plan = planPairChange(periods, rowsOfPair(pair('anna', 'dewi')), '2026-08-01');
    expect(plan).toMatchObject({ ok: true, close: [], remove: [bramRow.id], reopen: [] });
  });

  it('R5: a same-day correction back to the previous member continues that row', () => {
    const first = apply([], pair('anna', 'bram'), '2026-08-01');
    const changed = apply(first, pair('anna', 'dewi'), '2027-01-04');
    const bramRow = changed.find((row) => row.userId === 'bram') as PairPeriod;
    const dewiRow = changed.find((row) => row.userId === 'dewi') as PairPeriod;
    const plan = planPairChange(changed, rowsOfPair(pair('anna', 'bram')), '2027-01-04');
    expect(plan).toMatchObject({
      ok: true,
      close: [],
      remove: [dewiRow.id],
      reopen: [bramRow.id],
      insert: [],
    });
    const corrected = apply(changed, pair('anna', 'bram'), '2027-01-04');
    expect(corrected).toHaveLength(2);
    expect(pairOn(corrected, '2027-03-01').inclusionAdviser?.userId).toBe('bram');
  });

  it('R5: a date before the latest recorded change is refused', () => {
    const first = apply([], pair('anna', 'bram'), '2026-08-01');
    const changed = apply(first, pair('anna', 'dewi'), '2027-01-04');
    expect(planPairChange(changed, rowsOfPair(pair('cees', 'dewi')), '2027-01-03')).toEqual({
      ok: false,
      issues: [{ field: 'effectiveFrom', code: 'effective_before_current', params: { date: '2027-01-04' } }],
    });
    expect(planPairChange(first, rowsOfPair(pair('cees', 'bram')), '2026-07-31').ok).toBe(false);
    expect(latestChangeOf(changed)).toBe('2027-01-04');
    expect(latestChangeOf([])).toBeNull();
  });
});

describe('pairOn and pairStatusOf', () => {
  it('R5: a change of contact person in the middle of the school year answers both before and after', () => {
    const first = apply([], pair('anna', 'bram', 'behavioural_scientist'), '2026-08-01');
    const periods = apply(first, pair('anna', 'bram', 'inclusion_adviser'), '2027-02-15');
    // Both rows change (the contact flag moves), four periods in all.
    expect(periods).toHaveLength(4);
    expect(pairOn(periods, '2027-02-14').contact?.userId).toBe('anna');
    expect(pairOn(periods, '2027-02-15').contact?.userId).toBe('bram');
    expect(pairOn(periods, '2027-02-14').status).toBe('complete');
    expect(pairOn(periods, '2027-02-15').status).toBe('complete');
    expect(schoolYearOf('2027-02-14')).toBe(schoolYearOf('2027-02-15'));
  });

  it('R5: a new pair from 1 August leaves 31 July with the old pair (school-year boundary)', () => {
    const { start, end } = schoolYearBounds(2026);
    const first = apply([], pair('anna', 'bram'), start);
    const { start: nextStart } = schoolYearBounds(2027);
    const periods = apply(first, pair('cees', 'dewi', 'inclusion_adviser'), nextStart);
    const lastDay = pairOn(periods, '2027-07-31');
    expect(end).toBe('2027-07-31');
    expect(lastDay.behaviouralScientist?.userId).toBe('anna');
    expect(lastDay.contact?.userId).toBe('anna');
    const firstDay = pairOn(periods, '2027-08-01');
    expect(firstDay.behaviouralScientist?.userId).toBe('cees');
    expect(firstDay.inclusionAdviser?.userId).toBe('dewi');
    expect(firstDay.contact?.userId).toBe('dewi');
    expect(pairOn(periods, '2026-07-31').status).toBe('missing');
  });

  it('R5: status is missing, incomplete or complete', () => {
    expect(pairStatusOf([])).toBe('missing');
    expect(pairStatusOf([{ teamRole: 'behavioural_scientist', isContact: true }])).toBe('incomplete');
    expect(
      pairStatusOf([
        { teamRole: 'behavioural_scientist', isContact: false },
        { teamRole: 'inclusion_adviser', isContact: false },
      ]),
    ).toBe('incomplete');
    expect(
      pairStatusOf([
        { teamRole: 'behavioural_scientist', isContact: true },
        { teamRole: 'inclusion_adviser', isContact: true },
      ]),
    ).toBe('incomplete');
    expect(
      pairStatusOf([
        { teamRole: 'behavioural_scientist', isContact: true },
        { teamRole: 'behavioural_scientist', isContact: false },
        { teamRole: 'inclusion_adviser', isContact: false },
      ]),
    ).toBe('incomplete');
    expect(
      pairStatusOf([
        { teamRole: 'behavioural_scientist', isContact: false },
        { teamRole: 'inclusion_adviser', isContact: true },
      ]),
    ).toBe('complete');
  });

  it('R5: a period is valid from its first day and not on its end date', () => {
    const periods = [period('anna', 'behavioural_scientist', true, '2026-08-01', '2026-09-01')];
    expect(pairOn(periods, '2026-07-31').behaviouralScientist).toBeNull();
    expect(pairOn(periods, '2026-08-01').behaviouralScientist?.userId).toBe('anna');
    expect(pairOn(periods, '2026-08-31').behaviouralScientist?.userId).toBe('anna');
    expect(pairOn(periods, '2026-09-01').behaviouralScientist).toBeNull();
    expect(pairOn(periods, '2026-08-15').status).toBe('incomplete');
  });
});
