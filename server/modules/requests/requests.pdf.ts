import { createRequire } from 'node:module';
import path from 'node:path';
import type { RequestDetail } from '../../../contracts/requests.ts';

/** Looks up a catalogue text (`pdf.*` of the requests module) with placeholders filled. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A pdfmake document definition: plain data, so the layout can be tested without rendering. */
export type PdfDefinition = Record<string, unknown> & { content: unknown[] };

type PdfContext = { partnershipName: string; generatedAt: Date; locale: 'nl' | 'en' };

const require = createRequire(import.meta.url);
const fontDirectory = path.dirname(require.resolve('pdfmake/fonts/Roboto.js'));

/**
 * The request form with its consent status and timeline as a pdfmake definition, marked
 * confidential on every page. Pupil details appear only when the viewer may see them (P1).
 */
export function requestPdfDefinition(
  detail: RequestDetail,
  t: Translate,
  context: PdfContext,
): PdfDefinition {
  const date = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(context.locale === 'nl' ? 'nl-NL' : 'en-GB', {
          dateStyle: 'short',
          timeZone: 'Europe/Amsterdam',
        }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso))
      : '—';
  const dateTime = (iso: string) =>
    new Intl.DateTimeFormat(context.locale === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(iso));
  const text = (value: string | null | undefined) => (value?.trim() ? value : '—');
  const yesNo = (value: boolean | null) => (value === null ? '—' : t(value ? 'pdf.yes' : 'pdf.no'));
  const heading = (key: string) => ({ text: t(key), style: 'heading' });
  const field = (key: string, value: string) => ({
    columns: [
      { text: t(key), width: 170, style: 'label' },
      { text: value, width: '*' },
    ],
    margin: [0, 0, 0, 4],
  });
  const table = (headers: string[], rows: string[][]) =>
    rows.length === 0
      ? { text: t('pdf.none'), italics: true, margin: [0, 0, 0, 8] }
      : {
          table: {
            headerRows: 1,
            widths: headers.map(() => '*'),
            body: [headers.map((header) => ({ text: t(header), style: 'label' })), ...rows],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        };

  const content: unknown[] = [
    { text: t('pdf.title'), style: 'title' },
    { text: detail.reference, style: 'subtitle' },
    field('pdf.status', t(`pdf.statuses.${detail.status}`)),
    field('pdf.school', `${detail.location.name}, ${detail.location.place}`),
    field('pdf.schoolYear', `${detail.schoolYear}-${detail.schoolYear + 1}`),
    field('pdf.filedBy', `${detail.createdBy.name} (${date(detail.submittedAt ?? detail.createdAt)})`),
    field('pdf.assignedTo', detail.assignedTo?.name ?? '—'),
    heading('pdf.sections.request'),
    field('pdf.type', detail.type ? t(`pdf.types.${detail.type}`) : '—'),
    field('pdf.asksDirectPupilSupport', yesNo(detail.asksDirectPupilSupport)),
    field('pdf.expertise', detail.expertiseTags.map((tag) => tag.name).join(', ') || '—'),
    field('pdf.teacher', text(detail.teacher?.name ?? detail.teacherName)),
    field('pdf.group', text(detail.groupName)),
  ];
  if (detail.pupilHidden) {
    content.push({ text: t('pdf.hidden'), italics: true, margin: [0, 4, 0, 8] });
  } else {
    content.push(
      field('pdf.question', text(detail.question)),
      field('pdf.tried', text(detail.triedInBasicSupport)),
      field('pdf.hoped', text(detail.hopedOutcome)),
    );
    if (detail.pupil) {
      content.push(
        heading('pdf.sections.pupil'),
        field('pdf.pupilName', detail.pupil.name),
        field('pdf.birthDate', date(detail.pupil.birthDate)),
        field('pdf.pupilGroup', text(detail.pupil.group)),
        heading('pdf.sections.parents'),
        table(
          ['pdf.name', 'pdf.email', 'pdf.phone', 'pdf.authority'],
          detail.parents.map((parent) => [
            parent.name,
            text(parent.email),
            text(parent.phone),
            yesNo(parent.hasAuthority),
          ]),
        ),
      );
    }
  }
  if (detail.consent.status !== 'not_needed') {
    content.push(
      heading('pdf.sections.consent'),
      field('pdf.consentStatus', t(`pdf.consentStatuses.${detail.consent.status}`)),
      table(
        ['pdf.name', 'pdf.role', 'pdf.required', 'pdf.state'],
        detail.consent.people.map((person) => [
          person.name,
          t(`pdf.roles.${person.kind}`),
          yesNo(person.required),
          t(`pdf.personStates.${person.state}`),
        ]),
      ),
      table(
        ['pdf.name', 'pdf.decision', 'pdf.method', 'pdf.date', 'pdf.textVersion'],
        detail.consent.records.map((record) => [
          record.signedBy ? `${record.personName} (${record.signedBy})` : record.personName,
          t(`pdf.decisions.${record.decision}`),
          t(`pdf.methods.${record.method}`),
          date(record.decidedOn),
          text(record.textVersion),
        ]),
      ),
    );
  }
  if (detail.parentsInformed) {
    content.push(
      heading('pdf.sections.parentsInformed'),
      field('pdf.date', date(detail.parentsInformed.informedOn)),
      field('pdf.how', detail.parentsInformed.how),
    );
  }
  if (detail.outcome)
    content.push(heading('pdf.sections.outcome'), { text: detail.outcome, margin: [0, 0, 0, 8] });
  if (detail.refusalReason)
    content.push(heading('pdf.sections.refusal'), { text: detail.refusalReason, margin: [0, 0, 0, 8] });
  content.push(
    heading('pdf.sections.timeline'),
    table(
      ['pdf.date', 'pdf.change', 'pdf.by'],
      detail.timeline.map((entry) => [
        dateTime(entry.at),
        `${entry.fromStatus ? t(`pdf.statuses.${entry.fromStatus}`) : '—'} → ${t(`pdf.statuses.${entry.toStatus}`)}`,
        entry.actorName ?? t('pdf.system'),
      ]),
    ),
  );

  return pagedPdf({
    info: { title: `${detail.reference} — ${t('pdf.title')}`, subject: t('pdf.confidential') },
    header: { text: t('pdf.confidential'), confidential: true },
    partnershipName: context.partnershipName,
    generated: t('pdf.generated', { date: dateTime(context.generatedAt.toISOString()) }),
    page: (page, pages) => t('pdf.page', { page, pages }),
    content,
  });
}

/** Renders the request form to PDF bytes (pdfmake with its bundled Roboto; no network, no other files). */
export async function renderRequestPdf(
  detail: RequestDetail,
  t: Translate,
  context: PdfContext,
): Promise<Buffer> {
  // pdfmake changes the definition it is given: every call gets a fresh one.
  return renderPdf(requestPdfDefinition(detail, t, context));
}

/**
 * The page frame every Passend PDF shares: A4, the header (a confidentiality mark or the document's
 * name, and the partnership), the footer (when it was made, page x of y) and the house styles, which a
 * document may extend or override.
 */
export function pagedPdf(frame: {
  info: { title: string; subject?: string };
  /** The header's left text; red when it marks the document confidential. */
  header: { text: string; confidential: boolean };
  partnershipName: string;
  generated: string;
  page: (page: number, pages: number) => string;
  fontSize?: number;
  lineHeight?: number;
  styles?: Record<string, unknown>;
  content: unknown[];
}): PdfDefinition {
  return {
    info: frame.info,
    pageSize: 'A4',
    pageMargins: [48, 64, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: frame.fontSize ?? 10, lineHeight: frame.lineHeight ?? 1.2 },
    header: () => ({
      columns: [
        frame.header.confidential
          ? { text: frame.header.text.toUpperCase(), bold: true, color: '#a4000f' }
          : { text: frame.header.text, bold: true, color: '#005a5b' },
        { text: frame.partnershipName, alignment: 'right', color: '#444444' },
      ],
      margin: [48, 28, 48, 0],
    }),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: frame.generated, color: '#444444' },
        { text: frame.page(page, pages), alignment: 'right', color: '#444444' },
      ],
      margin: [48, 16, 48, 0],
      fontSize: 8,
    }),
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 12, color: '#005a5b', margin: [0, 0, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 6], color: '#005a5b' },
      label: { bold: true },
      ...frame.styles,
    },
    content: frame.content,
  };
}

/** Renders any definition the same way; pdfmake changes it, so pass one made for this call only. */
export async function renderPdf(definition: PdfDefinition): Promise<Buffer> {
  const pdfmake = require('pdfmake') as PdfMake;
  pdfmake.setFonts(require('pdfmake/fonts/Roboto.js'));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDirectory));
  return pdfmake.createPdf(definition).getBuffer();
}

type PdfMake = {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (file: string) => boolean): void;
  createPdf(definition: PdfDefinition): { getBuffer(): Promise<Buffer> };
};
