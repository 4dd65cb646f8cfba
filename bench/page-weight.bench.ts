/**
 * `tsx bench/page-weight.bench.ts`: what a first visit transfers (issue 16, point 7). Builds the web
 * app unless `web/dist` is there (BENCH_BUILD=1 builds anyway), starts Passend on the demo, and loads in
 * Chromium, with an empty cache, the sign-in page and the start page signed in as the staff office.
 * Prints per page the bytes that came over the wire (compressed, as the browser accepted them: brotli)
 * for JavaScript, CSS and everything else, and what the same JavaScript weighs gzipped (the goal:
 * at most 200 kB gzip JavaScript per page). Nothing is asserted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { chromiumLaunchOptions } from '../playwright.config.ts';
import { startServerProcess } from '../server/test/server-process.ts';

const port = Number(process.env.BENCH_PORT ?? 3290);
const webDist = path.resolve(import.meta.dirname, '../web/dist');
const staffOffice = 'stafbureau@demo.passend.test';
const demoPassword = 'Passend-demo-2026';
const goal = 200 * 1024;

type Weight = { files: number; js: number; jsGzip: number; css: number; other: number };

/** Sums what the page fetched, from the browser's own account of each finished request. */
async function weigh(context: BrowserContext, page: Page, load: () => Promise<void>): Promise<Weight> {
  const cdp = await context.newCDPSession(page);
  // An empty cache: everything the page needs travels, as on a first visit.
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const weight: Weight = { files: 0, js: 0, jsGzip: 0, css: 0, other: 0 };
  const pending: Array<Promise<void>> = [];
  const onFinished = (request: import('@playwright/test').Request) => {
    pending.push(
      (async () => {
        const sizes = await request.sizes();
        const transferred = sizes.responseBodySize + sizes.responseHeadersSize;
        weight.files += 1;
        const type = request.resourceType();
        if (type === 'script') {
          weight.js += transferred;
          // The gzip figure of the goal, from the file as built (the browser got brotli).
          const file = path.join(webDist, new URL(request.url()).pathname);
          if (existsSync(file)) weight.jsGzip += gzipSync(readFileSync(file), { level: 6 }).length;
        } else if (type === 'stylesheet') weight.css += transferred;
        else weight.other += transferred;
      })(),
    );
  };
  page.on('requestfinished', onFinished);
  await load();
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', onFinished);
  await Promise.all(pending);
  return weight;
}

async function signInThroughApi(context: BrowserContext, baseUrl: string, secret: string): Promise<void> {
  // The sign-in answers set the session cookie in the context; the CSRF cookie comes with the first answer.
  await context.request.get(`${baseUrl}/api/session`);
  const csrf = (await context.cookies()).find((cookie) => cookie.name === 'passend_csrf')?.value ?? '';
  const headers = { 'x-csrf-token': csrf };
  const password = await context.request.post(`${baseUrl}/api/auth/sign-in`, {
    data: { email: staffOffice, password: demoPassword },
    headers,
  });
  if (!password.ok()) throw new Error(`sign-in failed: ${password.status()}`);
  const code = await context.request.post(`${baseUrl}/api/auth/mfa/verify`, {
    data: { code: await generate({ secret }) },
    headers,
  });
  if (!code.ok()) throw new Error(`code failed: ${code.status()}`);
}

const kB = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  if (process.env.BENCH_BUILD === '1' || !existsSync(path.join(webDist, 'index.html')))
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  const server = await startServerProcess({ port });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const rows: Array<[string, Weight]> = [];

    const anonymous = await browser.newContext();
    const signInPage = await anonymous.newPage();
    rows.push([
      'sign-in (/inloggen)',
      await weigh(anonymous, signInPage, async () => {
        await signInPage.goto(`${server.baseUrl}/inloggen`);
        await signInPage.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
      }),
    ]);

    const staff = await browser.newContext();
    const secret = server.demoSecrets[staffOffice];
    if (!secret) throw new Error(`no demo secret for ${staffOffice}`);
    await signInThroughApi(staff, server.baseUrl, secret);
    const startPage = await staff.newPage();
    rows.push([
      'start page (/), staff office',
      await weigh(staff, startPage, async () => {
        await startPage.goto(`${server.baseUrl}/`);
        await startPage.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
      }),
    ]);

    console.log('\nTransferred on a first visit (empty cache), in kB; JS gzip = the scripts gzipped:\n');
    console.log('| page | files | JS (br) | JS gzip | CSS | other | total | JS gzip ≤ 200 kB |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const [name, weight] of rows)
      console.log(
        `| ${name} | ${weight.files} | ${kB(weight.js)} | ${kB(weight.jsGzip)} | ${kB(weight.css)} | ${kB(weight.other)} | ${kB(weight.js + weight.css + weight.other)} | ${weight.jsGzip <= goal ? 'yes' : 'no'} |`,
      );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
