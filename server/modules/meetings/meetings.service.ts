import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type {
  ActionItem,
  ActionItemInput,
  ActionItemUpdate,
  InterimDecisionInput,
  MeetingDetail,
  MeetingInput,
  MeetingListQuery,
  MeetingOverview,
  MeetingOverviewQuery,
  MeetingPage,
  MeetingSettings,
  ParticipantAddition,
  ParticipantCandidate,
} from '../../../contracts/meetings.ts';
import { amsterdamDateTimeOf, amsterdamInstant } from '../../../contracts/school-year.ts';
import { type DbTransaction, queryRows } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { listField } from '../../platform/access/references.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { HttpError, NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags } from '../team/team.schema.ts';
import {
  meetingAttentionCondition,
  overviewSchoolsCondition,
  schoolMeetingAttentionCondition,
} from './meetings.attention.ts';
import { mayTakePartIn } from './meetings.references.ts';
import {
  annualTalkState,
  dateInSchoolYear,
  findDecisionProblems,
  findMeetingProblems,
  schoolIsOnTrack,
  schoolYearOfMeeting,
  sotWarning,
} from './meetings.rules.ts';
import {
  meetingActionItems,
  meetingParticipants,
  meetingSettings,
  meetings,
  meetingWantedTags,
} from './meetings.schema.ts';

type ItemRow = typeof meetingActionItems.$inferSelect;

const defaultSettings: MeetingSettings = {
  annualTalkPlannedBy: '11-01',
  sotMinimumBy: '01-31',
  reminderDaysBefore: 2,
};

function itemView(row: ItemRow, today: string): ActionItem {
  return {
    id: row.id,
    meetingId: row.meetingId,
    description: row.description,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerName,
    dueDate: row.dueDate,
    status: row.status,
    followUp: row.followUp,
    followedUpInMeetingId: row.followedUpInMeetingId,
    overdue: row.status === 'open' && row.dueDate < today,
  };
}

/** A meeting with the users taking part in it, as the policy sees it. */
export type MeetingRow = typeof meetings.$inferSelect & { participantUserIds: string[] };

/**
 * A meeting as a route's target: whoever may read a school's meetings sees it. The users taking part
 * are loaded with it (after the lock, for a command), so the minutes' need-to-know check (P1) reads
 * the meeting as stored.
 */
export const meetingTarget = defineTarget<MeetingRow>({
  readAction: 'meetings.read',
  async load({ db }, id, { lock }) {
    const meeting = await selectMeeting(db, id, lock);
    if (!meeting) return undefined;
    return { ...meeting, participantUserIds: await participantUserIdsOf(db, meeting.id) };
  },
  scopeOf: (row) => ({
    tenantId: row.tenantId,
    locationId: row.locationId,
    participantUserIds: row.participantUserIds,
  }),
});

const selectMeeting = rowById('meeting', (db, lock) => {
  const query = db.select().from(meetings).where(eq(meetings.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

type ActionItemTargetRow = { item: ItemRow; locationId: string };

/** An action item as a route's target: it sits at its meeting's school. */
export const actionItemTarget = defineTarget<ActionItemTargetRow>({
  readAction: 'meetings.read',
  load: ({ db }, id, { lock }) => selectActionItem(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.item.tenantId, locationId: row.locationId }),
});

const selectActionItem = rowById('action_item', (db, lock) => {
  const query = db
    .select({ item: meetingActionItems, locationId: meetings.locationId })
    .from(meetingActionItems)
    .innerJoin(meetings, eq(meetings.id, meetingActionItems.meetingId))
    .where(eq(meetingActionItems.id, idPlaceholder));
  return lock ? query.for('update', { of: meetingActionItems }) : query;
});

/** Minutes may mention pupils (P1): the staff office, the meeting's participants and the school's contact person read them. */
function mayReadMinutes(
  context: UseCaseContext,
  meeting: { locationId: string },
  participantUserIds: readonly string[],
): boolean {
  return context.may('meetings.read_minutes', { locationId: meeting.locationId, participantUserIds });
}

/** Meetings (issue 6): the annual talk (R11), the SOT (R12), interim meetings with outside parties (R13). */
export async function listMeetings(context: UseCaseContext, query: MeetingListQuery): Promise<MeetingPage> {
  const conditions = and(
    context.scope('meetings.read', { locationId: meetings.locationId }),
    query.schoolYear ? eq(meetings.schoolYear, query.schoolYear) : undefined,
    query.kind ? eq(meetings.kind, query.kind) : undefined,
    query.attention
      ? meetingAttentionCondition(query.attention, {
          now: context.clock.now(),
          today: context.clock.today(),
          userId: context.actor.userId,
        })
      : undefined,
    query.locationId ? eq(meetings.locationId, query.locationId) : undefined,
    query.q ? sql`${locations.name} ilike ${containsPattern(query.q)}` : undefined,
  );
  const { limit, offset } = pageWindow(query);
  const rows = await context.db
    .select({ meeting: meetings, locationName: locations.name, total: sql<number>`count(*) over ()` })
    .from(meetings)
    .innerJoin(locations, eq(locations.id, meetings.locationId))
    .where(conditions)
    // Both ways along meetings_starts_idx; the id settles meetings that start at the same moment.
    .orderBy(
      ...(query.sort === '-startsAt'
        ? [desc(meetings.startsAt), desc(meetings.id)]
        : [asc(meetings.startsAt), asc(meetings.id)]),
    )
    .limit(limit)
    .offset(offset);
  return {
    items: rows.map((row) => listItem(row.meeting, row.locationName)),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Plans (or records) a meeting; the rules refuse with field errors and nothing is saved. */
export async function createMeeting(context: UseCaseContext, input: MeetingInput): Promise<MeetingDetail> {
  await context.requireVisible(
    { kind: 'location', action: 'meetings.manage' },
    { locationId: input.locationId },
  );
  const values = await checkMeeting(context, input, null);
  const [meeting] = await context.db
    .insert(meetings)
    .values({ ...values, tenantId: context.actor.tenantId, createdByUserId: context.actor.userId })
    .returning();
  if (!meeting) throw new NotFound();
  await writeParticipantsAndTags(context, meeting.id, values.participants, input.wantedTagIds);
  await context.audit('meetings.planned', { type: 'meeting', id: meeting.id }, { kind: meeting.kind });
  return detailOf(context, meeting);
}

/** Changes the plan or records what happened: agenda, attendance, minutes, outcome. */
export async function updateMeeting(
  context: UseCaseContext,
  meetingId: string,
  input: MeetingInput,
): Promise<MeetingDetail> {
  const existing = await context.load(meetingTarget, meetingId, { lock: true });
  if (input.kind !== existing.kind || input.locationId !== existing.locationId)
    throw new ValidationFailed([{ path: 'kind', code: 'invalid_value' }]);
  const values = await checkMeeting(context, input, existing);
  // Who may write the minutes is decided on the meeting as stored: a change cannot make its own
  // author a participant. Someone who may not read them sent none back: keep what is there.
  const storedUserIds = new Set(existing.participantUserIds);
  const userIdsOf = (participants: MeetingInput['participants']) =>
    new Set(participants.flatMap((participant) => (participant.userId ? [participant.userId] : [])));
  if ([...userIdsOf(input.participants)].some((userId) => !storedUserIds.has(userId)))
    throw new ValidationFailed([{ path: 'participants', code: 'participant_added_separately' }]);
  const insider = mayReadMinutes(context, existing, existing.participantUserIds);
  // Who is inside decides who reads the minutes: someone outside may not take anyone out either.
  const keptUserIds = userIdsOf(values.participants);
  if (!insider && [...storedUserIds].some((userId) => !keptUserIds.has(userId)))
    throw new ValidationFailed([{ path: 'participants', code: 'participants_locked' }]);
  const minutes = insider ? values.minutes : existing.minutes;
  const { participants, ...columns } = values;
  const [meeting] = await context.db
    .update(meetings)
    .set({ ...columns, minutes, updatedAt: context.clock.now() })
    .where(eq(meetings.id, existing.id))
    .returning();
  if (!meeting) throw new NotFound();
  await context.db.delete(meetingParticipants).where(eq(meetingParticipants.meetingId, meeting.id));
  await context.db.delete(meetingWantedTags).where(eq(meetingWantedTags.meetingId, meeting.id));
  await writeParticipantsAndTags(context, meeting.id, participants, input.wantedTagIds);
  await context.audit('meetings.changed', { type: 'meeting', id: meeting.id });
  return detailOf(context, meeting);
}

/**
 * Adds a person with an account, who reads the minutes from then on. Only someone who reads them
 * already (the staff office, a participant, the school's contact person) may let another in.
 */
export async function addParticipant(
  context: UseCaseContext,
  meetingId: string,
  input: ParticipantAddition,
): Promise<MeetingDetail> {
  const meeting = await context.load(meetingTarget, meetingId, { lock: true });
  if (!mayReadMinutes(context, meeting, meeting.participantUserIds))
    throw new HttpError(403, 'meeting_participant_not_allowed');
  await context.requireVisible(
    { kind: 'meetingParticipant', locationId: meeting.locationId },
    { userId: input.userId },
  );
  const [candidate] = await context.db
    .select({ userId: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!candidate) throw new NotFound();
  if (!meeting.participantUserIds.includes(candidate.userId)) {
    await writeParticipantsAndTags(
      context,
      meeting.id,
      [{ userId: candidate.userId, name: candidate.name, role: input.role, attended: null }],
      [],
    );
    await context.audit(
      'meetings.participant_added',
      { type: 'meeting', id: meeting.id },
      { role: input.role },
    );
  }
  return detailOf(context, meeting);
}

/** Who can be added to a meeting: the school's staff, the expertise team and the staff office. */
export async function participantCandidates(
  context: UseCaseContext,
  meetingId: string,
): Promise<ParticipantCandidate[]> {
  const meeting = await context.load(meetingTarget, meetingId);
  if (!mayReadMinutes(context, meeting, meeting.participantUserIds))
    throw new HttpError(403, 'meeting_participant_not_allowed');
  const taken = new Set(meeting.participantUserIds);
  return (await candidatesOf(context, meeting)).filter((person) => !taken.has(person.userId));
}

/** One meeting; reading minutes that may mention pupils is audited (P2). */
export async function getMeeting(context: UseCaseContext, meetingId: string): Promise<MeetingDetail> {
  return detailOf(context, await context.load(meetingTarget, meetingId));
}

/** The team member's answer to an interim-meeting invitation (R13). */
export async function decideInterim(
  context: UseCaseContext,
  meetingId: string,
  input: InterimDecisionInput,
): Promise<MeetingDetail> {
  const meeting = await context.load(meetingTarget, meetingId, { lock: true });
  if (meeting.kind !== 'interim') throw new RuleViolation('transition_not_allowed');
  const problems = findDecisionProblems(input.decision, input.reason);
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [decided] = await context.db
    .update(meetings)
    .set({
      decision: input.decision,
      decisionReason: input.reason?.trim() || null,
      decidedByUserId: context.actor.userId,
      updatedAt: context.clock.now(),
    })
    .where(eq(meetings.id, meeting.id))
    .returning();
  if (!decided) throw new NotFound();
  await context.audit(
    'meetings.interim_decided',
    { type: 'meeting', id: meeting.id },
    { decision: input.decision },
  );
  return detailOf(context, decided);
}

export async function addActionItem(
  context: UseCaseContext,
  meetingId: string,
  input: ActionItemInput,
): Promise<ActionItem> {
  const meeting = await context.load(meetingTarget, meetingId);
  await context.requireVisible(
    { kind: 'meetingParticipant', locationId: meeting.locationId },
    { ownerUserId: input.ownerUserId },
  );
  const [item] = await context.db
    .insert(meetingActionItems)
    .values({ tenantId: context.actor.tenantId, meetingId: meeting.id, ...input })
    .returning();
  if (!item) throw new NotFound();
  await context.audit('meetings.action_added', { type: 'meeting_action_item', id: item.id });
  return itemView(item, context.clock.today());
}

/** Marks an action item done or records its follow-up, usually at the school's next meeting. */
export async function updateActionItem(
  context: UseCaseContext,
  itemId: string,
  input: ActionItemUpdate,
): Promise<ActionItem> {
  const existing = await context.load(actionItemTarget, itemId);
  await context.requireVisible(
    { kind: 'meeting', action: 'meetings.read' },
    { followedUpInMeetingId: input.followedUpInMeetingId },
  );
  if (input.followedUpInMeetingId) {
    const [later] = await context.db
      .select({ locationId: meetings.locationId })
      .from(meetings)
      .where(eq(meetings.id, input.followedUpInMeetingId));
    if (later?.locationId !== existing.locationId)
      throw new ValidationFailed([{ path: 'followedUpInMeetingId', code: 'invalid_value' }]);
  }
  const [item] = await context.db
    .update(meetingActionItems)
    .set({
      status: input.status,
      followUp: input.followUp,
      followedUpInMeetingId: input.followedUpInMeetingId,
    })
    .where(eq(meetingActionItems.id, existing.item.id))
    .returning();
  if (!item) throw new NotFound();
  await context.audit('meetings.action_followed_up', { type: 'meeting_action_item', id: item.id });
  return itemView(item, context.clock.today());
}

/**
 * The staff office's overview of a school year per primary school: the annual talk held, planned,
 * not planned or late (R11), and the SOT meetings planned with their warning (R12).
 */
export async function meetingOverview(
  context: UseCaseContext,
  query: MeetingOverviewQuery,
): Promise<MeetingOverview> {
  const settings = await settingsOf(context.db);
  const { limit, offset } = pageWindow(query);
  const search = query.q ? sql`and l.name ilike ${containsPattern(query.q)}` : sql``;
  const attention = query.attention
    ? sql`and ${schoolMeetingAttentionCondition(query.attention, query.schoolYear)}`
    : sql``;
  const rows = await queryRows<{
    id: string;
    name: string;
    talk_held: boolean;
    talk_planned: boolean;
    sot_planned: number | string;
    total: number | string;
  }>(
    context.db,
    sql`select l.id, l.name,
        coalesce(bool_or(m.kind = 'annual_talk' and m.status = 'held'), false) as talk_held,
        coalesce(bool_or(m.kind = 'annual_talk' and m.status = 'planned'), false) as talk_planned,
        count(m.id) filter (where m.kind = 'sot' and m.status <> 'cancelled') as sot_planned,
        count(*) over () as total
      from locations l
      left join meetings m on m.location_id = l.id and m.school_year = ${query.schoolYear}
      where ${overviewSchoolsCondition(query.schoolYear)}
        and ${context.scope('meetings.overview', { locationId: sql`l.id` })}
        ${search} ${attention}
      group by l.id, l.name order by l.name, l.id limit ${limit} offset ${offset}`,
  );
  const today = context.clock.today();
  const plannedBy = dateInSchoolYear(query.schoolYear, settings.annualTalkPlannedBy);
  const sotBy = dateInSchoolYear(query.schoolYear, settings.sotMinimumBy);
  return {
    schoolYear: query.schoolYear,
    annualTalkDeadline: plannedBy,
    sotMinimumBy: sotBy,
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((row) => {
      const talk = annualTalkState(
        [
          ...(row.talk_held ? [{ status: 'held' as const }] : []),
          ...(row.talk_planned ? [{ status: 'planned' as const }] : []),
        ],
        plannedBy,
        today,
      );
      const sotPlanned = Number(row.sot_planned);
      return {
        locationId: row.id,
        name: row.name,
        annualTalk: talk,
        sotPlanned,
        sotWarning: sotWarning(sotPlanned, sotBy, today),
        ok: schoolIsOnTrack(talk, sotPlanned),
      };
    }),
  };
}

/** The staff office's dates for the overview and the reminder lead time. */
export function meetingSettingsOf(context: UseCaseContext): Promise<MeetingSettings> {
  return settingsOf(context.db);
}

export async function changeMeetingSettings(
  context: UseCaseContext,
  input: MeetingSettings,
): Promise<MeetingSettings> {
  await context.db
    .insert(meetingSettings)
    .values({ tenantId: context.actor.tenantId, ...input })
    .onConflictDoUpdate({
      target: meetingSettings.tenantId,
      set: { ...input, updatedAt: context.clock.now() },
    });
  await context.audit('settings.changed', null, { setting: 'meetings', ...input });
  return input;
}

export async function settingsOf(db: DbTransaction): Promise<MeetingSettings> {
  const [row] = await db.select().from(meetingSettings);
  return row
    ? {
        annualTalkPlannedBy: row.annualTalkPlannedBy,
        sotMinimumBy: row.sotMinimumBy,
        reminderDaysBefore: row.reminderDaysBefore,
      }
    : defaultSettings;
}

function listItem(meeting: typeof meetings.$inferSelect, locationName: string) {
  return {
    id: meeting.id,
    kind: meeting.kind,
    status: meeting.status,
    location: { id: meeting.locationId, name: locationName },
    schoolYear: meeting.schoolYear,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    place: meeting.place,
    online: meeting.online,
    decision: meeting.decision,
  };
}

async function participantUserIdsOf(db: DbTransaction, meetingId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: meetingParticipants.userId })
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId));
  return [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
}

/** The school's staff, the expertise team and the staff office (who may take part is data, not a right). */
async function candidatesOf(context: UseCaseContext, meeting: MeetingRow): Promise<ParticipantCandidate[]> {
  return context.db
    .selectDistinct({ userId: users.id, name: users.name })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(users.status, 'active'), mayTakePartIn(meeting.locationId)))
    .orderBy(asc(users.name))
    .limit(500);
}

/**
 * Turns the input into a row and applies the rules with the facts from the database: the school's
 * contact person that day and its other SOT meetings of the year. The contact person joins an SOT
 * by default (R12).
 */
async function checkMeeting(context: UseCaseContext, input: MeetingInput, existing: MeetingRow | null) {
  const startsAt = amsterdamInstant(input.date, input.startTime);
  const endsAt = amsterdamInstant(input.date, input.endTime);
  const schoolYear = schoolYearOfMeeting(startsAt);
  const [location] = await context.db
    .select({ sector: locations.sector })
    .from(locations)
    .where(eq(locations.id, input.locationId));
  if (!location || !['bo', 'sbo', 'so'].includes(location.sector))
    throw new ValidationFailed([{ path: 'locationId', code: 'meeting_not_primary' }]);
  const [facts] = await queryRows<{
    contact_id: string | null;
    contact_name: string | null;
    other_sot: number | string;
  }>(
    context.db,
    sql`select
      (select s.user_id from school_team_assignments s where s.location_id = ${input.locationId}::uuid and s.is_contact
        and s.valid_from <= ${input.date}::date and (s.valid_to is null or s.valid_to > ${input.date}::date)) as contact_id,
      (select u.name from school_team_assignments s join users u on u.id = s.user_id
        where s.location_id = ${input.locationId}::uuid and s.is_contact
        and s.valid_from <= ${input.date}::date and (s.valid_to is null or s.valid_to > ${input.date}::date)) as contact_name,
      (select count(*) from meetings m where m.location_id = ${input.locationId}::uuid and m.kind = 'sot'
        and m.school_year = ${schoolYear} and m.status <> 'cancelled'
        and m.id <> ${existing?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid) as other_sot`,
  );
  const contactUserId = facts?.contact_id ?? null;
  const participants = [...input.participants];
  if (input.kind === 'sot' && contactUserId && !participants.some((p) => p.userId === contactUserId))
    participants.unshift({
      userId: contactUserId,
      name: facts?.contact_name ?? '',
      role: 'contact_person',
      attended: null,
    });
  const problems = findMeetingProblems({
    kind: input.kind,
    status: input.status,
    startsAt,
    endsAt,
    participants,
    contactUserId,
    otherSotMeetings: Number(facts?.other_sot ?? 0),
    overrideReason: input.overrideReason,
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
  // The users sent as participants (the contact person added above is the school's own); those the
  // meeting already has stay, even when they have since left the school.
  const kept = new Set<string | null>(existing?.participantUserIds ?? []);
  await context.requireVisible(
    { kind: 'meetingParticipant', locationId: input.locationId },
    listField(
      'participants',
      input.participants.map((participant) => (kept.has(participant.userId) ? null : participant.userId)),
    ),
  );
  await context.requireVisible({ kind: 'expertiseTag' }, listField('wantedTagIds', input.wantedTagIds));
  return {
    locationId: input.locationId,
    kind: input.kind,
    status: input.status,
    schoolYear,
    startsAt,
    endsAt,
    place: input.place,
    online: input.online,
    agenda: input.agenda,
    minutes: input.minutes,
    expectedRequests: input.kind === 'annual_talk' ? input.expectedRequests : null,
    agreements: input.kind === 'annual_talk' ? input.agreements : null,
    outsideParties: input.kind === 'interim' ? input.outsideParties : null,
    overrideReason: input.kind === 'sot' ? input.overrideReason : null,
    participants,
  };
}

async function writeParticipantsAndTags(
  context: UseCaseContext,
  meetingId: string,
  participants: MeetingInput['participants'],
  tagIds: string[],
): Promise<void> {
  const { tenantId } = context.actor;
  if (participants.length > 0)
    await context.db
      .insert(meetingParticipants)
      .values(participants.map((participant) => ({ tenantId, meetingId, ...participant })));
  if (tagIds.length > 0)
    await context.db
      .insert(meetingWantedTags)
      .values([...new Set(tagIds)].map((tagId) => ({ tenantId, meetingId, tagId })));
}

/**
 * The meeting as this reader may see it. Minutes only for the staff office, a participant, or the
 * school's contact person; reading them is audited. An annual talk comes with its preparation: the
 * school's requests of the year and its hours.
 */
async function detailOf(
  context: UseCaseContext,
  meeting: typeof meetings.$inferSelect,
): Promise<MeetingDetail> {
  const { db } = context;
  const [location] = await db
    .select({ name: locations.name })
    .from(locations)
    .where(eq(locations.id, meeting.locationId));
  const participants = await db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meeting.id))
    .orderBy(asc(meetingParticipants.name));
  const wantedTags = await db
    .select({ id: expertiseTags.id, name: expertiseTags.name })
    .from(meetingWantedTags)
    .innerJoin(expertiseTags, eq(expertiseTags.id, meetingWantedTags.tagId))
    .where(eq(meetingWantedTags.meetingId, meeting.id))
    .orderBy(asc(expertiseTags.name));
  // Decided on the participants as they are now (a command may just have changed them).
  const mayRead = mayReadMinutes(
    context,
    meeting,
    participants.flatMap((participant) => (participant.userId ? [participant.userId] : [])),
  );
  if (mayRead && meeting.minutes)
    await context.audit('meetings.minutes_read', { type: 'meeting', id: meeting.id });
  const today = context.clock.today();
  const items = await db
    .select()
    .from(meetingActionItems)
    .where(eq(meetingActionItems.meetingId, meeting.id))
    .orderBy(asc(meetingActionItems.dueDate), asc(meetingActionItems.createdAt));
  const earlier = await db
    .select({ item: meetingActionItems })
    .from(meetingActionItems)
    .innerJoin(meetings, eq(meetings.id, meetingActionItems.meetingId))
    .where(
      and(
        eq(meetings.locationId, meeting.locationId),
        eq(meetings.kind, meeting.kind),
        lt(meetings.startsAt, meeting.startsAt),
        eq(meetingActionItems.status, 'open'),
      ),
    )
    .orderBy(asc(meetingActionItems.dueDate))
    .limit(50);
  const start = amsterdamDateTimeOf(meeting.startsAt);
  const end = amsterdamDateTimeOf(meeting.endsAt);
  return {
    ...listItem(meeting, location?.name ?? ''),
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    agenda: meeting.agenda,
    minutes: mayRead ? meeting.minutes : null,
    minutesHidden: !mayRead && meeting.minutes !== null,
    participants: participants.map((participant) => ({
      id: participant.id,
      userId: participant.userId,
      name: participant.name,
      role: participant.role,
      attended: participant.attended,
    })),
    expectedRequests: meeting.expectedRequests,
    wantedTags,
    agreements: meeting.agreements,
    outsideParties: meeting.outsideParties,
    decisionReason: meeting.decisionReason,
    overrideReason: meeting.overrideReason,
    actionItems: items.map((item) => itemView(item, today)),
    openEarlierItems: earlier.map((row) => itemView(row.item, today)),
    preparation: meeting.kind === 'annual_talk' ? await preparationOf(db, meeting) : null,
    commands: [
      ...(context.may('meetings.manage', { locationId: meeting.locationId }) ? (['edit'] as const) : []),
      ...(meeting.kind === 'interim' && context.may('meetings.decide', { locationId: meeting.locationId })
        ? (['decide'] as const)
        : []),
      ...(mayRead && context.may('meetings.add_participant', { locationId: meeting.locationId })
        ? (['add_participant'] as const)
        : []),
    ],
  };
}

/** The agenda's starting point for an annual talk: the year's requests (no pupil data) and the hours. */
async function preparationOf(
  db: DbTransaction,
  meeting: typeof meetings.$inferSelect,
): Promise<MeetingDetail['preparation']> {
  const requests = await queryRows<{ reference: string; status: string; type: string | null }>(
    db,
    sql`select reference, status, type from support_requests where location_id = ${meeting.locationId}::uuid
      and school_year = ${meeting.schoolYear} and status <> 'draft' order by reference limit 200`,
  );
  const [hours] = await queryRows<{ allocated: number | string | null; used: number | string | null }>(
    db,
    sql`select
      (select l.hours from allocation_lines l join allocations a on a.id = l.allocation_id
        where a.school_year = ${meeting.schoolYear} and a.status = 'adopted' and l.location_id = ${meeting.locationId}::uuid) as allocated,
      (select sum(hours) from time_entries where location_id = ${meeting.locationId}::uuid
        and entry_date between ${`${meeting.schoolYear}-08-01`}::date and ${`${meeting.schoolYear + 1}-07-31`}::date) as used`,
  );
  return {
    requests,
    hours: {
      allocated: hours?.allocated === null || hours?.allocated === undefined ? null : Number(hours.allocated),
      used: Number(hours?.used ?? 0),
    },
  };
}
