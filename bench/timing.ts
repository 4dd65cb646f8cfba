/** Median and p95 of a call, in ms. */
export type Timing = { call: string; median: number; p95: number };

const runs = Number(process.env.BENCH_RUNS ?? 20);

/** Times BENCH_RUNS calls (default 20) after 3 warm-ups; a failed call stops the benchmark. */
export async function timeCall(
  call: string,
  send: () => Promise<{ statusCode: number; body: string }>,
): Promise<Timing> {
  const durations: number[] = [];
  for (let run = 0; run < runs + 3; run += 1) {
    const started = performance.now();
    const response = await send();
    const duration = performance.now() - started;
    if (response.statusCode >= 300) throw new Error(`${call}: ${response.statusCode} ${response.body}`);
    if (run >= 3) durations.push(duration);
  }
  durations.sort((left, right) => left - right);
  const at = (share: number) =>
    durations[Math.min(durations.length - 1, Math.floor(share * durations.length))] ?? 0;
  return { call, median: at(0.5), p95: at(0.95) };
}

/** The timings of each database as one Markdown table, as docs/benchmarks.md keeps them. */
export function printTimings(results: Array<{ database: string; result: Timing[] }>): void {
  console.log('| database | call | median ms | p95 ms |');
  console.log('| --- | --- | ---: | ---: |');
  for (const { database, result } of results)
    for (const timing of result)
      console.log(
        `| ${database} | ${timing.call} | ${timing.median.toFixed(1)} | ${timing.p95.toFixed(1)} |`,
      );
}
