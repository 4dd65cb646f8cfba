import { defineConfig } from '@playwright/test';
import { e2ePort, resultsDir } from './e2e/ports.ts';

// Debian's Chromium; Playwright never downloads a browser here. The flags keep it off the network.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // One server with one demo partnership: specs run one after another so sign-in counts stay predictable.
  workers: 1,
  fullyParallel: false,
  // CI runs the suite against PostgreSQL beside these tests, so a busy machine is normal here: the
  // limits are generous, and every step waits for a condition, never for a fixed time.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: resultsDir,
  use: {
    baseURL: `http://localhost:${e2ePort}`,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
