import { eq, sql } from 'drizzle-orm';
import {
  type AnnualReportDownloadQuery,
  type AnnualReportTexts,
  type AnnualReportTextsInput,
  annualReportSections,
} from '../../../contracts/annual-report.ts';
import { formatSchoolYear } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { adoptedAllocationOf } from '../hours/hours.service.ts';
import type { AnnualReportContent } from './annual-report.pdf.ts';
import { annualReportTexts } from './annual-report.schema.ts';
import type { FigureDownload } from './figure-export.service.ts';
import { xlsxContentType } from './figure-export.service.ts';
import { figuresOf } from './reports.service.ts';

/** The staff office's texts of a school year's annual report; a section not written yet is empty. */
export async function annualReportTextsOf(
  context: UseCaseContext,
  schoolYear: number,
): Promise<AnnualReportTexts> {
  const rows = await context.db
    .select({
      section: annualReportTexts.section,
      text: annualReportTexts.text,
      updatedAt: annualReportTexts.updatedAt,
    })
    .from(annualReportTexts)
    .where(eq(annualReportTexts.schoolYear, schoolYear));
  const texts = Object.fromEntries(
    annualReportSections.map((section) => [section, '']),
  ) as AnnualReportTexts['texts'];
  let updatedAt: Date | null = null;
  for (const row of rows) {
    texts[row.section] = row.text;
    if (!updatedAt || row.updatedAt > updatedAt) updatedAt = row.updatedAt;
  }
  return { schoolYear, texts, updatedAt: updatedAt?.toISOString() ?? null };
}

/** Saves the texts of a year's report in one statement; only the sections that changed are written. */
export async function saveAnnualReportTexts(
  context: UseCaseContext,
  input: AnnualReportTextsInput,
): Promise<AnnualReportTexts> {
  const current = await annualReportTextsOf(context, input.schoolYear);
  const changed = annualReportSections.filter((section) => current.texts[section] !== input.texts[section]);
  if (changed.length > 0) {
    const now = context.clock.now();
    await context.db
      .insert(annualReportTexts)
      .values(
        changed.map((section) => ({
          tenantId: context.actor.tenantId,
          schoolYear: input.schoolYear,
          section,
          text: input.texts[section],
          updatedByUserId: context.actor.userId,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [annualReportTexts.tenantId, annualReportTexts.schoolYear, annualReportTexts.section],
        set: {
          text: sql`excluded.text`,
          updatedByUserId: sql`excluded.updated_by_user_id`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
    await context.audit('reports.annual_report_text_saved', null, {
      schoolYear: input.schoolYear,
      sections: changed,
    });
  }
  return annualReportTextsOf(context, input.schoolYear);
}

/**
 * What the annual report is made of: the year's figures for the whole partnership with P9 applied
 * whoever asks (the report goes to the board and the inspectorate), the texts and the adopted allocation.
 */
export async function annualReportContentOf(
  context: UseCaseContext,
  schoolYear: number,
): Promise<AnnualReportContent> {
  const figures = await figuresOf(context, { schoolYear }, { forceSuppression: true });
  const { texts } = await annualReportTextsOf(context, schoolYear);
  const [tenant] = await queryRows<{ name: string }>(context.db, sql`select name from tenants`);
  return {
    partnershipName: tenant?.name ?? '',
    schoolYear,
    generatedAt: context.clock.now(),
    locale: context.locale,
    figures,
    texts,
    allocation: await adoptedAllocationOf(context.transaction, schoolYear),
  };
}

/**
 * Gathers the annual report for a download and records it; the file is rendered afterwards by
 * `renderAnnualReport`, outside the transaction, as a long PDF takes seconds (and PGlite has one
 * connection).
 */
export async function annualReportDownloadOf(
  context: UseCaseContext,
  query: AnnualReportDownloadQuery,
): Promise<{ content: AnnualReportContent; format: AnnualReportDownloadQuery['format'] }> {
  const content = await annualReportContentOf(context, query.schoolYear);
  await context.audit('reports.annual_report_downloaded', null, {
    schoolYear: query.schoolYear,
    format: query.format,
  });
  return { content, format: query.format };
}

/** The annual report as a PDF or a spreadsheet; the writers load on first use. */
export async function renderAnnualReport(
  content: AnnualReportContent,
  format: AnnualReportDownloadQuery['format'],
): Promise<FigureDownload> {
  const fileName = `jaarverslag-${formatSchoolYear(content.schoolYear)}.${format}`;
  if (format === 'pdf') {
    const { annualReportPdf } = await import('./annual-report.pdf.ts');
    return { fileName, contentType: 'application/pdf', body: await annualReportPdf(content) };
  }
  const { annualReportXlsx } = await import('./annual-report.xlsx.ts');
  return { fileName, contentType: xlsxContentType, body: await annualReportXlsx(content) };
}
