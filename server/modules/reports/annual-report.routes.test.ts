import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReportTexts } from '../../../contracts/annual-report.ts';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

let harness: Harness;
let tenantId: string;
let staff: TestClient;
let director: TestClient;

const fieldPaths = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => field.path);
const audits = async (event: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from audit_events where event = ${event} and tenant_id = ${tenantId}::uuid`,
  );
  return Number(row?.n);
};
const texts = {
  intro: 'Een jaar met =veel nieuwe hulpvragen.\n\nDank aan alle scholen.',
  team: 'Het team groeide.',
  points: '',
  allocation: 'Zo zijn de uren verdeeld.',
  closing: 'Tot volgend jaar.',
};

beforeAll(async () => {
  harness = await createHarness();
  const tenant = await harness.createTenant(['a', 'b']);
  tenantId = tenant.tenantId;
  staff = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  director = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'director', locationId: tenant.locationIds.a }]),
  );
});
afterAll(() => harness.close());

describe('S2: the staff office’s texts of the annual report', () => {
  it('S2: starts empty, saves every section and reads them back', async () => {
    const empty = await staff.get('/api/reports/annual-report/texts?schoolYear=2026');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({
      schoolYear: 2026,
      texts: { intro: '', team: '', points: '', allocation: '', closing: '' },
      updatedAt: null,
    });
    const saved = await staff.put('/api/reports/annual-report/texts', { schoolYear: 2026, texts });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as AnnualReportTexts).texts).toEqual(texts);
    const again = await staff.put('/api/reports/annual-report/texts', {
      schoolYear: 2026,
      texts: { ...texts, closing: 'Op naar 2027.' },
    });
    expect(again.statusCode).toBe(200);
    const read = (
      await staff.get('/api/reports/annual-report/texts?schoolYear=2026')
    ).json() as AnnualReportTexts;
    expect(read.texts).toEqual({ ...texts, closing: 'Op naar 2027.' });
    expect(read.updatedAt).not.toBeNull();
    // Another year has its own texts.
    const other = (
      await staff.get('/api/reports/annual-report/texts?schoolYear=2025')
    ).json() as AnnualReportTexts;
    expect(other.texts.intro).toBe('');
    expect(await audits('reports.annual_report_text_saved')).toBe(2);
    const [details] = await harness.database.queryAsOwner<{ details: { sections: string[] } }>(
      sql`select details from audit_events where event = 'reports.annual_report_text_saved'
        and tenant_id = ${tenantId}::uuid order by id desc limit 1`,
    );
    expect(details?.details.sections).toEqual(['closing']);
  });

  it('S2: refuses bad input and a text that is too long with 400 on the field', async () => {
    const tooLong = await staff.put('/api/reports/annual-report/texts', {
      schoolYear: 2026,
      texts: { ...texts, team: 'x'.repeat(10_001) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(fieldPaths(tooLong)).toEqual(['texts.team']);
    const missing = await staff.put('/api/reports/annual-report/texts', {
      schoolYear: 2026,
      texts: { intro: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(fieldPaths(missing)).toEqual(
      expect.arrayContaining(['texts.team', 'texts.points', 'texts.allocation', 'texts.closing']),
    );
    const unknown = await staff.put('/api/reports/annual-report/texts', {
      schoolYear: 2026,
      texts: { ...texts, summary: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    const control = await staff.put('/api/reports/annual-report/texts', {
      schoolYear: 1800,
      texts: { ...texts, intro: 'a\u0000b' },
    });
    expect(control.statusCode).toBe(400);
    expect(fieldPaths(control)).toEqual(expect.arrayContaining(['schoolYear', 'texts.intro']));
    expect((await staff.get('/api/reports/annual-report/texts?schoolYear=abc')).statusCode).toBe(400);
    const exactly = await staff.put('/api/reports/annual-report/texts', {
      schoolYear: 2024,
      texts: { ...texts, team: 'x'.repeat(10_000) },
    });
    expect(exactly.statusCode).toBe(200);
  });

  it('S2: only the staff office writes and downloads the annual report', async () => {
    expect((await director.get('/api/reports/annual-report/texts?schoolYear=2026')).statusCode).toBe(403);
    expect(
      (await director.put('/api/reports/annual-report/texts', { schoolYear: 2026, texts })).statusCode,
    ).toBe(403);
    expect((await director.get('/api/reports/annual-report?schoolYear=2026&format=pdf')).statusCode).toBe(
      403,
    );
  });
});

describe('S2: the annual report download', () => {
  it('S2: produces the PDF with the sections as bookmarks and a file name without personal data', async () => {
    const pdf = await staff.get('/api/reports/annual-report?schoolYear=2026&format=pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('jaarverslag-2026-2027.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    for (const title of ['Inleiding', 'Expertiseteam', 'Expertisepunten', 'De verdeelsleutel', 'Tot slot'])
      expect(pdf.rawPayload.includes(Buffer.from(`(${title})`)), title).toBe(true);
    expect(await audits('reports.annual_report_downloaded')).toBeGreaterThanOrEqual(1);
  });

  it('S2: produces the spreadsheet with its contents sheet first', async () => {
    const xlsx = await staff.get('/api/reports/annual-report?schoolYear=2026&format=xlsx', {
      'accept-language': 'en',
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('jaarverslag-2026-2027.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getCell('A1').value).toMatch(/^(Jaarverslag|Annual report) 2026-2027$/);
    const figures = await staff.get('/api/reports/figures?schoolYear=2026');
    const tableCount = (figures.json() as { tables: unknown[] }).tables.length;
    expect(workbook.worksheets).toHaveLength(1 + tableCount);
  });

  it('S2: refuses an unknown format or year with 400', async () => {
    const format = await staff.get('/api/reports/annual-report?schoolYear=2026&format=docx');
    expect(format.statusCode).toBe(400);
    expect(fieldPaths(format)).toEqual(['format']);
    expect((await staff.get('/api/reports/annual-report?format=pdf')).statusCode).toBe(400);
  });
});
