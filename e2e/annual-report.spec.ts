import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

// Issue 17, S2: the staff office writes its introduction, then downloads the year's report as PDF
// and as spreadsheet; the PDF's sections are bookmarks (body text is glyph ids), the XLSX has its sheets.
test('the staff office writes an introduction and downloads the annual report', async ({
  browser,
}, testInfo) => {
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Jaarverslag');
  await expect(page.getByRole('heading', { level: 1, name: 'Jaarverslag' })).toBeVisible();
  await expect(page.getByLabel('Inleiding')).toBeVisible();
  await expectAccessible(page, 'annual-report');

  const intro = `Een jaar waarin het expertiseteam veel scholen bijstond (${Date.now()}).`;
  await page.getByLabel('Inleiding').fill(intro);
  await page.getByLabel('Tot slot').fill('Dank aan alle scholen.');
  await page.getByRole('button', { name: 'Teksten opslaan' }).click();
  await expect(page.getByText('De teksten zijn opgeslagen.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Inleiding')).toHaveValue(intro);
  await expect(page.getByText(/^Laatst opgeslagen op /)).toBeVisible();

  // The limit comes from the contract the server checks too.
  await expect(page.getByLabel('Expertiseteam')).toHaveAttribute('maxlength', '10000');

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als PDF' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^jaarverslag-\d{4}-\d{4}\.pdf$/);
  const pdfBytes = await readFile(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
  for (const heading of ['Inleiding', 'Expertiseteam', 'Expertisepunten', 'De verdeelsleutel', 'Tot slot'])
    expect(pdfBytes.includes(Buffer.from(`(${heading})`)), heading).toBe(true);

  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als Excel-bestand' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^jaarverslag-\d{4}-\d{4}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
  const figures = await page.request.get(
    `/api/reports/figures?schoolYear=${/\d{4}/.exec(xlsx.suggestedFilename())?.[0]}`,
  );
  const tables = ((await figures.json()) as { tables: Array<{ title: string }> }).tables;
  expect(workbook.worksheets[0]?.name).toBe('Inhoud');
  expect(workbook.worksheets[0]?.getCell('A1').value).toMatch(/^Jaarverslag \d{4}-\d{4}$/);
  expect(workbook.worksheets).toHaveLength(1 + tables.length);
  await context.close();
});
