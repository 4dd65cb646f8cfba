import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentPage } from '../../../contracts/requests.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import {
  bornYearsAgo,
  consentTokenFor,
  createRequestsWorld,
  fileRequest,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let harness: Harness;
let world: RequestsWorld;

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  world = await createRequestsWorld(harness);
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

async function pageOf(token: string): Promise<ConsentPage> {
  const response = await harness.client().post('/api/consent/view', { token });
  expect(response.statusCode).toBe(200);
  return response.json() as ConsentPage;
}

describe('who read the file, on the personal link (P8)', () => {
  it('P8: the parent sees who read their child’s file — kind of role and day, no names — and not the reads of another pupil', async () => {
    const parent = `ouder.${crypto.randomUUID().slice(0, 8)}@thuis.test`;
    const pupil = `leerling.${crypto.randomUUID().slice(0, 8)}@school.test`;
    const request = await fileRequest(
      world.ib.client,
      pupilRequestForm(world.locationIds.a, {
        parentEmails: [parent],
        pupilEmail: pupil,
        pupilBirthDate: bornYearsAgo(16),
      }),
    );
    const other = await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a));
    const parentToken = await consentTokenFor(smtp, parent);

    // Nobody has looked yet: filing and submitting are no reading.
    expect((await pageOf(parentToken)).readers).toEqual([]);

    for (const client of [world.director.client, world.contact.client, world.contact.client])
      expect((await client.get(`/api/requests/${request.id}`)).statusCode).toBe(200);
    // Another pupil's file, read by the staff office: not this parent's business.
    expect((await world.coordinator.client.get(`/api/requests/${other.id}`)).statusCode).toBe(200);

    const page = await pageOf(parentToken);
    const today = harness.clock.today();
    // The contact person read twice today: one line.
    expect(page.readers).toEqual(
      expect.arrayContaining([
        { on: today, kind: 'director' },
        { on: today, kind: 'behavioural_scientist' },
      ]),
    );
    expect(page.readers).toHaveLength(2);
    expect(JSON.stringify(page.readers)).not.toMatch(/staff_office|@/);

    // A pupil of 16 sees the same on their own link.
    const pupilPage = await pageOf(await consentTokenFor(smtp, pupil));
    expect(pupilPage.audience).toBe('pupil');
    expect(pupilPage.readers).toEqual(page.readers);
  });

  it('P8: a pupil under 16 is not shown who read the file; their parent is', async () => {
    const parent = `ouder.${crypto.randomUUID().slice(0, 8)}@thuis.test`;
    const pupil = `leerling.${crypto.randomUUID().slice(0, 8)}@school.test`;
    const request = await fileRequest(
      world.ib.client,
      pupilRequestForm(world.locationIds.a, {
        parentEmails: [parent],
        pupilEmail: pupil,
        pupilBirthDate: bornYearsAgo(15, 300),
      }),
    );
    expect((await world.director.client.get(`/api/requests/${request.id}`)).statusCode).toBe(200);
    expect((await pageOf(await consentTokenFor(smtp, pupil))).readers).toBeNull();
    expect((await pageOf(await consentTokenFor(smtp, parent))).readers).toEqual([
      { on: harness.clock.today(), kind: 'director' },
    ]);
  });
});
