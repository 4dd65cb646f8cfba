import { readFileSync } from 'node:fs';
import { type Locale, localeSchema } from '../../../contracts/fields.ts';

/** A message catalogue: nested keys (`errors.not_found`) with texts that may hold `{{name}}` placeholders. */
export type Catalogue = { [key: string]: string | Catalogue };

/** One owner's catalogues, one per language, as the server loaded them. */
export type LoadedCatalogues = { owner: string; folder: URL; catalogues: Record<Locale, Catalogue> };

// The server speaks from catalogues of its own: the platform's (errors, validation, account mail) in
// this folder, and each module's in its `i18n` folder, registered through the composition. They hold
// exactly the keys the server uses; the web app keeps its own catalogues (web/src/i18n), and where both
// need a text each has its copy. A key lives in one catalogue only (a test checks it).
const locales = localeSchema.options;
const loaded: LoadedCatalogues[] = [];
const catalogues: Record<Locale, Catalogue> = { nl: {}, en: {} };

/** Reads `nl.json` and `en.json` from a folder (a URL ending in a slash). */
function readCatalogues(folder: URL): Record<Locale, Catalogue> {
  const read = (locale: Locale): Catalogue =>
    JSON.parse(readFileSync(new URL(`${locale}.json`, folder), 'utf8')) as Catalogue;
  return { nl: read('nl'), en: read('en') };
}

/**
 * Adds an owner's catalogues (the folder holding its `nl.json` and `en.json`) to what the server
 * speaks. A key another catalogue holds already fails loudly, as does a folder registered twice.
 */
export function registerMessages(owner: string, folder: URL): void {
  if (loaded.some((entry) => entry.folder.href === folder.href))
    throw new Error(`The messages in ${folder.pathname} are registered already`);
  const read = readCatalogues(folder);
  for (const locale of locales) {
    const clash = keysOf(read[locale]).find((key) => isTaken(catalogues[locale], key));
    if (clash)
      throw new Error(`The message ${clash} of ${owner} (${locale}) is in another catalogue already`);
  }
  for (const locale of locales) mergeInto(catalogues[locale], read[locale]);
  loaded.push({ owner, folder, catalogues: read });
}

/** Every catalogue the server loaded, by owner (for the test of duplicate and missing keys). */
export function loadedCatalogues(): readonly LoadedCatalogues[] {
  return loaded;
}

/** Every dotted key of a catalogue's texts. */
export function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** Whether a catalogue holds this key already, or a text where the key needs a group (or the reverse). */
function isTaken(catalogue: Catalogue, key: string): boolean {
  let current: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (typeof current !== 'object') return true;
    current = current[part];
    if (current === undefined) return false;
  }
  return true;
}

function mergeInto(target: Catalogue, source: Catalogue): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') mergeInto(existing, value);
    else target[key] = typeof value === 'object' ? structuredClone(value) : value;
  }
}

registerMessages('platform', new URL('./', import.meta.url));

/** Looks up a dotted key (e.g. `errors.not_found`) and fills `{{name}}` placeholders. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const found = lookup(catalogues[locale], key) ?? lookup(catalogues.nl, key);
  if (typeof found !== 'string') return key;
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => String(params[name] ?? ''));
}

/** Whether the catalogue has this key, so callers can fall back to a more general one. */
export function hasMessage(key: string): boolean {
  return typeof lookup(catalogues.nl, key) === 'string';
}

/** Chooses Dutch unless the request prefers English. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'nl';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

function lookup(catalogue: Catalogue, key: string): unknown {
  let current: unknown = catalogue;
  for (const part of key.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Catalogue)[part];
  }
  return current;
}
