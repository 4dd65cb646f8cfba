import { sql } from 'drizzle-orm';
import { roles } from '../../../contracts/roles.ts';
import {
  addDays,
  amsterdamDateOf,
  amsterdamDateTimeOf,
  amsterdamInstant,
} from '../../../contracts/school-year.ts';
import type { HomeworkCheck, VisitReason } from '../../../contracts/trajectories.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import { scopesOf } from '../../platform/access/policies.ts';
import {
  attendanceExpectations,
  attendanceVisits,
  homeworkItems,
  homeworkSessions,
} from '../trajectories/trajectories.schema.ts';
import { isoWeekdayOf } from './attendance.rules.ts';

// The stays are registered by someone at the location who checks pupils in (`attendance.manage` there),
// read from the policy table when the seed runs (the modules register their rows as the app starts).
const checkInRoles = () =>
  roles.filter((role) => scopesOf('attendance.manage', role).includes('own_location'));

type Pupil = {
  id: string;
  location_id: string;
  location_name: string;
  pupil_first_name: string;
  staff_id: string | null;
  homework: boolean;
};

// Two shapes of a week at the expertise point, alternated over the pupils (E3).
const schedules: Array<Array<{ weekday: number; start: string; end: string; reason: VisitReason }>> = [
  [
    { weekday: 1, start: '08:30', end: '10:10', reason: 'independent_work' },
    { weekday: 3, start: '10:30', end: '12:00', reason: 'planned' },
    { weekday: 5, start: '08:30', end: '09:20', reason: 'planned' },
  ],
  [
    { weekday: 2, start: '11:15', end: '12:45', reason: 'independent_work' },
    { weekday: 4, start: '13:30', end: '15:00', reason: 'planned' },
  ],
];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The school day on or before a date (a Saturday or Sunday moves back to Friday). */
function schoolDayOnOrBefore(date: string): string {
  const weekday = isoWeekdayOf(date);
  return weekday > 5 ? addDays(date, 5 - weekday) : date;
}

/**
 * The demo's daily use of the expertise points (E3, E7) and homework support (E4, E8), relative to
 * today: weekly expected times for every active pupil, their stays over the last three weeks with a
 * mix of reasons (planned, independent work, a time-out, one crisis), one pupil present right now on a
 * school day during school hours, and homework with planned and checked sessions where the location
 * offers it. `now` is the moment the demo is seeded at (the app's clock).
 */
export async function seedDemoAttendance(
  transaction: Transaction,
  tenantId: string,
  now: Date,
): Promise<void> {
  const pupils = await queryRows<Pupil>(
    transaction.db,
    sql`select t.id, t.location_id, l.name as location_name, t.pupil_first_name,
        (select r.user_id from role_assignments r where r.location_id = t.location_id
          and r.role in (${sql.join(
            checkInRoles().map((role) => sql`${role}`),
            sql`, `,
          )}) order by r.role desc, r.user_id limit 1) as staff_id,
        coalesce((select e.offers_homework_support from expertise_points e where e.location_id = t.location_id), false)
          as homework
      from trajectories t join locations l on l.id = t.location_id
      where t.status = 'active'
      order by l.name, t.pupil_last_name, t.pupil_first_name, t.id`,
  );
  const today = amsterdamDateOf(now);
  // Someone away from Rijnstroom College is here now, so the browser test checks in pupils there freely.
  const elsewhere = pupils.findIndex((pupil) => pupil.location_name !== 'Rijnstroom College');
  const presentIndex = elsewhere >= 0 ? elsewhere : pupils.length - 1;
  for (const [index, pupil] of pupils.entries()) {
    if (!pupil.staff_id) continue;
    const staffId = pupil.staff_id;
    const schedule = schedules[index % schedules.length] ?? [];
    await transaction.db.insert(attendanceExpectations).values(
      schedule.map((time) => ({
        tenantId,
        trajectoryId: pupil.id,
        weekday: time.weekday,
        startsAt: time.start,
        endsAt: time.end,
        reason: time.reason,
      })),
    );

    // The last three weeks, today excluded: the expected stays (now and then missed or shorter), a
    // time-out now and then, and one crisis for the second pupil.
    const visits: Array<typeof attendanceVisits.$inferInsert> = [];
    const crisisDaysAgo = [8, 9, 10].find((daysAgo) => isoWeekdayOf(addDays(today, -daysAgo)) <= 5);
    for (let daysAgo = 21; daysAgo >= 1; daysAgo -= 1) {
      const date = addDays(today, -daysAgo);
      const weekday = isoWeekdayOf(date);
      if (weekday > 5) continue;
      for (const time of schedule.filter((expected) => expected.weekday === weekday)) {
        if ((daysAgo + index) % 5 === 0) continue; // did not come
        const start = minutesOf(time.start) + ((daysAgo * 3 + index) % 10);
        const end = minutesOf(time.end) - ((daysAgo + index) % 3) * 10;
        visits.push(visit(tenantId, pupil, staffId, date, clock(start), clock(end), time.reason, null));
      }
      if ((daysAgo + index * 2) % 6 === 0)
        visits.push(
          visit(
            tenantId,
            pupil,
            staffId,
            date,
            '15:10',
            clock(15 * 60 + 25 + (index % 3) * 5),
            'time_out',
            'Even tot rust gekomen na een botsing in de klas.',
          ),
        );
      if (index === 1 && daysAgo === crisisDaysAgo)
        visits.push(
          visit(
            tenantId,
            pupil,
            staffId,
            date,
            '09:05',
            '10:40',
            'crisis',
            'Paniekaanval in de les; ouders gebeld, samen met de mentor opgevangen.',
          ),
        );
    }
    // One pupil is here right now on a school day during school hours.
    const { time: nowTime } = amsterdamDateTimeOf(now);
    if (index === presentIndex && isoWeekdayOf(today) <= 5 && nowTime >= '08:45' && nowTime < '16:00') {
      visits.push({
        tenantId,
        trajectoryId: pupil.id,
        locationId: pupil.location_id,
        reason: 'independent_work',
        checkedInAt: new Date(now.getTime() - 25 * 60_000),
        checkedOutAt: null,
        note: null,
        checkedInByUserId: staffId,
      });
    }
    if (visits.length > 0) await transaction.db.insert(attendanceVisits).values(visits);

    if (pupil.homework) await seedHomework(transaction, tenantId, pupil, staffId, today, index);
  }
}

function visit(
  tenantId: string,
  pupil: Pupil,
  staffId: string,
  date: string,
  start: string,
  end: string,
  reason: VisitReason,
  note: string | null,
): typeof attendanceVisits.$inferInsert {
  return {
    tenantId,
    trajectoryId: pupil.id,
    locationId: pupil.location_id,
    reason,
    checkedInAt: amsterdamInstant(date, start),
    checkedOutAt: amsterdamInstant(date, end),
    note,
    checkedInByUserId: staffId,
    checkedOutByUserId: staffId,
  };
}

/** A test and an assignment ahead, one finished item, each with work sessions; the past ones checked (E4). */
async function seedHomework(
  transaction: Transaction,
  tenantId: string,
  pupil: Pupil,
  staffId: string,
  today: string,
  index: number,
): Promise<void> {
  const items: Array<{
    kind: 'assignment' | 'test';
    subject: string;
    description: string;
    dueOn: string;
    sessions: Array<{ on: string; work: string; result: HomeworkCheck | null; note: string | null }>;
  }> = [
    {
      kind: 'test',
      subject: index % 2 === 0 ? 'Wiskunde' : 'Biologie',
      description:
        index % 2 === 0 ? 'Toets hoofdstuk 4: lineaire verbanden' : 'Toets hoofdstuk 3: cellen en weefsels',
      dueOn: schoolDayOnOrBefore(addDays(today, 6)),
      sessions: [
        {
          on: schoolDayOnOrBefore(addDays(today, -2)),
          work: 'Samenvatting paragraaf 1 en 2 maken',
          result: 'done',
          note: 'Netjes afgerond, zelf begonnen.',
        },
        { on: schoolDayOnOrBefore(today), work: 'Opgaven paragraaf 3 oefenen', result: null, note: null },
        {
          on: schoolDayOnOrBefore(addDays(today, 4)),
          work: 'Oefentoets maken en nakijken',
          result: null,
          note: null,
        },
      ],
    },
    {
      kind: 'assignment',
      subject: 'Nederlands',
      description: 'Boekverslag over een jeugdboek naar keuze (minimaal 400 woorden)',
      dueOn: schoolDayOnOrBefore(addDays(today, 12)),
      sessions: [
        {
          on: schoolDayOnOrBefore(addDays(today, 5)),
          work: 'Opbouw van het verslag op papier zetten',
          result: null,
          note: null,
        },
      ],
    },
    {
      kind: 'assignment',
      subject: 'Engels',
      description: 'Woordjes unit 2 leren en schrijfopdracht "My weekend"',
      dueOn: schoolDayOnOrBefore(addDays(today, -3)),
      sessions: [
        {
          on: schoolDayOnOrBefore(addDays(today, -8)),
          work: 'Woordjes unit 2 (eerste helft) leren',
          result: 'partly',
          note: 'Moeite met concentratie; de helft gedaan, rest thuis.',
        },
        {
          on: schoolDayOnOrBefore(addDays(today, -4)),
          work: 'Schrijfopdracht afmaken',
          result: index % 3 === 2 ? 'not_done' : 'done',
          note: index % 3 === 2 ? 'Te onrustig vandaag; afgesproken met de mentor.' : null,
        },
      ],
    },
  ];
  for (const item of items) {
    const [made] = await transaction.db
      .insert(homeworkItems)
      .values({
        tenantId,
        trajectoryId: pupil.id,
        kind: item.kind,
        subject: item.subject,
        description: item.description,
        dueOn: item.dueOn,
        createdByUserId: staffId,
      })
      .returning({ id: homeworkItems.id });
    if (!made) continue;
    await transaction.db.insert(homeworkSessions).values(
      item.sessions
        .filter((session) => session.on <= item.dueOn)
        .map((session) => ({
          tenantId,
          homeworkItemId: made.id,
          plannedOn: session.on,
          plannedWork: session.work,
          result: session.on <= today ? session.result : null,
          note: session.on <= today ? session.note : null,
          checkedByUserId: session.result && session.on <= today ? staffId : null,
          checkedAt: session.result && session.on <= today ? amsterdamInstant(session.on, '15:30') : null,
        })),
    );
  }
}
