import pg from 'pg';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs a measurement in a test harness on PGlite in memory, then on the PostgreSQL server
 * (BENCH_DATABASE_URL, default the local one; "none" skips it) when it is reachable.
 */
export async function measureOnEachDatabase<T>(
  measure: () => Promise<T>,
): Promise<Array<{ database: string; result: T }>> {
  const results: Array<{ database: string; result: T }> = [];
  delete process.env.TEST_DATABASE_URL;
  results.push({ database: 'PGlite (in memory)', result: await measure() });
  if (serverUrl !== 'none' && (await isReachable(serverUrl))) {
    // The harness creates and drops a fresh database on this server.
    process.env.TEST_DATABASE_URL = serverUrl;
    results.push({ database: 'PostgreSQL server', result: await measure() });
  } else {
    console.log('PostgreSQL server not reachable: measured PGlite only.');
  }
  return results;
}
