import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The mechanical part of docs/style-guide.md: what a test can check of the texts users read.

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

/** Source files under a folder, tests left out. */
function sources(root: string, extension: RegExp): string[] {
  return readdirSync(root).flatMap((entry) => {
    const full = path.join(root, entry);
    if (statSync(full).isDirectory()) return entry === 'test' ? [] : sources(full, extension);
    return extension.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });
}

/**
 * The text of every string, template piece and JSX text in a source file: what could reach a reader
 * without a catalogue (a mail, a PDF, an export, demo data). SQL in a `sql` template is code, not text.
 */
function literalsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'sql') return;
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      found.push(node.text);
    else if (ts.isJsxText(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const repository = path.resolve(import.meta.dirname, '../../..');
const relative = (file: string) => path.relative(repository, file);
// The ids of the rules in the domain description (R2, P4, E11, S1, Y3, A5, T2): internal, never for users.
// Not a time in an ISO date (`T12:00`).
const ruleId = /\b[RPESYAT]\d{1,2}\b(?![:.]\d)/;
// Paper sizes look like rule ids and are no text.
const paperSizes = new Set(['A3', 'A4', 'A5']);

const files = [
  ...catalogues(path.join(repository, 'web/src')),
  ...catalogues(path.join(repository, 'server')),
];
const dutch = files.filter((file) => path.basename(file) === 'nl.json');
const textsIn = (file: string) => textsOf(JSON.parse(readFileSync(file, 'utf8')), '');

/**
 * Texts for parents: they are addressed with *u* (B1). Every other Dutch text is for staff or pupils
 * and says *je*, or addresses no one. Keep this list in step with docs/style-guide.md.
 */
const parentFacing: Record<string, readonly string[]> = {
  'web/src/modules/requests/i18n/nl.json': ['consentPage.parent.', 'mail.consentParent'],
  'server/modules/requests/i18n/nl.json': ['mail.consentParent'],
  'web/src/modules/opp/i18n/nl.json': ['oppPublic.', 'parentConsent.'],
  'server/modules/opp/i18n/nl.json': ['parentConsent.'],
  'web/src/modules/public-pages/i18n/nl.json': ['privacyStatement.parent.', 'accessibilityStatement.'],
  'server/modules/subject-access/i18n/nl.json': ['subjectAccess.letter.'],
};

/**
 * Texts that parents and pupils (and staff) meet alike — the consent page around its two versions, the
 * public pages of the team and the expertise points, errors any page can show: they address no one.
 */
const anyReader: Record<string, readonly string[]> = {
  'web/src/modules/requests/i18n/nl.json': [
    'consentPage.title',
    'consentPage.noToken',
    'consentPage.askSchool',
    'consentPage.textVersion',
    'errors.consent_',
  ],
  'server/modules/requests/i18n/nl.json': ['errors.consent_'],
  // The errors the holder of an OPP link (a parent or the pupil) can meet on their page.
  'web/src/modules/opp/i18n/nl.json': [
    'errors.opp_link_trajectory_ended',
    'errors.opp_no_consent_asked',
    'errors.opp_consent_not_yours',
    'validation.opp_refusal_needs_comments',
  ],
  'server/modules/opp/i18n/nl.json': [
    'errors.opp_link_trajectory_ended',
    'errors.opp_no_consent_asked',
    'errors.opp_consent_not_yours',
    'validation.opp_refusal_needs_comments',
  ],
  'web/src/modules/public-pages/i18n/nl.json': ['team.', 'points.', 'notFound.', 'offer.'],
  'web/src/i18n/nl.json': [
    'errors.invalid_json',
    'errors.body_too_large',
    'errors.not_found',
    'errors.csrf_failed',
    'errors.invalid_token',
    'errors.rate_limited',
    'errors.conflict',
    'errors.database_unavailable',
    'errors.internal',
    'errors.network',
    'validation.',
    'fileReaders.',
  ],
};

const startsWithAny = (prefixes: readonly string[] | undefined, key: string) =>
  (prefixes ?? []).some((prefix) => key.startsWith(prefix));
// Word boundaries that know letters beyond ASCII ("één", "coördinator"); placeholders are no words.
const word = (forms: string) => new RegExp(`(?<![\\p{L}\\p{N}])(${forms})(?![\\p{L}\\p{N}])`, 'iu');
const informal = word('je|jij|jou|jouw|jezelf');
const formal = word('u|uw|uzelf');
const wordsOf = (text: string) => text.replace(/\{\{[^}]*\}\}/g, ' ');

describe('texts users read (issue 16)', () => {
  it('reads every catalogue of the web app and the server', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of Object.keys({ ...parentFacing, ...anyReader }))
      expect(dutch.map(relative)).toContain(file);
  });

  it('name no rule ids', () => {
    const offenders = files.flatMap((file) =>
      textsIn(file)
        .filter(([, text]) => ruleId.test(text))
        .map(([key, text]) => `${relative(file)} ${key}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('name no rule ids in what the server writes without a catalogue: mails, PDFs, exports, demo data', () => {
    // Policy rows and audit event descriptions are for developers (the access matrix), not for users.
    const serverFiles = sources(path.join(repository, 'server'), /\.ts$/).filter(
      (file) => !/\.(policy|audit)\.ts$/.test(file),
    );
    expect(serverFiles.length).toBeGreaterThan(100);
    const offenders = serverFiles.flatMap((file) =>
      literalsOf(file)
        .filter((text) => !paperSizes.has(text) && ruleId.test(text))
        .map((text) => `${relative(file)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('name no rule ids in text the web app writes without a catalogue', () => {
    const webFiles = sources(path.join(repository, 'web/src'), /\.tsx?$/);
    const offenders = webFiles.flatMap((file) =>
      literalsOf(file)
        .filter((text) => ruleId.test(text))
        .map((text) => `${relative(file)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('address parents with u, never with je', () => {
    const offenders = dutch.flatMap((file) =>
      textsIn(file)
        .filter(([key]) => startsWithAny(parentFacing[relative(file)], key))
        .filter(([, text]) => informal.test(wordsOf(text)))
        .map(([key, text]) => `${relative(file)} ${key}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('address staff and pupils with je, never with u', () => {
    const checked = dutch.flatMap((file) =>
      textsIn(file)
        .filter(([key]) => !startsWithAny(parentFacing[relative(file)], key))
        .map(([key, text]) => ({ file, key, text })),
    );
    expect(checked.length).toBeGreaterThan(2000);
    const offenders = checked
      .filter(({ text }) => formal.test(wordsOf(text)))
      .map(({ file, key, text }) => `${relative(file)} ${key}: ${text}`);
    expect(offenders).toEqual([]);
  });

  it('address no one in texts parents, pupils and staff meet alike', () => {
    const offenders = dutch.flatMap((file) =>
      textsIn(file)
        .filter(([key]) => startsWithAny(anyReader[relative(file)], key))
        .filter(([, text]) => informal.test(wordsOf(text)) || formal.test(wordsOf(text)))
        .map(([key, text]) => `${relative(file)} ${key}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('knows the forms of address it looks for', () => {
    expect(informal.test('Heb je een vraag?')).toBe(true);
    expect(informal.test('Wat weten we over jou?')).toBe(true);
    expect(informal.test('Bijvoorbeeld de jeugdarts')).toBe(false);
    expect(formal.test('Heeft u een vraag?')).toBe(true);
    expect(formal.test('Uw toestemming')).toBe(true);
    expect(formal.test('1 uur 30 min')).toBe(false);
    expect(formal.test('coördinator van de groep')).toBe(false);
  });
});
