import type { OppVersionDetail } from '../../../contracts/opp.ts';
import { type PdfDefinition, pagedPdf, renderPdf, type Translate } from '../requests/requests.pdf.ts';

type PdfContext = { partnershipName: string; generatedAt: Date; locale: 'nl' | 'en' };

/**
 * One OPP version as a pdfmake definition (E9): the plan, the support lines, the agreements, the
 * parents' discussion and answer, the pupil's view and the evaluations; confidential on every page.
 * Labels come from the opp catalogue (`oppPdf.*`).
 */
export function oppPdfDefinition(detail: OppVersionDetail, t: Translate, context: PdfContext): PdfDefinition {
  const dateFormat = new Intl.DateTimeFormat(context.locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Amsterdam',
  });
  const date = (iso: string | null) =>
    iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : '—';
  const text = (value: string | null | undefined) => (value?.trim() ? value : '—');
  const heading = (key: string) => ({ text: t(key), style: 'heading' });
  const field = (key: string, value: string) => ({
    columns: [
      { text: t(key), width: 170, style: 'label' },
      { text: value, width: '*' },
    ],
    margin: [0, 0, 0, 4],
  });
  const block = (key: string, value: string | null) => [
    { text: t(key), style: 'label', margin: [0, 4, 0, 2] },
    { text: text(value), margin: [0, 0, 0, 6] },
  ];

  const content: unknown[] = [
    { text: t('oppPdf.title'), style: 'title' },
    {
      text: t('oppPdf.subtitle', {
        name: `${detail.pupil.firstName} ${detail.pupil.lastName}`,
        className: detail.pupil.className,
      }),
      style: 'subtitle',
    },
    field('oppPdf.school', detail.pupil.locationName),
    field('oppPdf.version', String(detail.version)),
    field('oppPdf.status', t(`oppPdf.statuses.${detail.status}`)),
    field('oppPdf.drawnUpBy', `${detail.createdBy.name} (${date(detail.createdAt)})`),
    field(
      'oppPdf.adopted',
      detail.adoptedAt ? `${date(detail.adoptedAt)}, ${detail.adoptedBy?.name ?? ''}` : '—',
    ),
    heading('oppPdf.sections.perspective'),
    field('oppPdf.exitDestination', text(detail.exitDestination)),
    ...block('oppPdf.exitReasons', detail.exitReasons),
    ...block('oppPdf.hinderingFactors', detail.hinderingFactors),
    ...block('oppPdf.supportingFactors', detail.supportingFactors),
    heading('oppPdf.sections.support'),
    detail.support.length === 0
      ? { text: t('oppPdf.none'), italics: true, margin: [0, 0, 0, 8] }
      : {
          table: {
            headerRows: 1,
            widths: ['*', '*', 80, 80],
            body: [
              ['oppPdf.goal', 'oppPdf.approach', 'oppPdf.who', 'oppPdf.frequency'].map((key) => ({
                text: t(key),
                style: 'label',
              })),
              ...detail.support.map((line) => [line.goal, line.approach, line.who, line.frequency]),
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        },
    ...block('oppPdf.independentWork', detail.independentWorkAgreement),
    ...(detail.offersHomeworkSupport || detail.homeworkAgreement
      ? block('oppPdf.homework', detail.homeworkAgreement)
      : []),
    ...block('oppPdf.curriculumDeviations', detail.curriculumDeviations),
    field(
      'oppPdf.evaluationDates',
      detail.evaluationDates.length ? detail.evaluationDates.map((iso) => date(iso)).join(', ') : '—',
    ),
    heading('oppPdf.sections.parents'),
    field('oppPdf.discussedOn', date(detail.parentsDiscussedOn)),
    field('oppPdf.participants', text(detail.parentsDiscussionParticipants)),
    ...block('oppPdf.parentsView', detail.parentsView),
    field(
      'oppPdf.agreement',
      detail.parentsAgreement ? t(`oppPdf.agreements.${detail.parentsAgreement}`) : '—',
    ),
    ...block('oppPdf.agreementComments', detail.parentsAgreementComments),
    heading('oppPdf.sections.pupil'),
    { text: text(detail.pupilView), margin: [0, 0, 0, 8] },
    heading('oppPdf.sections.evaluations'),
    ...(detail.evaluations.length === 0
      ? [{ text: t('oppPdf.none'), italics: true, margin: [0, 0, 0, 8] }]
      : detail.evaluations.flatMap((evaluation) => [
          {
            text: `${date(evaluation.evaluatedOn)}, ${evaluation.evaluatedBy.name}`,
            style: 'label',
            margin: [0, 4, 0, 2],
          },
          { text: evaluation.summary, margin: [0, 0, 0, 6] },
        ])),
  ];

  const stamp = new Intl.DateTimeFormat(context.locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(context.generatedAt);
  return pagedPdf({
    info: { title: `${t('oppPdf.title')} ${detail.version}`, subject: t('oppPdf.confidential') },
    header: { text: t('oppPdf.confidential'), confidential: true },
    partnershipName: context.partnershipName,
    generated: t('oppPdf.generated', { date: stamp }),
    page: (page, pages) => t('oppPdf.page', { page, pages }),
    content,
  });
}

/** Renders one OPP version to PDF bytes; a fresh definition per call, as pdfmake changes it. */
export function renderOppPdf(detail: OppVersionDetail, t: Translate, context: PdfContext): Promise<Buffer> {
  return renderPdf(oppPdfDefinition(detail, t, context));
}
