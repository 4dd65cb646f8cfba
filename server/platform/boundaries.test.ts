import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roles } from '../../contracts/roles.ts';
import { serverModules } from '../modules/index.ts';

const serverFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const platformFolder = path.join(serverFolder, 'platform');
const modulesFolder = path.join(serverFolder, 'modules');

/** Every TypeScript file under a folder, as a path relative to server/. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.relative(serverFolder, path.join(folder, file)).split(path.sep).join('/'))
    .sort();
}

const isTest = (file: string) => file.endsWith('.test.ts');

/** The files (relative to server/) a file imports or re-exports, statically, dynamically or by type. */
function importsOf(file: string): string[] {
  const source = readFileSync(path.join(serverFolder, file), 'utf8');
  const specifiers = [
    ...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bdeclare module\s+['"]([^'"]+)['"]/g),
  ].map((match) => match[1] as string);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) =>
      path
        .relative(serverFolder, path.resolve(path.dirname(path.join(serverFolder, file)), specifier))
        .split(path.sep)
        .join('/'),
    );
}

/**
 * The one import of a domain module the platform keeps: `auth.schema.ts` declares the foreign key from
 * `role_assignments.location_id` to `locations`; declaring it without the schools schema would change the
 * generated migrations, so it stays (a schema import only, no code). An exception that no longer imports
 * a module fails too, so the list only shrinks.
 */
const knownExceptions: Record<string, string[]> = {
  'platform/auth/auth.schema.ts': ['modules/schools/schools.schema.ts'],
};

describe('boundaries (issue 14, point 5)', () => {
  it('the platform imports no domain module (tests excluded): modules register themselves', () => {
    const found: Record<string, string[]> = {};
    for (const file of filesUnder(platformFolder).filter((file) => !isTest(file))) {
      const moduleImports = importsOf(file).filter((target) => target.startsWith('modules/'));
      if (moduleImports.length > 0) found[file] = [...new Set(moduleImports)].sort();
    }
    expect(found).toEqual(knownExceptions);
  });

  it('role names appear in server/modules only in policy rows, demo data and tests', () => {
    const roleName = new RegExp(`['"\`](${roles.join('|')})['"\`]`, 'g');
    const found = filesUnder(modulesFolder)
      .filter((file) => !isTest(file) && !file.endsWith('.policy.ts') && !/\/demo-[^/]*\.ts$/.test(file))
      .flatMap((file) =>
        readFileSync(path.join(serverFolder, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (line.match(roleName) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    // Name the role through a constant of contracts/roles.ts (e.g. `teamMemberRole`) instead.
    expect(found).toEqual([]);
  });

  it('the composition lists every module folder once', () => {
    const folders = readdirSync(modulesFolder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(serverModules.map((module) => module.name).sort()).toEqual(folders);
  });
});
