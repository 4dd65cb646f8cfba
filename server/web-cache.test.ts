import { describe, expect, it } from 'vitest';
import { pageEncodingFor, webCacheControlOf } from './app.ts';

describe('caching of the web app (issue 16)', () => {
  it('keeps hashed scripts and styles a year, immutable', () => {
    for (const file of [
      '/srv/web/dist/assets/index-CyghbdDd.js',
      'assets/BarChart-Cyghbddd.js',
      'assets/index-A1b2_C3d.css',
    ])
      expect(webCacheControlOf(file)).toBe('public, max-age=31536000, immutable');
  });

  it('asks again for the page and for files without a content hash', () => {
    for (const file of [
      'index.html',
      '/srv/web/dist/index.html',
      'favicon.svg',
      'assets/logo.svg',
      'robots.txt',
    ])
      expect(webCacheControlOf(file)).toBe('no-cache');
  });
});

describe('the encoding of the page (issue 16)', () => {
  it('prefers brotli, then gzip, and honours a refusal (q=0)', () => {
    expect(pageEncodingFor('gzip, deflate, br')).toBe('br');
    expect(pageEncodingFor('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pageEncodingFor('*')).toBe('gzip');
    expect(pageEncodingFor('identity')).toBeNull();
    expect(pageEncodingFor(undefined)).toBeNull();
  });
});
