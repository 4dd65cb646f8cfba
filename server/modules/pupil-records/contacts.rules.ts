/** A problem with one field of a command, as the API reports it (path + message code). */
export type RecordProblem = { path: string; code: string };

export type ContactFacts = {
  contactOn: string;
  followUp: string | null;
  followUpOwnerUserId: string | null;
  /** Users who may own the follow-up: of the pupil's location and allowed to read the trajectory. */
  allowedOwnerIds: readonly string[];
  today: string;
};

/**
 * What is wrong with a logged contact (E5): it happened, so it is not in the future; a follow-up
 * has an owner who can see the pupil's file (P1), and an owner has a follow-up to own.
 */
export function findContactProblems(facts: ContactFacts): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (facts.contactOn > facts.today) problems.push({ path: 'contactOn', code: 'contact_date_in_future' });
  if (facts.followUp && !facts.followUpOwnerUserId)
    problems.push({ path: 'followUpOwnerUserId', code: 'contact_follow_up_owner_required' });
  if (!facts.followUp && facts.followUpOwnerUserId)
    problems.push({ path: 'followUp', code: 'contact_follow_up_required' });
  if (facts.followUpOwnerUserId && !facts.allowedOwnerIds.includes(facts.followUpOwnerUserId))
    problems.push({ path: 'followUpOwnerUserId', code: 'contact_follow_up_owner_not_allowed' });
  return problems;
}

/** Whether a contact's follow-up can be marked done: there must be one (done twice is harmless). */
export function canCompleteFollowUp(contact: { followUp: string | null }): boolean {
  return Boolean(contact.followUp);
}
