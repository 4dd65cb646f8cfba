import type { ProcessingRegister } from '../../../contracts/processing-register.ts';
import { type PdfDefinition, pagedPdf, renderPdf, type Translate } from '../requests/requests.pdf.ts';

type PdfContext = { generatedAt: Date; locale: 'nl' | 'en' };

/**
 * The processing register as a pdfmake definition: per kind of data its purpose, data, people, basis,
 * who can see it, retention and storage, then the tables without personal data. Labels come from the
 * module's catalogue (`processingRegister.pdf.*`); the register itself is already in the reader's language.
 */
export function registerPdfDefinition(
  register: ProcessingRegister,
  t: Translate,
  context: PdfContext,
): PdfDefinition {
  const label = (key: string) => t(`processingRegister.pdf.${key}`);
  const field = (key: string, value: unknown) => ({
    columns: [
      { text: label(key), width: 130, style: 'label' },
      { stack: Array.isArray(value) ? value : [value], width: '*' },
    ],
    margin: [0, 0, 0, 4],
  });
  const content: unknown[] = [
    { text: label('title'), style: 'title' },
    {
      text: t('processingRegister.pdf.subtitle', { partnership: register.partnershipName }),
      style: 'subtitle',
    },
    { text: register.controller, margin: [0, 0, 0, 8] },
    ...register.entries.flatMap((entry, index) => [
      { text: `${index + 1}. ${entry.name}`, style: 'heading' },
      field('purpose', entry.purpose),
      field('data', entry.data),
      field('categories', entry.categories.join(', ')),
      field('legalBasis', { ul: entry.legalBasis }),
      field(
        'access',
        entry.access.length === 0
          ? label('noAccess')
          : { ul: entry.access.map((access) => `${access.roleName}: ${access.scopes.join('; ')}`) },
      ),
      field('retention', entry.retention.text),
      field('storage', entry.storage),
      field('tables', { text: entry.tables.join(', '), color: '#444444' }),
    ]),
    { text: label('otherTables'), style: 'heading' },
    { ul: register.otherTables.map((row) => `${row.table}: ${row.reason}`) },
  ];
  const stamp = new Intl.DateTimeFormat(context.locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(context.generatedAt);
  return pagedPdf({
    info: { title: `${label('title')} — ${register.partnershipName}` },
    header: { text: label('title'), confidential: false },
    partnershipName: register.partnershipName,
    generated: t('processingRegister.pdf.generated', { date: stamp }),
    page: (page, pages) => t('processingRegister.pdf.page', { page, pages }),
    fontSize: 9,
    styles: { subtitle: { fontSize: 11, color: '#005a5b', margin: [0, 0, 0, 8] } },
    content,
  });
}

/** Renders the register to PDF bytes; a fresh definition per call, as pdfmake changes it. */
export function renderRegisterPdf(
  register: ProcessingRegister,
  t: Translate,
  context: PdfContext,
): Promise<Buffer> {
  return renderPdf(registerPdfDefinition(register, t, context));
}
