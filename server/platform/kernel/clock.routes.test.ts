import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

let withClock: Harness;
let without: Harness;

beforeAll(async () => {
  [withClock, without] = await Promise.all([createHarness({ testClock: true }), createHarness()]);
});
afterAll(() => Promise.all([withClock.close(), without.close()]));

describe('the test clock of browser tests', () => {
  it('sets the date the running app works with, and lets it follow the wall clock again', async () => {
    const set = await withClock.app.inject({
      method: 'PUT',
      url: '/test/clock',
      payload: { at: '2027-09-15' },
    });
    expect(set.statusCode).toBe(204);
    expect(withClock.clock.today()).toBe('2027-09-15');
    const moment = await withClock.app.inject({
      method: 'PUT',
      url: '/test/clock',
      payload: { at: '2027-12-31T23:30:00+00:00' },
    });
    expect(moment.statusCode).toBe(204);
    // Half past midnight in Amsterdam: already the new year there.
    expect(withClock.clock.today()).toBe('2028-01-01');
    await withClock.app.inject({ method: 'PUT', url: '/test/clock', payload: { at: null } });
    expect(Math.abs(withClock.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('refuses what is not a date, on the field', async () => {
    const response = await withClock.app.inject({
      method: 'PUT',
      url: '/test/clock',
      payload: { at: '15-09-2027' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('at');
  });

  it('does not exist without TEST_CLOCK', async () => {
    const response = await without.app.inject({ method: 'PUT', url: '/test/clock', payload: { at: null } });
    expect(response.statusCode).toBe(404);
    expect(Math.abs(without.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});
