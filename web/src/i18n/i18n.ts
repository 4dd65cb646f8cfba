import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Locale, localeSchema } from '../../../contracts/fields.ts';
import attendanceEn from '../modules/attendance/i18n/en.json';
import attendanceNl from '../modules/attendance/i18n/nl.json';
import expertisePointsEn from '../modules/expertise-points/i18n/en.json';
import expertisePointsNl from '../modules/expertise-points/i18n/nl.json';
import homeEn from '../modules/home/i18n/en.json';
import homeNl from '../modules/home/i18n/nl.json';
import hoursEn from '../modules/hours/i18n/en.json';
import hoursNl from '../modules/hours/i18n/nl.json';
import meetingsEn from '../modules/meetings/i18n/en.json';
import meetingsNl from '../modules/meetings/i18n/nl.json';
import oppEn from '../modules/opp/i18n/en.json';
import oppNl from '../modules/opp/i18n/nl.json';
import privacyEn from '../modules/privacy/i18n/en.json';
import privacyNl from '../modules/privacy/i18n/nl.json';
import publicPagesEn from '../modules/public-pages/i18n/en.json';
import publicPagesNl from '../modules/public-pages/i18n/nl.json';
import pupilRecordsEn from '../modules/pupil-records/i18n/en.json';
import pupilRecordsNl from '../modules/pupil-records/i18n/nl.json';
import requestsEn from '../modules/requests/i18n/en.json';
import requestsNl from '../modules/requests/i18n/nl.json';
import retentionEn from '../modules/retention/i18n/en.json';
import retentionNl from '../modules/retention/i18n/nl.json';
import schoolsEn from '../modules/schools/i18n/en.json';
import schoolsNl from '../modules/schools/i18n/nl.json';
import subjectAccessEn from '../modules/subject-access/i18n/en.json';
import subjectAccessNl from '../modules/subject-access/i18n/nl.json';
import teamEn from '../modules/team/i18n/en.json';
import teamNl from '../modules/team/i18n/nl.json';
import trajectoriesEn from '../modules/trajectories/i18n/en.json';
import trajectoriesNl from '../modules/trajectories/i18n/nl.json';
import en from './en.json';
import nl from './nl.json';

/** Where the browser remembers the chosen interface language. */
export const localeStorageKey = 'passend.locale';

// One namespace per domain module (useTranslation('schools')), so modules keep their own catalogues.
export const resources = {
  nl: {
    translation: nl,
    schools: schoolsNl,
    team: teamNl,
    expertisePoints: expertisePointsNl,
    publicPages: publicPagesNl,
    requests: requestsNl,
    hours: hoursNl,
    meetings: meetingsNl,
    trajectories: trajectoriesNl,
    opp: oppNl,
    attendance: attendanceNl,
    pupilRecords: pupilRecordsNl,
    privacy: privacyNl,
    retention: retentionNl,
    subjectAccess: subjectAccessNl,
    home: homeNl,
  },
  en: {
    translation: en,
    schools: schoolsEn,
    team: teamEn,
    expertisePoints: expertisePointsEn,
    publicPages: publicPagesEn,
    requests: requestsEn,
    hours: hoursEn,
    meetings: meetingsEn,
    trajectories: trajectoriesEn,
    opp: oppEn,
    attendance: attendanceEn,
    pupilRecords: pupilRecordsEn,
    privacy: privacyEn,
    retention: retentionEn,
    subjectAccess: subjectAccessEn,
    home: homeEn,
  },
} as const;

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

/** Initialises i18next synchronously with the bundled catalogues; Dutch is the default. */
export function initI18n(): typeof i18next {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: storedLocale() ?? 'nl',
    fallbackLng: 'nl',
    // A module's error codes (errors.<code>) live in its own catalogue; shared screens find them there.
    fallbackNS: ['requests', 'hours', 'meetings', 'team', 'schools', 'expertisePoints'],
    supportedLngs: ['nl', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
