import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeProblem,
  type FuzzLog,
  type FuzzRequest,
  type FuzzWorld,
  formatReport,
  operationsOf,
  prepareFuzz,
  runFuzz,
  unmappedPathParams,
} from '../../test/fuzz.ts';

/**
 * The guard of issue 13: every operation of the OpenAPI description, fuzzed with a fixed seed and a
 * bounded count as five signed-in users of one partnership and anonymously, while a second
 * partnership holds the same demo data. `bench/fuzz.bench.ts` runs the same generator longer.
 */
const seed = 13;
const count = Number(process.env.FUZZ_REQUESTS ?? 2000);

let world: FuzzWorld;
let log: FuzzLog;
// The requests the fuzz saw succeed: the id sweep sends them again with other ids.
let successes: FuzzRequest[] = [];

beforeAll(async () => {
  ({ world, log } = await prepareFuzz());
}, 300_000);
afterAll(() => world?.harness.close());

describe('the fuzz of every route (issue 13, the guard)', () => {
  it('every uuid path parameter has a table of partnership A to take real ids from', async () => {
    const document = (await world.clients.anonymous.send({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(100);
    expect(unmappedPathParams(operations)).toEqual([]);
  });

  it('bad input: no 5xx, no stack, SQL or file path, no other partnership in a 2xx, the one error shape', async () => {
    const report = await runFuzz(world, log, { seed, count });
    console.log(formatReport(report));
    successes = report.successes;
    expect(report.requests).toBe(count);
    // The fuzz reached past the gate: answers of every sort came back.
    for (const status of [200, 201, 400, 403, 404])
      expect(report.byStatus.get(status) ?? 0).toBeGreaterThan(0);
    expect(report.problems.slice(0, 20).map(describeProblem)).toEqual([]);
    // The contracts refuse bad input; the error handler's backstop for data exceptions never fires.
    expect(report.backstopCount).toBe(0);
  }, 600_000);

  it('P6: every id a body or path carries, made up or of another partnership, gives no 5xx and no other partnership in a 2xx', async () => {
    // Run on its own (-t P6), it first needs the successes of the fuzz above.
    if (successes.length === 0) successes = (await runFuzz(world, log, { seed, count })).successes;
    const report = await runFuzz(world, log, {
      seed,
      count: 0,
      part: 'ids',
      replay: successes,
    });
    console.log(formatReport(report));
    expect(report.requests).toBeGreaterThan(200);
    expect(report.problems.slice(0, 30).map(describeProblem)).toEqual([]);
    expect(report.backstopCount).toBe(0);
  }, 600_000);

  it('bad input: the session-ending operations (sign-out, password, MFA) as each user, last, give no 5xx either', async () => {
    const report = await runFuzz(world, log, { seed, count: 0, part: 'finale' });
    console.log(formatReport(report));
    expect(report.requests).toBeGreaterThan(50);
    expect(report.problems.slice(0, 20).map(describeProblem)).toEqual([]);
    expect(report.backstopCount).toBe(0);
  }, 600_000);
});
