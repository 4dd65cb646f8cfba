import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { openTestDatabase } from './test/database.ts';
import { testConfig } from './test/harness.ts';

// The first load (issue 16, point 7): scripts and the page travel compressed; a hashed script is kept
// for good, the page is asked for again so a new release shows at once.

const webRoot = mkdtempSync(path.join(tmpdir(), 'passend-web-'));
// Big enough to be worth compressing (1 kB or more), as every real bundle is.
const script = `export const greeting = ${JSON.stringify('Welkom bij Passend. '.repeat(200))};\n`;
const page = `<!doctype html><html lang="nl"><head><title>Passend</title></head><body>${'<p>Passend</p>'.repeat(100)}<script type="module" src="/assets/index-Ab12Cd34.js"></script></body></html>`;

let app: Awaited<ReturnType<typeof buildApp>>['app'];
let drop: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), page);
  writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js'), script);
  const opened = await openTestDatabase();
  drop = opened.drop;
  ({ app } = await buildApp({
    config: testConfig({ database: opened.connection }),
    database: opened.database,
    webRoot,
  }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await drop();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('delivery of the web app', () => {
  it('sends a hashed script brotli-compressed and immutable for a year', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/index-Ab12Cd34.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
    expect(response.rawPayload.length).toBeLessThan(script.length / 5);
  });

  it('sends the page compressed but never immutable, also for an address only the browser router knows', async () => {
    for (const url of ['/', '/hulpvragen']) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['content-encoding'], JSON.stringify(response.headers)).toBe('gzip');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('compresses a JSON answer of the API', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-encoding']).toBe('br');
  });
});
