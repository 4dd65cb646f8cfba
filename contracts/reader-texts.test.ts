import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  measureReadability,
  meetsReadingLevel,
  type ReadabilityLanguage,
  type ReadingLevel,
  readingLevelLimits,
} from './readability.ts';
import { coversKey, explainedNames, type ReaderAudience, readerTexts, staffTexts } from './reader-texts.ts';

// The language level of every text parents and pupils read, measured (docs/language-level.md), and a
// guard that keeps the registry in `reader-texts.ts` complete.

type Catalogue = { [key: string]: string | string[] | Catalogue };

const root = new URL('../', import.meta.url);
const levelOf: Record<ReaderAudience, ReadingLevel> = { parent: 'B1', pupil: 'A2', anyone: 'B1' };
const languages: ReadabilityLanguage[] = ['nl', 'en'];

function readCatalogue(folder: string, language: ReadabilityLanguage): Catalogue {
  return JSON.parse(readFileSync(new URL(`${folder}/${language}.json`, root), 'utf8')) as Catalogue;
}

/** Every key of a catalogue with its texts (a list counts as one key with several texts). */
function entriesOf(catalogue: Catalogue, prefix = ''): Array<[string, string[]]> {
  return Object.entries(catalogue).flatMap(([key, value]): Array<[string, string[]]> => {
    if (typeof value === 'string') return [[`${prefix}${key}`, [value]]];
    if (Array.isArray(value)) return [[`${prefix}${key}`, value]];
    return entriesOf(value, `${prefix}${key}.`);
  });
}

/** Every section (object) of a catalogue by its dotted path. */
function sectionsOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'object' && !Array.isArray(value)
      ? [`${prefix}${key}`, ...sectionsOf(value, `${prefix}${key}.`)]
      : [],
  );
}

/** The catalogue folders of the project: the server's and the web app's `i18n` folders. */
function catalogueFolders(): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(new URL(folder, root))) {
      if (name === 'node_modules') continue;
      const path = `${folder}/${name}`;
      if (!statSync(new URL(path, root)).isDirectory()) continue;
      if (name === 'i18n') found.push(path);
      else walk(path);
    }
  };
  walk('server');
  walk('web/src');
  return found.sort();
}

/** The texts a registry entry covers in one language: its keys, less those a more specific entry covers. */
function textsOf(entry: (typeof readerTexts)[number], language: ReadabilityLanguage): string[] {
  const others = readerTexts.filter(
    (other) => other !== entry && other.catalogue === entry.catalogue && coversKey(entry.path, other.path),
  );
  return entriesOf(readCatalogue(entry.catalogue, language))
    .filter(([key]) => coversKey(entry.path, key))
    .filter(([key]) => !others.some((other) => coversKey(other.path, key)))
    .flatMap(([, texts]) => texts);
}

// A section is a reader text by its name (see docs/language-level.md): it starts with parent, pupil,
// public or letter, or ends with Parent, Pupil, Public or Letter.
const readerSectionName = /^(parent|pupil|public|letter)|(Parent|Pupil|Public|Letter)$/;
// Every top-level section of these catalogues is for the public (parents, pupils, anyone).
const publicCatalogues = ['web/src/modules/public-pages/i18n'];
// A mail is a key in a section named `mail` or ending in `Mail`.
const mailSectionName = /^mail$|Mail$/;

/** Whether the registry or the staff list classifies a key of a catalogue. */
function isClassified(catalogue: string, key: string): boolean {
  return [...readerTexts, ...staffTexts].some(
    (entry) => entry.catalogue === catalogue && coversKey(entry.path, key),
  );
}

/** The keys of a catalogue that the convention takes for reader texts and that neither list classifies. */
function unclassifiedIn(folder: string, catalogue: Catalogue): string[] {
  const candidates = [
    ...sectionsOf(catalogue).filter((path) => readerSectionName.test(path.split('.').at(-1) ?? '')),
    ...entriesOf(catalogue)
      .map(([key]) => key)
      .filter((key) => mailSectionName.test(key.split('.').at(-2) ?? '')),
    ...(publicCatalogues.includes(folder) ? Object.keys(catalogue) : []),
  ];
  return candidates.filter((path) => !isClassified(folder, path)).map((path) => `${folder}: ${path}`);
}

describe('reader texts: the registry is complete', () => {
  const folders = catalogueFolders();

  it('knows a catalogue and a path for every entry, in Dutch and English', () => {
    for (const entry of [...readerTexts, ...staffTexts]) {
      expect(folders, `${entry.catalogue} is not a catalogue`).toContain(entry.catalogue);
      for (const language of languages) {
        const keys = entriesOf(readCatalogue(entry.catalogue, language)).map(([key]) => key);
        expect(
          keys.some((key) => coversKey(entry.path, key)),
          `${entry.catalogue} ${language}: ${entry.path} has no texts`,
        ).toBe(true);
      }
    }
  });

  it('classifies every section named for parents, pupils or the public, and every mail', () => {
    const unclassified = folders.flatMap((folder) => unclassifiedIn(folder, readCatalogue(folder, 'nl')));
    expect(unclassified, 'add these to readerTexts (or, for staff only, staffTexts)').toEqual([]);
  });

  it('fails for a new section for parents or pupils, a new mail and a new public page not registered', () => {
    const opp = 'web/src/modules/opp/i18n';
    const added: Catalogue = {
      oppPublic: { title: 'registered already' },
      oppConsent: { parent: { title: 'Toestemming' }, pupil: { title: 'Vind jij het goed?' } },
      pupilDiary: { title: 'Jouw dagboek' },
      oppMail: { consentParentSubject: 'Toestemming', evaluationDueSubject: 'staff mail, listed' },
    };
    expect(unclassifiedIn(opp, added)).toEqual([
      `${opp}: oppConsent.parent`,
      `${opp}: oppConsent.pupil`,
      `${opp}: pupilDiary`,
      `${opp}: oppMail.consentParentSubject`,
    ]);
    expect(unclassifiedIn('web/src/modules/public-pages/i18n', { contact: { title: 'Contact' } })).toEqual([
      'web/src/modules/public-pages/i18n: contact',
    ]);
  });
});

/** Whether a page's texts in one language meet its reader's level, measured as the test below does. */
function pageMeetsLevel(texts: string[], language: ReadabilityLanguage, level: ReadingLevel) {
  const sample = texts.map((text) => fillPlaceholders(text, explainedNames[language])).join('\n');
  const measured = measureReadability(sample, language);
  return { measured, passes: meetsReadingLevel(measured, level) };
}

describe('reader texts: the language level', () => {
  it('fails a registered page once a hard paragraph is added to it', () => {
    const entry = readerTexts.find((candidate) => candidate.path === 'consentPage.parent');
    if (!entry) throw new Error('the parents’ consent page is not registered');
    const texts = textsOf(entry, 'nl');
    expect(pageMeetsLevel(texts, 'nl', 'B1').passes).toBe(true);
    const hard =
      'Ingevolge de toepasselijke bepalingen van de Algemene verordening gegevensbescherming verstrekt de verwerkingsverantwoordelijke onverwijld informatie over de verwerkingsdoeleinden en de categorieën van betrokken persoonsgegevens.';
    expect(pageMeetsLevel([...texts, hard, hard, hard], 'nl', 'B1').passes).toBe(false);
  });

  // Node 20 has no Map.groupBy.
  const pages = new Map<string, (typeof readerTexts)[number][]>();
  for (const entry of readerTexts) {
    const page = entry.page ?? `${entry.catalogue} ${entry.path}`;
    pages.set(page, [...(pages.get(page) ?? []), entry]);
  }
  for (const [page, entries] of pages) {
    const audiences = new Set(entries.map((entry) => entry.audience));
    it(`${page} is written for one reader`, () => expect(audiences.size).toBe(1));
    const level = levelOf[entries[0]?.audience ?? 'parent'];
    for (const language of languages) {
      it(`${page} (${language}) reads at ${level}`, () => {
        const texts = entries.flatMap((entry) => textsOf(entry, language));
        expect(texts.length).toBeGreaterThan(0);
        const { measured, passes } = pageMeetsLevel(texts, language, level);
        const limits = readingLevelLimits[level];
        expect(
          passes,
          `score ${measured.score.toFixed(1)} (at least ${limits.minimumScore}), longest sentence ${measured.longestSentence} words (at most ${limits.maximumSentenceWords})`,
        ).toBe(true);
      });
    }
  }
});
