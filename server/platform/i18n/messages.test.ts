import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registerModules } from '../../modules/index.ts';
import { keysOf, loadedCatalogues, registerMessages, translate } from './messages.ts';

// Every catalogue the server loads: the platform's, and each module's as the app registers them.
registerModules();

describe("the server's message catalogues", () => {
  it('loads the platform catalogue and every module catalogue there is', () => {
    const modulesFolder = new URL('../../modules/', import.meta.url);
    const moduleFolders = readdirSync(modulesFolder)
      .map((name) => new URL(`${name}/i18n/`, modulesFolder))
      .filter((folder) => existsSync(fileURLToPath(folder)));
    const loaded = loadedCatalogues().map((entry) => entry.folder.href);
    expect(loaded).toContain(new URL('./', import.meta.url).href);
    expect(loaded.sort()).toEqual(
      [new URL('./', import.meta.url).href, ...moduleFolders.map((folder) => folder.href)].sort(),
    );
  });

  it('holds every key in one catalogue only', () => {
    for (const locale of ['nl', 'en'] as const) {
      const owners = new Map<string, string[]>();
      for (const { owner, catalogues } of loadedCatalogues())
        for (const key of keysOf(catalogues[locale])) owners.set(key, [...(owners.get(key) ?? []), owner]);
      const duplicates = [...owners].filter(([, found]) => found.length > 1);
      expect({ locale, duplicates }).toEqual({ locale, duplicates: [] });
    }
  });

  it('holds every key in both languages', () => {
    for (const { owner, catalogues } of loadedCatalogues()) {
      const dutch = keysOf(catalogues.nl).sort();
      const english = keysOf(catalogues.en).sort();
      expect({ owner, missingInEnglish: dutch.filter((key) => !english.includes(key)) }).toEqual({
        owner,
        missingInEnglish: [],
      });
      expect({ owner, missingInDutch: english.filter((key) => !dutch.includes(key)) }).toEqual({
        owner,
        missingInDutch: [],
      });
    }
  });

  it('refuses a catalogue registered twice, and a key another catalogue holds', () => {
    expect(() => registerMessages('again', new URL('./', import.meta.url))).toThrow(/registered already/);
    const folder = mkdtempSync(path.join(tmpdir(), 'passend-messages-'));
    for (const locale of ['nl', 'en'])
      writeFileSync(path.join(folder, `${locale}.json`), JSON.stringify({ errors: { not_found: 'Weg' } }));
    expect(() => registerMessages('copy', pathToFileURL(`${folder}/`))).toThrow(/errors.not_found/);
  });

  it("speaks the modules' texts in the asked language, and Dutch where a text is missing", () => {
    expect(translate('nl', 'errors.not_found')).not.toBe('errors.not_found');
    expect(translate('en', 'errors.not_found')).not.toBe(translate('nl', 'errors.not_found'));
    expect(translate('en', 'pdf.title')).not.toBe('pdf.title');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
