import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { PupilDetail, PupilMergeResult, PupilPage } from '../../../contracts/pupils.ts';
import type { TrajectoryDetail } from '../../../contracts/trajectories.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  bornYearsAgo,
  createRequestsWorld,
  detailOf,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';
import { createTrajectoryWorld, type TrajectoryWorld } from '../../test/support/trajectories.test-support.ts';
import { eraseRequests } from '../retention/erase.ts';

let harness: Harness;
let world: RequestsWorld;
let secondary: TrajectoryWorld;

const codes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const countOf = async (query: ReturnType<typeof sql>) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(query);
  return Number(row?.n);
};

async function registered(
  client: RequestsWorld['ib']['client'],
  locationId: string,
  changes: Record<string, unknown> = {},
): Promise<PupilDetail> {
  const response = await client.post('/api/pupils', {
    locationId,
    name: 'Lotte Visser',
    birthDate: bornYearsAgo(9),
    className: 'groep 6',
    parents: [{ name: 'Anouk Visser', email: 'anouk@thuis.test', phone: '06 11223344', hasAuthority: true }],
    ...changes,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PupilDetail;
}

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
  secondary = await createTrajectoryWorld(harness);
});
afterAll(() => harness.close());

describe('the pupil register (Y1)', () => {
  it('Y1: an IB adds a pupil with class and parents, and finds them by name within the school, paged', async () => {
    const pupil = await registered(world.ib.client, world.locationIds.a, { name: 'Fenna Zwart' });
    expect(pupil).toMatchObject({
      name: 'Fenna Zwart',
      className: 'groep 6',
      may: { edit: true, merge: true },
    });
    expect(pupil.parents).toMatchObject([{ name: 'Anouk Visser', hasAuthority: true }]);
    await registered(world.ib.client, world.locationIds.a, {
      name: 'Fenna Zwart-Bos',
      birthDate: bornYearsAgo(8),
    });
    const page = (
      await world.ib.client.get(`/api/pupils?locationId=${world.locationIds.a}&q=fenna&pageSize=1`)
    ).json() as PupilPage;
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const other = (
      await world.otherIb.client.get(`/api/pupils?locationId=${world.locationIds.a}&q=fenna`)
    ).json() as PupilPage;
    expect(other.total).toBe(0);
    expect((await world.otherIb.client.get(`/api/pupils/${pupil.id}`)).statusCode).toBe(404);
    expect((await world.coordinator.client.get(`/api/pupils/${pupil.id}`)).statusCode).toBe(403);
  });

  it('Y1: a BSN is never stored: a name or class holding one is refused', async () => {
    const response = await world.ib.client.post('/api/pupils', {
      locationId: world.locationIds.a,
      name: 'Sem 111222333',
      className: 'groep 5',
    });
    expect(response.statusCode).toBe(400);
    expect(codes(response)).toContainEqual(['name', 'bsn_not_allowed']);
  });

  it('Y1: an IB files a request picking a pupil from the register; the request references and copies them', async () => {
    const pupil = await registered(world.ib.client, world.locationIds.a, { name: 'Mees de Wit' });
    const before = await countOf(sql`select count(*)::int as n from pupils`);
    const { pupil: _typed, ...form } = pupilRequestForm(world.locationIds.a);
    const response = await world.ib.client.post('/api/requests', { ...form, pupilId: pupil.id });
    expect(response.statusCode, response.body).toBe(201);
    const request = detailOf(response);
    expect(request.pupilId).toBe(pupil.id);
    expect(request.pupil).toMatchObject({
      name: 'Mees de Wit',
      birthDate: pupil.birthDate,
      group: 'groep 6',
    });
    expect(await countOf(sql`select count(*)::int as n from pupils`)).toBe(before);
    const entry = (await world.ib.client.get(`/api/pupils/${pupil.id}`)).json() as PupilDetail;
    expect(entry.requestCount).toBe(1);
  });

  it('Y1: a typed pupil is added to the register with the request, once per name and birth date', async () => {
    const form = pupilRequestForm(world.locationIds.a);
    const first = detailOf(
      await world.ib.client.post('/api/requests', { ...form, pupil: { ...form.pupil, name: 'Jip Mulder' } }),
    );
    expect(first.pupilId).toBeTruthy();
    const again = pupilRequestForm(world.locationIds.a, { pupilBirthDate: form.pupil.birthDate });
    const second = detailOf(
      await world.ib.client.post('/api/requests', {
        ...again,
        pupil: { ...again.pupil, name: ' jip  mulder ' },
      }),
    );
    expect(second.pupilId).toBe(first.pupilId);
    const entry = (await world.ib.client.get(`/api/pupils/${first.pupilId}`)).json() as PupilDetail;
    expect(entry).toMatchObject({ name: 'Jip Mulder', className: 'groep 7', requestCount: 2 });
    expect(entry.parents[0]).toMatchObject({ name: 'Sanne de Vries', hasAuthority: true });
  });

  it("Y1: another school's pupil on a request is refused on its field, nothing saved", async () => {
    const elsewhere = await registered(world.otherIb.client, world.locationIds.c, { name: 'Bram Kok' });
    const form = pupilRequestForm(world.locationIds.a);
    const response = await world.ib.client.post('/api/requests', { ...form, pupilId: elsewhere.id });
    expect(response.statusCode).toBe(400);
    expect(codes(response)).toEqual([['pupilId', 'unknown_reference']]);
    expect(
      await countOf(
        sql`select count(*)::int as n from support_requests where idempotency_key = ${form.idempotencyKey}`,
      ),
    ).toBe(0);
  });

  it('Y1: a care coordinator signals a pupil picked from the register; a typed signal adds the pupil with class and mentor', async () => {
    const pupil = await registered(secondary.careCoordinator.client, secondary.locationIds.main, {
      name: 'Sara Bos',
      className: '3B',
      mentorUserId: secondary.mentor.userId,
      parents: [],
    });
    const signal = {
      locationId: secondary.locationIds.main,
      pupilFirstName: 'Sara',
      pupilLastName: 'Bos',
      pupilBirthDate: pupil.birthDate,
      pupilClass: '3B',
      mentorUserId: secondary.mentor.userId,
      source: 'teacher',
      observed: 'Trekt zich terug in de pauzes.',
      discussWith: 'mentor',
    };
    const picked = await secondary.careCoordinator.client.post('/api/trajectories', {
      ...signal,
      pupilId: pupil.id,
    });
    expect(picked.statusCode, picked.body).toBe(201);
    expect((picked.json() as TrajectoryDetail).pupilId).toBe(pupil.id);
    const typed = await secondary.teacher.client.post('/api/trajectories', {
      ...signal,
      pupilFirstName: 'Milan',
      pupilLastName: 'de Jong',
      pupilClass: '2A',
    });
    expect(typed.statusCode, typed.body).toBe(201);
    const page = (
      await secondary.mentor.client.get(`/api/pupils?locationId=${secondary.locationIds.main}&q=milan`)
    ).json() as PupilPage;
    expect(page.items).toMatchObject([
      { name: 'Milan de Jong', className: '2A', mentor: { id: secondary.mentor.userId } },
    ]);
    // A teacher signals, but does not read the register, nor pick from it (P1).
    expect((await secondary.teacher.client.get(`/api/pupils/${pupil.id}`)).statusCode).toBe(403);
    const teacherPick = await secondary.teacher.client.post('/api/trajectories', {
      ...signal,
      pupilId: pupil.id,
    });
    expect(codes(teacherPick)).toEqual([['pupilId', 'unknown_reference']]);
  });

  it('Y1: the mentor sees the pupils they mentor this year, not the rest of the register', async () => {
    const mine = await registered(secondary.careCoordinator.client, secondary.locationIds.main, {
      name: 'Tess Smit',
      mentorUserId: secondary.mentor.userId,
      parents: [],
    });
    const notMine = await registered(secondary.careCoordinator.client, secondary.locationIds.main, {
      name: 'Tim Smit',
      parents: [],
    });
    expect((await secondary.mentor.client.get(`/api/pupils/${mine.id}`)).statusCode).toBe(200);
    expect((await secondary.mentor.client.get(`/api/pupils/${notMine.id}`)).statusCode).toBe(404);
    const mentorAtOtherSchool = await harness.createUser(secondary.tenantId, [
      { role: 'mentor', locationId: secondary.locationIds.other },
    ]);
    const refused = await secondary.careCoordinator.client.put(`/api/pupils/${mine.id}`, {
      name: 'Tess Smit',
      mentorUserId: mentorAtOtherSchool.userId,
    });
    expect(codes(refused)).toEqual([['mentorUserId', 'pupil_mentor_not_here']]);
  });

  it('Y1: merging a duplicate moves its requests, trajectories, years and parents in one audited step', async () => {
    const keep = await registered(world.ib.client, world.locationIds.a, { name: 'Noor Peters', parents: [] });
    const duplicate = await registered(world.ib.client, world.locationIds.a, { name: 'Noor Pieters' });
    const { pupil: _typed, ...form } = pupilRequestForm(world.locationIds.a);
    const request = detailOf(await world.ib.client.post('/api/requests', { ...form, pupilId: duplicate.id }));
    const response = await world.ib.client.post(`/api/pupils/${keep.id}/merge`, {
      sourcePupilId: duplicate.id,
    });
    expect(response.statusCode, response.body).toBe(200);
    const merged = response.json() as PupilMergeResult;
    expect(merged.moved).toEqual({ requests: 1, trajectories: 0 });
    expect(merged.pupil).toMatchObject({ name: 'Noor Peters', requestCount: 1 });
    expect(merged.pupil.parents.map((parent) => parent.name)).toEqual(['Anouk Visser']);
    expect((await world.ib.client.get(`/api/pupils/${duplicate.id}`)).statusCode).toBe(404);
    expect(detailOf(await world.ib.client.get(`/api/requests/${request.id}`))).toMatchObject({
      pupilId: keep.id,
      pupil: { name: 'Noor Pieters' },
    });
    expect(
      await countOf(
        sql`select count(*)::int as n from audit_events where event = 'pupils.merged' and object_id = ${keep.id}`,
      ),
    ).toBe(1);
    // Only the register's keeper merges: the director asks the IB.
    const byDirector = await world.director.client.post(`/api/pupils/${keep.id}/merge`, {
      sourcePupilId: keep.id,
    });
    expect(byDirector.statusCode).toBe(403);
  });

  it('Y1: pupils of two schools are never merged: 422, nothing changed', async () => {
    const both = await harness.createUser(world.tenantId, [
      { role: 'internal_coordinator', locationId: world.locationIds.a },
      { role: 'internal_coordinator', locationId: world.locationIds.c },
    ]);
    const client = await harness.signedIn(both);
    const atA = await registered(client, world.locationIds.a, { name: 'Ties Hendriks' });
    const atC = await registered(client, world.locationIds.c, { name: 'Ties Hendriks' });
    const response = await client.post(`/api/pupils/${atA.id}/merge`, { sourcePupilId: atC.id });
    expect(response.statusCode).toBe(422);
    expect((response.json() as ErrorResponse).error.code).toBe('pupil_merge_other_school');
    expect((await client.get(`/api/pupils/${atC.id}`)).statusCode).toBe(200);
    // Without access to the other school, its pupil is unknown on the field.
    const unknown = await world.ib.client.post(`/api/pupils/${atA.id}/merge`, { sourcePupilId: atC.id });
    expect(codes(unknown)).toEqual([['sourcePupilId', 'unknown_reference']]);
  });

  it('Y1, P4: the register entry goes with the last file that names it', async () => {
    const form = pupilRequestForm(world.locationIds.a);
    const request = detailOf(
      await world.ib.client.post('/api/requests', { ...form, pupil: { ...form.pupil, name: 'Guus Vos' } }),
    );
    await harness.database.withTenant(world.tenantId, ({ db }) =>
      eraseRequests(db, [request.id], 'draft', new Date()),
    );
    expect(await countOf(sql`select count(*)::int as n from pupils where id = ${request.pupilId}`)).toBe(0);
  });
});

describe('the migration to the register (Y1)', () => {
  it('Y1: existing requests and trajectories are linked to one register row per name and birth date per school', async () => {
    const birthDate = bornYearsAgo(11);
    const form = pupilRequestForm(world.locationIds.a, { pupilBirthDate: birthDate });
    const first = detailOf(
      await world.ib.client.post('/api/requests', { ...form, pupil: { ...form.pupil, name: 'Evi Jacobs' } }),
    );
    const again = pupilRequestForm(world.locationIds.a, { pupilBirthDate: birthDate });
    const second = detailOf(
      await world.ib.client.post('/api/requests', {
        ...again,
        pupil: { ...again.pupil, name: 'EVI  Jacobs' },
      }),
    );
    // As before the register: no register rows, no references.
    await harness.database.queryAsOwner(sql`alter table pupils no force row level security`);
    await harness.database.queryAsOwner(sql`alter table pupil_enrolments no force row level security`);
    await harness.database.queryAsOwner(sql`alter table pupil_parents no force row level security`);
    await harness.database.queryAsOwner(sql`alter table support_requests no force row level security`);
    await harness.database.queryAsOwner(sql`alter table trajectories no force row level security`);
    await harness.database.queryAsOwner(sql`update support_requests set pupil_id = null`);
    await harness.database.queryAsOwner(sql`update trajectories set pupil_id = null`);
    await harness.database.queryAsOwner(sql`delete from pupils`);
    const migration = readFileSync(
      new URL('../../../migrations/0033_pupil_register.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.slice(migration.indexOf('-- Hand-added (Y1).'));
    for (const statement of backfill.split('--> statement-breakpoint')) {
      if (statement.trim()) await harness.database.queryAsOwner(sql.raw(statement));
    }
    const [linked] = await harness.database.queryAsOwner<{ a: string; b: string }>(
      sql`select (select pupil_id from support_requests where id = ${first.id}) as a,
        (select pupil_id from support_requests where id = ${second.id}) as b`,
    );
    expect(linked?.a).toBeTruthy();
    expect(linked?.b).toBe(linked?.a);
    expect(
      await countOf(
        sql`select count(*)::int as n from support_requests where pupil_id is null and type in ('pupil_advice', 'teacher_coaching_pupil') and exists (select 1 from request_people p where p.request_id = support_requests.id and p.kind = 'pupil')`,
      ),
    ).toBe(0);
    expect(await countOf(sql`select count(*)::int as n from trajectories where pupil_id is null`)).toBe(0);
    const entry = (await world.ib.client.get(`/api/pupils/${linked?.a}`)).json() as PupilDetail;
    expect(entry).toMatchObject({ birthDate, requestCount: 2, className: 'groep 7' });
    expect(entry.parents.length).toBeGreaterThan(0);
    // Old requests show as before: their own copy of the pupil.
    expect(detailOf(await world.ib.client.get(`/api/requests/${second.id}`)).pupil).toMatchObject({
      name: 'EVI  Jacobs',
    });
  });
});
