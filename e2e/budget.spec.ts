import { expect, type Page, test } from '@playwright/test';
import type { BudgetOverview, SchoolBudget } from '../contracts/hours.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, openMenuItem, signIn, signOut } from './support.ts';

const today = todayInAmsterdam();
const schoolYear = schoolYearOf(today);
const school = 'OBS De Regenboog';

/** The school's budget as the signed-in user's API answers it (the numbers the screens show). */
async function budgetOf(page: Page): Promise<SchoolBudget> {
  const overview = (await (
    await page.request.get(`/api/budgets?schoolYear=${schoolYear}&q=Regenboog`)
  ).json()) as BudgetOverview;
  const id = overview.items.find((item) => item.name === school)?.locationId;
  expect(id, 'the demo has OBS De Regenboog').toBeTruthy();
  return (await (
    await page.request.get(`/api/budgets/${id}?schoolYear=${schoolYear}`)
  ).json()) as SchoolBudget;
}

// Issue 5, "Done when": the coordinator adopts an allocation (here a correction of the demo's), a team
// member logs a week, the school sees its remaining hours, and the 80 % warning appears.
test('the hours of a school from allocation to the 80 % warning', async ({ browser }, testInfo) => {
  // Three sign-ins, each may wait for a fresh TOTP window.
  test.setTimeout(180_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();

  // The staff office corrects this year's allocation: fewer hours, so the school nears its limit.
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Verdeling');
  await page
    .getByLabel('Schooljaar', { exact: true })
    .first()
    .selectOption({ label: formatSchoolYear(schoolYear) });
  // The demo's adopted version opens; a correction starts from its settings.
  await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
  await page.getByLabel('Uren om te verdelen').fill('900');
  await page.getByLabel('Gewicht van het leerlingaantal (%)').fill('70');
  await page.getByLabel('Reden van de correctie').fill('Minder formatie na de begrotingswijziging');
  await page.getByRole('button', { name: 'Berekenen' }).click();
  await expect(page.getByRole('table', { name: /Verdeling schooljaar/ })).toContainText(school);
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect(page.getByText(/Opgeslagen als versie \d+ \(concept\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Vaststellen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Vaststellen' }).click();
  await expect(page.getByText(/Opgeslagen als versie \d+ \(vastgesteld\)/)).toBeVisible();
  const before = await budgetOf(page);
  expect(before.allocated).not.toBeNull();
  const allocated = before.allocated ?? 0;
  // Quarter hours needed to reach 80 %: the week's entries below must cross it, not start past it.
  const needed = Math.ceil((0.8 * allocated - before.used) * 4) / 4;
  expect(needed, `${school} starts below 80 % (${before.used} of ${allocated})`).toBeGreaterThan(0);
  expect(needed, 'one week of logging reaches 80 %').toBeLessThanOrEqual(40);
  await signOut(page);

  // The school's contact person logs last week, Monday to Friday, on the school.
  await signIn(page, 'gedragswetenschapper@demo.passend.test');
  await openMenuItem(page, 'Uren');
  const week = page.getByRole('table', { name: /Week van/ });
  const thisWeek = (await week.locator('caption').textContent()) ?? '';
  await page.getByRole('button', { name: 'Vorige week', exact: true }).click();
  await expect(week.locator('caption')).not.toHaveText(thisWeek);
  const perDay = Math.ceil((needed / 5) * 4) / 4;
  const schoolRows = week.getByRole('row', { name: new RegExp(school) });
  // The demo may have logged on the school that week already: count from what is there.
  const existing = await schoolRows.count();
  for (let day = 0; day < 5; day += 1) {
    await page.getByLabel('Datum').selectOption({ index: day + 1 });
    await page.getByLabel('Uren', { exact: true }).fill(String(perDay).replace('.', ','));
    await page.getByLabel('School').selectOption({ label: school });
    await page.getByLabel('Soort werk').selectOption({ label: 'Consultatie' });
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    // The row, not the message: the message of the line before may still be showing.
    await expect(schoolRows).toHaveCount(existing + day + 1);
  }
  await signOut(page);

  // The school sees its hours: allocated, used, remaining, and how the key arrived at them.
  await signIn(page, 'ib@demo.passend.test');
  await openMenuItem(page, 'Uren per school');
  const after = await budgetOf(page);
  expect(after.used).toBe(before.used + perDay * 5);
  const row = page.getByRole('row', { name: new RegExp(school) });
  await expect(row).toContainText(new Intl.NumberFormat('nl-NL').format(after.remaining ?? Number.NaN));
  await expect(row).toContainText('80 % bereikt');
  await expectAccessible(page, 'budget-school-overview');
  await row.getByRole('link', { name: school }).click();
  await expect(page.getByRole('heading', { level: 1, name: school })).toBeVisible();
  await expect(
    page.getByText('Deze school heeft 80 % of meer van de toegekende uren gebruikt.'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hoe de uren van de school zijn berekend' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Gebruikte uren per maand' })).toBeVisible();
  await expect(
    page
      .getByRole('img', { name: /Lijndiagram/ })
      .locator('svg')
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'budget-school');
  await signOut(page);

  // The staff office sees the warning among all schools, with the chart and its numbers.
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Uren per school');
  await expect(page.getByRole('alert').or(page.locator('.utrecht-alert')).first()).toContainText(
    `${school} heeft 80 % van de uren gebruikt`,
  );
  await expect(
    page
      .getByRole('img', { name: /Staafdiagram/ })
      .locator('svg')
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: /Geschreven uren tegenover contracturen/ })).toBeVisible();
  await expectAccessible(page, 'budget-overview');
  await context.close();
});
