import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../../../contracts/fields.ts';

type Catalogue = Record<string, unknown>;

// The server speaks from the same catalogues as the web app, so an error reads the same in both.
const catalogueFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/src/i18n');
const moduleFolder = path.resolve(catalogueFolder, '../modules');
const catalogues: Record<Locale, Catalogue> = { nl: readCatalogue('nl'), en: readCatalogue('en') };

// The core catalogue plus every module's (web/src/modules/*/i18n/<locale>.json), merged: a module
// adds its own `validation.*` and `mail.*` keys without touching the core file.
function readCatalogue(locale: Locale): Catalogue {
  const merged: Catalogue = JSON.parse(readFileSync(path.join(catalogueFolder, `${locale}.json`), 'utf8'));
  for (const module of readdirSync(moduleFolder)) {
    const file = path.join(moduleFolder, module, 'i18n', `${locale}.json`);
    if (existsSync(file)) mergeInto(merged, JSON.parse(readFileSync(file, 'utf8')));
  }
  return merged;
}

function mergeInto(target: Catalogue, source: Catalogue): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (value && typeof value === 'object' && existing && typeof existing === 'object') {
      mergeInto(existing as Catalogue, value as Catalogue);
    } else if (existing === undefined) {
      target[key] = value;
    }
  }
}

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
