import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuItem, scrollWidth, signIn } from './support.ts';

// Issue 17, point 4 (S3): the staff office compares allocation scenarios side by side with their
// fairness figures, sees them follow its typing, and makes one the draft of the allocation.
test('the staff office compares two scenarios and makes one the draft', async ({ browser }, testInfo) => {
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({
    baseURL,
    locale,
    timezoneId,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Verdeling');
  await expect(page.getByRole('heading', { level: 1, name: 'Verdeling van de uren' })).toBeVisible();
  await page.getByRole('link', { name: "Vergelijk scenario's voor deze verdeling" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Scenario's vergelijken" })).toBeVisible();

  const first = page.getByRole('region', { name: 'Scenario 1' });
  const second = page.getByRole('region', { name: 'Scenario 2' });
  await first.getByLabel('Uren om te verdelen').fill('1000');
  await second.getByLabel('Uren om te verdelen').fill('1000');
  await expect(page.getByText(/^Berekend voor \d+ scholen\.$/)).toBeVisible();
  const fairness = page.getByRole('table', { name: /Eerlijkheid per scenario/ });
  const firstRow = fairness.getByRole('row', { name: /Scenario 1/ });
  await expect(firstRow).toContainText('1.000');
  const schools = page.getByRole('table', { name: /Uren per school per scenario/ });
  await expect(schools.getByRole('row', { name: /Totaal/ })).toContainText('1.000');
  await expect(schools.getByRole('row', { name: /OBS De Regenboog/ })).toBeVisible();

  // A weight outside 0–100 is marked on its own field; a valid one recomputes that scenario only.
  await first.getByLabel('Gewicht van het leerlingaantal (%)').fill('120');
  await expect(first.getByLabel('Gewicht van het leerlingaantal (%)')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await first.getByLabel('Gewicht van het leerlingaantal (%)').fill('70');
  await expect(page.getByText(/^Berekend voor \d+ scholen\.$/)).toBeVisible();
  const before = await firstRow.textContent();
  const secondBefore = await fairness.getByRole('row', { name: /Scenario 2/ }).textContent();
  await first.getByLabel('Gewicht van het leerlingaantal (%)').fill('20');
  await expect(firstRow).not.toHaveText(before ?? '');
  await expect(fairness.getByRole('row', { name: /Scenario 2/ })).toHaveText(secondBefore ?? '');
  await expect(first.getByText('Uren per 100 leerlingen')).toBeVisible();
  await expect(page.getByRole('figure', { name: /Uren per 100 leerlingen per scenario/ })).toBeVisible();
  await expectAccessible(page, 'scenarios-1280');
  for (const [name, extension] of [
    ['Download de uren per school als CSV (Excel)', 'csv'],
    ['Download de uren per school en de eerlijkheid als Excel-bestand (XLSX)', 'xlsx'],
  ]) {
    const file = page.waitForEvent('download');
    await page.getByRole('link', { name }).click();
    expect((await file).suggestedFilename()).toMatch(
      new RegExp(`^allocation_scenarios-\\d{4}-\\d{4}\\.${extension}$`),
    );
  }

  await page.setViewportSize({ width: 375, height: 800 });
  await expect(first.getByLabel('Uren om te verdelen')).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'scenarios-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Scenario 2 (pupils only) becomes the draft: the allocation screen opens on it. The browser tests
  // share one demo partnership: when another spec adopted this year's key first, the draft is a
  // correction and asks for its reason.
  const reason = page.getByLabel('Reden van de correctie');
  if (await reason.isVisible()) await reason.fill('Alleen het leerlingaantal telt');
  await page.getByRole('button', { name: 'Maak scenario 2 het concept' }).click();
  await expect(page).toHaveURL(/\/verdeling\?schooljaar=\d{4}&versie=[0-9a-f-]+$/);
  await expect(page.getByText(/Scenario 2 is het concept geworden \(versie \d+\)/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Versie \d+ \(concept\)$/ })).toBeVisible();
  await expect(page.getByLabel('Uren om te verdelen')).toHaveValue('1000');
  await expect(page.getByLabel('Gewicht van het leerlingaantal (%)')).toHaveValue('100');
  await expectAccessible(page, 'scenarios-draft');
  await context.close();
});
