import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every message catalogue of the web app and the server (`i18n/*.json`). */
function catalogues(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root)) {
    const full = path.join(root, entry);
    if (statSync(full).isDirectory()) found.push(...catalogues(full));
    else if (path.basename(root) === 'i18n' && entry.endsWith('.json')) found.push(full);
  }
  return found;
}

function textsOf(value: unknown, key: string): Array<[string, string]> {
  if (typeof value === 'string') return [[key, value]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([name, child]) => textsOf(child, key ? `${key}.${name}` : name));
  return [];
}

const repository = path.resolve(import.meta.dirname, '../../..');
// The ids of the rules in the domain description (R2, P4, E11, S1, Y3, A5, T2): internal, never for users.
const ruleId = /\b[RPESYAT]\d{1,2}\b/;

describe('texts users read (issue 16)', () => {
  const files = [
    ...catalogues(path.join(repository, 'web/src')),
    ...catalogues(path.join(repository, 'server')),
  ];

  it('reads every catalogue of the web app and the server', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('name no rule ids', () => {
    const offenders = files.flatMap((file) =>
      textsOf(JSON.parse(readFileSync(file, 'utf8')), '')
        .filter(([, text]) => ruleId.test(text))
        .map(([key, text]) => `${path.relative(repository, file)} ${key}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});
