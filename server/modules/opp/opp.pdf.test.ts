import { describe, expect, it } from 'vitest';
import type { OppVersionDetail } from '../../../contracts/opp.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { registerModules } from '../index.ts';
import { oppPdfDefinition, renderOppPdf } from './opp.pdf.ts';

const id = (n: number) => `0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e00${n}`;
const detail: OppVersionDetail = {
  id: id(1),
  trajectoryId: id(2),
  version: 2,
  status: 'adopted',
  exitDestination: 'mbo niveau 3 (zorg en welzijn)',
  exitReasons: 'Sterk in praktische vakken.',
  hinderingFactors: 'Snel overprikkeld.',
  supportingFactors: 'Gemotiveerd.',
  support: [{ goal: 'Rust in de les', approach: 'Time-outkaart', who: 'Docent vso', frequency: 'Dagelijks' }],
  independentWorkAgreement: 'Zelfstandig werken op het expertisepunt in toetsweken.',
  homeworkAgreement: 'Huiswerkplanning op maandag.',
  curriculumDeviations: 'Geen Duits.',
  evaluationDates: ['2027-02-01'],
  parentsDiscussedOn: '2026-10-05',
  parentsDiscussionParticipants: 'Moeder, mentor',
  parentsView: 'Tevreden.',
  parentsAgreement: 'agree',
  parentsAgreementComments: null,
  pupilView: 'Ik wil mijn diploma halen.',
  createdBy: { id: id(3), name: 'Bram Hendriks' },
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-05T09:00:00.000Z',
  adoptedAt: '2026-10-05T10:00:00.000Z',
  adoptedBy: { id: id(3), name: 'Bram Hendriks' },
  pupil: { firstName: 'Noah', lastName: 'de Graaf', className: '2B', locationName: 'Rijnstroom College' },
  offersHomeworkSupport: true,
  evaluations: [
    {
      id: id(4),
      oppVersionId: id(1),
      version: 2,
      evaluatedOn: '2026-12-15',
      summary: 'Time-outs nemen af.',
      evaluatedBy: { id: id(5), name: 'Lotte de Boer' },
      createdAt: '2026-12-15T12:00:00.000Z',
    },
  ],
  commands: [],
};
// The module's messages, as the app registers them when it starts.
registerModules();
const t = (key: string, params?: Record<string, unknown>) => translate('nl', key, params);
const context = {
  partnershipName: 'SWV Vallei en Rijn',
  generatedAt: new Date('2026-12-20T10:00:00Z'),
  locale: 'nl' as const,
};

describe('the OPP as PDF (E9)', () => {
  it('E9: holds the plan, the support lines, the parents’ answer and the evaluations, confidential on every page', () => {
    const definition = oppPdfDefinition(detail, t, context);
    const header = (definition.header as () => { columns: Array<{ text: string }> })();
    expect(header.columns[0]?.text).toBe('VERTROUWELIJK');
    const text = JSON.stringify(definition.content);
    for (const expected of [
      'Ontwikkelingsperspectiefplan (OPP)',
      'Noah de Graaf, klas 2B',
      'mbo niveau 3 (zorg en welzijn)',
      'Time-outkaart',
      'Zelfstandig werken op het expertisepunt in toetsweken.',
      'Huiswerkplanning op maandag.',
      'De ouders zijn het eens',
      'Time-outs nemen af.',
      '1 februari 2027',
    ])
      expect(text).toContain(expected);
    // Every label came from the catalogue: no raw key is left.
    expect(text).not.toMatch(/"oppPdf\./);
  });

  it('E8: leaves the homework part out where the location offers none and none was agreed', () => {
    const text = JSON.stringify(
      oppPdfDefinition({ ...detail, offersHomeworkSupport: false, homeworkAgreement: null }, t, context)
        .content,
    );
    expect(text).not.toContain('huiswerkbegeleiding');
  });

  it('renders a PDF document with pages', async () => {
    const bytes = await renderOppPdf(detail, t, context);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
