import { describe, expect, it } from 'vitest';
import { webCacheControlOf } from './app.ts';

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
