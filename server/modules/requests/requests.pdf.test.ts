import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../contracts/requests.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { registerModules } from '../index.ts';
import { renderRequestPdf, requestPdfDefinition } from './requests.pdf.ts';

const detail: RequestDetail = {
  id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e001',
  reference: 'HV-2026-0042',
  status: 'assigned',
  location: { id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e002', name: 'OBS De Regenboog', place: 'Veenendaal' },
  schoolYear: 2026,
  type: 'pupil_advice',
  question: 'Hoe helpen we Noor bij het plannen?',
  triedInBasicSupport: 'Dagplanning op tafel.',
  hopedOutcome: 'Handelingsadviezen.',
  teacher: null,
  teacherName: 'Juf Marieke',
  groupName: 'groep 6',
  asksDirectPupilSupport: false,
  expertiseTags: [{ id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e003', name: 'Autisme' }],
  pupil: {
    id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e004',
    name: 'Noor Hendriks',
    birthDate: '2013-05-02',
    group: 'groep 6',
    email: null,
  },
  parents: [
    {
      id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e005',
      name: 'Ellen Hendriks',
      email: 'ellen@example.nl',
      phone: '06 12345678',
      hasAuthority: true,
    },
  ],
  pupilId: null,
  pupilHidden: false,
  consent: {
    status: 'complete',
    oneParentSuffices: false,
    people: [
      {
        personId: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e005',
        kind: 'parent',
        name: 'Ellen Hendriks',
        hasEmail: true,
        required: true,
        state: 'given',
        linkExpiresAt: null,
      },
    ],
    records: [
      {
        id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e006',
        personId: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e005',
        personName: 'Ellen Hendriks',
        kind: 'parent',
        decision: 'given',
        method: 'paper',
        decidedOn: '2026-11-02',
        recordedAt: '2026-11-02T09:00:00.000Z',
        recordedByName: 'Annelies Visser',
        textVersion: null,
        signedBy: 'E. Hendriks',
        attachmentId: null,
      },
    ],
  },
  parentsInformed: null,
  assignedTo: { id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e007', name: 'Jeroen Bakker' },
  createdBy: { id: '0b6f3c1e-7d1a-4a59-9c55-0d6ad1f0e008', name: 'Annelies Visser' },
  createdAt: '2026-11-01T09:00:00.000Z',
  submittedAt: '2026-11-01T09:05:00.000Z',
  closedAt: null,
  outcome: null,
  refusalReason: null,
  timeline: [
    {
      at: '2026-11-01T09:05:00.000Z',
      transition: 'submit',
      fromStatus: 'draft',
      toStatus: 'submitted',
      actorName: 'Annelies Visser',
      reason: null,
    },
  ],
  attachments: [],
  messages: [],
  commands: [],
};

// The module's messages, as the app registers them when it starts.
registerModules();
const t = (key: string, params?: Record<string, unknown>) => translate('nl', key, params);
const context = {
  partnershipName: 'SWV Vallei en Rijn',
  generatedAt: new Date('2026-11-23T10:00:00Z'),
  locale: 'nl' as const,
};

describe('the request form as PDF', () => {
  it('is marked confidential on every page and names every consent record', () => {
    const definition = requestPdfDefinition(detail, t, context);
    const header = (definition.header as () => { columns: Array<{ text: string }> })();
    expect(header.columns[0]?.text).toBe('VERTROUWELIJK');
    const text = JSON.stringify(definition.content);
    expect(text).toContain('Aanmeldformulier expertiseteam');
    expect(text).toContain('Noor Hendriks');
    expect(text).toContain('Ellen Hendriks (E. Hendriks)');
    expect(text).toContain('Op papier');
    expect(text).toContain('Advies op leerlingniveau');
    // Every label came from the catalogue: no raw key is left.
    expect(text).not.toMatch(/"pdf\./);
  });

  it('P1: leaves pupil, parents and free text out when they are hidden from the reader', () => {
    const hidden = requestPdfDefinition(
      {
        ...detail,
        pupil: null,
        parents: [],
        pupilHidden: true,
        question: null,
        consent: { ...detail.consent, people: [], records: [] },
      },
      t,
      context,
    );
    const text = JSON.stringify(hidden.content);
    expect(text).not.toContain('Noor');
    expect(text).not.toContain('Ellen');
    expect(text).toContain('afgeschermd');
  });

  it('renders a PDF with the reference in its title', async () => {
    const bytes = await renderRequestPdf(detail, t, context);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
    // pdfkit writes the info dictionary as a UTF-16 string: look for the reference in that encoding.
    const utf16 = Buffer.from(`\ufeffHV-2026-0042`, 'utf16le').swap16();
    expect(bytes.includes(utf16.subarray(2)) || bytes.includes(Buffer.from('HV-2026-0042'))).toBe(true);
  });
});
