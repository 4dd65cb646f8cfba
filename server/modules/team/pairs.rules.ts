import type { TeamRole } from '../../../contracts/roles.ts';

/**
 * R5 as pure functions: each primary school has exactly two fixed team members (one behavioural
 * scientist, one inclusion adviser), exactly one of them the contact person; changes take effect
 * from a date and keep their history as periods (valid_to is exclusive).
 */

/** One stored period of one member at one school. */
export type PairPeriod = {
  id: string;
  userId: string;
  teamRole: TeamRole;
  isContact: boolean;
  validFrom: string;
  validTo: string | null;
};

/** What a change asks for: the members with the role they fill, and who of them is the contact person. */
export type DesiredPair = {
  members: Array<{ userId: string; teamRole: TeamRole }>;
  contactUserId: string | null;
};

/** What the rules need to know of a proposed member. */
export type PairCandidate = {
  /** The team roles the user holds through a team_member role assignment (empty: not in the team). */
  teamRoles: TeamRole[];
  /** Profile status; a member without a profile is active. */
  status: 'active' | 'left';
};

/** A refusal, named by the API field it belongs to and the catalogue code (`validation.<code>`). */
export type PairIssue = { field: string; code: string; params?: Record<string, string> };

export type PairStatus = 'complete' | 'incomplete' | 'missing';

/** The API field that names the member of a team role. */
export function memberField(teamRole: TeamRole): 'behaviouralScientistUserId' | 'inclusionAdviserUserId' {
  return teamRole === 'behavioural_scientist' ? 'behaviouralScientistUserId' : 'inclusionAdviserUserId';
}

/** The desired pair from the API's shape (two ids and which role is the contact person). */
export function desiredPairOf(input: {
  behaviouralScientistUserId: string;
  inclusionAdviserUserId: string;
  contact: TeamRole;
}): DesiredPair {
  return {
    members: [
      { userId: input.behaviouralScientistUserId, teamRole: 'behavioural_scientist' },
      { userId: input.inclusionAdviserUserId, teamRole: 'inclusion_adviser' },
    ],
    contactUserId:
      input.contact === 'behavioural_scientist'
        ? input.behaviouralScientistUserId
        : input.inclusionAdviserUserId,
  };
}

/**
 * R5: checks a desired pair. Exactly one behavioural scientist and one inclusion adviser, two
 * different people, each holding that team role and still active, and exactly one contact person
 * who is one of the two. Returns every problem found (empty when the pair is valid).
 */
export function validatePair(pair: DesiredPair, candidates: ReadonlyMap<string, PairCandidate>): PairIssue[] {
  const issues: PairIssue[] = [];
  const seenRoles = new Set<TeamRole>();
  for (const member of pair.members) {
    const field = memberField(member.teamRole);
    if (seenRoles.has(member.teamRole)) {
      // A third member, or a second of one role: R5 allows exactly one of each.
      issues.push({ field, code: 'second_member_same_role' });
      continue;
    }
    seenRoles.add(member.teamRole);
    const candidate = candidates.get(member.userId);
    if (!candidate || candidate.teamRoles.length === 0) issues.push({ field, code: 'not_team_member' });
    else if (!candidate.teamRoles.includes(member.teamRole)) issues.push({ field, code: 'wrong_team_role' });
    else if (candidate.status === 'left') issues.push({ field, code: 'member_left' });
  }
  for (const teamRole of ['behavioural_scientist', 'inclusion_adviser'] as const) {
    if (!seenRoles.has(teamRole)) issues.push({ field: memberField(teamRole), code: 'required' });
  }
  const [first, second] = pair.members;
  if (first && second && first.userId === second.userId) {
    issues.push({ field: memberField(second.teamRole), code: 'same_person' });
  }
  if (!pair.contactUserId) issues.push({ field: 'contact', code: 'contact_required' });
  else if (!pair.members.some((member) => member.userId === pair.contactUserId)) {
    issues.push({ field: 'contact', code: 'contact_not_in_pair' });
  }
  return issues;
}

/** Checks the contact flags of rows that are (or would be) valid on one date: exactly one contact. */
export function contactIssuesOf(rows: Array<{ isContact: boolean }>): PairIssue[] {
  const contacts = rows.filter((row) => row.isContact).length;
  if (contacts > 1) return [{ field: 'contact', code: 'two_contacts' }];
  if (contacts === 0 && rows.length > 0) return [{ field: 'contact', code: 'contact_required' }];
  return [];
}

/** The rows a desired pair becomes: one per member, the contact person flagged. */
export function rowsOfPair(
  pair: DesiredPair,
): Array<{ userId: string; teamRole: TeamRole; isContact: boolean }> {
  return pair.members.map((member) => ({ ...member, isContact: member.userId === pair.contactUserId }));
}

/** What to write for a change: close, delete, reopen and insert, in that order. */
export type PairChangePlan =
  | { ok: false; issues: PairIssue[] }
  | {
      ok: true;
      unchanged: boolean;
      /** Open rows that end at the effective date. */
      close: Array<{ id: string; validTo: string }>;
      /** Rows that started on the effective date itself: replaced, not kept as a zero-day period. */
      remove: string[];
      /** Rows that ended at the effective date and turn out to continue (a same-day correction). */
      reopen: string[];
      insert: Array<{ userId: string; teamRole: TeamRole; isContact: boolean; validFrom: string }>;
    };

/** Whether a period is valid on a date (valid_to exclusive). */
export function isPeriodOn(period: Pick<PairPeriod, 'validFrom' | 'validTo'>, date: string): boolean {
  return period.validFrom <= date && (period.validTo === null || period.validTo > date);
}

/**
 * R5: plans a change of a location's pair from `effectiveFrom`, given all its periods. An unchanged
 * member (same person, role and contact flag) keeps their row; every other open row is closed at the
 * date and a new row opens. A row that started on that same date is replaced instead. A date before
 * the latest change already recorded is refused, so history is never rewritten.
 */
export function planPairChange(
  periods: readonly PairPeriod[],
  desired: Array<{ userId: string; teamRole: TeamRole; isContact: boolean }>,
  effectiveFrom: string,
): PairChangePlan {
  const latest = latestChangeOf(periods);
  if (latest && effectiveFrom < latest) {
    return {
      ok: false,
      issues: [{ field: 'effectiveFrom', code: 'effective_before_current', params: { date: latest } }],
    };
  }
  const contactIssues = contactIssuesOf(desired);
  if (contactIssues.length > 0) return { ok: false, issues: contactIssues };
  const plan = {
    close: [] as Array<{ id: string; validTo: string }>,
    remove: [] as string[],
    reopen: [] as string[],
  };
  const insert: Array<{ userId: string; teamRole: TeamRole; isContact: boolean; validFrom: string }> = [];
  let unchanged = true;
  for (const row of desired) {
    const open = periods.find((period) => period.teamRole === row.teamRole && period.validTo === null);
    if (open && open.userId === row.userId && open.isContact === row.isContact) continue;
    unchanged = false;
    if (open && open.validFrom === effectiveFrom) {
      plan.remove.push(open.id);
      // The same-day correction back to what ran until today continues that row.
      const previous = periods.find(
        (period) =>
          period.teamRole === row.teamRole &&
          period.validTo === effectiveFrom &&
          period.userId === row.userId &&
          period.isContact === row.isContact,
      );
      if (previous) {
        plan.reopen.push(previous.id);
        continue;
      }
    } else if (open) {
      plan.close.push({ id: open.id, validTo: effectiveFrom });
    }
    insert.push({ ...row, validFrom: effectiveFrom });
  }
  return { ok: true, unchanged, ...plan, insert };
}

/** The latest date on which the recorded history of a location changes. */
export function latestChangeOf(periods: readonly PairPeriod[]): string | null {
  let latest: string | null = null;
  for (const period of periods) {
    for (const date of [period.validFrom, period.validTo])
      if (date && (!latest || date > latest)) latest = date;
  }
  return latest;
}

/** The pair of a location on a date. */
export type PairOnDate = {
  behaviouralScientist: PairPeriod | null;
  inclusionAdviser: PairPeriod | null;
  contact: PairPeriod | null;
  status: PairStatus;
};

/** R5: who the pair and the contact person of a location were on a date, from its periods. */
export function pairOn(periods: readonly PairPeriod[], date: string): PairOnDate {
  const valid = periods.filter((period) => isPeriodOn(period, date));
  const behaviouralScientist = valid.find((period) => period.teamRole === 'behavioural_scientist') ?? null;
  const inclusionAdviser = valid.find((period) => period.teamRole === 'inclusion_adviser') ?? null;
  const contacts = valid.filter((period) => period.isContact);
  return {
    behaviouralScientist,
    inclusionAdviser,
    contact: contacts.length === 1 ? (contacts[0] ?? null) : null,
    status: pairStatusOf(valid),
  };
}

/**
 * R5: complete when one behavioural scientist, one inclusion adviser and exactly one contact person
 * are valid on the date; missing when no one is; incomplete otherwise.
 */
export function pairStatusOf(valid: ReadonlyArray<Pick<PairPeriod, 'teamRole' | 'isContact'>>): PairStatus {
  if (valid.length === 0) return 'missing';
  const scientists = valid.filter((period) => period.teamRole === 'behavioural_scientist').length;
  const advisers = valid.filter((period) => period.teamRole === 'inclusion_adviser').length;
  const contacts = valid.filter((period) => period.isContact).length;
  return scientists === 1 && advisers === 1 && contacts === 1 ? 'complete' : 'incomplete';
}
