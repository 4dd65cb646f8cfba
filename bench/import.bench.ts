/**
 * `tsx bench/import.bench.ts`: the CSV import of 10,000 rows (issue 3: "files of 10,000 rows import
 * in seconds"). Generates a Passend template file (10,000 locations, 100 boards, a pupil count each)
 * and measures through the HTTP routes, in a test harness: PGlite in memory, then the PostgreSQL
 * server when reachable. Prints the duration of: the first preview (all rows new), the import, the
 * same file again (preview and import: all unchanged, nothing written), and a file with 10% changed.
 * Settings: BENCH_ROWS (default 10000), BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres; "none" skips it).
 */

import { createHarness } from '../server/test/harness.ts';
import { postUpload } from '../server/test/support/import.test-support.ts';
import { measureOnEachDatabase } from './databases.ts';

const rowCount = Number(process.env.BENCH_ROWS ?? 10_000);

const header =
  'brin;vestigingscode;naam;sector;straat;huisnummer;postcode;plaats;bestuursnummer;bestuursnaam;schooljaar;leerlingen';

/** A template file of `rows` locations: BRIN 10AA…, vestigingscode 00–99, Dutch names and places. */
function generateFile(rows: number, changedEvery = 0): string {
  const sectors = ['bo', 'bo', 'bo', 'sbo', 'so', 'vo', 'vso'];
  const places = ["'s-Hertogenbosch", 'Utrecht', 'Zwolle', 'Ede', 'Sint-Michielsgestel'];
  const lines = [header];
  for (let index = 0; index < rows; index += 1) {
    const brinNumber = Math.floor(index / 100);
    const brin = `${10 + (brinNumber % 90)}${String.fromCharCode(65 + (Math.floor(brinNumber / 90) % 26))}${String.fromCharCode(65 + (brinNumber % 26))}`;
    const code = String(index % 100).padStart(2, '0');
    const changed = changedEvery > 0 && index % changedEvery === 0;
    const board = 40000 + (index % 100);
    lines.push(
      [
        brin,
        code,
        `Basisschool De Ëik ${index}${changed ? ' (nieuw)' : ''}`,
        sectors[index % sectors.length],
        'Kerkstraat',
        String(1 + (index % 200)),
        `${1000 + (index % 8999)} AB`,
        places[index % places.length],
        String(board),
        `Stichting Ölçek ${board}`,
        '2025-2026',
        String(100 + (index % 400) + (changed ? 1 : 0)),
      ].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

type Step = { label: string; milliseconds: number; counts: string };

async function measure(): Promise<Step[]> {
  const harness = await createHarness();
  try {
    const { tenantId } = await harness.createTenant([]);
    const client = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
    const file = generateFile(rowCount);
    const changedFile = generateFile(rowCount, 10);
    const steps: Step[] = [];
    const run = async (label: string, url: string, content: string) => {
      const started = performance.now();
      const response = await postUpload(harness, client, url, { layout: 'passend', file: content });
      const milliseconds = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
      const { counts } = response.json() as { counts: Record<string, number> };
      steps.push({
        label,
        milliseconds,
        counts: `+${counts.added} ~${counts.changed} =${counts.unchanged} !${counts.invalid}`,
      });
    };
    await run('preview (all new)', '/api/locations/import/preview', file);
    await run('import (all new)', '/api/locations/import', file);
    await run('preview (same file)', '/api/locations/import/preview', file);
    await run('import (same file)', '/api/locations/import', file);
    await run('preview (10% changed)', '/api/locations/import/preview', changedFile);
    await run('import (10% changed)', '/api/locations/import', changedFile);
    return steps;
  } finally {
    await harness.close();
  }
}

async function main() {
  const results = await measureOnEachDatabase(measure);
  const bytes = Buffer.byteLength(generateFile(rowCount));
  console.log(
    `\nPassend CSV import, ${rowCount} rows (${(bytes / 1024 / 1024).toFixed(1)} MB), Node ${process.version}\n`,
  );
  console.log('| database | step | ms | rows added ~changed =unchanged !invalid |');
  console.log('| --- | --- | ---: | --- |');
  for (const { database, result } of results)
    for (const step of result)
      console.log(`| ${database} | ${step.label} | ${step.milliseconds.toFixed(0)} | ${step.counts} |`);
}

await main();
