/**
 * `npm run bench`: the platform's baseline cost. Starts Passend (PGlite, then the PostgreSQL server
 * when reachable), signs in as a demo coordinator and measures with autocannon (50 connections):
 *   bare   GET /bench/bare/:id       one SQL query, no session, no tenancy, no audit
 *   scoped GET /api/locations/:id    the location's detail behind session, access check, RLS and an audit row
 * The two routes take turns for BENCH_ROUNDS rounds (default 3, the order alternating), so a change in
 * the machine's speed meanwhile hits both alike; it prints each route's median req/s, p50 and p99 over
 * the rounds and the median of the rounds' ratios (each round's ratio too). On PGlite it then holds 100 connections on the
 * scoped route for BENCH_LONG_SECONDS (default 120) and prints timeouts and the latency of /healthz
 * asked once a second meanwhile (the embedded database must not keep the event loop from the sockets).
 * Settings: BENCH_SECONDS (default 10), BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres; "none" skips it).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { generate } from 'otplib';
import pg from 'pg';
import { startServerProcess } from '../server/test/server-process.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const connections = 50;
const longSeconds = Number(process.env.BENCH_LONG_SECONDS ?? 120);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

type Figures = { requestsPerSecond: number; p50: number; p99: number; errors: number; timeouts: number };
type Sustained = Figures & { healthzMaxMs: number; healthzP50Ms: number };

async function main() {
  const rows: Array<{
    database: string;
    bare: Figures;
    scoped: Figures;
    ratios: number[];
    sustained?: Sustained;
  }> = [];
  rows.push({ database: 'PGlite (embedded)', ...(await measure({}, true)) });
  if (serverUrl !== 'none' && (await isReachable(serverUrl))) {
    const name = `passend_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      rows.push({
        database: 'PostgreSQL server',
        ...(await measure({
          DATABASE_URL: url.toString(),
          SESSION_SECRET: randomBytes(32).toString('hex'),
          // Required in server mode; the benchmark sends no mail, so nothing listens there.
          SMTP_URL: 'smtp://127.0.0.1:2525',
        })),
      });
    } finally {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  } else {
    console.log('PostgreSQL server not reachable: measured PGlite only.');
  }
  console.log(
    `\nPassend baseline, ${connections} connections, ${rounds} rounds of ${seconds} s per route (medians), Node ${process.version}\n`,
  );
  console.log('| database | route | req/s | p50 ms | p99 ms | errors | timeouts |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    for (const [label, figures] of [
      ['bare (1 query)', row.bare],
      ['scoped + audited', row.scoped],
    ] as const) {
      console.log(
        `| ${row.database} | ${label} | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} | ${figures.p99} | ${figures.errors} | ${figures.timeouts} |`,
      );
    }
    console.log(`| ${row.database} | ratio scoped/bare | ${median(row.ratios).toFixed(2)} | | | | |`);
  }
  for (const row of rows)
    console.log(`${row.database}: ratio per round ${row.ratios.map((ratio) => ratio.toFixed(2)).join(', ')}`);
  for (const row of rows) {
    const sustained = row.sustained;
    if (!sustained) continue;
    console.log(
      `\n${row.database}, scoped route, 100 connections for ${longSeconds} s: ${sustained.requestsPerSecond.toFixed(0)} req/s, ` +
        `p50 ${sustained.p50} ms, p99 ${sustained.p99} ms, ${sustained.errors} errors, ${sustained.timeouts} timeouts; ` +
        `/healthz meanwhile p50 ${sustained.healthzP50Ms} ms, max ${sustained.healthzMaxMs} ms`,
    );
  }
}

async function measure(environment: Record<string, string>, sustain = false) {
  const server = await startServerProcess({
    port: 3400 + Math.floor(Math.random() * 500),
    environment: { BENCH_ROUTES: 'true', ...environment },
  });
  try {
    const base = server.baseUrl;
    const secret = server.demoSecrets['stafbureau@demo.passend.test'];
    if (!secret) throw new Error('demo coordinator secret not found in the start-up printout');
    const cookie = await signIn(base, 'stafbureau@demo.passend.test', secret);
    const locations = await fetch(`${base}/api/locations`, { headers: { cookie } }).then((response) =>
      response.json(),
    );
    const locationId = locations.items[0].id as string;
    const bareRoute = { url: `${base}/bench/bare/${locationId}`, headers: {} };
    const scopedRoute = { url: `${base}/api/locations/${locationId}`, headers: { cookie } };
    // A short warm-up so JIT and caches do not count against the first route.
    for (const route of [bareRoute, scopedRoute]) await autocannon({ ...route, connections, duration: 2 });
    const bareRounds: Figures[] = [];
    const scopedRounds: Figures[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? ['bare', 'scoped'] : ['scoped', 'bare'];
      for (const which of order) {
        if (which === 'bare') bareRounds.push(await load(bareRoute));
        else scopedRounds.push(await load(scopedRoute));
      }
    }
    const ratios = scopedRounds.map(
      (scoped, round) => scoped.requestsPerSecond / (bareRounds[round]?.requestsPerSecond ?? Number.NaN),
    );
    const measured = { bare: medianOf(bareRounds), scoped: medianOf(scopedRounds), ratios };
    if (!sustain || longSeconds <= 0) return measured;
    const sustained = await hold(scopedRoute.url, { cookie }, `${base}/healthz`);
    return { ...measured, sustained };
  } finally {
    await server.stop();
  }
}

async function load(route: { url: string; headers: Record<string, string> }): Promise<Figures> {
  return figuresOf(await autocannon({ ...route, connections, duration: seconds }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** The median of each figure over the rounds; errors and timeouts are summed. */
function medianOf(figures: Figures[]): Figures {
  return {
    requestsPerSecond: median(figures.map((figure) => figure.requestsPerSecond)),
    p50: median(figures.map((figure) => figure.p50)),
    p99: median(figures.map((figure) => figure.p99)),
    errors: figures.reduce((sum, figure) => sum + figure.errors, 0),
    timeouts: figures.reduce((sum, figure) => sum + figure.timeouts, 0),
  };
}

/** 100 connections for the long run, with /healthz timed once a second beside them. */
async function hold(url: string, headers: Record<string, string>, healthz: string): Promise<Sustained> {
  const probes: number[] = [];
  let running = true;
  const probing = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(healthz).then((response) => response.arrayBuffer());
      probes.push(Math.round(performance.now() - started));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  const result = await autocannon({ url, connections: 100, duration: longSeconds, headers, timeout: 10 });
  running = false;
  await probing;
  const sorted = [...probes].sort((left, right) => left - right);
  return {
    ...figuresOf(result),
    healthzP50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
    healthzMaxMs: sorted.at(-1) ?? 0,
  };
}

function figuresOf(result: autocannon.Result): Figures {
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    timeouts: result.timeouts,
  };
}

async function signIn(base: string, email: string, secret: string): Promise<string> {
  const csrf = randomBytes(16).toString('hex');
  let cookie = `passend_csrf=${csrf}`;
  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const session = /passend_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (session) cookie = `passend_csrf=${csrf}; passend_session=${session}`;
  };
  await post('/api/auth/sign-in', { email, password: 'Passend-demo-2026' });
  await post('/api/auth/mfa/verify', { code: await generate({ secret }) });
  return cookie;
}

async function isReachable(url: string) {
  return adminQuery(url, 'select 1').then(
    () => true,
    () => false,
  );
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

await main();
