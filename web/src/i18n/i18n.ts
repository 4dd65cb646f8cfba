import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Locale, localeSchema } from '../../../contracts/fields.ts';
import homeEn from '../modules/home/i18n/en.json';
import homeNl from '../modules/home/i18n/nl.json';
import en from './en.json';
import nl from './nl.json';

/** Where the browser remembers the chosen interface language. */
export const localeStorageKey = 'passend.locale';

type Catalogue = Record<string, unknown>;
type CataloguePair = [{ default: Catalogue }, { default: Catalogue }];

/**
 * One namespace per domain module (`useTranslation('schools')`), so modules keep their own catalogues.
 * Each loads with the module's screens (see `lazyPage`), Dutch and English together so switching the
 * language never waits; the common catalogue (`translation`) is bundled with the shell.
 */
const moduleCatalogues = {
  schools: () =>
    Promise.all([import('../modules/schools/i18n/nl.json'), import('../modules/schools/i18n/en.json')]),
  team: () => Promise.all([import('../modules/team/i18n/nl.json'), import('../modules/team/i18n/en.json')]),
  expertisePoints: () =>
    Promise.all([
      import('../modules/expertise-points/i18n/nl.json'),
      import('../modules/expertise-points/i18n/en.json'),
    ]),
  publicPages: () =>
    Promise.all([
      import('../modules/public-pages/i18n/nl.json'),
      import('../modules/public-pages/i18n/en.json'),
    ]),
  requests: () =>
    Promise.all([import('../modules/requests/i18n/nl.json'), import('../modules/requests/i18n/en.json')]),
  hours: () =>
    Promise.all([import('../modules/hours/i18n/nl.json'), import('../modules/hours/i18n/en.json')]),
  meetings: () =>
    Promise.all([import('../modules/meetings/i18n/nl.json'), import('../modules/meetings/i18n/en.json')]),
  trajectories: () =>
    Promise.all([
      import('../modules/trajectories/i18n/nl.json'),
      import('../modules/trajectories/i18n/en.json'),
    ]),
  opp: () => Promise.all([import('../modules/opp/i18n/nl.json'), import('../modules/opp/i18n/en.json')]),
  attendance: () =>
    Promise.all([import('../modules/attendance/i18n/nl.json'), import('../modules/attendance/i18n/en.json')]),
  pupilRecords: () =>
    Promise.all([
      import('../modules/pupil-records/i18n/nl.json'),
      import('../modules/pupil-records/i18n/en.json'),
    ]),
  pupils: () =>
    Promise.all([import('../modules/pupils/i18n/nl.json'), import('../modules/pupils/i18n/en.json')]),
  privacy: () =>
    Promise.all([import('../modules/privacy/i18n/nl.json'), import('../modules/privacy/i18n/en.json')]),
  retention: () =>
    Promise.all([import('../modules/retention/i18n/nl.json'), import('../modules/retention/i18n/en.json')]),
  reports: () =>
    Promise.all([import('../modules/reports/i18n/nl.json'), import('../modules/reports/i18n/en.json')]),
  subjectAccess: () =>
    Promise.all([
      import('../modules/subject-access/i18n/nl.json'),
      import('../modules/subject-access/i18n/en.json'),
    ]),
} satisfies Record<string, () => Promise<CataloguePair>>;

/** The namespace of a domain module's catalogue. */
export type ModuleNamespace = keyof typeof moduleCatalogues;

// A module's error codes (errors.<code>) live in its own catalogue; shared screens find them there, so
// these load with every module's screens (and with the shell's own lazy screens).
export const errorNamespaces: ModuleNamespace[] = [
  'requests',
  'hours',
  'meetings',
  'team',
  'schools',
  'expertisePoints',
  'pupils',
];

const loading = new Map<ModuleNamespace, Promise<void>>();

/** Loads module catalogues into i18next (each once); resolves when all are there. */
export function loadNamespaces(namespaces: readonly ModuleNamespace[]): Promise<void> {
  return Promise.all(
    namespaces.map((namespace) => {
      let pending = loading.get(namespace);
      if (!pending) {
        pending = moduleCatalogues[namespace]().then(([dutch, english]) => {
          i18next.addResourceBundle('nl', namespace, dutch.default, true, true);
          i18next.addResourceBundle('en', namespace, english.default, true, true);
        });
        // A failed load (a new deploy removed the file) may be tried again.
        pending.catch(() => loading.delete(namespace));
        loading.set(namespace, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** The locale remembered in this browser, if any. */
export function storedLocale(): Locale | null {
  try {
    const parsed = localeSchema.safeParse(window.localStorage.getItem(localeStorageKey));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The language the interface speaks now. */
export function currentLocale(): Locale {
  const parsed = localeSchema.safeParse(i18next.language);
  return parsed.success ? parsed.data : 'nl';
}

/** Switches the interface language, remembers it in this browser and sets `<html lang>`. */
export function applyLocale(locale: Locale, options: { remember: boolean } = { remember: true }): void {
  if (options.remember) {
    try {
      window.localStorage.setItem(localeStorageKey, locale);
    } catch {
      // Private mode or storage disabled: the choice then lasts for this page only.
    }
  }
  if (i18next.language !== locale) void i18next.changeLanguage(locale);
}

/** Initialises i18next synchronously with the common catalogue; Dutch is the default. */
export function initI18n(): typeof i18next {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  void i18next.use(initReactI18next).init({
    // The start page comes with the shell, and so does its catalogue.
    resources: { nl: { translation: nl, home: homeNl }, en: { translation: en, home: homeEn } },
    // Module namespaces arrive later (loadNamespaces); none is fetched by i18next itself.
    partialBundledLanguages: true,
    lng: storedLocale() ?? 'nl',
    fallbackLng: 'nl',
    fallbackNS: errorNamespaces,
    supportedLngs: ['nl', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
