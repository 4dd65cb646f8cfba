import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

// Issue 5, first part: the staff office computes, saves and adopts the allocation key (R14); issue 16:
// adopting asks first, an adopted version opens again with its table and files, and a new version
// starts from it.
test('the coordinator computes the allocation, saves it as a draft and adopts it', async ({
  browser,
}, testInfo) => {
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Verdeling');
  await expect(page.getByRole('heading', { level: 1, name: 'Verdeling van de uren' })).toBeVisible();

  await page.getByLabel('Uren om te verdelen').fill('1000');
  await page.getByLabel('Gewicht van het leerlingaantal (%)').fill('120');
  await page.getByRole('button', { name: 'Berekenen' }).click();
  await expect(page.getByLabel('Gewicht van het leerlingaantal (%)')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Gewicht van het leerlingaantal (%)').fill('70');
  await page.getByRole('button', { name: 'Berekenen' }).click();
  const table = page.getByRole('table', { name: /Verdeling schooljaar/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /Totaal/ })).toContainText('1.000');
  await expect(table.getByRole('row', { name: /OBS De Regenboog/ })).toBeVisible();
  await expectAccessible(page, 'allocation');

  // Past requests from before Passend count from the next computation on: the demo has counts for
  // some years already, so the test compares the school's total with the year's count at 0 and at 4.
  const boeiRequests = table
    .getByRole('row', { name: /SO De Boei/ })
    .getByRole('cell')
    .nth(2);
  const enterCount = async (count: string) => {
    await page.getByLabel('School', { exact: true }).selectOption({ label: 'SO De Boei' });
    await page.getByLabel('Schooljaar', { exact: true }).last().selectOption({ index: 1 });
    await page.getByLabel('Aantal hulpvragen').fill(count);
    await page.getByRole('button', { name: 'Aantal opslaan' }).click();
    await expect(page.getByText('Opgeslagen. Bereken opnieuw om het mee te nemen.')).toBeVisible();
    const computed = page.waitForResponse((response) => response.url().includes('/api/allocations/preview'));
    await page.getByRole('button', { name: 'Berekenen' }).click();
    await computed;
    // The table shows the new figures in the same render that ends the button's busy state.
    await expect(page.getByRole('button', { name: 'Berekenen' })).not.toHaveAttribute('aria-busy', 'true');
  };
  await enterCount('0');
  await expect(boeiRequests).toHaveText(/^\d+$/);
  const withoutYear = Number(await boeiRequests.textContent());
  await enterCount('4');
  await expect(boeiRequests).toHaveText(String(withoutYear + 4));

  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect(page.getByText(/Opgeslagen als versie \d+ \(concept\)/)).toBeVisible();

  // Adopting cannot be undone: it asks first and says what it means; cancelling changes nothing.
  const adoptButton = page.getByRole('button', { name: 'Vaststellen' });
  await adoptButton.click();
  let dialog = page.getByRole('dialog', { name: /Verdeling van schooljaar \d{4}-\d{4} vaststellen\?/ });
  await expect(dialog).toContainText('verandert niet meer');
  await expectAccessible(page, 'allocation-confirm');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(dialog).toBeHidden();
  await expect(adoptButton).toBeFocused();
  await expect(page.getByText(/vastgesteld, 1\.?000 uur/)).toBeHidden();
  await adoptButton.click();
  dialog = page.getByRole('dialog', { name: /vaststellen\?/ });
  await dialog.getByRole('button', { name: 'Vaststellen' }).click();
  await expect(page.getByText(/Opgeslagen als versie \d+ \(vastgesteld\)/)).toBeVisible();
  await expect(page.getByText(/vastgesteld, 1\.?000 uur/)).toBeVisible();
  const adoptedHeading = await page
    .getByRole('heading', { level: 2, name: /^Versie \d+ \(vastgesteld\)$/ })
    .textContent();
  const adoptedVersion = Number(/\d+/.exec(adoptedHeading ?? '')?.[0]);
  // The settings form closes: a new version starts from an adopted one on purpose.
  await expect(page.getByLabel('Uren om te verdelen')).toBeHidden();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als CSV (Excel)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^verdeling-\d{4}-\d{4}-versie-\d+\.csv$/);
  for (const [name, extension] of [
    ['Download als Excel-bestand (XLSX)', 'xlsx'],
    ['Download als PDF', 'pdf'],
  ]) {
    const file = page.waitForEvent('download');
    await page.getByRole('link', { name }).click();
    expect((await file).suggestedFilename()).toMatch(
      new RegExp(`^verdeling-\\d{4}-\\d{4}-versie-\\d+\\.${extension}$`),
    );
  }

  // The adopted version opens again later, from the menu too, with its explanation and files.
  for (const open of [() => page.reload(), () => openMenuItem(page, 'Verdeling')]) {
    await open();
    await expect(
      page.getByRole('heading', { level: 2, name: `Versie ${adoptedVersion} (vastgesteld)` }),
    ).toBeVisible();
    await expect(page.getByText(/^Vastgesteld op \d{1,2} [a-z]+ \d{4} door /)).toBeVisible();
    await expect(table.getByRole('row', { name: /Totaal/ })).toContainText('1.000');
    await expect(page.getByRole('link', { name: 'Download als PDF' })).toHaveAttribute(
      'href',
      /\/api\/allocations\/[0-9a-f-]+\/export\.pdf$/,
    );
  }
  await expectAccessible(page, 'allocation-adopted');

  // A new version starts with the adopted version's settings; it is a correction, so it takes a reason.
  await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Instellingen' })).toBeFocused();
  await expect(page.getByText(`begint met de instellingen van versie ${adoptedVersion}`)).toBeVisible();
  await expect(page.getByLabel('Uren om te verdelen')).toHaveValue('1000');
  await expect(page.getByLabel('Gewicht van het leerlingaantal (%)')).toHaveValue('70');
  await expect(page.getByLabel('Hele uren')).toBeChecked();
  await page.getByLabel('Minimum per school (uren)').fill('2');
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect(page.getByLabel('Reden van de correctie')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Reden van de correctie').fill('Minimum per school afgesproken in het bestuur');
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect(page.getByText(`Opgeslagen als versie ${adoptedVersion + 1} (concept)`)).toBeVisible();
  await expect(page.getByLabel('Minimum per school (uren)')).toHaveValue('2');
  await expect(page.getByText(`Versie ${adoptedVersion}: vastgesteld`)).toBeVisible();
  await context.close();
});
