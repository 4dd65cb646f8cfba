import path from 'node:path';

// E2E_PORT lets two browser-test runs share a machine (each with its own server and results folder);
// unset, the suite uses 3210 (and 3211 for the spec with its own server) and test-results/.
const base = Number(process.env.E2E_PORT ?? 3210);

/** The port of the shared demo server of the browser tests. */
export const e2ePort = base;

/** A second port for a spec that runs a server of its own. */
export const e2eSecondPort = base + 1;

/** Where this run keeps its screenshots, demo secrets and traces. */
export const resultsDir = path.resolve(
  import.meta.dirname,
  process.env.E2E_PORT ? `../test-results/port-${base}` : '../test-results',
);
