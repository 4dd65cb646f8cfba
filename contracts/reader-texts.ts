/**
 * Every text that parents and pupils read, as catalogue paths with the reader it is written for: the
 * parent's texts (and those for anyone) are held to B1, the pupil's to A2 (`contracts/reader-texts.test.ts` measures them).
 * Adding a page for parents or pupils: one line below. The convention the guard test enforces, and the
 * measure, are in docs/language-level.md.
 */

/**
 * Who reads a text: a parent or carer (B1, addressed with "u"), a pupil (A2, addressed with "je"), or
 * anyone — parents, pupils and staff alike, addressing no one (B1). See docs/style-guide.md.
 */
export type ReaderAudience = 'parent' | 'pupil' | 'anyone';

/**
 * A catalogue section (or a single text) read by parents or pupils. `catalogue` is the folder with the
 * `nl.json` and `en.json`; `path` a dotted key. A more specific entry wins over a wider one, so a parent's
 * page can hold a pupil's section. A mail is registered by its stem: `mail.consentParent` covers
 * `mail.consentParentSubject` and `mail.consentParentText`. Entries with the same `page` are measured as
 * one text, as the reader meets them: a page's list of job titles or offers is not a text on its own.
 */
export type ReaderText = { catalogue: string; path: string; audience: ReaderAudience; page?: string };

export const readerTexts: readonly ReaderText[] = [
  // Consent for a support request through the personal link (/toestemming), and its mails.
  { catalogue: 'web/src/modules/requests/i18n', path: 'consentPage', audience: 'anyone' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'consentPage.parent', audience: 'parent' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'consentPage.pupil', audience: 'pupil' },
  { catalogue: 'server/modules/requests/i18n', path: 'mail.consentParent', audience: 'parent' },
  { catalogue: 'server/modules/requests/i18n', path: 'mail.consentPupil', audience: 'pupil' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'mail.consentParent', audience: 'parent' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'mail.consentPupil', audience: 'pupil' },
  // The OPP through the parents' personal link (/opp-ouders).
  { catalogue: 'web/src/modules/opp/i18n', path: 'oppPublic', audience: 'parent' },
  // Consent on the OPP's action part (/opp-inzage) and the pupil's own page (/mijn-plan), and their mails.
  { catalogue: 'web/src/modules/opp/i18n', path: 'parentConsent', audience: 'parent' },
  { catalogue: 'web/src/modules/opp/i18n', path: 'pupilView', audience: 'pupil' },
  { catalogue: 'server/modules/opp/i18n', path: 'parentConsent', audience: 'parent' },
  { catalogue: 'server/modules/opp/i18n', path: 'pupilView', audience: 'pupil' },
  // The answer to a request for access (inzage, P8): the letter for a parent and for a pupil.
  { catalogue: 'server/modules/subject-access/i18n', path: 'subjectAccess.letter', audience: 'parent' },
  { catalogue: 'server/modules/subject-access/i18n', path: 'subjectAccess.letterPupil', audience: 'pupil' },
  // The public pages: the privacy statement (parents' and children's version), the team, the expertise
  // points (read by pupils of secondary schools and their parents) and the accessibility statement.
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'privacyStatement', audience: 'parent' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'privacyStatement.pupil', audience: 'pupil' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'team', audience: 'anyone', page: 'team' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'teamRoles', audience: 'anyone', page: 'team' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'points', audience: 'anyone' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'point', audience: 'pupil', page: 'point' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'offer', audience: 'pupil', page: 'point' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'notFound', audience: 'anyone' },
  { catalogue: 'web/src/modules/public-pages/i18n', path: 'accessibilityStatement', audience: 'parent' },
];

/**
 * Names of the partnership's services that the reader texts explain where they first use them: the
 * measure reads each as one name (like `{{partnership}}`), not as a long word. Keep this list short.
 */
export const explainedNames: Record<'nl' | 'en', readonly string[]> = {
  nl: [
    'expertiseteam',
    'expertisepunten',
    'expertisepunt',
    'samenwerkingsverband',
    'ontwikkelingsperspectiefplan',
  ],
  en: ['expertise team', 'expertise points', 'expertise point', 'development perspective plan'],
};

/**
 * Sections the guard would take for reader texts by their name, but that only staff read: each with the
 * reason. A section is listed here on purpose, never to make the test pass.
 */
export const staffTexts: readonly (Omit<ReaderText, 'audience'> & { reason: string })[] = [
  { catalogue: 'web/src/modules/pupil-records/i18n', path: 'pupilRecords', reason: 'the staff’s pupil file' },
  { catalogue: 'web/src/modules/schools/i18n', path: 'pupilCounts', reason: 'pupil counts of a school' },
  {
    catalogue: 'server/modules/processing-register/i18n',
    path: 'processingRegister.entries.pupil_register',
    reason: 'the processing register, read by the privacy officer',
  },
  { catalogue: 'web/src/modules/privacy/i18n', path: 'privacy.events.pupil_counts', reason: 'audit labels' },
  { catalogue: 'web/src/modules/privacy/i18n', path: 'privacy.events.pupils', reason: 'audit labels' },
  { catalogue: 'server/modules/requests/i18n', path: 'mail.news', reason: 'mail to staff' },
  { catalogue: 'server/modules/requests/i18n', path: 'mail.assigned', reason: 'mail to a team member' },
  { catalogue: 'server/modules/requests/i18n', path: 'mail.paused', reason: 'mail to a team member' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'mail.news', reason: 'mail to staff' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'mail.assigned', reason: 'mail to a team member' },
  { catalogue: 'web/src/modules/requests/i18n', path: 'mail.paused', reason: 'mail to a team member' },
  { catalogue: 'server/modules/hours/i18n', path: 'mail.budget80', reason: 'mail to the staff office' },
  { catalogue: 'server/modules/hours/i18n', path: 'mail.budget100', reason: 'mail to the staff office' },
  { catalogue: 'web/src/modules/hours/i18n', path: 'mail.budget80', reason: 'mail to the staff office' },
  { catalogue: 'web/src/modules/hours/i18n', path: 'mail.budget100', reason: 'mail to the staff office' },
  { catalogue: 'server/modules/opp/i18n', path: 'oppMail.evaluationDue', reason: 'mail to the mentor' },
  { catalogue: 'web/src/modules/opp/i18n', path: 'oppMail.evaluationDue', reason: 'mail to the mentor' },
  { catalogue: 'server/platform/i18n', path: 'mail', reason: 'account mail to staff (reset, invitation)' },
  { catalogue: 'web/src/i18n', path: 'mail', reason: 'account mail to staff (reset, invitation)' },
];

/** Whether a registered path covers a catalogue key: the key itself, a key below it, or a mail of its stem. */
export function coversKey(path: string, key: string): boolean {
  return key === path || key.startsWith(`${path}.`) || key === `${path}Subject` || key === `${path}Text`;
}
