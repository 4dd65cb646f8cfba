import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import {
  type Absence,
  type AbsenceInput,
  type ContractedHours,
  type ExpertiseTag,
  maxPhotoBytes,
  type PublicProfile,
  type PublicProfileInput,
  type ServedSchool,
  type TeamListQuery,
  type TeamMemberDetail,
  type TeamMemberSummary,
  type TeamPage,
  type TeamSort,
  type TeamSortKey,
  type UpdateTeamMemberInput,
} from '../../../contracts/team.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { indexedFields } from '../../platform/access/references.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { locations } from '../schools/schools.schema.ts';
import { hasOnlyTeamRoles, isLeaverDue } from '../users/accounts.rules.ts';
import { endAccount } from '../users/accounts.service.ts';
import {
  expertiseTags,
  schoolTeamAssignments,
  teamMemberAbsences,
  teamMemberHours,
  teamMembers,
  teamMemberTags,
} from './team.schema.ts';
import { isTeamMember, memberStatus, teamMemberTarget } from './team.targets.ts';

type Db = Pick<UseCaseContext, 'db'>;

// What a member shows when no profile row exists yet (the row is created on the first edit).
const memberColumns = {
  userId: users.id,
  name: users.name,
  teamRole: sql<TeamMemberSummary['teamRole']>`${roleAssignments.teamRole}`,
  status: memberStatus,
  leftOn: teamMembers.leftOn,
  showExpertise: sql<boolean>`coalesce(${teamMembers.showExpertise}, true)`,
  showSchools: sql<boolean>`coalesce(${teamMembers.showSchools}, true)`,
  showPhoto: sql<boolean>`coalesce(${teamMembers.showPhoto}, false)`,
  accountStatus: users.status,
};

/**
 * The ORDER BY of the team list for an allow-listed sort (the contract refuses any other): the chosen
 * column (members without hours last either way), then the name, then the id, so paging never repeats
 * or skips a member.
 */
function teamOrder(sort: TeamSort): SQL[] {
  const key = sort.replace(/^-/, '') as TeamSortKey;
  const direction = sort.startsWith('-') ? desc : asc;
  const byName = [asc(users.name), asc(users.id)];
  switch (key) {
    case 'name':
      return [direction(users.name), direction(users.id)];
    case 'teamRole':
      return [direction(roleAssignments.teamRole), ...byName];
    case 'hours':
      return [
        sql`${teamMemberHours.contractedHours} ${sql.raw(sort.startsWith('-') ? 'desc' : 'asc')} nulls last`,
        ...byName,
      ];
    case 'status':
      return [direction(memberStatus), ...byName];
  }
}

/**
 * The expertise team (R1): a page of the team: members with team role, status, tags, the contracted
 * hours of one school year and the schools they serve today (three queries for the page, one for the
 * total).
 */
export async function listTeam(context: UseCaseContext, query: TeamListQuery): Promise<TeamPage> {
  const { db } = context;
  const today = context.clock.today();
  const schoolYear = query.schoolYear ?? schoolYearOf(today);
  const where = and(
    isTeamMember,
    context.scope('team.read', { userId: users.id }),
    query.q ? ilike(users.name, containsPattern(query.q)) : undefined,
    query.teamRole ? eq(roleAssignments.teamRole, query.teamRole) : undefined,
    query.status ? sql`${memberStatus} = ${query.status}` : undefined,
    query.tagId
      ? sql`exists (select 1 from ${teamMemberTags} where ${teamMemberTags.userId} = ${users.id}
          and ${teamMemberTags.tagId} = ${query.tagId})`
      : undefined,
  );
  const page = await loadPage(
    query,
    ({ limit, offset }) =>
      db
        .select({ ...memberColumns, contractedHours: teamMemberHours.contractedHours })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
        .leftJoin(
          teamMemberHours,
          and(eq(teamMemberHours.userId, users.id), eq(teamMemberHours.schoolYear, schoolYear)),
        )
        .where(where)
        .orderBy(...teamOrder(query.sort))
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ total: count() })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
        .where(where),
  );
  const userIds = page.items.map((row) => row.userId);
  const tagsByUser = await loadTags(context, userIds);
  const schoolsByUser = await loadServedSchools(context, userIds, today);
  await context.audit('team.listed', null, { count: userIds.length });
  const items = page.items.map((row) =>
    toSummary(row, tagsByUser.get(row.userId) ?? [], schoolsByUser.get(row.userId) ?? []),
  );
  return { ...page, items, schoolYear };
}

/** One member's profile with hours of every school year, absences and public-page choices. */
export async function getMember(context: UseCaseContext, userId: string): Promise<TeamMemberDetail> {
  const member = await context.load(teamMemberTarget, userId);
  await context.audit('team.viewed', { type: 'user', id: member.userId });
  return detailOf(context, member.userId);
}

/**
 * Changes status and expertise tags. A member who still serves schools cannot be marked as left:
 * their pairs are changed first (R5 keeps every school's pair explicit, never silently emptied).
 */
export async function updateMember(
  context: UseCaseContext,
  userId: string,
  input: UpdateTeamMemberInput,
): Promise<TeamMemberDetail> {
  const { db } = context;
  const current = await context.load(teamMemberTarget, userId, { lock: true });
  const today = context.clock.today();
  const status = input.status ?? current.status;
  const leftOn = status === 'active' ? null : (input.leftOn ?? current.leftOn ?? today);
  if (status === 'left' && leftOn) {
    const [serving] = await db
      .select({ schools: count() })
      .from(schoolTeamAssignments)
      .where(
        and(
          eq(schoolTeamAssignments.userId, current.userId),
          or(isNull(schoolTeamAssignments.validTo), gt(schoolTeamAssignments.validTo, leftOn)),
        ),
      );
    const schools = Number(serving?.schools ?? 0);
    if (schools > 0) {
      throw new RuleViolation('conflict', 409, [
        { path: 'status', code: 'member_has_schools', params: { count: schools } },
      ]);
    }
  }
  if (input.tagIds)
    await context.requireVisible(
      { kind: 'expertiseTag' },
      indexedFields('tagIds', input.tagIds),
      'unknown_tag',
    );
  await upsertProfile(context, current.userId, { status, leftOn });
  // P7: leaving on a day that has come ends the account now, not at the next night's leaver job.
  const [account] = await db.select({ status: users.status }).from(users).where(eq(users.id, current.userId));
  if (account && isLeaverDue({ teamStatus: status, leftOn, accountStatus: account.status }, today)) {
    await endAccount(context, current.userId, context.actor.userId, 'left');
  }
  if (input.tagIds) {
    await db.delete(teamMemberTags).where(eq(teamMemberTags.userId, current.userId));
    const tagIds = [...new Set(input.tagIds)];
    if (tagIds.length > 0) {
      await db
        .insert(teamMemberTags)
        .values(tagIds.map((tagId) => ({ tenantId: current.tenantId, userId: current.userId, tagId })));
    }
  }
  const fields = (Object.keys(input) as Array<keyof UpdateTeamMemberInput>)
    .filter((key) => input[key] !== undefined)
    .sort()
    .join(',');
  await context.audit('team.updated', { type: 'user', id: current.userId }, { fields });
  return detailOf(context, current.userId);
}

/** Sets the contracted hours of a member in a school year. */
export async function setHours(
  context: UseCaseContext,
  userId: string,
  schoolYear: number,
  contractedHours: number,
): Promise<ContractedHours> {
  const member = await context.load(teamMemberTarget, userId);
  await upsertProfile(context, member.userId, {});
  const hours = contractedHours.toFixed(2);
  await context.db
    .insert(teamMemberHours)
    .values({ tenantId: member.tenantId, userId: member.userId, schoolYear, contractedHours: hours })
    .onConflictDoUpdate({
      target: [teamMemberHours.userId, teamMemberHours.schoolYear],
      set: { contractedHours: hours },
    });
  await context.audit('team.hours_set', { type: 'user', id: member.userId }, { schoolYear, contractedHours });
  return { schoolYear, contractedHours };
}

/** Records an absence (from–to, both days included). */
export async function addAbsence(
  context: UseCaseContext,
  userId: string,
  input: AbsenceInput,
): Promise<Absence> {
  const member = await context.load(teamMemberTarget, userId);
  // The contract checks this too; a direct API call must not reach the database check.
  if (input.endsOn < input.startsOn)
    throw new ValidationFailed([{ path: 'endsOn', code: 'end_before_start' }]);
  await upsertProfile(context, member.userId, {});
  const [absence] = await context.db
    .insert(teamMemberAbsences)
    .values({
      tenantId: member.tenantId,
      userId: member.userId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    })
    .returning({
      id: teamMemberAbsences.id,
      startsOn: teamMemberAbsences.startsOn,
      endsOn: teamMemberAbsences.endsOn,
    });
  if (!absence) throw new Error('insert returned nothing');
  await context.audit('team.absence_added', { type: 'user', id: member.userId });
  return absence;
}

/** Removes an absence of this member; 404 when there is none with that id. */
export async function removeAbsence(
  context: UseCaseContext,
  userId: string,
  absenceId: string,
): Promise<void> {
  const member = await context.load(teamMemberTarget, userId);
  const deleted = await context.db
    .delete(teamMemberAbsences)
    .where(and(eq(teamMemberAbsences.id, absenceId), eq(teamMemberAbsences.userId, member.userId)))
    .returning({ id: teamMemberAbsences.id });
  if (deleted.length === 0) throw new NotFound();
  await context.audit('team.absence_removed', { type: 'user', id: member.userId });
}

/** R15: what the public team page shows of a member; the member chooses, the coordinator may too. */
export async function setPublicProfile(
  context: UseCaseContext,
  userId: string,
  input: PublicProfileInput,
): Promise<PublicProfile> {
  const member = await context.load(teamMemberTarget, userId);
  await upsertProfile(context, member.userId, input);
  await context.audit('team.public_profile_changed', { type: 'user', id: member.userId }, { ...input });
  return (await detailOf(context, member.userId)).publicProfile;
}

/**
 * R15: sets a member's photo (a member their own, a coordinator anyone's). Only a JPEG, PNG or WebP
 * data URL of at most 200 KB whose bytes really are that type; whether it shows is `showPhoto`.
 */
export async function setPhoto(context: UseCaseContext, userId: string, dataUrl: string): Promise<void> {
  const member = await context.load(teamMemberTarget, userId);
  const photoDataUrl = await checkedPhoto(dataUrl);
  await upsertProfile(context, member.userId, { photoDataUrl });
  await context.audit('team.public_profile_changed', { type: 'user', id: member.userId }, { photo: 'set' });
}

/** R15: removes a member's photo (nothing to remove is fine). */
export async function removePhoto(context: UseCaseContext, userId: string): Promise<void> {
  const member = await context.load(teamMemberTarget, userId);
  await upsertProfile(context, member.userId, { photoDataUrl: null });
  await context.audit(
    'team.public_profile_changed',
    { type: 'user', id: member.userId },
    { photo: 'removed' },
  );
}

/**
 * The expertise tags of the partnership, by name (a handful to a few dozen). Tags are a shared list
 * without personal data: any grant of team.read (the route's action) may see all of it.
 */
export async function listTags({ db }: UseCaseContext): Promise<{ items: ExpertiseTag[] }> {
  const items = await db
    .select({ id: expertiseTags.id, name: expertiseTags.name })
    .from(expertiseTags)
    .orderBy(asc(expertiseTags.name));
  return { items };
}

/** Adds an expertise tag; a name already in use is refused on the field. */
export async function createTag(context: UseCaseContext, name: string): Promise<ExpertiseTag> {
  context.require('team.manage', {});
  await assertTagNameFree(context, name, null);
  const [tag] = await context.db
    .insert(expertiseTags)
    .values({ tenantId: context.actor.tenantId, name })
    .returning({ id: expertiseTags.id, name: expertiseTags.name })
    .catch(rethrowDuplicateTag);
  if (!tag) throw new Error('insert returned nothing');
  await context.audit('expertise_tags.changed', { type: 'expertise_tag', id: tag.id }, { change: 'created' });
  return tag;
}

/**
 * Renames an expertise tag. Tags are the partnership's shared list and only managed partnership-wide,
 * so the statement is the lookup: a tag that is not there (or another partnership's) is not found.
 */
export async function renameTag(context: UseCaseContext, tagId: string, name: string): Promise<ExpertiseTag> {
  context.require('team.manage', {});
  await assertTagNameFree(context, name, tagId);
  const [tag] = await context.db
    .update(expertiseTags)
    .set({ name })
    .where(eq(expertiseTags.id, tagId))
    .returning({ id: expertiseTags.id, name: expertiseTags.name })
    .catch(rethrowDuplicateTag);
  if (!tag) throw new NotFound();
  await context.audit('expertise_tags.changed', { type: 'expertise_tag', id: tag.id }, { change: 'renamed' });
  return tag;
}

/** Removes an expertise tag; members lose it (their profiles keep everything else). */
export async function deleteTag(context: UseCaseContext, tagId: string): Promise<void> {
  context.require('team.manage', {});
  const deleted = await context.db
    .delete(expertiseTags)
    .where(eq(expertiseTags.id, tagId))
    .returning({ id: expertiseTags.id });
  if (deleted.length === 0) throw new NotFound();
  await context.audit('expertise_tags.changed', { type: 'expertise_tag', id: tagId }, { change: 'deleted' });
}

async function detailOf(context: UseCaseContext, userId: string): Promise<TeamMemberDetail> {
  const { db } = context;
  const today = context.clock.today();
  const [row] = await db
    .select({ ...memberColumns, photoDataUrl: teamMembers.photoDataUrl })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .where(and(isTeamMember, eq(users.id, userId)));
  if (!row) throw new NotFound();
  const hours = await db
    .select({ schoolYear: teamMemberHours.schoolYear, contractedHours: teamMemberHours.contractedHours })
    .from(teamMemberHours)
    .where(eq(teamMemberHours.userId, userId))
    .orderBy(desc(teamMemberHours.schoolYear));
  const absences = await db
    .select({
      id: teamMemberAbsences.id,
      startsOn: teamMemberAbsences.startsOn,
      endsOn: teamMemberAbsences.endsOn,
    })
    .from(teamMemberAbsences)
    .where(eq(teamMemberAbsences.userId, userId))
    .orderBy(desc(teamMemberAbsences.startsOn));
  const tags = (await loadTags(context, [userId])).get(userId) ?? [];
  const schools = (await loadServedSchools(context, [userId], today)).get(userId) ?? [];
  const currentHours = hours.find((entry) => entry.schoolYear === schoolYearOf(today));
  return {
    ...toSummary({ ...row, contractedHours: currentHours?.contractedHours ?? null }, tags, schools),
    hours: hours.map((entry) => ({
      schoolYear: entry.schoolYear,
      contractedHours: Number(entry.contractedHours),
    })),
    absences,
    publicProfile: {
      showExpertise: row.showExpertise,
      showSchools: row.showSchools,
      showPhoto: row.showPhoto,
    },
    hasPhoto: row.photoDataUrl !== null,
    photoDataUrl: row.photoDataUrl,
    onlyTeamRoles: hasOnlyTeamRoles(
      await db
        .select({ role: roleAssignments.role })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, userId)),
    ),
  };
}

type SummaryRow = {
  userId: string;
  name: string;
  teamRole: TeamMemberSummary['teamRole'];
  status: TeamMemberSummary['status'];
  leftOn: string | null;
  contractedHours: string | null;
  accountStatus: TeamMemberSummary['accountStatus'];
};

function toSummary(row: SummaryRow, tags: ExpertiseTag[], schools: ServedSchool[]): TeamMemberSummary {
  return {
    userId: row.userId,
    name: row.name,
    teamRole: row.teamRole,
    status: row.status,
    leftOn: row.leftOn,
    tags,
    contractedHours: row.contractedHours === null ? null : Number(row.contractedHours),
    schools,
    schoolCount: schools.length,
    accountStatus: row.accountStatus,
  };
}

/** Creates the profile row on the first edit, or changes the given columns. */
async function upsertProfile(
  { db, actor }: UseCaseContext,
  userId: string,
  values: Partial<
    Pick<
      typeof teamMembers.$inferInsert,
      'status' | 'leftOn' | 'showExpertise' | 'showSchools' | 'showPhoto' | 'photoDataUrl'
    >
  >,
): Promise<void> {
  await db
    .insert(teamMembers)
    .values({ tenantId: actor.tenantId, userId, ...values })
    .onConflictDoUpdate({ target: teamMembers.userId, set: { ...values, updatedAt: sql`now()` } });
}

async function loadTags({ db }: Db, userIds: string[]): Promise<Map<string, ExpertiseTag[]>> {
  const byUser = new Map<string, ExpertiseTag[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: teamMemberTags.userId, id: expertiseTags.id, name: expertiseTags.name })
    .from(teamMemberTags)
    .innerJoin(expertiseTags, eq(expertiseTags.id, teamMemberTags.tagId))
    .where(inArray(teamMemberTags.userId, userIds))
    .orderBy(asc(expertiseTags.name));
  for (const { userId, ...tag } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), tag]);
  return byUser;
}

/** The schools each member serves on a date as one of the fixed pair (R5). */
export async function loadServedSchools(
  { db }: Db,
  userIds: string[],
  date: string,
): Promise<Map<string, ServedSchool[]>> {
  const byUser = new Map<string, ServedSchool[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      userId: schoolTeamAssignments.userId,
      locationId: locations.id,
      name: locations.name,
      isContact: schoolTeamAssignments.isContact,
    })
    .from(schoolTeamAssignments)
    .innerJoin(locations, eq(locations.id, schoolTeamAssignments.locationId))
    .where(
      and(
        inArray(schoolTeamAssignments.userId, userIds),
        lte(schoolTeamAssignments.validFrom, date),
        or(isNull(schoolTeamAssignments.validTo), gt(schoolTeamAssignments.validTo, date)),
      ),
    )
    .orderBy(asc(locations.name));
  for (const { userId, ...school } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), school]);
  return byUser;
}

const photoPattern = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * The photo as it is stored: a data URL whose declared type is JPEG, PNG or WebP, whose decoded bytes
 * are at most 200 KB and really are that type (the label alone proves nothing).
 */
async function checkedPhoto(dataUrl: string): Promise<string> {
  const match = photoPattern.exec(dataUrl);
  const mime = match?.[1];
  const base64 = match?.[2] ?? '';
  if (!mime || base64.length === 0 || base64.length % 4 !== 0) throw photoError('photo_type');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxPhotoBytes) throw photoError('photo_too_large', { maxKb: maxPhotoBytes / 1024 });
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== mime) throw photoError('photo_type');
  return `data:${mime};base64,${base64}`;
}

function photoError(code: string, params?: Record<string, number>) {
  return new ValidationFailed([{ path: 'dataUrl', code, ...(params ? { params } : {}) }]);
}

/** Tag ids must name tags of this partnership: the foreign key alone ignores row-level security. */
async function assertTagNameFree({ db }: Db, name: string, exceptId: string | null): Promise<void> {
  const [existing] = await db
    .select({ id: expertiseTags.id })
    .from(expertiseTags)
    .where(sql`lower(${expertiseTags.name}) = lower(${name})`);
  if (existing && existing.id !== exceptId) throw duplicateTag();
}

function duplicateTag() {
  return new RuleViolation('conflict', 409, [{ path: 'name', code: 'duplicate_tag' }]);
}

function rethrowDuplicateTag(error: unknown): never {
  throw isUniqueViolation(error, 'expertise_tags_name_unique') ? duplicateTag() : error;
}
