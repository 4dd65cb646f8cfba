import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import {
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
  type UpdateTeamMemberInput,
} from '../../../contracts/team.ts';
import { type DatabaseClient, isUniqueViolation, type Transaction } from '../../db/client.ts';
import {
  type Action,
  type Actor,
  canAccess,
  hasGrant,
  scopeCondition,
} from '../../platform/access/policies.ts';
import { indexedFields, requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { Forbidden, NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
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

// What a member shows when no profile row exists yet (the row is created on the first edit).
const memberColumns = {
  userId: users.id,
  name: users.name,
  teamRole: sql<TeamMemberSummary['teamRole']>`${roleAssignments.teamRole}`,
  status: sql<TeamMemberSummary['status']>`coalesce(${teamMembers.status}, 'active')`,
  leftOn: teamMembers.leftOn,
  showExpertise: sql<boolean>`coalesce(${teamMembers.showExpertise}, true)`,
  showSchools: sql<boolean>`coalesce(${teamMembers.showSchools}, true)`,
  showPhoto: sql<boolean>`coalesce(${teamMembers.showPhoto}, false)`,
  accountStatus: users.status,
};

const isTeamMember = and(
  eq(roleAssignments.role, 'team_member'),
  sql`${roleAssignments.teamRole} is not null`,
);

/** The expertise team (R1): member profiles, expertise tags, contracted hours and absences. */
export class TeamService {
  constructor(private readonly database: DatabaseClient) {}

  /**
   * A page of the team: members with team role, status, tags, the contracted hours of one school
   * year and the schools they serve today (three queries for the page, one for the total).
   */
  listTeam(actor: Actor, query: TeamListQuery, meta: RequestMeta): Promise<TeamPage> {
    const today = todayInAmsterdam();
    const schoolYear = query.schoolYear ?? schoolYearOf(today);
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const where = and(
        isTeamMember,
        scopeCondition(actor, 'team.read', { userId: users.id }),
        query.q ? ilike(users.name, containsPattern(query.q)) : undefined,
        query.teamRole ? eq(roleAssignments.teamRole, query.teamRole) : undefined,
        query.status ? sql`coalesce(${teamMembers.status}, 'active') = ${query.status}` : undefined,
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
            .orderBy(asc(users.name), asc(users.id))
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
      const tagsByUser = await loadTags(transaction, userIds);
      const schoolsByUser = await loadServedSchools(transaction, userIds, today);
      await recordAudit(transaction, auditActorOf(actor, meta), 'team.listed', null, {
        count: userIds.length,
      });
      const items = page.items.map((row) =>
        toSummary(row, tagsByUser.get(row.userId) ?? [], schoolsByUser.get(row.userId) ?? []),
      );
      return { ...page, items, schoolYear };
    });
  }

  /** One member's profile with hours of every school year, absences and public-page choices. */
  getMember(actor: Actor, userId: string, meta: RequestMeta): Promise<TeamMemberDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.read', userId);
      await recordAudit(transaction, auditActorOf(actor, meta), 'team.viewed', { type: 'user', id: userId });
      return this.detailOf(transaction, userId);
    });
  }

  /**
   * Changes status and expertise tags. A member who still serves schools cannot be marked as left:
   * their pairs are changed first (R5 keeps every school's pair explicit, never silently emptied).
   */
  updateMember(
    actor: Actor,
    userId: string,
    input: UpdateTeamMemberInput,
    meta: RequestMeta,
  ): Promise<TeamMemberDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const current = await this.loadChecked(transaction, actor, 'team.manage', userId);
      const today = todayInAmsterdam();
      const status = input.status ?? current.status;
      const leftOn = status === 'active' ? null : (input.leftOn ?? current.leftOn ?? today);
      if (status === 'left' && leftOn) {
        const [serving] = await db
          .select({ schools: count() })
          .from(schoolTeamAssignments)
          .where(
            and(
              eq(schoolTeamAssignments.userId, userId),
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
        await requireVisible(
          transaction,
          actor,
          { kind: 'expertiseTag' },
          indexedFields('tagIds', input.tagIds),
          'unknown_tag',
        );
      await upsertProfile(transaction, userId, { status, leftOn });
      // P7: leaving on a day that has come ends the account now, not at the next night's leaver job.
      const [account] = await db.select({ status: users.status }).from(users).where(eq(users.id, userId));
      if (account && isLeaverDue({ teamStatus: status, leftOn, accountStatus: account.status }, today)) {
        await endAccount(transaction, userId, auditActorOf(actor, meta), 'left');
      }
      if (input.tagIds) {
        await db.delete(teamMemberTags).where(eq(teamMemberTags.userId, userId));
        const tagIds = [...new Set(input.tagIds)];
        if (tagIds.length > 0) {
          await db
            .insert(teamMemberTags)
            .values(tagIds.map((tagId) => ({ tenantId: actor.tenantId, userId, tagId })));
        }
      }
      const fields = (Object.keys(input) as Array<keyof UpdateTeamMemberInput>)
        .filter((key) => input[key] !== undefined)
        .sort()
        .join(',');
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'team.updated',
        { type: 'user', id: userId },
        {
          fields,
        },
      );
      return this.detailOf(transaction, userId);
    });
  }

  /** Sets the contracted hours of a member in a school year. */
  setHours(
    actor: Actor,
    userId: string,
    schoolYear: number,
    contractedHours: number,
    meta: RequestMeta,
  ): Promise<ContractedHours> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.manage', userId);
      await upsertProfile(transaction, userId, {});
      const hours = contractedHours.toFixed(2);
      await transaction.db
        .insert(teamMemberHours)
        .values({ tenantId: actor.tenantId, userId, schoolYear, contractedHours: hours })
        .onConflictDoUpdate({
          target: [teamMemberHours.userId, teamMemberHours.schoolYear],
          set: { contractedHours: hours },
        });
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'team.hours_set',
        { type: 'user', id: userId },
        {
          schoolYear,
          contractedHours,
        },
      );
      return { schoolYear, contractedHours };
    });
  }

  /** Records an absence (from–to, both days included). */
  addAbsence(actor: Actor, userId: string, input: AbsenceInput, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.manage', userId);
      // The contract checks this too; a direct API call must not reach the database check.
      if (input.endsOn < input.startsOn)
        throw new ValidationFailed([{ path: 'endsOn', code: 'end_before_start' }]);
      await upsertProfile(transaction, userId, {});
      const [absence] = await transaction.db
        .insert(teamMemberAbsences)
        .values({ tenantId: actor.tenantId, userId, startsOn: input.startsOn, endsOn: input.endsOn })
        .returning({
          id: teamMemberAbsences.id,
          startsOn: teamMemberAbsences.startsOn,
          endsOn: teamMemberAbsences.endsOn,
        });
      if (!absence) throw new Error('insert returned nothing');
      await recordAudit(transaction, auditActorOf(actor, meta), 'team.absence_added', {
        type: 'user',
        id: userId,
      });
      return absence;
    });
  }

  /** Removes an absence of this member; 404 when there is none with that id. */
  removeAbsence(actor: Actor, userId: string, absenceId: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.manage', userId);
      const deleted = await transaction.db
        .delete(teamMemberAbsences)
        .where(and(eq(teamMemberAbsences.id, absenceId), eq(teamMemberAbsences.userId, userId)))
        .returning({ id: teamMemberAbsences.id });
      if (deleted.length === 0) throw new NotFound();
      await recordAudit(transaction, auditActorOf(actor, meta), 'team.absence_removed', {
        type: 'user',
        id: userId,
      });
    });
  }

  /** R15: what the public team page shows of a member; the member chooses, the coordinator may too. */
  setPublicProfile(
    actor: Actor,
    userId: string,
    input: PublicProfileInput,
    meta: RequestMeta,
  ): Promise<PublicProfile> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.public_profile', userId);
      await upsertProfile(transaction, userId, input);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'team.public_profile_changed',
        { type: 'user', id: userId },
        { ...input },
      );
      return (await this.detailOf(transaction, userId)).publicProfile;
    });
  }

  /**
   * R15: sets a member's photo (a member their own, a coordinator anyone's). Only a JPEG, PNG or WebP
   * data URL of at most 200 KB whose bytes really are that type; whether it shows is `showPhoto`.
   */
  setPhoto(actor: Actor, userId: string, dataUrl: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.public_profile', userId);
      const photoDataUrl = await checkedPhoto(dataUrl);
      await upsertProfile(transaction, userId, { photoDataUrl });
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'team.public_profile_changed',
        { type: 'user', id: userId },
        { photo: 'set' },
      );
    });
  }

  /** R15: removes a member's photo (nothing to remove is fine). */
  removePhoto(actor: Actor, userId: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await this.loadChecked(transaction, actor, 'team.public_profile', userId);
      await upsertProfile(transaction, userId, { photoDataUrl: null });
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'team.public_profile_changed',
        { type: 'user', id: userId },
        { photo: 'removed' },
      );
    });
  }

  /** The expertise tags of the partnership, by name (a handful to a few dozen). */
  listTags(actor: Actor): Promise<{ items: ExpertiseTag[] }> {
    return this.database.withTenant(actor.tenantId, async ({ db }) => {
      // Tags are a shared list without personal data: any grant of team.read may see all of it.
      if (!hasGrant(actor, 'team.read')) throw new Forbidden();
      const items = await db
        .select({ id: expertiseTags.id, name: expertiseTags.name })
        .from(expertiseTags)
        .orderBy(asc(expertiseTags.name));
      return { items };
    });
  }

  /** Adds an expertise tag; a name already in use is refused on the field. */
  createTag(actor: Actor, name: string, meta: RequestMeta): Promise<ExpertiseTag> {
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        if (!canAccess(actor, 'team.manage', { tenantId: actor.tenantId })) throw new Forbidden();
        await assertTagNameFree(transaction, name, null);
        const [tag] = await transaction.db
          .insert(expertiseTags)
          .values({ tenantId: actor.tenantId, name })
          .returning({ id: expertiseTags.id, name: expertiseTags.name });
        if (!tag) throw new Error('insert returned nothing');
        await recordAudit(
          transaction,
          auditActorOf(actor, meta),
          'expertise_tags.changed',
          {
            type: 'expertise_tag',
            id: tag.id,
          },
          { change: 'created' },
        );
        return tag;
      })
      .catch(rethrowDuplicateTag);
  }

  /** Renames an expertise tag. */
  renameTag(actor: Actor, tagId: string, name: string, meta: RequestMeta): Promise<ExpertiseTag> {
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        if (!canAccess(actor, 'team.manage', { tenantId: actor.tenantId })) throw new Forbidden();
        await assertTagNameFree(transaction, name, tagId);
        const [tag] = await transaction.db
          .update(expertiseTags)
          .set({ name })
          .where(eq(expertiseTags.id, tagId))
          .returning({ id: expertiseTags.id, name: expertiseTags.name });
        if (!tag) throw new NotFound();
        await recordAudit(
          transaction,
          auditActorOf(actor, meta),
          'expertise_tags.changed',
          {
            type: 'expertise_tag',
            id: tag.id,
          },
          { change: 'renamed' },
        );
        return tag;
      })
      .catch(rethrowDuplicateTag);
  }

  /** Removes an expertise tag; members lose it (their profiles keep everything else). */
  deleteTag(actor: Actor, tagId: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      if (!canAccess(actor, 'team.manage', { tenantId: actor.tenantId })) throw new Forbidden();
      const deleted = await transaction.db
        .delete(expertiseTags)
        .where(eq(expertiseTags.id, tagId))
        .returning({ id: expertiseTags.id });
      if (deleted.length === 0) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'expertise_tags.changed',
        {
          type: 'expertise_tag',
          id: tagId,
        },
        { change: 'deleted' },
      );
    });
  }

  /** The member (404 when the user is not in this partnership's team), then the record-level check. */
  private async loadChecked({ db }: Transaction, actor: Actor, action: Action, userId: string) {
    const [member] = await db
      .select({ userId: users.id, status: memberColumns.status, leftOn: teamMembers.leftOn })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
      .where(and(isTeamMember, eq(users.id, userId)));
    if (!member) throw new NotFound();
    if (!canAccess(actor, action, { tenantId: actor.tenantId, userId })) throw new Forbidden();
    return member;
  }

  private async detailOf(transaction: Transaction, userId: string): Promise<TeamMemberDetail> {
    const { db } = transaction;
    const today = todayInAmsterdam();
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
    const tags = (await loadTags(transaction, [userId])).get(userId) ?? [];
    const schools = (await loadServedSchools(transaction, [userId], today)).get(userId) ?? [];
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
  { db, tenantId }: Transaction,
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
    .values({ tenantId: tenantId as string, userId, ...values })
    .onConflictDoUpdate({ target: teamMembers.userId, set: { ...values, updatedAt: sql`now()` } });
}

async function loadTags({ db }: Transaction, userIds: string[]): Promise<Map<string, ExpertiseTag[]>> {
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
  { db }: Transaction,
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
async function assertTagNameFree({ db }: Transaction, name: string, exceptId: string | null): Promise<void> {
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
