import { sql } from 'drizzle-orm';
import { addDays, amsterdamInstant, schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import { type Clock, systemClock } from '../../platform/kernel/clock.ts';

// The requests a held talk expects and the expertise it wants, by the school's place in the list.
const expectedRequestsOf = [10, 15, 6, 12, 11, 8];
const wantedTagsOf = [
  ['Jonge kind', 'Gedrag'],
  ['Jonge kind'],
  ['Autisme', 'Taalontwikkeling'],
  ['Jonge kind', 'Groepsdynamica'],
  ['Jonge kind', 'Taalontwikkeling'],
];

/**
 * The demo's meetings this school year, so the staff office's overview has a mix: most schools with
 * their annual talk held and SOT meetings planned, some with the talk only planned, a few with
 * nothing yet. OBS De Regenboog gets only a past SOT still to record (server/demo/demo-my-work.ts): the
 * browser test plans its talk and SOT meetings. A talk records the requests the school expects and
 * the expertise it wants, leaning on the young child and behaviour, so demand against capacity
 * shows a shortfall. "Today" comes from the clock the seed is given (the wall clock until the demo
 * seed passes its own).
 */
export async function seedDemoMeetings(
  transaction: Transaction,
  tenantId: string,
  clock: Clock = systemClock,
): Promise<void> {
  const today = clock.today();
  const schoolYear = schoolYearOf(today);
  const schools = await queryRows<{
    id: string;
    name: string;
    contact_id: string | null;
    ib_id: string | null;
  }>(
    transaction.db,
    sql`select l.id, l.name,
        (select s.user_id from school_team_assignments s where s.location_id = l.id and s.is_contact
          and s.valid_to is null) as contact_id,
        (select r.user_id from role_assignments r where r.location_id = l.id and r.role = 'internal_coordinator'
          limit 1) as ib_id
      from locations l where l.sector in ('bo', 'sbo', 'so') and l.name <> 'OBS De Regenboog'
      order by l.name`,
  );
  const tagIds = new Map(
    (
      await queryRows<{ id: string; name: string }>(transaction.db, sql`select id, name from expertise_tags`)
    ).map((tag) => [tag.name, tag.id]),
  );
  const start = `${schoolYear}-09-01`;
  for (const [index, school] of schools.entries()) {
    if (!school.contact_id) continue;
    const shape = index % 4; // 0, 1: on track; 2: talk planned only; 3: nothing yet
    if (shape === 3) continue;
    const talkDate = addDays(start, 14 + index * 3);
    const meetings: Array<{ kind: 'annual_talk' | 'sot'; date: string; status: 'planned' | 'held' }> = [
      { kind: 'annual_talk', date: talkDate, status: shape === 2 || talkDate >= today ? 'planned' : 'held' },
      ...(shape === 2
        ? []
        : [30, 120, 220].map((offset) => ({
            kind: 'sot' as const,
            date: addDays(start, offset + index),
            status: addDays(start, offset + index) < today ? ('held' as const) : ('planned' as const),
          }))),
    ];
    for (const meeting of meetings) {
      // Also on a talk still planned: the school named them when it was planned, and the demo shows
      // demand from the first day of the school year.
      const isTalk = meeting.kind === 'annual_talk';
      const expectedRequests = isTalk ? expectedRequestsOf[index % expectedRequestsOf.length] : null;
      const wantedTags = isTalk ? (wantedTagsOf[index % wantedTagsOf.length] ?? []) : [];
      const startsAt = amsterdamInstant(meeting.date, '15:00');
      const endsAt = amsterdamInstant(meeting.date, '16:30');
      const [made] = await queryRows<{ id: string }>(
        transaction.db,
        sql`insert into meetings (tenant_id, location_id, kind, status, school_year, starts_at, ends_at, place,
            agenda, expected_requests, created_by_user_id)
          values (${tenantId}::uuid, ${school.id}::uuid, ${meeting.kind}, ${meeting.status},
            ${schoolYearOf(meeting.date)}, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz,
            'Kamer van de IB', ${meeting.kind === 'sot' ? 'Lopende trajecten; nieuwe zorgen; acties van vorige keer.' : 'Hulpvragen van dit jaar en de expertise die past.'},
            ${expectedRequests ?? null}, ${school.contact_id}::uuid)
          returning id`,
      );
      if (!made) continue;
      await transaction.db.execute(
        sql`insert into meeting_participants (tenant_id, meeting_id, user_id, name, role)
          select ${tenantId}::uuid, ${made.id}::uuid, u.id, u.name, p.role
          from (values (${school.contact_id}::uuid, 'contact_person'), (${school.ib_id}::uuid, 'internal_coordinator')) as p(user_id, role)
          join users u on u.id = p.user_id`,
      );
      for (const name of wantedTags) {
        const tagId = tagIds.get(name);
        if (tagId)
          await transaction.db.execute(
            sql`insert into meeting_wanted_tags (tenant_id, meeting_id, tag_id)
              values (${tenantId}::uuid, ${made.id}::uuid, ${tagId}::uuid)`,
          );
      }
    }
  }
}
