/**
 * `tsx bench/fuzz.bench.ts`: the fuzz of every route (issue 13), longer than the test: FUZZ_REQUESTS
 * requests (default 100,000) from the same generator with FUZZ_SEED (default 2026, another seed than
 * the test's), on PGlite in memory, then on the PostgreSQL server (see bench/databases.ts). Prints
 * the count per status and kind, the number of 5xx (expect 0), how often the
 * error handler's backstop fired (expect 0) and the first problems; exits with 1 when there was any.
 */
import {
  type FuzzReport,
  formatReport,
  mergeReports,
  prepareFuzz,
  runFuzz,
  serverErrorsOf,
} from '../server/test/fuzz.ts';
import { measureOnEachDatabase } from './databases.ts';

const count = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? 2026);

async function measure(): Promise<FuzzReport> {
  const { world, log } = await prepareFuzz();
  try {
    const mix = await runFuzz(world, log, {
      seed,
      count,
      onProgress: (report) =>
        console.log(
          `  … ${report.requests} requests, ${serverErrorsOf(report)} × 5xx, ${report.problemCount} problems, ${(report.elapsedMs / 1000).toFixed(0)} s`,
        ),
    });
    const ids = await runFuzz(world, log, {
      seed,
      count: 0,
      part: 'ids',
      replay: mix.successes,
    });
    const finale = await runFuzz(world, log, { seed, count: 0, part: 'finale' });
    return mergeReports([mix, ids, finale]);
  } finally {
    await world.harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(`\nFuzz of every route: ${count} requests, seed ${seed}, Node ${process.version}\n`);
let failed = false;
for (const { database, result } of results) {
  console.log(`${database}:\n${formatReport(result, 30)}\n`);
  // A 5xx is a problem too (the run counts it as one).
  if (result.problemCount > 0 || result.backstopCount > 0) failed = true;
}
if (failed) process.exitCode = 1;
