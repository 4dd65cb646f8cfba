import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { createRequestsWorld, type RequestsWorld } from '../../test/support/requests.test-support.ts';

let harness: Harness;
let world: RequestsWorld;

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
});
afterAll(() => harness.close());

const entry = (note: string) => ({
  date: todayInAmsterdam(),
  hours: 1.5,
  locationId: world.locationIds.a,
  activity: 'consultation',
  note,
});

async function entriesWithNote(note: string): Promise<number> {
  const [row] = await harness.database.withTenant(world.tenantId, ({ db }) =>
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from time_entries where note = ${note}`),
  );
  return Number(row?.n);
}

describe('a retried create makes no duplicate', () => {
  it('a time entry sent twice with one idempotency key is stored once and answered the same', async () => {
    const key = crypto.randomUUID();
    const first = await world.contact.client.post('/api/time-entries', entry('retry-1'), {
      'idempotency-key': key,
    });
    expect(first.statusCode, first.body).toBe(201);
    const retry = await world.contact.client.post('/api/time-entries', entry('retry-1'), {
      'idempotency-key': key,
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await entriesWithNote('retry-1')).toBe(1);
  });

  it('two attempts at the same moment store one entry', async () => {
    const key = crypto.randomUUID();
    const send = () =>
      world.contact.client.post('/api/time-entries', entry('retry-2'), { 'idempotency-key': key });
    const answers = await Promise.all([send(), send()]);
    expect(answers.some((answer) => answer.statusCode === 201)).toBe(true);
    // The loser of a true race is told to try again (409); it never makes a second row.
    for (const answer of answers) expect([201, 409]).toContain(answer.statusCode);
    expect(await entriesWithNote('retry-2')).toBe(1);
  });

  it('the same key with other content is refused and changes nothing', async () => {
    const key = crypto.randomUUID();
    await world.contact.client.post('/api/time-entries', entry('retry-3'), { 'idempotency-key': key });
    const other = await world.contact.client.post('/api/time-entries', entry('retry-3-other'), {
      'idempotency-key': key,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await entriesWithNote('retry-3-other')).toBe(0);
  });

  it('a key is the sender’s own: another user with the same key creates their own entry', async () => {
    const key = crypto.randomUUID();
    const mine = await world.contact.client.post('/api/time-entries', entry('retry-4'), {
      'idempotency-key': key,
    });
    const theirs = await world.adviser.client.post('/api/time-entries', entry('retry-4'), {
      'idempotency-key': key,
    });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(await entriesWithNote('retry-4')).toBe(2);
  });

  it('a refused create is not remembered: the corrected retry with the same key is stored', async () => {
    const key = crypto.randomUUID();
    const refused = await world.contact.client.post(
      '/api/time-entries',
      { ...entry('retry-5'), hours: 0.3 },
      { 'idempotency-key': key },
    );
    expect(refused.statusCode).toBe(400);
    const corrected = await world.contact.client.post('/api/time-entries', entry('retry-5'), {
      'idempotency-key': key,
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
  });

  it('a malformed key is a field error', async () => {
    const response = await world.contact.client.post('/api/time-entries', entry('retry-6'), {
      'idempotency-key': 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([expect.objectContaining({ path: 'idempotency-key' })]);
  });

  it('every route that answers 201 Created takes an idempotency key', async () => {
    const document = (await harness.client().get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: unknown[] }>>;
    };
    const creates = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.responses && '201' in operation.responses)
        .map(([method, operation]) => ({
          route: `${method.toUpperCase()} ${path}`,
          hasKey: JSON.stringify(operation.parameters ?? []).includes('"idempotency-key"'),
        })),
    );
    expect(creates.length).toBeGreaterThan(10);
    expect(creates.filter((create) => !create.hasKey).map((create) => create.route)).toEqual([]);
  });
});
