import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

// Issue 18, E13 and E14: the care coordinator sees by when a pupil's OPP must be adopted, then downloads
// the location's OPP dates for BRON. Reads only: the demo stays as the other specs expect it.
test("the care coordinator sees the OPP's six weeks and downloads the OPP dates for BRON", async ({
  browser,
}, testInfo) => {
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'zorgcoordinator@demo.passend.test');

  // Sem Jansen qualified recently and has no OPP yet: the summary names the last day to adopt it.
  await openMenuItem(page, 'Leerlingen expertisepunt');
  await page.getByLabel('Zoek op naam of klas').fill('Sem Jansen');
  await page.getByLabel('Zoek op naam of klas').press('Enter');
  await page.getByRole('link', { name: 'Sem Jansen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sem Jansen' })).toBeVisible();
  await expect(page.getByText('OPP vaststellen uiterlijk')).toBeVisible();
  const start = page.getByRole('region', { name: 'Start extra ondersteuning' });
  await expect(start.getByText(/\(de datum van het besluit\)/)).toBeVisible();
  await start.getByText('Startdatum wijzigen').click();
  await expect(start.getByLabel('Extra ondersteuning gestart op')).toBeVisible();
  await expectAccessible(page, 'opp-deadline');

  await page.getByRole('link', { name: 'Terug naar het overzicht' }).click();
  const bron = page.getByRole('region', { name: 'OPP-data voor BRON' });
  await expect(bron).toBeVisible();
  await expectAccessible(page, 'bron-export');

  const csvDownload = page.waitForEvent('download');
  await bron.getByRole('link', { name: 'Download als CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^bron-opp-[0-9A-Z]{4}\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile(await csv.path())).toString('utf8');
  const [header, ...lines] = text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(header).toBe(
    'BRIN;Vestigingsnummer;Schoollocatie;Achternaam;Voornaam;Geboortedatum;Klas;Startdatum OPP;Einddatum OPP;Laatst gewijzigd;Kenmerk Passend',
  );
  // Noah de Graaf has an adopted OPP at this school; Sem Jansen has none yet.
  expect(lines.some((line) => line.includes(';de Graaf;Noah;14-03-2012;'))).toBe(true);
  expect(lines.some((line) => line.includes(';Jansen;Sem;'))).toBe(false);
  await context.close();
});
