import { sql } from 'drizzle-orm';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type {
  CalendarFeedStatus,
  MeetingDetail,
  MeetingOverview,
  MeetingPage,
} from '../../../contracts/meetings.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let coordinator: TestClient;
let contact: TestClient;
let contactId: string;
let ib: TestClient;
let ibId: string;
let director: TestClient;
let otherIb: TestClient;
const today = todayInAmsterdam();
const year = schoolYearOf(today);
// Dates inside the current school year, whatever today is.
const day = (offset: number) => addDays(`${year}-09-01`, offset);

const codes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const meeting = (changes: Record<string, unknown> = {}) => ({
  kind: 'sot',
  locationId: schools.a,
  date: day(7),
  startTime: '14:00',
  endTime: '15:30',
  place: 'Teamkamer',
  ...changes,
});
const annualTalk = (changes: Record<string, unknown> = {}) =>
  meeting({
    kind: 'annual_talk',
    participants: [
      { userId: contactId, name: 'Contactpersoon', role: 'contact_person' },
      { userId: ibId, name: 'IB', role: 'internal_coordinator' },
    ],
    ...changes,
  });
const minutesReads = async () => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from audit_events where event = 'meetings.minutes_read' and tenant_id = ${tenantId}`,
  );
  return Number(row?.n);
};

beforeAll(async () => {
  harness = await createHarness();
  // a and c are primary schools, b is secondary (the harness alternates sectors).
  const tenant = await harness.createTenant(['a', 'b', 'c']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  const member = await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]);
  contactId = member.userId;
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values({
      tenantId,
      locationId: schools.a ?? '',
      userId: contactId,
      teamRole: 'inclusion_adviser',
      isContact: true,
      validFrom: `${year - 1}-08-01`,
    }),
  );
  contact = await harness.signedIn(member);
  const ibUser = await harness.createUser(tenantId, [
    { role: 'internal_coordinator', locationId: schools.a },
  ]);
  ibId = ibUser.userId;
  ib = await harness.signedIn(ibUser);
  director = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'director', locationId: schools.a }]),
  );
  otherIb = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: schools.c }]),
  );
});
afterAll(() => harness.close());

describe('the annual talk (R11)', () => {
  it('R11: refuses a talk without the contact person or the IB, or ending before it starts; nothing is saved', async () => {
    expect(codes(await ib.post('/api/meetings', annualTalk({ participants: [] })))).toEqual([
      ['participants', 'annual_talk_needs_contact_and_ib'],
    ]);
    expect(codes(await ib.post('/api/meetings', annualTalk({ endTime: '13:00' })))).toEqual([
      ['endTime', 'meeting_ends_before_start'],
    ]);
    expect(codes(await coordinator.post('/api/meetings', annualTalk({ locationId: schools.b })))).toEqual([
      ['locationId', 'meeting_not_primary'],
    ]);
    const list = (await ib.get('/api/meetings')).json() as MeetingPage;
    expect(list.total).toBe(0);
  });

  it('R11: the IB plans it with the contact person, prepared with the year’s requests and hours, then records the outcome', async () => {
    const planned = await ib.post('/api/meetings', annualTalk({ agenda: 'Hulpvragen van dit jaar' }));
    expect(planned.statusCode, planned.body).toBe(201);
    const talk = planned.json() as MeetingDetail;
    expect(talk).toMatchObject({
      kind: 'annual_talk',
      status: 'planned',
      schoolYear: year,
      startTime: '14:00',
      preparation: { requests: [], hours: { allocated: null, used: 0 } },
    });
    const recorded = await contact.put(
      `/api/meetings/${talk.id}`,
      annualTalk({ status: 'held', expectedRequests: 6, agreements: 'Twee trajecten coaching in groep 5' }),
    );
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'held', expectedRequests: 6 });
  });
});

describe('the SOT (R12)', () => {
  it('R12: the contact person joins every SOT by default; a fifth in a year needs a reason', async () => {
    const ids: string[] = [];
    for (const offset of [7, 60, 120, 200]) {
      const response = await ib.post('/api/meetings', meeting({ date: day(offset) }));
      expect(response.statusCode, response.body).toBe(201);
      const sot = response.json() as MeetingDetail;
      expect(sot.participants).toEqual([
        expect.objectContaining({ userId: contactId, role: 'contact_person' }),
      ]);
      ids.push(sot.id);
    }
    expect(codes(await ib.post('/api/meetings', meeting({ date: day(250) })))).toEqual([
      ['overrideReason', 'fifth_sot_needs_reason'],
    ]);
    const fifth = await ib.post(
      '/api/meetings',
      meeting({ date: day(250), overrideReason: 'Extra overleg na incident' }),
    );
    expect(fifth.statusCode).toBe(201);
    const overview = (
      await coordinator.get(`/api/meeting-overview?schoolYear=${year}`)
    ).json() as MeetingOverview;
    expect(overview.items.find((item) => item.locationId === schools.a)).toMatchObject({
      annualTalk: 'held',
      sotPlanned: 5,
      sotWarning: 'too_many',
      ok: false,
    });
    // Cancelling the fifth brings the school back on track (R11 held, R12 four planned).
    const cancelled = await ib.put(
      `/api/meetings/${(fifth.json() as MeetingDetail).id}`,
      meeting({ date: day(250), status: 'cancelled', overrideReason: 'Extra overleg na incident' }),
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const after = (
      await coordinator.get(`/api/meeting-overview?schoolYear=${year}`)
    ).json() as MeetingOverview;
    expect(after.items.find((item) => item.locationId === schools.a)).toMatchObject({
      sotPlanned: 4,
      ok: true,
    });
    expect(after.items.find((item) => item.locationId === schools.c)).toMatchObject({
      annualTalk: expect.stringMatching(/^(not_planned|late)$/),
      sotPlanned: 0,
      ok: false,
    });
  });

  it('P2: minutes are for participants, the contact person and the staff office, and each read is audited', async () => {
    const list = (await ib.get(`/api/meetings?kind=sot&schoolYear=${year}`)).json() as MeetingPage;
    const first = list.items[0]?.id ?? '';
    // The IB planned it without taking part; the contact person lets them in to write the minutes.
    const joined = await contact.post(`/api/meetings/${first}/participants`, {
      userId: ibId,
      role: 'internal_coordinator',
    });
    expect(joined.statusCode, joined.body).toBe(200);
    const withMinutes = await ib.put(
      `/api/meetings/${first}`,
      meeting({
        date: day(7),
        status: 'held',
        minutes: 'Besproken: aanpak groep 6.',
        participants: [
          { userId: contactId, name: 'Contactpersoon', role: 'contact_person', attended: true },
          { userId: ibId, name: 'IB', role: 'internal_coordinator', attended: true },
        ],
      }),
    );
    expect(withMinutes.statusCode, withMinutes.body).toBe(200);
    const before = await minutesReads();
    expect((await contact.get(`/api/meetings/${first}`)).json()).toMatchObject({
      minutes: 'Besproken: aanpak groep 6.',
    });
    expect((await coordinator.get(`/api/meetings/${first}`)).json()).toMatchObject({ minutesHidden: false });
    expect((await director.get(`/api/meetings/${first}`)).json()).toMatchObject({
      minutes: null,
      minutesHidden: true,
    });
    expect(await minutesReads()).toBe(before + 2);
    // The director may edit the meeting but not read its minutes: a save keeps them, and the people in it.
    const inside = ((await ib.get(`/api/meetings/${first}`)).json() as MeetingDetail).participants.map(
      ({ id: _id, ...participant }) => participant,
    );
    expect(
      codes(
        await director.put(
          `/api/meetings/${first}`,
          meeting({ date: day(7), status: 'held', participants: [] }),
        ),
      ),
    ).toEqual([['participants', 'participants_locked']]);
    const byDirector = await director.put(
      `/api/meetings/${first}`,
      meeting({ date: day(7), status: 'held', place: 'Aula', minutes: null, participants: inside }),
    );
    expect(byDirector.statusCode, byDirector.body).toBe(200);
    expect((await contact.get(`/api/meetings/${first}`)).json()).toMatchObject({
      place: 'Aula',
      minutes: 'Besproken: aanpak groep 6.',
    });
    expect((await otherIb.get(`/api/meetings/${first}`)).statusCode).toBe(404);
  });

  it('P1: a director who is not a participant cannot make themself one by editing, nor overwrite the minutes', async () => {
    const list = (await ib.get(`/api/meetings?kind=sot&schoolYear=${year}`)).json() as MeetingPage;
    const first = list.items[0]?.id ?? '';
    const stored = (await ib.get(`/api/meetings/${first}`)).json() as MeetingDetail;
    expect(stored.minutes).toBe('Besproken: aanpak groep 6.');
    const participants = stored.participants.map(({ id: _id, ...participant }) => participant);
    const directorId = (await director.get('/api/session')).json().user.id as string;
    const takeover = await director.put(
      `/api/meetings/${first}`,
      meeting({
        date: day(7),
        status: 'held',
        minutes: 'Overschreven.',
        participants: [...participants, { userId: directorId, name: 'Directeur', role: 'director' }],
      }),
    );
    expect(takeover.statusCode).toBe(400);
    expect(codes(takeover)).toEqual([['participants', 'participant_added_separately']]);
    // Without adding themself the minutes they sent are ignored: the right is decided on the stored meeting.
    const rewrite = await director.put(
      `/api/meetings/${first}`,
      meeting({ date: day(7), status: 'held', minutes: 'Overschreven.', participants }),
    );
    expect(rewrite.statusCode, rewrite.body).toBe(200);
    expect((await ib.get(`/api/meetings/${first}`)).json()).toMatchObject({
      minutes: 'Besproken: aanpak groep 6.',
    });
    // Becoming a participant is an action of its own, open only to those who read the minutes already.
    const selfAdd = await director.post(`/api/meetings/${first}/participants`, {
      userId: directorId,
      role: 'director',
    });
    expect(selfAdd.statusCode).toBe(403);
    expect(selfAdd.json().error.code).toBe('meeting_participant_not_allowed');
    expect((await director.get(`/api/meetings/${first}`)).json()).toMatchObject({ minutesHidden: true });

    const candidates = (await ib.get(`/api/meetings/${first}/participant-candidates`)).json() as Array<{
      userId: string;
    }>;
    expect(candidates.map((candidate) => candidate.userId)).toContain(directorId);
    expect(candidates.map((candidate) => candidate.userId)).not.toContain(ibId);
    const added = await ib.post(`/api/meetings/${first}/participants`, {
      userId: directorId,
      role: 'director',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect((await director.get(`/api/meetings/${first}`)).json()).toMatchObject({
      minutes: 'Besproken: aanpak groep 6.',
    });
    const outsider = await ib.post(`/api/meetings/${first}/participants`, {
      userId: crypto.randomUUID(),
      role: 'other',
    });
    expect(codes(outsider)).toEqual([['userId', 'unknown_reference']]);
  });

  it('R12: an action item needs an owner and is followed up at the next meeting', async () => {
    const list = (await ib.get(`/api/meetings?kind=sot&schoolYear=${year}`)).json() as MeetingPage;
    const [first, second] = list.items;
    const noOwner = await ib.post(`/api/meetings/${first?.id}/action-items`, {
      description: 'Observatie plannen',
      ownerName: '',
      dueDate: day(30),
    });
    expect(codes(noOwner)).toEqual([['ownerName', 'too_short']]);
    const item = await ib.post(`/api/meetings/${first?.id}/action-items`, {
      description: 'Observatie plannen',
      ownerUserId: contactId,
      ownerName: 'Contactpersoon',
      dueDate: day(30),
    });
    expect(item.statusCode, item.body).toBe(201);
    const next = (await ib.get(`/api/meetings/${second?.id}`)).json() as MeetingDetail;
    expect(next.openEarlierItems.map((open) => open.description)).toEqual(['Observatie plannen']);
    const done = await contact.put(`/api/meeting-action-items/${item.json().id}`, {
      status: 'done',
      followUp: 'Observatie gedaan op 12 oktober',
      followedUpInMeetingId: second?.id,
    });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    expect(((await ib.get(`/api/meetings/${second?.id}`)).json() as MeetingDetail).openEarlierItems).toEqual(
      [],
    );
  });
});

describe('interim meetings with outside parties (R13)', () => {
  it('R13: the team records that it attends, with the reason, or that it declines; the school cannot decide for it', async () => {
    const invited = await ib.post(
      '/api/meetings',
      meeting({ kind: 'interim', date: day(40), outsideParties: 'Jeugdhulp en wijkteam' }),
    );
    expect(invited.statusCode, invited.body).toBe(201);
    const id = (invited.json() as MeetingDetail).id;
    expect(invited.json()).toMatchObject({
      decision: null,
      outsideParties: 'Jeugdhulp en wijkteam',
      commands: ['edit'],
    });
    expect((await ib.post(`/api/meetings/${id}/decision`, { decision: 'decline' })).statusCode).toBe(403);
    expect(codes(await contact.post(`/api/meetings/${id}/decision`, { decision: 'attend' }))).toEqual([
      ['reason', 'attend_reason_required'],
    ]);
    const attend = await contact.post(`/api/meetings/${id}/decision`, {
      decision: 'attend',
      reason: 'Afstemming over de aanpak in de klas',
    });
    expect(attend.json()).toMatchObject({
      decision: 'attend',
      decisionReason: 'Afstemming over de aanpak in de klas',
    });
    const declined = await contact.post(`/api/meetings/${id}/decision`, { decision: 'decline' });
    expect(declined.json()).toMatchObject({ decision: 'decline', decisionReason: null });
  });
});

describe('settings', () => {
  it('the staff office sets the dates the overview checks', async () => {
    const changed = await coordinator.put('/api/meeting-settings', {
      annualTalkPlannedBy: '10-15',
      sotMinimumBy: '02-01',
      reminderDaysBefore: 3,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const overview = (
      await coordinator.get(`/api/meeting-overview?schoolYear=${year}`)
    ).json() as MeetingOverview;
    expect(overview).toMatchObject({
      annualTalkDeadline: `${year}-10-15`,
      sotMinimumBy: `${year + 1}-02-01`,
    });
    expect((await ib.get('/api/meeting-settings')).statusCode).toBe(403);
    expect((await ib.put('/api/meeting-settings', { ...overview, reminderDaysBefore: 1 })).statusCode).toBe(
      403,
    );
    // The school itself sees its own line of the overview, no other school's.
    const own = (await ib.get(`/api/meeting-overview?schoolYear=${year}`)).json() as MeetingOverview;
    expect(own.items.map((item) => item.locationId)).toEqual([schools.a]);
  });
});

describe('calendar', () => {
  const events = (text: string) =>
    Object.values(ical.sync.parseICS(text)).filter((item): item is ical.VEvent => item?.type === 'VEVENT');

  it('downloads one meeting as .ics for those who may read it', async () => {
    const list = (await ib.get(`/api/meetings?kind=sot&schoolYear=${year}`)).json() as MeetingPage;
    const first = list.items[0];
    const file = await ib.get(`/api/meetings/${first?.id}/calendar.ics`);
    expect(file.headers['content-type']).toContain('text/calendar');
    const [event] = events(file.body);
    expect(event?.start.toISOString()).toBe(first?.startsAt);
    expect(event?.summary).toMatch(/^SOT — /);
    expect(file.body).not.toContain('Besproken');
    expect((await otherIb.get(`/api/meetings/${first?.id}/calendar.ics`)).statusCode).toBe(404);
  });

  it('gives a personal feed of one’s meetings behind a secret link that can be renewed and revoked', async () => {
    const made = (await contact.post('/api/calendar-feed', {})).json() as CalendarFeedStatus;
    expect(made).toMatchObject({ active: true, url: expect.stringContaining('/api/calendar.ics?token=') });
    const path = (url: string | null) => new URL(url ?? '').pathname + new URL(url ?? '').search;
    const anonymous = harness.client();
    const feed = await anonymous.get(path(made.url));
    expect(feed.statusCode).toBe(200);
    // The contact person takes part in the SOT meetings, the annual talk and nothing at school c.
    const summaries = events(feed.body).map((event) => String(event.summary));
    expect(summaries.filter((summary) => summary.startsWith('SOT'))).toHaveLength(5);
    expect(summaries.filter((summary) => summary.startsWith('Jaargesprek'))).toHaveLength(1);
    expect((await contact.get('/api/calendar-feed')).json()).toMatchObject({ active: true, url: null });
    const renewed = (await contact.post('/api/calendar-feed', {})).json() as CalendarFeedStatus;
    expect((await anonymous.get(path(made.url))).statusCode).toBe(404);
    expect((await anonymous.get(path(renewed.url))).statusCode).toBe(200);
    expect((await contact.delete('/api/calendar-feed')).json()).toMatchObject({ active: false });
    expect((await anonymous.get(path(renewed.url))).statusCode).toBe(404);
    expect((await anonymous.get('/api/calendar.ics?token=nonsense')).statusCode).toBe(404);
  });
});

describe('need to know (P1): the list and the single record agree', () => {
  it('the school’s contact person reads the minutes of a meeting they do not take part in; the school’s staff do not', async () => {
    const planned = await otherIb.post(
      '/api/meetings',
      meeting({ kind: 'interim', locationId: schools.c, date: day(45), outsideParties: 'Wijkteam' }),
    );
    expect(planned.statusCode, planned.body).toBe(201);
    const list = (await ib.get(`/api/meetings?kind=interim&schoolYear=${year}`)).json() as MeetingPage;
    const interim = list.items[0]?.id ?? '';
    const recorded = await coordinator.put(
      `/api/meetings/${interim}`,
      meeting({
        kind: 'interim',
        date: day(40),
        status: 'held',
        outsideParties: 'Jeugdhulp en wijkteam',
        minutes: 'Afspraken met jeugdhulp.',
      }),
    );
    expect(recorded.statusCode, recorded.body).toBe(200);
    const stored = (await coordinator.get(`/api/meetings/${interim}`)).json() as MeetingDetail;
    expect(stored).toMatchObject({ minutes: 'Afspraken met jeugdhulp.', participants: [] });
    expect((await contact.get(`/api/meetings/${interim}`)).json()).toMatchObject({
      minutes: 'Afspraken met jeugdhulp.',
      minutesHidden: false,
      commands: ['edit', 'decide', 'add_participant'],
    });
    for (const staff of [ib, director])
      expect((await staff.get(`/api/meetings/${interim}`)).json()).toMatchObject({
        minutes: null,
        minutesHidden: true,
        commands: ['edit'],
      });
  });

  it('every role lists exactly the meetings whose detail it may open', async () => {
    const all = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from meetings where tenant_id = ${tenantId} order by id`,
    );
    expect(all.length).toBeGreaterThan(5);
    const clients = { coordinator, contact, ib, director, otherIb };
    const seen: Record<string, number> = {};
    for (const [name, client] of Object.entries(clients)) {
      const page = (await client.get('/api/meetings?pageSize=100')).json() as MeetingPage;
      expect(page.total).toBe(page.items.length);
      const listed = page.items.map((item) => item.id).sort();
      const opened: string[] = [];
      for (const { id } of all) {
        const status = (await client.get(`/api/meetings/${id}`)).statusCode;
        expect([200, 404], `${name} ${id}`).toContain(status);
        if (status === 200) opened.push(id);
      }
      expect(listed, name).toEqual(opened.sort());
      seen[name] = listed.length;
    }
    // The staff office sees every school; the school's staff and its contact person only theirs.
    expect(seen).toEqual({
      coordinator: all.length,
      contact: all.length - 1,
      ib: all.length - 1,
      director: all.length - 1,
      otherIb: 1,
    });
  });
});

describe('the order of the list (issue 16: a sortable list sorts on the server)', () => {
  it('lists by start, earliest or latest first, meetings at the same moment by id; both ways agree', async () => {
    // Two meetings that start at the same moment: only the tie-break orders them.
    for (let index = 0; index < 2; index += 1) {
      const planned = await coordinator.post(
        '/api/meetings',
        meeting({
          kind: 'interim',
          locationId: schools.c,
          date: day(30),
          startTime: '10:00',
          endTime: '11:00',
        }),
      );
      expect(planned.statusCode, planned.body).toBe(201);
    }
    const list = async (sort?: string) => {
      const response = await coordinator.get(`/api/meetings?pageSize=100${sort ? `&sort=${sort}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as MeetingPage).items.map((item) => ({ id: item.id, startsAt: item.startsAt }));
    };
    const earliest = await list('startsAt');
    const latest = await list('-startsAt');
    expect(earliest.length).toBeGreaterThan(5);
    const byStartThenId = [...earliest].sort(
      (first, second) =>
        Date.parse(first.startsAt) - Date.parse(second.startsAt) || first.id.localeCompare(second.id),
    );
    expect(earliest).toEqual(byStartThenId);
    expect(latest).toEqual([...earliest].reverse());
    // Earliest first unless asked otherwise.
    expect(await list()).toEqual(earliest);
  });

  it('refuses a sort key it does not know, naming the parameter', async () => {
    for (const sort of ['name', 'startsAt;drop', '-location']) {
      const response = await coordinator.get(`/api/meetings?sort=${encodeURIComponent(sort)}`);
      expect(response.statusCode, sort).toBe(400);
      expect(codes(response).map(([path]) => path)).toEqual(['sort']);
    }
  });
});
