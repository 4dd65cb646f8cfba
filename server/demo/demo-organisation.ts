import { inArray, sql } from 'drizzle-orm';
import type { TeamRole } from '../../contracts/roles.ts';
import { schoolYearOf, todayInAmsterdam } from '../../contracts/school-year.ts';
import type { Transaction } from '../db/client.ts';
import { expertisePoints } from '../modules/expertise-points/expertise-points.schema.ts';
import { locations, pupilCounts, schoolBoards } from '../modules/schools/schools.schema.ts';
import {
  expertiseTags,
  schoolTeamAssignments,
  teamMemberHours,
  teamMembers,
  teamMemberTags,
} from '../modules/team/team.schema.ts';
import { roleAssignments, users } from '../platform/auth/auth.schema.ts';

// Fictional boards, schools and people in the Gelderse Vallei and along the Rijn.
const boards = [
  { code: '41801', name: 'Stichting Openbaar Onderwijs Vallei en Rijn' },
  { code: '41802', name: 'Vereniging Christelijk Basisonderwijs De Heuvelrug' },
  { code: '41803', name: 'Stichting Speciaal Onderwijs Gelderse Vallei' },
  { code: '41804', name: 'Stichting Voortgezet Onderwijs Rijn en Vallei' },
];

/** Extra locations beside the seven of the base demo, with their board (by code). */
const extraLocations = [
  {
    name: 'OBS De Sterrenwachter',
    brin: '22PL',
    locationCode: '00',
    sector: 'bo',
    place: 'Veenendaal',
    board: '41801',
  },
  {
    name: 'OBS Het Palet',
    brin: '22PL',
    locationCode: '01',
    sector: 'bo',
    place: 'Veenendaal',
    board: '41801',
  },
  { name: 'CBS De Fontein', brin: '16WR', locationCode: '00', sector: 'bo', place: 'Ede', board: '41802' },
  {
    name: 'CBS Koningin Juliana',
    brin: '11TE',
    locationCode: '00',
    sector: 'bo',
    place: 'Bennekom',
    board: '41802',
  },
  {
    name: 'Montessorischool De Ontdekking',
    brin: '08RS',
    locationCode: '00',
    sector: 'bo',
    place: 'Renkum',
    board: '41801',
  },
  { name: 'OBS De Brink', brin: '26DG', locationCode: '00', sector: 'bo', place: 'Lunteren', board: '41801' },
  { name: 'SO De Boei', brin: '13MC', locationCode: '00', sector: 'so', place: 'Wageningen', board: '41803' },
  {
    name: 'Heuvelrug Scholengemeenschap',
    brin: '19BX',
    locationCode: '00',
    sector: 'vo',
    place: 'Veenendaal',
    board: '41804',
  },
  {
    name: 'Het Edens Atheneum',
    brin: '24JV',
    locationCode: '00',
    sector: 'vo',
    place: 'Ede',
    board: '41804',
  },
] as const;

const baseBoardOf: Record<string, string> = {
  '27XA': '41801',
  '14QR': '41802',
  '09KL': '41801',
  '31ZD': '41803',
  '20VB': '41804',
  '18MN': '41804',
  '05HT': '41803',
};

const tagNames = [
  'Gedrag',
  'Autisme',
  'Groepsdynamica',
  'Hoogbegaafdheid',
  'Dyslexie',
  'Klassenmanagement',
  'Inclusief onderwijs',
  'Jonge kind',
  'Taalontwikkeling',
];

/** Ten more team members; with the two demo accounts the team has twelve (R1). */
const extraMembers: Array<{ email: string; name: string; teamRole: TeamRole }> = [
  { email: 'l.vandenberg@demo.passend.test', name: 'Linda van den Berg', teamRole: 'behavioural_scientist' },
  { email: 'm.dekker@demo.passend.test', name: 'Martijn Dekker', teamRole: 'behavioural_scientist' },
  { email: 's.yilmaz@demo.passend.test', name: 'Selin Yılmaz', teamRole: 'behavioural_scientist' },
  { email: 'k.brouwer@demo.passend.test', name: 'Koen Brouwer', teamRole: 'behavioural_scientist' },
  { email: 'e.devries@demo.passend.test', name: 'Eva de Vries-Kok', teamRole: 'behavioural_scientist' },
  { email: 'n.schouten@demo.passend.test', name: 'Nienke Schouten', teamRole: 'inclusion_adviser' },
  { email: 'r.vermeulen@demo.passend.test', name: 'Rob Vermeulen', teamRole: 'inclusion_adviser' },
  { email: 'a.boukhari@demo.passend.test', name: 'Anouar Boukhari', teamRole: 'inclusion_adviser' },
  { email: 'j.vanleeuwen@demo.passend.test', name: 'Joke van Leeuwen', teamRole: 'inclusion_adviser' },
  { email: 'd.koster@demo.passend.test', name: 'Daan Koster', teamRole: 'inclusion_adviser' },
];

/**
 * VSO teachers and mentors for two more secondary locations, so they have pupils at their expertise
 * points (issue 7); one location stays unstaffed to show the warning (E1).
 */
const extraSecondaryStaff = [
  { email: 'w.bosch@demo.passend.test', name: 'Wendy Bosch', brin: '18MN', role: 'vso_teacher' },
  { email: 't.peters@demo.passend.test', name: 'Thomas Peters', brin: '19BX', role: 'vso_teacher' },
  { email: 'r.yilmaz@demo.passend.test', name: 'Rachid Yilmaz', brin: '18MN', role: 'mentor' },
  { email: 'i.vermeulen@demo.passend.test', name: 'Inge Vermeulen', brin: '19BX', role: 'mentor' },
] as const;

/**
 * The organisation of the demo partnership (issue 3): boards, more schools with pupil counts, a team of
 * twelve with expertise and hours, a fixed pair for every primary school, and an expertise point at
 * every secondary location (two with homework support, E8).
 */
export async function seedDemoOrganisation(
  transaction: Transaction,
  context: { tenantId: string; passwordHash: string; teamUserIds: Record<TeamRole, string[]> },
) {
  const { db } = transaction;
  const { tenantId } = context;
  const insertedBoards = await db
    .insert(schoolBoards)
    .values(boards.map((board) => ({ tenantId, ...board })))
    .returning({ id: schoolBoards.id, code: schoolBoards.code });
  const boardId = (code: string) => insertedBoards.find((board) => board.code === code)?.id ?? null;

  await db.insert(locations).values(
    extraLocations.map(({ board, ...location }) => ({
      tenantId,
      ...location,
      boardId: boardId(board),
      street: 'Schoolstraat',
      houseNumber: String(10 + location.name.length),
      postalCode: '6700 AA',
    })),
  );
  // In the order they were inserted (the demo's own schools, then these): pupil counts, pairs and the
  // homework offer follow it, and the browser tests count on that. Without an order the planner may
  // walk an index and hand them back in another order.
  const allLocations = await db.select().from(locations).orderBy(sql`ctid`);
  for (const location of allLocations) {
    const code = baseBoardOf[location.brin];
    if (code && !location.boardId) {
      await db
        .update(locations)
        .set({ boardId: boardId(code) })
        .where(inArray(locations.id, [location.id]));
    }
  }

  const currentYear = schoolYearOf(todayInAmsterdam());
  const counts = allLocations.flatMap((location, index) => {
    const base =
      location.sector === 'vo'
        ? 900 + index * 37
        : location.sector === 'bo'
          ? 140 + index * 23
          : 95 + index * 4;
    return [currentYear - 1, currentYear].map((schoolYear, offset) => ({
      tenantId,
      locationId: location.id,
      schoolYear,
      pupils: base + offset * ((index % 3) - 1) * 6,
      source: 'manual' as const,
    }));
  });
  await db.insert(pupilCounts).values(counts);

  const tags = await db
    .insert(expertiseTags)
    .values(tagNames.map((name) => ({ tenantId, name })))
    .returning({ id: expertiseTags.id });

  const members = await db
    .insert(users)
    .values(
      extraMembers.map((member) => ({
        tenantId,
        email: member.email,
        name: member.name,
        status: 'active' as const,
        passwordHash: context.passwordHash,
      })),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(roleAssignments).values(
    members.map((member) => ({
      tenantId,
      userId: member.id,
      role: 'team_member' as const,
      teamRole: extraMembers.find((extra) => extra.email === member.email)?.teamRole ?? null,
    })),
  );
  const teamUserIds: Record<TeamRole, string[]> = {
    behavioural_scientist: [...context.teamUserIds.behavioural_scientist],
    inclusion_adviser: [...context.teamUserIds.inclusion_adviser],
  };
  for (const member of members) {
    const teamRole = extraMembers.find((extra) => extra.email === member.email)?.teamRole;
    if (teamRole) teamUserIds[teamRole].push(member.id);
  }
  const everyone = [...teamUserIds.behavioural_scientist, ...teamUserIds.inclusion_adviser];
  await db
    .insert(teamMembers)
    .values(
      everyone.map((userId, index) => ({ tenantId, userId, showPhoto: false, showSchools: index % 5 !== 4 })),
    );
  await db.insert(teamMemberTags).values(
    everyone.flatMap((userId, index) =>
      [index, index + 3].map((offset) => ({
        tenantId,
        userId,
        tagId: tags[offset % tags.length]?.id as string,
      })),
    ),
  );
  await db.insert(teamMemberHours).values(
    everyone.map((userId, index) => ({
      tenantId,
      userId,
      schoolYear: currentYear,
      contractedHours: String(640 + (index % 4) * 160),
    })),
  );

  // Every primary school gets a pair from the start of the school year; the contact alternates.
  const primary = allLocations
    .filter((location) => ['bo', 'sbo', 'so'].includes(location.sector))
    .sort((left, right) => left.name.localeCompare(right.name, 'nl'));
  const regenboogFirst = [
    ...primary.filter((location) => location.brin === '27XA'),
    ...primary.filter((location) => location.brin !== '27XA'),
  ];
  await db.insert(schoolTeamAssignments).values(
    regenboogFirst.flatMap((location, index) => {
      const scientist = teamUserIds.behavioural_scientist[
        index % teamUserIds.behavioural_scientist.length
      ] as string;
      const adviser = teamUserIds.inclusion_adviser[index % teamUserIds.inclusion_adviser.length] as string;
      const validFrom = `${currentYear}-08-01`;
      return [
        {
          tenantId,
          locationId: location.id,
          userId: scientist,
          teamRole: 'behavioural_scientist' as const,
          isContact: index % 2 === 0,
          validFrom,
        },
        {
          tenantId,
          locationId: location.id,
          userId: adviser,
          teamRole: 'inclusion_adviser' as const,
          isContact: index % 2 === 1,
          validFrom,
        },
      ];
    }),
  );

  const secondary = allLocations.filter((location) => location.sector === 'vo');
  await db.insert(expertisePoints).values(
    secondary.map((location, index) => ({
      tenantId,
      locationId: location.id,
      room: `Lokaal 0.${12 + index}`,
      openingHours: 'Maandag tot en met vrijdag, 8.15 – 16.30 uur',
      offersHomeworkSupport: index < 2,
      publicDescription:
        'Het expertisepunt is een rustige plek in de school. Je kunt er terecht als het in de klas even te veel wordt, ' +
        'en om samen met de docent vso je schoolwerk te plannen.',
    })),
  );
  const staff = await db
    .insert(users)
    .values(
      extraSecondaryStaff.map((member) => ({
        tenantId,
        email: member.email,
        name: member.name,
        status: 'active' as const,
        passwordHash: context.passwordHash,
      })),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(roleAssignments).values(
    staff.map((member) => {
      const planned = extraSecondaryStaff.find((extra) => extra.email === member.email);
      return {
        tenantId,
        userId: member.id,
        role: planned?.role ?? 'vso_teacher',
        locationId: allLocations.find((location) => location.brin === planned?.brin)?.id as string,
      };
    }),
  );
}
