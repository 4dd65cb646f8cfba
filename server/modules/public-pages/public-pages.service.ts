import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type {
  PublicExpertisePoint,
  PublicExpertisePointList,
  PublicPrivacyStatement,
  PublicTeam,
  PublicTeamMember,
} from '../../../contracts/public.ts';
import { privacyOfficerRole } from '../../../contracts/roles.ts';
import type { DbTransaction } from '../../db/client.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound } from '../../platform/http/errors.ts';
import type { PublicContext } from '../../platform/kernel/kernel.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { offerOf } from '../expertise-points/expertise-points.rules.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { retentionScheduleOf } from '../retention/schedule.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags, schoolTeamAssignments, teamMembers, teamMemberTags } from '../team/team.schema.ts';
import { isTeamMember } from '../team/team.targets.ts';

// A public page is no place for an endless list; a partnership's team is a dozen or so people.
const maxPublicRows = 500;

// The public pages of a partnership (R15, E10), read without a session. Each one names its partnership
// by slug; the route looks the slug up (a platform lookup, outside any partnership) and runs the use
// case in that partnership only. A page shows only what is meant for the public.

/** The active team members with what each chose to show (never an e-mail address). */
export async function getPublicTeam(context: PublicContext): Promise<PublicTeam> {
  const { db } = context;
  const today = context.clock.today();
  const partnershipName = await partnershipNameOf(context);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      teamRole: roleAssignments.teamRole,
      // A member without a profile row gets the profile's defaults.
      showExpertise: sql<boolean>`coalesce(${teamMembers.showExpertise}, true)`,
      showSchools: sql<boolean>`coalesce(${teamMembers.showSchools}, true)`,
      showPhoto: sql<boolean>`coalesce(${teamMembers.showPhoto}, false)`,
      photoDataUrl: teamMembers.photoDataUrl,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .where(
      and(
        isTeamMember,
        ne(users.status, 'disabled'),
        or(isNull(teamMembers.status), ne(teamMembers.status, 'left')),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(maxPublicRows);
  const expertise = await loadExpertise(
    db,
    rows.filter((row) => row.showExpertise).map((row) => row.id),
  );
  const schools = await loadSchoolsServedOn(
    db,
    rows.filter((row) => row.showSchools).map((row) => row.id),
    today,
  );
  const members: PublicTeamMember[] = rows.flatMap((row) =>
    row.teamRole
      ? [
          {
            id: row.id,
            name: row.name,
            teamRole: row.teamRole,
            expertise: row.showExpertise ? (expertise.get(row.id) ?? []) : null,
            schools: row.showSchools ? (schools.get(row.id) ?? []) : null,
            photoDataUrl: row.showPhoto ? row.photoDataUrl : null,
          },
        ]
      : [],
  );
  return { partnershipName, members };
}

/** The secondary locations that have an expertise point. */
export async function listPublicExpertisePoints(context: PublicContext): Promise<PublicExpertisePointList> {
  const partnershipName = await partnershipNameOf(context);
  const rows = await context.db
    .select({ locationId: locations.id, name: locations.name, place: locations.place })
    .from(expertisePoints)
    .innerJoin(locations, eq(locations.id, expertisePoints.locationId))
    .where(publicLocationCondition(context.clock.today()))
    .orderBy(asc(locations.name), asc(locations.id))
    .limit(maxPublicRows);
  return { partnershipName, expertisePoints: rows };
}

/** What the expertise point at one location offers (E7 always, E8 only where offered); 404 without one. */
export async function getPublicExpertisePoint(
  context: PublicContext,
  locationId: string,
): Promise<PublicExpertisePoint> {
  const partnershipName = await partnershipNameOf(context);
  const [row] = await context.db
    .select({
      locationId: locations.id,
      name: locations.name,
      place: locations.place,
      room: expertisePoints.room,
      openingHours: expertisePoints.openingHours,
      offersHomeworkSupport: expertisePoints.offersHomeworkSupport,
      publicDescription: expertisePoints.publicDescription,
    })
    .from(expertisePoints)
    .innerJoin(locations, eq(locations.id, expertisePoints.locationId))
    .where(and(eq(locations.id, locationId), publicLocationCondition(context.clock.today())));
  if (!row) throw new NotFound();
  const { offersHomeworkSupport, ...rest } = row;
  return { partnershipName, ...rest, offer: offerOf(offersHomeworkSupport) };
}

async function partnershipNameOf({ db, transaction }: PublicContext): Promise<string> {
  if (!transaction.tenantId) throw new NotFound();
  const [tenant] = await db
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, transaction.tenantId));
  if (!tenant) throw new NotFound();
  return tenant.name;
}

// A regular secondary location (E1) that has not closed.
function publicLocationCondition(today: string) {
  return and(
    eq(locations.sector, 'vo'),
    or(isNull(locations.activeFrom), lte(locations.activeFrom, today)),
    or(isNull(locations.activeTo), gte(locations.activeTo, today)),
  );
}

async function loadExpertise(db: DbTransaction, userIds: string[]) {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: teamMemberTags.userId, name: expertiseTags.name })
    .from(teamMemberTags)
    .innerJoin(expertiseTags, eq(expertiseTags.id, teamMemberTags.tagId))
    .where(inArray(teamMemberTags.userId, userIds))
    .orderBy(asc(expertiseTags.name));
  for (const { userId, name } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), name]);
  return byUser;
}

// The schools a member serves on a day as one of their fixed pair (R5); valid_to is exclusive.
async function loadSchoolsServedOn(db: DbTransaction, userIds: string[], today: string) {
  const byUser = new Map<string, Array<{ name: string; place: string }>>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: schoolTeamAssignments.userId, name: locations.name, place: locations.place })
    .from(schoolTeamAssignments)
    .innerJoin(locations, eq(locations.id, schoolTeamAssignments.locationId))
    .where(
      and(
        inArray(schoolTeamAssignments.userId, userIds),
        lte(schoolTeamAssignments.validFrom, today),
        or(isNull(schoolTeamAssignments.validTo), gt(schoolTeamAssignments.validTo, today)),
      ),
    )
    .orderBy(asc(locations.name), asc(locations.id));
  for (const { userId, name, place } of rows)
    byUser.set(userId, [...(byUser.get(userId) ?? []), { name, place }]);
  return byUser;
}

/**
 * What the privacy statement of a partnership says that differs per partnership (issue 15, point 6):
 * its name, the periods of its retention schedule (P4) and its privacy officer's name and work address
 * (whose publication the AVG asks for, art. 37 lid 7). The texts themselves are the web app's.
 */
export async function getPublicPrivacyStatement(context: PublicContext): Promise<PublicPrivacyStatement> {
  const { db } = context;
  const partnershipName = await partnershipNameOf(context);
  const schedule = await retentionScheduleOf(db);
  const officers = await db
    .selectDistinct({ name: users.name, email: users.email })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, privacyOfficerRole), eq(users.status, 'active')))
    .orderBy(asc(users.name))
    .limit(5);
  return {
    partnershipName,
    retention: schedule.periods.map(({ kind, amount, unit }) => ({ kind, amount, unit })),
    privacyOfficers: officers,
  };
}
