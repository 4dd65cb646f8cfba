import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  bornYearsAgo,
  createRequestsWorld,
  detailOf,
  fileRequestWithPaperConsent,
  pupilRequestForm,
  type RequestsWorld,
  scannedForm,
} from '../../test/support/requests.test-support.ts';
import { supportRequests } from './requests.schema.ts';

let harness: Harness;
let world: RequestsWorld;

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
});
afterAll(() => harness.close());

const fileWithPaperConsent = (options: { pupilBirthDate?: string } = {}) =>
  fileRequestWithPaperConsent(world, options);

/** A pupil-level request whose parent consented on paper: ready, and assigned to the contact person. */
async function assignedRequest(options: { pupilBirthDate?: string } = {}): Promise<RequestDetail> {
  const detail = await fileWithPaperConsent(options);
  expect(detail).toMatchObject({ status: 'assigned', consent: { status: 'complete' } });
  return detail;
}

async function auditRows(objectId: string) {
  return harness.database.withTenant(world.tenantId, ({ db }) =>
    queryRows<{ event: string; actor_user_id: string | null; actor_roles: string[]; details: unknown }>(
      db,
      sql`select event, actor_user_id, actor_roles, details from audit_events
        where object_id = ${objectId} order by id`,
    ),
  );
}

describe('P3: withdrawn consent stops the work', () => {
  let paused: RequestDetail;

  beforeAll(async () => {
    const assigned = await assignedRequest();
    const started = await world.contact.client.post(`/api/requests/${assigned.id}/start`);
    expect(started.statusCode).toBe(200);
    const withdrawn = await world.ib.client.post(
      `/api/requests/${assigned.id}/consents/${assigned.parents[0]?.id}/withdraw`,
    );
    expect(withdrawn.statusCode).toBe(200);
    paused = detailOf(withdrawn);
    expect(paused).toMatchObject({ status: 'paused', consent: { status: 'withdrawn' } });
  });

  // Every write route on one request, with a body the route accepts, sent by someone who could do it
  // were the request not paused. Consent routes and withdrawing the request stay open.
  const writes: Record<string, (id: string) => Promise<{ statusCode: number; body: string }>> = {
    'PUT /api/requests/:requestId': (id) => world.ib.client.put(`/api/requests/${id}`, {}),
    'DELETE /api/requests/:requestId': (id) => world.ib.client.delete(`/api/requests/${id}`),
    'POST /api/requests/:requestId/submit': (id) => world.ib.client.post(`/api/requests/${id}/submit`),
    // Y3: the school names another teacher: refused while paused before the teacher is looked at.
    'PUT /api/requests/:requestId/teacher': (id) =>
      world.ib.client.put(`/api/requests/${id}/teacher`, { teacherUserId: world.ib.userId }),
    'POST /api/requests/:requestId/refuse': (id) =>
      world.coordinator.client.post(`/api/requests/${id}/refuse`, { reason: 'Buiten onze opdracht.' }),
    'POST /api/requests/:requestId/assign': (id) =>
      world.coordinator.client.post(`/api/requests/${id}/assign`, { userId: world.adviser.userId }),
    'POST /api/requests/:requestId/start': (id) => world.contact.client.post(`/api/requests/${id}/start`),
    'POST /api/requests/:requestId/close': (id) =>
      world.contact.client.post(`/api/requests/${id}/close`, { outcome: 'Adviezen gegeven.' }),
    'POST /api/requests/:requestId/parents-informed': (id) =>
      world.ib.client.post(`/api/requests/${id}/parents-informed`, {
        informedOn: todayInAmsterdam(),
        how: 'Brief',
      }),
    'POST /api/requests/:requestId/messages': (id) =>
      world.contact.client.upload(`/api/requests/${id}/messages`, { kind: 'message', body: 'Hoe gaat het?' }),
    'POST /api/requests/:requestId/attachments': (id) =>
      world.ib.client.upload(`/api/requests/${id}/attachments`, {}, scannedForm),
  };
  const stillOpen = new Set([
    'POST /api/requests/:requestId/withdraw',
    'POST /api/requests/:requestId/consents/:personId/send',
    'POST /api/requests/:requestId/consents/:personId/withdraw',
    'POST /api/requests/:requestId/consents/:personId/ask-again',
    'POST /api/requests/:requestId/consents/paper',
  ]);

  it('P3: the walk covers every write route of a request', () => {
    const registered = harness.routes
      .filter((route) => route.url.startsWith('/api/requests/:requestId') && route.method !== 'GET')
      .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS')
      .map((route) => `${route.method} ${route.url}`);
    expect(registered.filter((route) => !(route in writes) && !stillOpen.has(route))).toEqual([]);
  });

  it('P3: on a paused request every write route except consent and withdrawal is refused, and nothing changes', async () => {
    for (const [route, send] of Object.entries(writes)) {
      const response = await send(paused.id);
      expect(response.statusCode, route).toBe(409);
      expect(JSON.parse(response.body).error.code, route).toBe('request_paused');
    }
    const after = detailOf(await world.ib.client.get(`/api/requests/${paused.id}`));
    expect(after.status).toBe('paused');
    expect(after.messages ?? []).toHaveLength(0);
    expect(after.commands).not.toContain('post_message');
    expect(after.commands).not.toContain('upload_attachment');
  });

  it('P3: no hours can be logged against a paused request, neither by the member nor by the staff office', async () => {
    const entry = {
      date: todayInAmsterdam(),
      hours: 1,
      locationId: world.locationIds.a,
      requestId: paused.id,
      activity: 'consultation',
    };
    for (const client of [world.contact.client, world.coordinator.client] as TestClient[]) {
      const body = client === world.coordinator.client ? { ...entry, userId: world.contact.userId } : entry;
      const response = await client.post('/api/time-entries', body);
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body).error.fields).toEqual([
        expect.objectContaining({ path: 'requestId', code: 'request_paused' }),
      ]);
    }
  });

  it('P3: the request is still readable by those involved and consent can be asked again', async () => {
    expect((await world.contact.client.get(`/api/requests/${paused.id}`)).statusCode).toBe(200);
    const again = await world.ib.client.post(
      `/api/requests/${paused.id}/consents/${paused.parents[0]?.id}/ask-again`,
    );
    expect(again.statusCode).toBe(200);
  });
});

describe('R9: whose consent counts is fixed on the day consent became complete', () => {
  it('R9: a pupil who turns 12 after consent was complete does not reopen it', async () => {
    // Consent became complete yesterday, when the pupil was 11; today is their 12th birthday.
    const detail = await assignedRequest({ pupilBirthDate: bornYearsAgo(11, 300) });
    const yesterday = new Date(Date.parse(`${todayInAmsterdam()}T12:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    await harness.database.withTenant(world.tenantId, async ({ db }) => {
      await db
        .update(supportRequests)
        .set({ consentFixedOn: yesterday })
        .where(sql`${supportRequests.id} = ${detail.id}`);
      await db.execute(
        sql`update request_people set birth_date = ${bornYearsAgo(12, 0)}::date
          where request_id = ${detail.id}::uuid and kind = 'pupil'`,
      );
    });
    const shown = detailOf(await world.ib.client.get(`/api/requests/${detail.id}`));
    expect(shown.consent.status).toBe('complete');
    expect(shown.consent.people.find((person) => person.kind === 'pupil')?.required).toBe(false);

    // Any later consent command settles the request again: it stays complete and assigned.
    const resent = await world.ib.client.post(
      `/api/requests/${detail.id}/consents/${detail.parents[0]?.id}/withdraw`,
    );
    expect(detailOf(resent)).toMatchObject({ status: 'paused', consent: { status: 'withdrawn' } });
    const paperAgain = await world.ib.client.post(
      `/api/requests/${detail.id}/consents/${detail.parents[0]?.id}/ask-again`,
    );
    // Open again: judged today, so now the 12-year-old's consent counts as well.
    const reopened = detailOf(paperAgain);
    expect(reopened.consent.status).toBe('pending');
    expect(reopened.consent.people.find((person) => person.kind === 'pupil')?.required).toBe(true);
  });

  it('R9: a 12-year-old pupil consents when consent is completed on their birthday', async () => {
    const recorded = await fileWithPaperConsent({ pupilBirthDate: bornYearsAgo(12, 0) });
    expect(recorded).toMatchObject({ status: 'submitted', consent: { status: 'pending' } });
  });
});

describe('P2: what the workflow does by itself is audited', () => {
  it('P2: marking ready and assigning to the contact person are recorded with the system as actor', async () => {
    const detail = await assignedRequest();
    const rows = await auditRows(detail.id);
    const automatic = rows.filter((row) => row.actor_roles.includes('system'));
    expect(automatic.map((row) => row.details)).toEqual([
      expect.objectContaining({ transition: 'mark_ready', from: 'submitted', to: 'ready' }),
      expect.objectContaining({ transition: 'assign', from: 'ready', to: 'assigned' }),
    ]);
    expect(automatic.every((row) => row.actor_user_id === null)).toBe(true);
  });

  it('P2: a pause after a withdrawal is recorded with the system as actor', async () => {
    const detail = await assignedRequest();
    await world.ib.client.post(`/api/requests/${detail.id}/consents/${detail.parents[0]?.id}/withdraw`);
    const rows = await auditRows(detail.id);
    expect(rows.filter((row) => row.actor_roles.includes('system')).at(-1)?.details).toEqual(
      expect.objectContaining({ transition: 'pause', to: 'paused', cause: 'requests.manage_consent' }),
    );
  });

  it('P2: the audit trail names every role of the actor, not only the first', async () => {
    const both = await harness.createUser(world.tenantId, [
      { role: 'internal_coordinator', locationId: world.locationIds.a },
      { role: 'director', locationId: world.locationIds.a },
    ]);
    const client = await harness.signedIn(both);
    const created = await client.post('/api/requests', pupilRequestForm(world.locationIds.a));
    expect(created.statusCode).toBe(201);
    const [row] = await auditRows(detailOf(created).id);
    expect(row?.actor_roles).toEqual(['director', 'internal_coordinator']);
  });
});

describe('R8: consent is asked once the request is submitted', () => {
  it('R8: no consent is recorded on a draft, whose people are rewritten with every save', async () => {
    const form = pupilRequestForm(world.locationIds.a, { parentEmails: [null] });
    const created = await world.ib.client.post('/api/requests', form);
    expect(created.statusCode).toBe(201);
    const draft = detailOf(created);
    const recorded = await world.ib.client.upload(
      `/api/requests/${draft.id}/consents/paper`,
      {
        personId: draft.parents[0]?.id ?? '',
        decision: 'given',
        signedOn: todayInAmsterdam(),
        signedBy: 'Sanne de Vries',
      },
      scannedForm,
    );
    expect(recorded.statusCode).toBe(409);
    // Saving the draft again still works: no consent record holds on to its people.
    const { locationId: _location, idempotencyKey: _key, ...answers } = form;
    const saved = await world.ib.client.put(`/api/requests/${draft.id}`, {
      ...answers,
      question: 'Aangepast',
    });
    expect(saved.body).not.toContain('"error"');
    expect(saved.statusCode).toBe(200);
  });
});
