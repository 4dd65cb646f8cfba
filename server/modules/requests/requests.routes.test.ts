import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import {
  type AssignmentSuggestionList,
  type ConsentPage,
  type RequestFilterOptions,
  type RequestPage,
  requestStatuses,
} from '../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import {
  bornYearsAgo,
  consentTokenFor,
  createRequestsWorld,
  detailOf,
  fileRequest,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';

let harness: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let world: RequestsWorld;

const errorOf = (response: { body: string }) => (JSON.parse(response.body) as ErrorResponse).error;
const fieldCodes = (response: { body: string }) =>
  (errorOf(response).fields ?? []).map((field) => [field.path, field.code]);
const email = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@thuis.test`;

async function countRows(table: string): Promise<number> {
  const [row] = await harness.database.queryAsOwner<{ total: number }>(
    sql`select count(*)::int as total from ${sql.identifier(table)} where tenant_id = ${world.tenantId}`,
  );
  return Number(row?.total ?? 0);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  world = await createRequestsWorld(harness);
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

describe('the request form (R4, R6)', () => {
  it('R6: the IB saves a draft; sending the same create twice yields one draft', async () => {
    const form = pupilRequestForm(world.locationIds.a);
    const first = await world.ib.client.post('/api/requests', form);
    expect(first.statusCode).toBe(201);
    const again = await world.ib.client.post('/api/requests', form);
    expect(again.statusCode).toBe(200);
    expect(detailOf(again).id).toBe(detailOf(first).id);
    expect(detailOf(first)).toMatchObject({
      status: 'draft',
      reference: expect.stringMatching(/^HV-\d{4}-\d{4}$/),
      pupil: { name: 'Daan de Vries' },
      commands: ['edit', 'delete', 'submit', 'upload_attachment'],
    });

    const saved = await world.ib.client.put(`/api/requests/${detailOf(first).id}`, {
      ...form,
      locationId: undefined,
      idempotencyKey: undefined,
      question: 'Een andere vraag',
    });
    expect(saved.statusCode).toBe(200);
    expect(detailOf(saved).question).toBe('Een andere vraag');
  });

  it('refuses a birth date in the future, a pupil under 3, an invalid e-mail: nothing is saved', async () => {
    const before = await countRows('support_requests');
    const form = pupilRequestForm(world.locationIds.a);
    const future = await world.ib.client.post('/api/requests', {
      ...form,
      pupil: { ...form.pupil, birthDate: '2999-01-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(fieldCodes(future)).toContainEqual(['pupil.birthDate', 'date_in_future']);
    const toddler = await world.ib.client.post('/api/requests', {
      ...form,
      pupil: { ...form.pupil, birthDate: bornYearsAgo(2) },
    });
    expect(fieldCodes(toddler)).toContainEqual(['pupil.birthDate', 'pupil_too_young']);
    expect(errorOf(toddler).fields?.[0]?.message).toContain('minstens 3 jaar');
    const badMail = await world.ib.client.post('/api/requests', {
      ...form,
      parents: [{ ...form.parents[0], email: 'geen-adres' }],
    });
    expect(fieldCodes(badMail)).toContainEqual(['parents.0.email', 'invalid_email']);
    expect(await countRows('support_requests')).toBe(before);
  });

  it('R8: submitting a pupil-level request without a parent with authority names the missing fields', async () => {
    const form = pupilRequestForm(world.locationIds.a);
    const created = await world.ib.client.post('/api/requests', {
      ...form,
      question: null,
      parents: [{ ...form.parents[0], hasAuthority: false }],
    });
    const submitted = await world.ib.client.post(`/api/requests/${detailOf(created).id}/submit`);
    expect(submitted.statusCode).toBe(400);
    expect(fieldCodes(submitted)).toEqual(
      expect.arrayContaining([
        ['question', 'required'],
        ['parents', 'parent_with_authority_required'],
      ]),
    );
    const after = await world.ib.client.get(`/api/requests/${detailOf(created).id}`);
    expect(detailOf(after).status).toBe('draft');
  });

  it('R4: a new request filed at once that is not complete saves nothing, not even an empty draft', async () => {
    const before = await countRows('support_requests');
    const form = pupilRequestForm(world.locationIds.a);
    const empty = await world.ib.client.post('/api/requests', {
      locationId: world.locationIds.a,
      idempotencyKey: crypto.randomUUID(),
      submit: true,
    });
    expect(empty.statusCode).toBe(400);
    expect(fieldCodes(empty)).toEqual(expect.arrayContaining([['asksDirectPupilSupport', 'required']]));
    const incomplete = await world.ib.client.post('/api/requests', {
      ...form,
      hopedOutcome: null,
      parents: [{ ...form.parents[0], hasAuthority: false }],
      submit: true,
    });
    expect(incomplete.statusCode).toBe(400);
    expect(fieldCodes(incomplete)).toEqual(
      expect.arrayContaining([
        ['hopedOutcome', 'required'],
        ['parents', 'parent_with_authority_required'],
      ]),
    );
    expect(await countRows('support_requests')).toBe(before);

    // The same form, completed, is filed with the same key: created and submitted in one step.
    const filed = await world.ib.client.post('/api/requests', { ...form, submit: true });
    expect(filed.statusCode).toBe(201);
    expect(detailOf(filed)).toMatchObject({ status: 'submitted', consent: { status: 'pending' } });
    expect(detailOf(filed).timeline.map((entry) => entry.transition)).toEqual(['submit']);
    expect(await countRows('support_requests')).toBe(before + 1);
    const again = await world.ib.client.post('/api/requests', { ...form, submit: true });
    expect(again.statusCode).toBe(200);
    expect(detailOf(again).id).toBe(detailOf(filed).id);
  });

  it('R2: a new request asking for direct pupil support is filed at once and refused', async () => {
    const filed = await world.ib.client.post('/api/requests', {
      ...pupilRequestForm(world.locationIds.a),
      asksDirectPupilSupport: true,
      submit: true,
    });
    expect(filed.statusCode).toBe(201);
    expect(detailOf(filed).status).toBe('refused');
  });

  it('only a school of the own partnership where the user is IB or director can be chosen', async () => {
    const secondary = await world.ib.client.post('/api/requests', pupilRequestForm(world.locationIds.b));
    expect(fieldCodes(secondary)).toEqual([['locationId', 'no_location']]);
    const options = await world.ib.client.get('/api/requests/form-options');
    expect(options.json().locations.map((location: { id: string }) => location.id)).toEqual([
      world.locationIds.a,
    ]);
  });

  it('R2: a request for direct support of a pupil is refused with the reason and recorded', async () => {
    const detail = await fileRequest(world.ib.client, {
      ...pupilRequestForm(world.locationIds.a),
      asksDirectPupilSupport: true,
    });
    expect(detail.status).toBe('refused');
    expect(detail.refusalReason).toContain('basisondersteuning en extra ondersteuning');
    expect(detail.timeline.map((entry) => [entry.transition, entry.toStatus])).toEqual([
      ['refuse', 'refused'],
    ]);
  });
});

describe('consent and the workflow (R1, R8, R9, P3)', () => {
  it('R9: two parents and a 13-year-old consent by link; the contact person gets it, reassigns, works, closes; a withdrawal pauses it', async () => {
    const mother = email('moeder');
    const father = email('vader');
    const pupil = email('leerling');
    const form = pupilRequestForm(world.locationIds.a, {
      pupilBirthDate: bornYearsAgo(13),
      pupilEmail: pupil,
      parentEmails: [mother, father],
    });
    const submitted = await fileRequest(world.ib.client, form);
    expect(submitted).toMatchObject({ status: 'submitted', consent: { status: 'pending' } });
    expect(submitted.consent.people.map((person) => [person.kind, person.required, person.state])).toEqual([
      ['pupil', true, 'asked'],
      ['parent', true, 'asked'],
      ['parent', true, 'asked'],
    ]);

    // The mails carry a link and no personal data.
    const motherMail = await smtp.waitForMail(mother);
    expect(motherMail.text).not.toContain('Daan');
    expect(motherMail.text).not.toContain(form.question);
    // Issue 15, point 6: every consent mail links the partnership's privacy statement, the pupil's the child version.
    const [{ slug } = { slug: '' }] = await harness.database.queryAsOwner<{ slug: string }>(
      sql`select slug from tenants where id = ${world.tenantId}`,
    );
    expect(motherMail.text).toContain(`/p/${slug}/privacy\n`);
    expect((await smtp.waitForMail(pupil)).text).toContain(`/p/${slug}/privacy/leerling`);
    const tokens = [
      await consentTokenFor(smtp, mother),
      await consentTokenFor(smtp, father),
      await consentTokenFor(smtp, pupil),
    ];

    const anonymous = harness.client();
    const page = await anonymous.post('/api/consent/view', { token: tokens[2] });
    expect(page.statusCode).toBe(200);
    expect(page.json() as ConsentPage).toMatchObject({
      audience: 'pupil',
      partnershipSlug: slug,
      pupilFirstName: 'Daan',
      canAnswer: true,
      decision: null,
      teamMembers: [expect.objectContaining({ teamRole: 'behavioural_scientist' }), expect.anything()],
      retentionMonths: 24,
    });
    // P4: the text says what the partnership's schedule does.
    const changed = await world.coordinator.client.put('/api/retention/schedule', {
      periods: [{ kind: 'request_file', amount: 36 }],
    });
    expect(changed.statusCode).toBe(200);
    const again = await anonymous.post('/api/consent/view', { token: tokens[2] });
    expect((again.json() as ConsentPage).retentionMonths).toBe(36);
    await world.coordinator.client.put('/api/retention/schedule', {
      periods: [{ kind: 'request_file', amount: 24 }],
    });
    for (const token of tokens) {
      const answered = await anonymous.post('/api/consent/answer', { token, decision: 'given' });
      expect(answered.statusCode).toBe(200);
    }
    const reused = await anonymous.post('/api/consent/answer', { token: tokens[0], decision: 'refused' });
    expect(reused.statusCode).toBe(409);
    expect(errorOf(reused).code).toBe('consent_already_answered');

    const ready = detailOf(await world.contact.client.get(`/api/requests/${submitted.id}`));
    expect(ready).toMatchObject({
      status: 'assigned',
      consent: { status: 'complete' },
      assignedTo: { id: world.contact.userId },
    });
    expect(
      ready.consent.records.map((record) => [record.decision, record.method, record.textVersion]),
    ).toEqual([
      ['given', 'digital', 'ouder-2026-12-b1'],
      ['given', 'digital', 'ouder-2026-12-b1'],
      ['given', 'digital', 'leerling-2026-12'],
    ]);
    await smtp.waitForMail(world.contact.email);

    // R1: the contact person sees suggestions and reassigns to the school's other fixed member.
    const suggestions = await world.contact.client.get(
      `/api/requests/${submitted.id}/assignment-suggestions`,
    );
    expect(
      (suggestions.json() as AssignmentSuggestionList).items.slice(0, 2).map((item) => item.userId),
    ).toEqual(expect.arrayContaining([world.contact.userId, world.adviser.userId]));
    // The other fixed member reads the request but is not the contact person: assigning is refused.
    const notAllowed = await world.adviser.client.post(`/api/requests/${submitted.id}/assign`, {
      userId: world.adviser.userId,
    });
    expect(notAllowed.statusCode).toBe(403);
    expect(
      (await world.adviser.client.get(`/api/requests/${submitted.id}/assignment-suggestions`)).statusCode,
    ).toBe(403);
    const reassigned = await world.contact.client.post(`/api/requests/${submitted.id}/assign`, {
      userId: world.adviser.userId,
    });
    expect(detailOf(reassigned)).toMatchObject({
      status: 'assigned',
      assignedTo: { id: world.adviser.userId },
    });

    const wrongMember = await world.contact.client.post(`/api/requests/${submitted.id}/start`);
    expect(errorOf(wrongMember).code).toBe('not_assignee');
    const started = await world.adviser.client.post(`/api/requests/${submitted.id}/start`);
    expect(detailOf(started).status).toBe('in_progress');

    // P3: the father withdraws through the same link; the request pauses at once and the member hears.
    const mailsBefore = smtp.received.length;
    const withdrawn = await anonymous.post('/api/consent/withdraw', { token: tokens[1] });
    expect(withdrawn.statusCode).toBe(200);
    expect((withdrawn.json() as ConsentPage).decision).toBe('withdrawn');
    const paused = detailOf(await world.adviser.client.get(`/api/requests/${submitted.id}`));
    expect(paused).toMatchObject({ status: 'paused', consent: { status: 'withdrawn' } });
    expect(paused.commands).not.toContain('close');
    const closeWhilePaused = await world.adviser.client.post(`/api/requests/${submitted.id}/close`, {
      outcome: 'Advies gegeven',
    });
    expect(closeWhilePaused.statusCode).toBe(409);
    expect(errorOf(closeWhilePaused).code).toBe('request_paused');
    await expect.poll(() => smtp.received.length).toBeGreaterThan(mailsBefore);
    const pausedMail = await smtp.waitForMail(world.adviser.email);
    expect(pausedMail.text).not.toContain('Daan');

    // The school asks again; the father consents once more and the work resumes where it was.
    const askedAgain = await world.ib.client.post(
      `/api/requests/${submitted.id}/consents/${paused.consent.people.find((person) => person.name === 'Mark de Vries')?.personId}/ask-again`,
    );
    expect(askedAgain.statusCode).toBe(200);
    const newToken = await consentTokenFor(smtp, father, 2);
    expect(newToken).not.toBe(tokens[1]);
    await anonymous.post('/api/consent/answer', { token: newToken, decision: 'given' });
    const resumed = detailOf(await world.adviser.client.get(`/api/requests/${submitted.id}`));
    expect(resumed.status).toBe('in_progress');

    const closed = await world.adviser.client.post(`/api/requests/${submitted.id}/close`, {
      outcome: 'Handelingsadviezen besproken met de leerkracht.',
    });
    expect(detailOf(closed)).toMatchObject({
      status: 'closed',
      outcome: expect.stringContaining('Handelingsadviezen'),
    });
    expect(detailOf(closed).timeline.map((entry) => entry.transition)).toEqual([
      'submit',
      'mark_ready',
      'assign',
      'reassign',
      'start',
      'pause',
      'resume',
      'close',
    ]);

    // P3: consent can still be withdrawn after closing; the file is then marked paused.
    await anonymous.post('/api/consent/withdraw', { token: tokens[0] });
    const afterClose = detailOf(await world.adviser.client.get(`/api/requests/${submitted.id}`));
    expect(afterClose).toMatchObject({ status: 'paused', consent: { status: 'withdrawn' } });
    expect(afterClose.timeline.at(-1)).toMatchObject({ transition: 'pause', fromStatus: 'closed' });
  });

  it('R9: an 11-year-old is not asked; the parents alone complete the consent', async () => {
    const mother = email('moeder');
    const detail = await fileRequest(
      world.ib.client,
      pupilRequestForm(world.locationIds.a, {
        pupilBirthDate: bornYearsAgo(11),
        pupilEmail: email('kind'),
        parentEmails: [mother],
      }),
    );
    expect(detail.consent.people.find((person) => person.kind === 'pupil')).toMatchObject({
      required: false,
      state: 'not_asked',
    });
    const anonymous = harness.client();
    const token = await consentTokenFor(smtp, mother);
    expect((await anonymous.post('/api/consent/view', { token })).statusCode).toBe(200);
    await anonymous.post('/api/consent/answer', { token, decision: 'given' });
    expect(detailOf(await world.ib.client.get(`/api/requests/${detail.id}`)).status).toBe('assigned');
    // P2: the parent has no account: the trail names their role; what followed is the system's.
    const trail = await harness.database.queryAsOwner<{
      event: string;
      actor_user_id: string | null;
      actor_roles: string[];
    }>(
      sql`select event, actor_user_id, actor_roles from audit_events
        where object_id = ${detail.id} and actor_user_id is null order by id`,
    );
    expect(trail.map((row) => [row.event, row.actor_roles])).toEqual([
      ['consent.page_viewed', ['parent']],
      ['consent.recorded', ['parent']],
      ['requests.transitioned', ['system']],
      ['requests.transitioned', ['system']],
    ]);
  });

  it('a refusal is final for that person; an expired link cannot be answered', async () => {
    const mother = email('moeder');
    const father = email('vader');
    const detail = await fileRequest(
      world.ib.client,
      pupilRequestForm(world.locationIds.a, { parentEmails: [mother, father] }),
    );
    const anonymous = harness.client();
    await anonymous.post('/api/consent/answer', {
      token: await consentTokenFor(smtp, mother),
      decision: 'refused',
    });
    const refused = detailOf(await world.ib.client.get(`/api/requests/${detail.id}`));
    expect(refused).toMatchObject({ status: 'submitted', consent: { status: 'refused' } });
    const motherId = refused.consent.people.find((person) => person.name === 'Sanne de Vries')?.personId;
    const resend = await world.ib.client.post(`/api/requests/${detail.id}/consents/${motherId}/send`);
    expect(errorOf(resend).code).toBe('consent_refused_final');

    await harness.database.queryAsOwner(
      sql`update consent_links set expires_at = now() - interval '1 second' where request_id = ${detail.id}`,
    );
    const token = await consentTokenFor(smtp, father);
    const view = await anonymous.post('/api/consent/view', { token });
    expect(view.statusCode).toBe(422);
    expect(errorOf(view).code).toBe('consent_link_expired');
    expect(errorOf(view).message).toContain('verlopen');
    const answer = await anonymous.post('/api/consent/answer', { token, decision: 'given' });
    expect(errorOf(answer).code).toBe('consent_link_expired');
    const nonsense = await anonymous.post('/api/consent/view', { token: 'x'.repeat(40) });
    expect(errorOf(nonsense).code).toBe('invalid_token');
  });

  it('R8: with the partnership setting, one parent suffices', async () => {
    const changed = await world.admin.client.put('/api/settings/consent', { oneParentSuffices: true });
    expect(changed.statusCode).toBe(200);
    try {
      const mother = email('moeder');
      const detail = await fileRequest(
        world.ib.client,
        pupilRequestForm(world.locationIds.a, { parentEmails: [mother, email('vader')] }),
      );
      await harness
        .client()
        .post('/api/consent/answer', { token: await consentTokenFor(smtp, mother), decision: 'given' });
      expect(detailOf(await world.ib.client.get(`/api/requests/${detail.id}`)).status).toBe('assigned');
    } finally {
      await world.admin.client.put('/api/settings/consent', { oneParentSuffices: false });
    }
  });

  it('P3: paper consent records who signed and when, with the scanned form; records cannot be changed', async () => {
    const detail = await fileRequest(
      world.ib.client,
      pupilRequestForm(world.locationIds.a, { parentEmails: [null] }),
    );
    const parentId = detail.parents[0]?.id ?? '';
    const form = {
      personId: parentId,
      decision: 'given',
      signedOn: todayInAmsterdam(),
      signedBy: 'Sanne de Vries',
    };
    const noFile = await world.ib.client.upload(`/api/requests/${detail.id}/consents/paper`, form);
    expect(fieldCodes(noFile)).toEqual([['file', 'required']]);
    const recorded = await world.ib.client.upload(`/api/requests/${detail.id}/consents/paper`, form, {
      fileName: 'toestemming.pdf',
      content: '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
      contentType: 'application/pdf',
    });
    expect(recorded.statusCode).toBe(200);
    expect(detailOf(recorded).consent.records).toEqual([
      expect.objectContaining({ method: 'paper', signedBy: 'Sanne de Vries', decision: 'given' }),
    ]);
    expect(detailOf(recorded).status).toBe('assigned');

    await expect(
      harness.database.withTenant(world.tenantId, ({ db }) =>
        db.execute(sql`update consent_records set decision = 'refused' where request_id = ${detail.id}`),
      ),
    ).rejects.toThrow();
  });

  it('double submission is idempotent: the second submit changes nothing and sends no mail', async () => {
    const mother = email('moeder');
    const created = await world.ib.client.post(
      '/api/requests',
      pupilRequestForm(world.locationIds.a, { parentEmails: [mother] }),
    );
    const id = detailOf(created).id;
    const first = await world.ib.client.post(`/api/requests/${id}/submit`);
    await smtp.waitForMail(mother);
    const mailsAfterFirst = smtp.received.filter((mail) => JSON.stringify(mail.to).includes(mother)).length;
    const second = await world.ib.client.post(`/api/requests/${id}/submit`);
    expect(second.statusCode).toBe(200);
    expect(detailOf(second).timeline).toEqual(detailOf(first).timeline);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.filter((mail) => JSON.stringify(mail.to).includes(mother))).toHaveLength(
      mailsAfterFirst,
    );
  });
});

describe('group requests (R10)', () => {
  it('R10: a group request cannot start before the school records that the parents were informed', async () => {
    const detail = await fileRequest(world.ib.client, {
      ...pupilRequestForm(world.locationIds.a),
      type: 'group_guidance',
      pupil: null,
      parents: [],
      groupName: 'groep 5/6',
    });
    expect(detail).toMatchObject({ status: 'submitted', consent: { status: 'not_needed' } });
    expect(detail.commands).toContain('record_parents_informed');
    const early = await world.coordinator.client.post(`/api/requests/${detail.id}/assign`, {
      userId: world.adviser.userId,
    });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('parents_not_informed');
    const future = await world.ib.client.post(`/api/requests/${detail.id}/parents-informed`, {
      informedOn: '2099-01-01',
      how: 'Brief',
    });
    expect(fieldCodes(future)).toEqual([['informedOn', 'date_in_future']]);
    const informed = await world.ib.client.post(`/api/requests/${detail.id}/parents-informed`, {
      informedOn: todayInAmsterdam(),
      how: 'Brief via de schoolapp aan alle ouders van groep 5/6',
    });
    expect(detailOf(informed)).toMatchObject({
      status: 'assigned',
      parentsInformed: { informedOn: todayInAmsterdam() },
      assignedTo: { id: world.contact.userId },
    });
  });
});

describe('who sees what (P1, P2)', () => {
  let requestId = '';
  beforeAll(async () => {
    requestId = (await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a))).id;
    // A draft (the school's own) and a request of the other school, for the list/detail comparison.
    await world.ib.client.post('/api/requests', pupilRequestForm(world.locationIds.a));
    await fileRequest(world.otherIb.client, pupilRequestForm(world.locationIds.c));
  });

  it('P1: the staff office sees the request but not the pupil unless it is assigned to them', async () => {
    const detail = detailOf(await world.coordinator.client.get(`/api/requests/${requestId}`));
    expect(detail).toMatchObject({
      pupil: null,
      parents: [],
      pupilHidden: true,
      question: null,
      messages: [],
    });
    expect(JSON.stringify(detail)).not.toContain('Daan');
    const page = (await world.coordinator.client.get('/api/requests?pageSize=100')).json() as RequestPage;
    const item = page.items.find((entry) => entry.id === requestId);
    expect(item).toMatchObject({ pupilName: null, pupilHidden: true });
    const search = (await world.coordinator.client.get('/api/requests?q=Daan')).json() as RequestPage;
    expect(search.total).toBe(0);
  });

  it('P1: the IB and the fixed members see the pupil; another school and an unrelated member get 404', async () => {
    expect(detailOf(await world.ib.client.get(`/api/requests/${requestId}`)).pupil?.name).toBe(
      'Daan de Vries',
    );
    expect(detailOf(await world.adviser.client.get(`/api/requests/${requestId}`)).pupil?.name).toBe(
      'Daan de Vries',
    );
    expect((await world.otherIb.client.get(`/api/requests/${requestId}`)).statusCode).toBe(404);
    expect((await world.outsider.client.get(`/api/requests/${requestId}`)).statusCode).toBe(404);
    const otherList = (await world.otherIb.client.get('/api/requests')).json() as RequestPage;
    expect(otherList.items.map((item) => item.id)).not.toContain(requestId);
  });

  it('P1: for every role the list shows exactly the requests and pupils the single-record check lets through', async () => {
    const all = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from support_requests where tenant_id = ${world.tenantId}`,
    );
    expect(all.length).toBeGreaterThanOrEqual(3);
    const people = [
      world.ib,
      world.director,
      world.otherIb,
      world.coordinator,
      world.admin,
      world.contact,
      world.adviser,
      world.outsider,
    ];
    const itemsOf = async (client: TestClient, url: string) => {
      const response = await client.get(url);
      return response.statusCode === 200 ? (response.json() as RequestPage).items : [];
    };
    for (const person of people) {
      const user = person.userId;
      const listed = await itemsOf(person.client, '/api/requests?pageSize=100');
      const found = await itemsOf(person.client, '/api/requests?q=Daan&pageSize=100');
      const readable: string[] = [];
      const pupilsShown: Array<[string, string]> = [];
      for (const { id } of all) {
        const response = await person.client.get(`/api/requests/${id}`);
        if (response.statusCode !== 200) continue;
        readable.push(id);
        const pupil = detailOf(response).pupil;
        if (pupil) pupilsShown.push([id, pupil.name]);
      }
      expect({ user, ids: listed.map((item) => item.id).sort() }).toEqual({ user, ids: readable.sort() });
      // requests.read_pupil: the list names a pupil exactly where the detail shows them.
      expect({
        user,
        pupils: listed.flatMap((item) => (item.pupilName ? [[item.id, item.pupilName]] : [])).sort(),
      }).toEqual({ user, pupils: pupilsShown.sort() });
      // A pupil's name finds a request only where the reader is shown that pupil.
      expect({ user, found: found.map((item) => item.id).sort() }).toEqual({
        user,
        found: pupilsShown
          .filter(([, name]) => name.includes('Daan'))
          .map(([id]) => id)
          .sort(),
      });
    }
  });

  it('P2: the list audit names the pupils whose names were on the page, and only those', async () => {
    const listedBy = async (person: RequestsWorld['ib']) => {
      const page = (await person.client.get('/api/requests?pageSize=100')).json() as RequestPage;
      const [event] = await harness.database.queryAsOwner<{
        details: { count: number; pupilIds: string[] };
      }>(
        sql`select details from audit_events where event = 'requests.listed' and actor_user_id = ${person.userId}
          order by occurred_at desc, id desc limit 1`,
      );
      return { page, details: event?.details };
    };
    const school = await listedBy(world.ib);
    const shownPupilIds: string[] = [];
    for (const item of school.page.items.filter((entry) => entry.pupilName)) {
      const pupilId = detailOf(await world.ib.client.get(`/api/requests/${item.id}`)).pupil?.id;
      if (pupilId) shownPupilIds.push(pupilId);
    }
    expect(shownPupilIds.length).toBeGreaterThan(0);
    expect(school.details?.count).toBe(school.page.items.length);
    expect([...(school.details?.pupilIds ?? [])].sort()).toEqual(shownPupilIds.sort());

    const office = await listedBy(world.coordinator);
    expect(office.page.items.some((item) => item.pupilHidden)).toBe(true);
    expect(office.details).toEqual({ count: office.page.items.length, pupilIds: [] });
  });

  it('P2: reading a request is audited, with whether pupil data was shown', async () => {
    const readsBy = async (userId: string) =>
      (
        await harness.database.queryAsOwner<{ details: { pupilShown: boolean } }>(
          sql`select details from audit_events where event = 'requests.viewed' and object_id = ${requestId}
            and actor_user_id = ${userId} order by occurred_at`,
        )
      ).map((row) => row.details.pupilShown);
    const before = {
      director: await readsBy(world.director.userId),
      office: await readsBy(world.coordinator.userId),
    };
    await world.director.client.get(`/api/requests/${requestId}`);
    await world.coordinator.client.get(`/api/requests/${requestId}`);
    expect(await readsBy(world.director.userId)).toEqual([...before.director, true]);
    expect(await readsBy(world.coordinator.userId)).toEqual([...before.office, false]);
  });

  it('the filter choices list only schools and members of requests the user may see', async () => {
    const forOffice = (await world.coordinator.client.get('/api/requests/filter-options')).json();
    expect(forOffice.locations.map((location: { id: string }) => location.id).sort()).toEqual(
      [world.locationIds.a, world.locationIds.c].sort(),
    );
    expect(forOffice.members.map((member: { id: string }) => member.id)).toContain(world.contact.userId);
    const forOtherSchool = (await world.otherIb.client.get('/api/requests/filter-options')).json();
    expect(forOtherSchool.locations.map((location: { id: string }) => location.id)).toEqual([
      world.locationIds.c,
    ]);
  });

  it('P1: says how far the search by pupil name reaches, so the search field promises no more', async () => {
    const reachOf = async (person: RequestsWorld['ib']) =>
      ((await person.client.get('/api/requests/filter-options')).json() as RequestFilterOptions).pupilSearch;
    // The staff office lists every request but is shown the pupil only of those assigned to it.
    expect(await reachOf(world.coordinator)).toBe('some');
    expect(await reachOf(world.ib)).toBe('all');
    expect(await reachOf(world.director)).toBe('all');
    expect(await reachOf(world.contact)).toBe('all');
  });

  it('the coordinator filters by school, status and member; pages are counted in SQL', async () => {
    const page = (
      await world.coordinator.client.get(
        `/api/requests?locationId=${world.locationIds.a}&status=assigned&pageSize=2`,
      )
    ).json() as RequestPage;
    expect(page.items.length).toBeLessThanOrEqual(2);
    expect(
      page.items.every((item) => item.status === 'assigned' && item.location.id === world.locationIds.a),
    ).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
  });
});

describe('sorting the request list', () => {
  const itemsSortedBy = async (sort: string) => {
    const response = await world.coordinator.client.get(`/api/requests?pageSize=100&sort=${sort}`);
    expect(response.statusCode).toBe(200);
    return (response.json() as RequestPage).items;
  };
  const isOrdered = <T>(values: T[], compare: (left: T, right: T) => number) =>
    values.every((value, index) => index === 0 || compare(values[index - 1] as T, value) <= 0);

  beforeAll(async () => {
    // Requests at both primary schools, so sorting by school has something to order.
    await fileRequest(world.otherIb.client, pupilRequestForm(world.locationIds.c));
    await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a));
  });

  it('sorts by reference, last change, status (in workflow order) and school, both ways', async () => {
    const references = (await itemsSortedBy('reference')).map((item) => item.reference);
    expect(references.length).toBeGreaterThan(2);
    expect(isOrdered(references, (left, right) => left.localeCompare(right))).toBe(true);
    expect((await itemsSortedBy('-reference')).map((item) => item.reference)).toEqual(
      [...references].reverse(),
    );

    const updated = (await itemsSortedBy('updated')).map((item) => Date.parse(item.updatedAt));
    expect(isOrdered(updated, (left, right) => left - right)).toBe(true);
    const unsorted = (await itemsSortedBy('-updated')).map((item) => item.id);
    const byDefault = (
      (await world.coordinator.client.get('/api/requests?pageSize=100')).json() as RequestPage
    ).items;
    expect(byDefault.map((item) => item.id)).toEqual(unsorted);

    const statusRank = (status: string) => (requestStatuses as readonly string[]).indexOf(status);
    const statuses = (await itemsSortedBy('status')).map((item) => statusRank(item.status));
    expect(new Set(statuses).size).toBeGreaterThan(1);
    expect(isOrdered(statuses, (left, right) => left - right)).toBe(true);
    const statusesDown = (await itemsSortedBy('-status')).map((item) => statusRank(item.status));
    expect(isOrdered(statusesDown, (left, right) => right - left)).toBe(true);

    const schools = (await itemsSortedBy('school')).map((item) => item.location.name);
    expect(new Set(schools)).toEqual(new Set(['School a', 'School c']));
    expect(isOrdered(schools, (left, right) => left.localeCompare(right))).toBe(true);
    const schoolsDown = (await itemsSortedBy('-school')).map((item) => item.location.name);
    expect(isOrdered(schoolsDown, (left, right) => right.localeCompare(left))).toBe(true);
  });

  it('pages of a sorted list neither repeat nor skip a request', async () => {
    const all = (await itemsSortedBy('status')).map((item) => item.id);
    const paged: string[] = [];
    for (let page = 1; paged.length < all.length; page += 1) {
      const response = await world.coordinator.client.get(
        `/api/requests?pageSize=3&page=${page}&sort=status`,
      );
      const items = (response.json() as RequestPage).items;
      if (items.length === 0) break;
      paged.push(...items.map((item) => item.id));
    }
    expect(paged).toEqual(all);
  });

  it('refuses a sort key that is not on the list, naming the field', async () => {
    for (const sort of ['pupil', '-name', 'updatedAt', 'reference;drop']) {
      const response = await world.coordinator.client.get(`/api/requests?sort=${encodeURIComponent(sort)}`);
      expect(response.statusCode).toBe(400);
      expect(fieldCodes(response).map(([path]) => path)).toEqual(['sort']);
    }
  });
});

describe('the thread and attachments (R7)', () => {
  let requestId = '';
  beforeAll(async () => {
    requestId = (await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a))).id;
  });
  const pdf = { fileName: 'observatie.pdf', content: '%PDF-1.4\n%%EOF\n', contentType: 'application/pdf' };

  it('R7: school and team write in the thread; a team note stays with the team; mail says only that there is news', async () => {
    const message = await world.ib.client.upload(`/api/requests/${requestId}/messages`, {
      kind: 'message',
      body: 'Daan had vandaag een lastige ochtend.',
    });
    expect(message.statusCode).toBe(200);
    const note = await world.contact.client.upload(
      `/api/requests/${requestId}/messages`,
      {
        kind: 'note',
        body: 'Intern: eerst observatie plannen.',
      },
      pdf,
    );
    expect(note.statusCode).toBe(200);
    const schoolNote = await world.ib.client.upload(`/api/requests/${requestId}/messages`, {
      kind: 'note',
      body: 'x',
    });
    expect(schoolNote.statusCode).toBe(409);
    const forSchool = detailOf(await world.ib.client.get(`/api/requests/${requestId}`));
    expect(forSchool.messages.map((entry) => entry.kind)).toEqual(['message']);
    const forTeam = detailOf(await world.contact.client.get(`/api/requests/${requestId}`));
    expect(forTeam.messages.map((entry) => [entry.kind, entry.authorSide])).toEqual([
      ['message', 'school'],
      ['note', 'team'],
    ]);
    const noteFile = forTeam.messages[1]?.attachments[0]?.id;
    expect((await world.ib.client.get(`/api/requests/${requestId}/attachments/${noteFile}`)).statusCode).toBe(
      404,
    );
    const news = await smtp.waitForMail(world.contact.email);
    expect(news.text).not.toContain('Daan');
  });

  it('accepts a PDF and refuses a file of a forbidden type, a disguised file and one that is too large', async () => {
    const ok = await world.ib.client.upload(`/api/requests/${requestId}/attachments`, {}, pdf);
    expect(ok.statusCode).toBe(200);
    const attachment = detailOf(ok).attachments.at(-1);
    expect(attachment).toMatchObject({ fileName: 'observatie.pdf', mediaType: 'application/pdf' });

    const exe = await world.ib.client.upload(
      `/api/requests/${requestId}/attachments`,
      {},
      { ...pdf, fileName: 'x.exe' },
    );
    expect([exe.statusCode, errorOf(exe).code]).toEqual([415, 'attachment_type']);
    const disguised = await world.ib.client.upload(
      `/api/requests/${requestId}/attachments`,
      {},
      {
        fileName: 'rapport.pdf',
        content: 'MZ this is not a pdf',
      },
    );
    expect([disguised.statusCode, errorOf(disguised).code]).toEqual([422, 'attachment_mismatch']);
    const large = await world.ib.client.upload(
      `/api/requests/${requestId}/attachments`,
      {},
      {
        ...pdf,
        content: `%PDF-1.4\n${'x'.repeat(10 * 1024 * 1024 + 10)}`,
      },
    );
    expect([large.statusCode, errorOf(large).code]).toEqual([413, 'attachment_too_large']);

    const download = await world.contact.client.get(
      `/api/requests/${requestId}/attachments/${attachment?.id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('observatie.pdf');
    expect(download.body.startsWith('%PDF')).toBe(true);
    const audited = await harness.database.queryAsOwner<{ total: number }>(
      sql`select count(*)::int as total from audit_events where event = 'requests.attachment_downloaded'
        and object_id = ${attachment?.id ?? ''}`,
    );
    expect(Number(audited[0]?.total)).toBe(1);
  });

  it('the PDF of the form is marked confidential and its download is audited', async () => {
    const response = await world.ib.client.get(`/api/requests/${requestId}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audited = await harness.database.queryAsOwner<{ total: number }>(
      sql`select count(*)::int as total from audit_events where event = 'requests.pdf_downloaded'
        and object_id = ${requestId}`,
    );
    expect(Number(audited[0]?.total)).toBe(1);
  });
});
