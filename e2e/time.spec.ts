import { expect, test } from '@playwright/test';
import { addDays, schoolYearOf, todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, followWallClock, openMenuItem, setDate, signIn } from './support.ts';

// Issue 5, time registration: a team member logs hours in the week view.
test('a team member logs hours in the week view and copies last week', async ({ browser }, testInfo) => {
  // Sign-in may wait for a fresh TOTP window when this account signed in shortly before.
  test.setTimeout(120_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, 'begeleider@demo.passend.test');
  await openMenuItem(page, 'Uren');
  await expect(page.getByRole('heading', { level: 1, name: 'Uren' })).toBeVisible();

  // Issue 16: a submit with fields left open sends nothing; the summary takes focus and links to them.
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  const summary = page.locator('.passend-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Vul dit veld in.',
    'Kies een van de mogelijkheden.',
    'Kies een van de mogelijkheden.',
  ]);
  await expect(page.getByRole('table', { name: /Week van/ }).getByRole('caption')).toContainText(': 0 uur');
  await expectAccessible(page, 'time-week-errors');
  await summary.getByRole('link').nth(1).click();
  await expect(page.getByLabel('School')).toBeFocused();

  await page.getByLabel('Uren', { exact: true }).fill('1,3');
  await page.getByLabel('School').selectOption({ index: 1 });
  await page.getByLabel('Soort werk').selectOption({ label: 'Observatie' });
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByLabel('Uren', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Uren', { exact: true }).fill('1,5');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByText('De uren zijn toegevoegd.')).toBeVisible();
  const week = page.getByRole('table', { name: /Week van/ });
  await expect(week).toContainText('Observatie');
  await expect(week.getByRole('caption')).toContainText('1,5 uur');
  await expectAccessible(page, 'time-week');

  // Change the line: the form turns into an edit form, Enter saves, the totals follow.
  await week
    .getByRole('button', { name: /^Wijzigen \(/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Uren wijzigen' })).toBeVisible();
  const hours = page.getByLabel('Uren', { exact: true });
  await expect(hours).toBeFocused();
  await expect(hours).toHaveValue('1,5');
  await expectAccessible(page, 'time-week-edit');
  await hours.fill('2');
  await hours.press('Enter');
  await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible();
  await expect(week.getByRole('caption')).toContainText('2 uur');
  await expect(
    page.getByRole('table', { name: /Uren per dag/ }).getByRole('row', { name: /Totaal/ }),
  ).toContainText('2');
  // Ready for the next line: back in Hours, with the school and activity still chosen.
  await expect(page.getByRole('heading', { level: 2, name: 'Uren toevoegen' })).toBeVisible();
  await expect(hours).toBeFocused();
  await expect(page.getByLabel('Soort werk')).toHaveValue('observation');

  // The list view shows the month; its filters live in the address and survive a reload.
  await page.getByRole('link', { name: 'Lijstweergave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uren in een lijst' })).toBeVisible();
  const list = page.getByRole('table', { name: /^Uren in / });
  await expect(list.getByRole('row', { name: /Observatie/ })).toContainText('Open');
  await expect(list.getByRole('caption')).toContainText('2 uur');
  await expectAccessible(page, 'time-list');
  await page.getByLabel('Soort werk').selectOption({ label: 'Reistijd' });
  await expect(page.getByText('Geen uren in deze maand met deze keuzes.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Soort werk')).toHaveValue('travel');
  await page.getByLabel('Soort werk').selectOption({ label: 'Alle soorten werk' });
  // Issue 16: on a phone the rows stack, each with its status beside the date.
  await page.setViewportSize({ width: 375, height: 800 });
  const stackedRow = list.getByRole('row', { name: /Observatie/ });
  await expect(stackedRow.getByRole('cell', { name: 'Open', exact: true })).toBeVisible();
  await expect(stackedRow.getByRole('rowheader')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'time-list-phone');
  await page.setViewportSize({ width: 1280, height: 720 });
  // Changes are made in the week view: the list's link opens the line there in the edit form.
  await list.getByRole('link', { name: /^Wijzigen \(/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Uren wijzigen' })).toBeVisible();
  await expect(hours).toHaveValue('2');
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Uren toevoegen' })).toBeVisible();

  await page.getByRole('button', { name: 'Vorige week kopiëren' }).click();
  await expect(page.getByText(/regels gekopieerd/)).toBeVisible();
  await context.close();
});

test.afterEach(async ({ request }) => {
  await followWallClock(request);
});

// Issue 5: the staff office works on a member's hours and closes last month.
test('the staff office chooses a member, logs on their behalf and closes last month', async ({
  browser,
}, testInfo) => {
  // In August last month lies in the previous school year, where no hours can be logged or closed:
  // then the server and the browser live in mid-September, which is still the school year of the demo.
  const wallToday = todayInAmsterdam();
  const today = wallToday.slice(5, 7) === '08' ? `${wallToday.slice(0, 4)}-09-15` : wallToday;
  const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
  const lastMonth = lastMonthEnd.slice(0, 7);
  expect(schoolYearOf(lastMonthEnd)).toBe(schoolYearOf(today));
  test.setTimeout(120_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  await setDate(context, today);
  const page = await context.newPage();
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Uren');
  await page.getByLabel('Teamlid').selectOption({ label: 'Fatima el Amrani' });
  await expect(page).toHaveURL(/teamlid=/);
  await expect(page.getByRole('table', { name: /Week van/ })).toBeVisible();
  await expectAccessible(page, 'time-week-staff');

  // The week with last month's last day, through the address as the list view links to it.
  const address = new URL(page.url());
  address.searchParams.set('week', lastMonthEnd);
  await page.goto(address.href);
  await expect(page.getByLabel('Teamlid').locator('option:checked')).toHaveText('Fatima el Amrani');
  await page.getByLabel('Datum').selectOption(lastMonthEnd);
  await page.getByLabel('Uren', { exact: true }).fill('1');
  await page.getByLabel('School').selectOption({ index: 1 });
  await page.getByLabel('Soort werk').selectOption({ label: 'Verslaglegging' });
  await page.getByLabel('Notitie').fill('Verslag namens het stafbureau');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByText('De uren zijn toegevoegd.')).toBeVisible();
  const row = page
    .getByRole('table', { name: /Week van/ })
    .getByRole('row', { name: /Verslag namens het stafbureau/ });
  await expect(row.getByRole('button', { name: /^Wijzigen/ })).toBeVisible();

  await page.getByLabel('Maand', { exact: true }).selectOption(lastMonth);
  await page.getByRole('button', { name: 'Maand afsluiten' }).click();
  // Closing cannot be undone: the question says so, and Cancel leaves the month open.
  const question = page.getByRole('dialog');
  await expect(question).toContainText('Dat is niet terug te draaien.');
  await expectAccessible(page, 'time-close-question');
  await question.getByRole('button', { name: 'Annuleren' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByLabel('Maand', { exact: true })).toHaveValue(lastMonth);
  await page.getByRole('button', { name: 'Maand afsluiten' }).click();
  await question.getByRole('button', { name: /^Ja, .* afsluiten$/ }).click();
  await expect(page.getByText(/ is afgesloten\.$/)).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'afgesloten door Marieke de Vries' })).toBeVisible();
  await expect(row).toContainText('Afgesloten');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(page.getByLabel('Maand', { exact: true }).locator(`option[value="${lastMonth}"]`)).toHaveCount(
    0,
  );
  await expectAccessible(page, 'time-week-closed');

  await page.getByRole('link', { name: 'Lijstweergave' }).click();
  await page.getByLabel('Maand', { exact: true }).selectOption(lastMonth);
  await expect(
    page
      .getByRole('table', { name: /^Uren in / })
      .getByRole('row', { name: /Verslag namens het stafbureau/ }),
  ).toContainText('Afgesloten');
  await expectAccessible(page, 'time-list-staff');
  await page.getByRole('link', { name: 'Weekweergave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uren' })).toBeVisible();
  await expect(page.getByLabel('Teamlid').locator('option:checked')).toHaveText('Fatima el Amrani');
  await context.close();
});
