/**
 * `tsx bench/allocation.bench.ts`: the allocation key (R14) over BENCH_SCHOOLS schools (default
 * 10,000, more than the whole country's primary schools in one partnership). Times the pure rule
 * (exact integer arithmetic, largest remainder) BENCH_RUNS times (default 20) after 3 warm-ups and
 * prints median and p95 for whole-hour and half-hour rounding.
 */
import { type AllocationSchool, allocateHours } from '../server/modules/hours/allocation.rules.ts';

const schoolCount = Number(process.env.BENCH_SCHOOLS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 20);

const schools: AllocationSchool[] = Array.from({ length: schoolCount }, (_, index) => ({
  locationId: `location-${String(index).padStart(6, '0')}`,
  pupils: 40 + ((index * 7919) % 900),
  requests: (index * 104729) % 23,
}));

console.log(`\nAllocation key over ${schoolCount} schools, Node ${process.version}\n`);
console.log('| rounding | total hours | median ms | p95 ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const roundingUnit of [1, 0.5] as const) {
  const totalHours = schoolCount * 25;
  const durations: number[] = [];
  for (let run = 0; run < runs + 3; run += 1) {
    const started = performance.now();
    const result = allocateHours(schools, {
      totalHours,
      pupilWeightPercent: 70,
      minimumHours: 5,
      roundingUnit,
    });
    const duration = performance.now() - started;
    if (!result.ok) throw new Error(result.problem);
    const sum = result.lines.reduce((total, line) => total + line.hours, 0);
    if (Math.abs(sum - totalHours) > 1e-6) throw new Error(`sum ${sum} is not ${totalHours}`);
    if (run >= 3) durations.push(duration);
  }
  durations.sort((left, right) => left - right);
  const at = (share: number) =>
    durations[Math.min(durations.length - 1, Math.floor(share * durations.length))] ?? 0;
  console.log(`| ${roundingUnit} h | ${totalHours} | ${at(0.5).toFixed(1)} | ${at(0.95).toFixed(1)} |`);
}
