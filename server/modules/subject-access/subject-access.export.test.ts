import { describe, expect, it } from 'vitest';
import { translate } from '../../platform/i18n/messages.ts';
import { registerModules } from '../index.ts';
import { exportPdfDefinition } from './subject-access.export.ts';
import type { PupilExport } from './subject-access.service.ts';

registerModules();

/** An export of a pupil Passend holds nothing about, asked for by someone of the given relation. */
function exportFor(requesterRelation: string): PupilExport {
  return {
    generatedAt: '2026-12-07T10:00:00.000Z',
    partnershipName: 'Samenwerkingsverband Vallei',
    subjectRequest: {
      id: '00000000-0000-4000-8000-000000000001',
      receivedOn: '2026-12-01',
      deadlineOn: '2027-01-01',
      requesterName: 'Sam de Vries',
      requesterRelation,
      reason: 'Alle gegevens',
    },
    pupil: { name: 'Sam de Vries', birthDate: '2010-05-04', school: 'Rijnstroom College' },
    register: [],
    supportRequests: [],
    trajectories: [],
    staff: [],
    files: [],
  };
}

/** Every text of a pdfmake definition, in order. */
function textsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node && typeof node === 'object') return Object.values(node).flatMap(textsOf);
  return [];
}

const letterOf = (relation: string) =>
  textsOf(
    exportPdfDefinition(exportFor(relation), (key, params) => translate('nl', key, params), 'nl').content,
  );

describe('P5: the cover letter of an access request speaks to the one who asked (issue 16)', () => {
  it('addresses a parent with u, and names the pupil', () => {
    const texts = letterOf('parent');
    expect(texts).toContain('Uw verzoek om inzage');
    expect(
      texts.some((text) =>
        text.startsWith('U vroeg ons op 1 december 2026 welke gegevens wij hebben over Sam de Vries'),
      ),
    ).toBe(true);
  });

  it('addresses a pupil asking about themselves with je', () => {
    const texts = letterOf('pupil');
    expect(texts).toContain('Je vraag om inzage');
    expect(
      texts.some((text) =>
        text.startsWith('Je vroeg ons op 1 december 2026 welke gegevens wij over jou hebben'),
      ),
    ).toBe(true);
    expect(texts.filter((text) => /(?<!\p{L})(u|uw)(?!\p{L})/iu.test(text))).toEqual([]);
  });

  it('addresses anyone else with u', () => {
    expect(letterOf('other')).toContain('Uw verzoek om inzage');
  });
});
