import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { accessSignalKinds } from '../../../../contracts/privacy.ts';
import { registerModules } from '../../../../server/modules/index.ts';
import { auditCatalogue } from '../../../../server/platform/audit/audit.ts';
import sharedEn from '../../i18n/en.json';
import sharedNl from '../../i18n/nl.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { aboutLabel, actorLabel, eventChoices, eventLabel, roleLabels, type Translate } from './labels.ts';

// The full catalogue: the platform's events and every module's, as the app registers them at start.
registerModules();
const events = Object.keys(auditCatalogue).sort();

/** The label of an event in a catalogue, walking the key's parts as i18next does. */
function labelIn(catalogue: unknown, event: string): unknown {
  let node: unknown = (catalogue as { privacy: { events: unknown } }).privacy.events;
  for (const part of event.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

describe('every audit event has a label on the audit-trail screen', () => {
  it("reads the whole catalogue: the platform's events and the modules'", () => {
    expect(events).toEqual(
      expect.arrayContaining(['auth.signed_in', 'requests.viewed', 'trajectories.viewed']),
    );
  });

  it.each([
    ['nl', nl],
    ['en', en],
  ])('in %s', (_locale, catalogue) => {
    const unlabelled = events.filter((event) => {
      const label = labelIn(catalogue, event);
      return typeof label !== 'string' || label.trim() === '';
    });
    // Add a label under privacy.events in web/src/modules/privacy/i18n/{nl,en}.json for each.
    expect(unlabelled).toEqual([]);
  });

  it.each([
    ['nl', nl],
    ['en', en],
  ])('no two events share a label in %s, so every choice in the search is recognisable', (_locale, catalogue) => {
    const labels = events.map((event) => labelIn(catalogue, event));
    const repeated = labels.filter((label, index) => labels.indexOf(label) !== index);
    expect(repeated).toEqual([]);
  });
});

describe('the labels of the audit trail', () => {
  const instance = i18next.createInstance();
  // Synchronous with bundled catalogues, as the app initialises it.
  void instance.init({
    resources: {
      nl: { translation: sharedNl, privacy: nl },
      en: { translation: sharedEn, privacy: en },
    },
    lng: 'nl',
    ns: ['translation', 'privacy'],
    defaultNS: 'privacy',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  const translateIn = (locale: 'nl' | 'en') => instance.getFixedT(locale) as unknown as Translate;
  const translate = translateIn('nl');

  it('names an event in plain words, and an event it does not know in general words', () => {
    expect(eventLabel(translate, 'requests.viewed')).toBe('Hulpvraag bekeken');
    expect(eventLabel(translate, 'trajectories.viewed')).toBe('Traject geopend');
    expect(eventLabel(translate, 'nothing.known_here')).toBe('Andere gebeurtenis');
  });

  it('offers the events sorted by their label in the interface language', () => {
    const choices = eventChoices(
      translate,
      ['trajectories.viewed', 'auth.signed_out', 'requests.viewed'],
      'nl',
    );
    expect(choices.map((choice) => choice.label)).toEqual([
      'Hulpvraag bekeken',
      'Traject geopend',
      'Uitgelogd',
    ]);
  });

  it('names who did it: a person, Passend itself, or the holder of a personal link', () => {
    const person = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Anna de Vries',
      email: 'a@school.nl',
    };
    expect(actorLabel(translate, { actor: person, actorRoles: ['team_member'] })).toBe('Anna de Vries');
    expect(actorLabel(translate, { actor: null, actorRoles: ['system'] })).toBe('Passend zelf');
    expect(actorLabel(translate, { actor: null, actorRoles: ['parent'] })).toBe(
      'Ouder (via persoonlijke link)',
    );
    expect(actorLabel(translate, { actor: null, actorRoles: [] })).toBe('Onbekend');
  });

  it('names the roles in words and leaves out Passend itself', () => {
    expect(roleLabels(translate, ['privacy_officer', 'team_member'])).toEqual([
      'Functionaris gegevensbescherming',
      'Lid expertiseteam',
    ]);
    expect(roleLabels(translate, ['parent'])).toEqual(['Ouder']);
    expect(roleLabels(translate, ['system'])).toEqual([]);
  });

  it('says what it was about: the request reference, else the kind of record, else nothing', () => {
    expect(aboutLabel(translate, { reference: 'HV-2026-0042', objectType: 'support_request' })).toBe(
      'HV-2026-0042',
    );
    expect(aboutLabel(translate, { reference: null, objectType: 'trajectory' })).toBe('Traject');
    expect(aboutLabel(translate, { reference: null, objectType: 'location' })).toBe('Vestiging');
    expect(aboutLabel(translate, { reference: null, objectType: 'something_new' })).toBe('Ander onderdeel');
    expect(aboutLabel(translate, { reference: null, objectType: null })).toBeNull();
  });

  it('speaks English as the second language', () => {
    const english = translateIn('en');
    expect(eventLabel(english, 'requests.viewed')).toBe('Support request viewed');
    expect(actorLabel(english, { actor: null, actorRoles: ['system'] })).toBe('Passend itself');
    expect(roleLabels(english, ['privacy_officer'])).toEqual(['Privacy officer']);
  });
});

describe('every signal of unusual access has a label on the signals screen', () => {
  it.each([
    ['nl', nl],
    ['en', en],
  ])('in %s', (_locale, catalogue) => {
    const kinds = (catalogue as { privacy: { signals: { kinds: Record<string, string> } } }).privacy.signals
      .kinds;
    expect(Object.keys(kinds).sort()).toEqual([...accessSignalKinds].sort());
  });
});
