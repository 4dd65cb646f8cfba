import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../contracts/requests.ts';
import type { LegalHoldList, RetentionPreview, RetentionSchedule } from '../../../contracts/retention.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import type { Kernel } from '../../platform/kernel/kernel.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  bornYearsAgo,
  createRequestsWorld,
  detailOf,
  fileRequestWithPaperConsent,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';
import { pupilCounts } from '../schools/schools.schema.ts';
import { runRetention } from './retention.job.ts';
import { addMonths } from './retention.rules.ts';

let harness: Harness;
let world: RequestsWorld;
let officer: { userId: string; client: TestClient };
const today = todayInAmsterdam();
const heldBirthDate = bornYearsAgo(9);

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
  const created = await harness.createUser(world.tenantId, [{ role: 'privacy_officer' }]);
  officer = { userId: created.userId, client: await harness.signedIn(created) };
});
afterAll(() => harness.close());

/** A pupil-level request with paper consent, a message and a file, closed today by the contact person. */
async function closedRequest(options: { pupilName?: string; pupilBirthDate?: string } = {}) {
  const assigned = await fileRequestWithPaperConsent(world, options);
  const message = await world.ib.client.upload(
    `/api/requests/${assigned.id}/messages`,
    { kind: 'message', body: 'Verslag van het gesprek met de ouders.' },
    { fileName: 'verslag.pdf', content: '%PDF-1.4\n%%EOF\n', contentType: 'application/pdf' },
  );
  expect(message.statusCode).toBe(200);
  expect((await world.contact.client.post(`/api/requests/${assigned.id}/start`)).statusCode).toBe(200);
  const closed = await world.contact.client.post(`/api/requests/${assigned.id}/close`, {
    outcome: 'Adviezen gegeven.',
  });
  expect(closed.statusCode).toBe(200);
  return detailOf(closed);
}

function rowsOf(table: string, column: string, id: string) {
  return harness.database.withTenant(world.tenantId, async ({ db }) => {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id}::uuid`,
    );
    return row?.n ?? 0;
  });
}

/** Everything a request's file consists of, counted per table. */
async function fileOf(request: RequestDetail) {
  return {
    request: await rowsOf('support_requests', 'id', request.id),
    people: await rowsOf('request_people', 'request_id', request.id),
    consents: await rowsOf('consent_records', 'request_id', request.id),
    files: await rowsOf('request_attachments', 'request_id', request.id),
    messages: await rowsOf('request_messages', 'request_id', request.id),
    timeline: await rowsOf('request_events', 'request_id', request.id),
  };
}

function retention(options: { batchSize?: number } = {}) {
  return runRetention(harness.services.kernel, options);
}

async function requestFigures() {
  return harness.database.withTenant(world.tenantId, ({ db }) =>
    queryRows<{ location_id: string; school_year: number; type: string; outcome: string; count: number }>(
      db,
      sql`select location_id, school_year, type, outcome, count from request_figures order by outcome`,
    ),
  );
}

async function allocatedRequests(schoolYear: number): Promise<number> {
  const response = await world.coordinator.client.get(
    `/api/allocations/preview?schoolYear=${schoolYear}&totalHours=100&pupilWeightPercent=0&referenceYears=3`,
  );
  expect(response.statusCode, response.body).toBe(200);
  const preview = response.json() as { lines: Array<{ locationId: string; requests: number }> };
  return preview.lines.find((line) => line.locationId === world.locationIds.a)?.requests ?? -1;
}

describe('P4: retention deletes what has had its period, keeps the figures and what is held', () => {
  let closed: RequestDetail;
  let held: RequestDetail;
  let draftId: string;
  let requestsCountedBefore: number;
  const nextYear = schoolYearOf(today) + 1;

  beforeAll(async () => {
    closed = await closedRequest();
    held = await closedRequest({ pupilName: 'Noor  bakker', pupilBirthDate: heldBirthDate });
    const draft = await world.ib.client.post('/api/requests', pupilRequestForm(world.locationIds.a));
    expect(draft.statusCode).toBe(201);
    draftId = detailOf(draft).id;
    // The allocation of next school year divides by this year's pupil counts.
    await harness.database.withTenant(world.tenantId, ({ db }) =>
      db.insert(pupilCounts).values({
        tenantId: world.tenantId,
        locationId: world.locationIds.a,
        schoolYear: nextYear - 1,
        pupils: 240,
        source: 'manual',
      }),
    );
    requestsCountedBefore = await allocatedRequests(nextYear);
    expect(requestsCountedBefore).toBeGreaterThanOrEqual(2);
  });

  it('P4: a legal hold needs a reason and a pupil a file names; nothing is stored otherwise', async () => {
    const withoutReason = await officer.client.post('/api/retention/legal-holds', {
      pupilName: 'Noor Bakker',
      birthDate: heldBirthDate,
      reason: '',
    });
    expect(withoutReason.statusCode).toBe(400);
    expect(JSON.stringify(withoutReason.json())).toContain('reason');
    const unknown = await officer.client.post('/api/retention/legal-holds', {
      pupilName: 'Noor Bakker',
      birthDate: addDays(heldBirthDate, 1),
      reason: 'Bezwaarprocedure van de ouders loopt.',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { fields: [{ path: 'pupilName', code: 'pupil_not_found' }] },
    });
    const list = (await officer.client.get('/api/retention/legal-holds')).json() as LegalHoldList;
    expect(list.holds).toHaveLength(0);
  });

  it('P4: places a legal hold on one pupil, matched whatever the case and spacing of the name', async () => {
    const placed = await officer.client.post('/api/retention/legal-holds', {
      pupilName: 'noor bakker',
      birthDate: heldBirthDate,
      reason: 'Bezwaarprocedure van de ouders loopt.',
    });
    expect(placed.statusCode).toBe(201);
    const list = (await officer.client.get('/api/retention/legal-holds')).json() as LegalHoldList;
    expect(list.holds).toMatchObject([{ pupilName: 'noor bakker', files: 1, releasedAt: null }]);
  });

  it('P4: nothing of a closed file goes a day before its two years; an old draft does', async () => {
    harness.clock.set(addDays(addMonths(today, 24), -1));
    const result = await retention();
    expect(result.request_file).toBe(0);
    expect(result.draft).toBeGreaterThanOrEqual(1);
    expect(await rowsOf('support_requests', 'id', draftId)).toBe(0);
    expect((await fileOf(closed)).request).toBe(1);
  });

  it('P4: the preview shows what goes within 30 days, and what the hold keeps', async () => {
    const preview = (await officer.client.get('/api/retention/preview')).json() as RetentionPreview;
    const requestFiles = preview.kinds.find((kind) => kind.kind === 'request_file');
    expect(requestFiles).toMatchObject({ due: 0, upcoming: expect.any(Number), held: 1 });
    expect(requestFiles?.upcoming).toBeGreaterThanOrEqual(1);
    const listed = preview.files.filter((file) => file.reference === closed.reference);
    expect(listed).toEqual([
      {
        kind: 'request_file',
        reference: closed.reference,
        location: 'School a',
        deleteOn: addMonths(today, 24),
        held: false,
      },
    ]);
    expect(preview.files.find((file) => file.reference === held.reference)?.held).toBe(true);
    // No content: no pupil's name, no question.
    expect(JSON.stringify(preview)).not.toMatch(/Daan|Noor|plannen/);
  });

  it('P4: after two years the closed file is gone with everything in it, the held one stays, and the figures still add up', async () => {
    const before = await fileOf(closed);
    expect(before).toMatchObject({ request: 1, consents: 1, files: 2 });
    expect(before.messages).toBeGreaterThanOrEqual(1);
    harness.clock.set(addDays(addMonths(today, 24), 1));
    const result = await retention();
    expect(result.request_file).toBeGreaterThanOrEqual(1);
    expect(await fileOf(closed)).toEqual({
      request: 0,
      people: 0,
      consents: 0,
      files: 0,
      messages: 0,
      timeline: 0,
    });
    expect((await fileOf(held)).request).toBe(1);
    expect(await requestFigures()).toContainEqual({
      location_id: world.locationIds.a,
      school_year: schoolYearOf(today),
      type: 'pupil_advice',
      outcome: 'closed',
      count: expect.any(Number),
    });
    // The allocation key counts past requests: the deleted one still counts.
    expect(await allocatedRequests(nextYear)).toBe(requestsCountedBefore);
  });

  it('P4: every run leaves a deletion log of kind, count and day, never what', async () => {
    const response = await officer.client.get('/api/retention/deletion-log');
    expect(response.statusCode).toBe(200);
    const log = response.json() as { items: Array<{ kind: string; count: number; day: string }> };
    expect(log.items.map((item) => item.kind)).toEqual(expect.arrayContaining(['request_file', 'draft']));
    expect(JSON.stringify(log)).not.toContain(closed.reference);
    const audit = await harness.database.withTenant(world.tenantId, ({ db }) =>
      queryRows<{ details: { kind: string; count: number } }>(
        db,
        sql`select details from audit_events where event = 'retention.deleted'`,
      ),
    );
    expect(audit.map((row) => row.details.kind)).toEqual(expect.arrayContaining(['request_file', 'draft']));
  });

  it('P4: a released hold lets the next run delete the file; releasing twice is refused', async () => {
    const [hold] = ((await officer.client.get('/api/retention/legal-holds')).json() as LegalHoldList).holds;
    const release = () =>
      officer.client.post(`/api/retention/legal-holds/${hold?.id}/release`, {
        reason: 'Procedure afgerond.',
      });
    expect((await release()).statusCode).toBe(204);
    expect((await release()).statusCode).toBe(409);
    await retention();
    expect((await fileOf(held)).request).toBe(0);
  });

  afterAll(() => harness.clock.set(null));
});

describe('P4: the schedule per partnership, within bounds', () => {
  it('P4: changes a period within its bounds and refuses one outside them at the field, changing nothing', async () => {
    const refused = await officer.client.put('/api/retention/schedule', {
      periods: [
        { kind: 'trajectory', amount: 36 },
        { kind: 'audit_event', amount: 24 },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: { fields: [{ path: 'periods.1.amount', code: 'retention_below_minimum', params: { min: 60 } }] },
    });
    const unchanged = (await officer.client.get('/api/retention/schedule')).json() as RetentionSchedule;
    expect(unchanged.periods.find((period) => period.kind === 'trajectory')?.amount).toBe(24);
    const changed = await officer.client.put('/api/retention/schedule', {
      periods: [{ kind: 'trajectory', amount: 36 }],
    });
    expect(changed.statusCode).toBe(200);
    expect(
      (changed.json() as RetentionSchedule).periods.find((period) => period.kind === 'trajectory'),
    ).toMatchObject({
      amount: 36,
      standard: 24,
    });
    await officer.client.put('/api/retention/schedule', { periods: [{ kind: 'trajectory', amount: 24 }] });
  });

  it('is for the privacy officer and the staff office, not for school staff or the team', async () => {
    for (const client of [world.ib.client, world.contact.client, world.admin.client])
      for (const url of ['/api/retention/schedule', '/api/retention/preview', '/api/retention/legal-holds'])
        expect((await client.get(url)).statusCode).toBe(403);
    expect((await world.coordinator.client.get('/api/retention/preview')).statusCode).toBe(200);
  });
});

describe('P2, P4: audit events are kept five years, by the database itself', () => {
  it('P4: the job deletes audit events older than five years and keeps younger ones', async () => {
    const insertAt = (yearsAgo: number, event: string) =>
      harness.database.withTenant(world.tenantId, ({ db }) =>
        db.execute(sql`insert into audit_events (tenant_id, event, occurred_at)
          values (${world.tenantId}::uuid, ${event}, now() - make_interval(days => ${Math.round(yearsAgo * 365.25)}))`),
      );
    await insertAt(6, 'test.six_years_old');
    await insertAt(4.5, 'test.four_years_old');
    await retention();
    const left = await harness.database.withTenant(world.tenantId, ({ db }) =>
      queryRows<{ event: string }>(db, sql`select event from audit_events where event like 'test.%'`),
    );
    expect(left.map((row) => row.event)).toEqual(['test.four_years_old']);
  });

  it('P2: the app role cannot delete an audit event younger than five years, whatever clock the app has', async () => {
    const outcome = await harness.database
      .withTenant(world.tenantId, ({ db }) =>
        db.execute(sql`delete from audit_events where event = 'test.four_years_old'`),
      )
      .then(() => 'succeeded')
      .catch(() => 'refused');
    expect(outcome).toBe('refused');
  });
});

describe('P4: trajectories at an expertise point', () => {
  it('P4: an ended trajectory goes two years after its end with its OPP, and its outcome stays counted', async () => {
    const mentor = await harness.createUser(world.tenantId, [
      { role: 'mentor', locationId: world.locationIds.b },
    ]);
    const endedOn = addDays(today, -10);
    const trajectoryId = await harness.database.withTenant(world.tenantId, async ({ db }) => {
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`insert into trajectories (tenant_id, location_id, status, pupil_first_name, pupil_last_name,
            pupil_birth_date, pupil_class, mentor_user_id, signal_source, signal_observed, signalled_by_user_id,
            ended_on, end_reason, diploma_obtained, diploma_level)
          values (${world.tenantId}::uuid, ${world.locationIds.b}::uuid, 'ended', 'Fenna', 'Jansen',
            ${bornYearsAgo(15)}::date, '3B', ${mentor.userId}::uuid, 'teacher', 'Trekt zich terug in de les.',
            ${mentor.userId}::uuid, ${endedOn}::date, 'diploma', true, 'vmbo_gl_tl')
          returning id`,
      );
      await db.execute(sql`insert into opp_versions (tenant_id, trajectory_id, version, status, created_by_user_id)
        values (${world.tenantId}::uuid, ${row?.id}::uuid, 1, 'adopted', ${mentor.userId}::uuid)`);
      return row?.id ?? '';
    });
    harness.clock.set(addDays(addMonths(endedOn, 24), -1));
    expect((await retention()).trajectory).toBe(0);
    expect(await rowsOf('trajectories', 'id', trajectoryId)).toBe(1);
    harness.clock.set(addMonths(endedOn, 24));
    expect((await retention()).trajectory).toBe(1);
    expect(await rowsOf('trajectories', 'id', trajectoryId)).toBe(0);
    expect(await rowsOf('opp_versions', 'trajectory_id', trajectoryId)).toBe(0);
    const figures = await harness.database.withTenant(world.tenantId, ({ db }) =>
      queryRows(
        db,
        sql`select school_year, end_reason, diploma_level, had_opp, count from trajectory_figures`,
      ),
    );
    expect(figures).toEqual([
      {
        school_year: schoolYearOf(endedOn),
        end_reason: 'diploma',
        diploma_level: 'vmbo_gl_tl',
        had_opp: 'yes',
        count: 1,
      },
    ]);
    harness.clock.set(null);
  });
});

describe('P4: sent mail and used links', () => {
  it('P4: sent mail goes after the 30 days of the schedule; failed and newer mail stay', async () => {
    await harness.database.queryAsOwner(sql`
      insert into outbox_mails (tenant_id, to_address, subject, text, status, attempts, sent_at, created_at)
      values (${world.tenantId}, 'oud@school.test', 'Oud', null, 'sent', 1, now() - interval '31 days', now() - interval '31 days'),
        (${world.tenantId}, 'recent@school.test', 'Recent', null, 'sent', 1, now() - interval '29 days', now() - interval '29 days'),
        (${world.tenantId}, 'mislukt@school.test', 'Mislukt', 'Tekst', 'failed', 10, null, now() - interval '40 days')`);
    const result = await retention();
    expect(result.mail_and_link).toBeGreaterThanOrEqual(1);
    const left = await harness.database.queryAsOwner<{ to_address: string }>(
      sql`select to_address from outbox_mails where to_address in ('oud@school.test', 'recent@school.test', 'mislukt@school.test') order by to_address`,
    );
    expect(left.map((row) => row.to_address)).toEqual(['mislukt@school.test', 'recent@school.test']);
  });
});

describe('P4: a run stopped halfway', () => {
  it('P4: leaves every batch done or not started, and the next run goes on', async () => {
    const files = [];
    for (let index = 0; index < 3; index += 1) files.push(await closedRequest());
    harness.clock.set(addDays(addMonths(today, 24), 2));
    // A process that dies after its second transaction: the third batch never starts.
    let transactions = 0;
    const kernel = harness.services.kernel;
    const dying: Pick<Kernel, 'partnershipIds' | 'runAsSystem'> = {
      partnershipIds: async () => [world.tenantId],
      runAsSystem: (tenantId, job, work) => {
        transactions += 1;
        if (transactions > 3) throw new Error('killed');
        return kernel.runAsSystem(tenantId, job, work);
      },
    };
    await expect(runRetention(dying, { batchSize: 1 })).rejects.toThrow('killed');
    const remaining: number[] = [];
    for (const file of files) remaining.push((await fileOf(file)).request);
    // The schedule's read, then two batches of one file each.
    expect(remaining.filter((count) => count === 0)).toHaveLength(2);
    for (const file of files.filter((_, index) => remaining[index] === 1))
      expect(await fileOf(file)).toMatchObject({ request: 1, consents: 1, files: 2 });
    const next = await runRetention(kernel, { batchSize: 1 });
    expect(next.request_file).toBe(1);
    for (const file of files) expect((await fileOf(file)).request).toBe(0);
    harness.clock.set(null);
  });
});
