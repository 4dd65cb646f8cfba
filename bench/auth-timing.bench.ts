/**
 * `tsx bench/auth-timing.bench.ts`: whether the sign-in and forgot-password answers tell by their timing
 * that an address has an account (issue 13, finding 10). Times `POST /api/auth/sign-in` (a wrong
 * password) and `POST /api/auth/password/forgot` for addresses with an account and without one,
 * BENCH_AUTH_SAMPLES times each (default 200), through `app.inject` in a test harness: PGlite in
 * memory, then the PostgreSQL server (see bench/databases.ts). The four kinds of call take turns in
 * a shuffled order, so drift of a shared machine falls on all of them alike; every call comes from an
 * address of its own (the routes are rate limited per address) and every known address is used once
 * per route (five wrong passwords would lock it, and a locked account answers by another path).
 * Prints median and p90 in milliseconds and the difference of the medians; nothing is asserted.
 */
import { clientAt } from '../server/test/auth-helpers.ts';
import { createHarness, type Harness } from '../server/test/harness.ts';
import { measureOnEachDatabase } from './databases.ts';

const samples = Number(process.env.BENCH_AUTH_SAMPLES ?? 200);
const warmUps = 5;

type Kind =
  | 'sign-in, known address'
  | 'sign-in, unknown address'
  | 'forgot, known address'
  | 'forgot, unknown address';
const kinds: Kind[] = [
  'sign-in, known address',
  'sign-in, unknown address',
  'forgot, known address',
  'forgot, unknown address',
];

type Figures = { kind: Kind; median: number; p90: number; statuses: string };

async function timeOnce(
  harness: Harness,
  kind: Kind,
  email: string,
): Promise<{ ms: number; status: number }> {
  const client = clientAt(harness);
  await client.get('/healthz'); // the CSRF cookie, outside the measurement
  const started = performance.now();
  const response = kind.startsWith('sign-in')
    ? await client.post('/api/auth/sign-in', { email, password: 'not-the-password-at-all' })
    : await client.post('/api/auth/password/forgot', { email });
  const ms = performance.now() - started;
  // Work done after the answer must not slow the next measurement: wait until it is finished.
  await harness.services.auth.whenIdle?.();
  return { ms, status: response.statusCode };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

async function measure(): Promise<Figures[]> {
  const harness = await createHarness();
  try {
    const tenant = await harness.createTenant(['a']);
    const known: string[] = [];
    for (let index = 0; index < samples + warmUps; index += 1) {
      known.push((await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }])).email);
    }
    const durations = new Map<Kind, number[]>(kinds.map((kind) => [kind, []]));
    const statuses = new Map<Kind, Map<number, number>>(kinds.map((kind) => [kind, new Map()]));
    for (let round = 0; round < samples + warmUps; round += 1) {
      for (const kind of shuffled(kinds, round + 1)) {
        const email = kind.includes('unknown') ? `nobody-${round}@nowhere.test` : (known[round] as string);
        const { ms, status } = await timeOnce(harness, kind, email);
        if (round < warmUps) continue;
        durations.get(kind)?.push(ms);
        const counts = statuses.get(kind) as Map<number, number>;
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
    }
    return kinds.map((kind) => {
      const sorted = [...(durations.get(kind) ?? [])].sort((left, right) => left - right);
      const counts = [...(statuses.get(kind) ?? new Map())].map(([status, count]) => `${count}×${status}`);
      return {
        kind,
        median: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        statuses: counts.join(' '),
      };
    });
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(`\nSign-in and forgot-password timing, ${samples} calls each, Node ${process.version}\n`);
console.log('| database | call | median ms | p90 ms | answers |');
console.log('| --- | --- | ---: | ---: | --- |');
for (const { database, result } of results) {
  for (const figures of result) {
    console.log(
      `| ${database} | ${figures.kind} | ${figures.median.toFixed(1)} | ${figures.p90.toFixed(1)} | ${figures.statuses} |`,
    );
  }
  for (const route of ['sign-in', 'forgot'] as const) {
    const median = (kind: string) => result.find((figures) => figures.kind === kind)?.median ?? 0;
    const difference = median(`${route}, known address`) - median(`${route}, unknown address`);
    console.log(`| ${database} | ${route}: known − unknown (medians) | ${difference.toFixed(1)} | | |`);
  }
}
process.exit(0);
