import { expect, test } from '@playwright/test';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

// Issue 17, point 5 (S4): the staff office opens demand against capacity from the menu, reads the
// warning first, and opens the schools behind it. The demo's planning talks ask much of the young child.
test('the staff office sees where demand exceeds capacity, and the schools behind it', async ({
  browser,
}, testInfo) => {
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Vraag en capaciteit');
  await expect(page.getByRole('heading', { level: 1, name: 'Vraag en capaciteit' })).toBeVisible();

  // The warning comes first, in words and with a sign, naming the expertise.
  const warning = page.getByRole('heading', { name: 'Meer vraag dan capaciteit' });
  await expect(warning).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Let op: Jonge kind' })).toContainText(
    'meer vraag dan capaciteit',
  );
  await expect(page.getByText(/^We schatten de vraag zo:/)).toBeVisible();

  // The table: per expertise demand, capacity and difference; a shortfall says so to a screen reader.
  const table = page.getByRole('table', {
    name: 'Vraag, capaciteit en verschil in uren per expertise en maand',
  });
  await expect(table.getByRole('rowheader', { name: 'Jonge kind' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Totaal' })).toBeVisible();
  await expect(table.getByText('(tekort)').first()).toBeAttached();

  // The schools behind the shortfall: open (it falls short), a table with each school's requests.
  const schools = page.locator('details').filter({ hasText: /^Jonge kind: \d+ scholen/ });
  await expect(schools).toHaveAttribute('open', '');
  const behind = schools.getByRole('table', { name: 'Scholen met vraag naar Jonge kind' });
  await expect(behind.getByRole('row')).not.toHaveCount(1);
  await expect(behind.getByRole('columnheader', { name: 'Verwachte hulpvragen' })).toBeVisible();
  // A school without a shortfall stays closed until opened.
  const closed = page.locator('details').filter({ hasText: /^Gedrag: \d+ scholen/ });
  await expect(closed).not.toHaveAttribute('open');
  await closed.locator('summary').click();
  await expect(closed).toHaveAttribute('open', '');

  // Each table downloads as CSV and Excel, named by the table and the school year only.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV van Vraag in uren per expertise en maand' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^capacity_demand-\d{4}-\d{4}\.csv$/);
  await expect(page.getByRole('link', { name: 'Excel van Scholen achter de vraag' })).toBeVisible();

  await expectAccessible(page, 'capacity');

  // Another school year without planning talks: the empty state, not an empty table.
  await page
    .getByLabel('Schooljaar', { exact: true })
    .selectOption({ label: formatSchoolYear(schoolYearOf(todayInAmsterdam()) - 1) });
  await expect(page.getByText(/Er is nog geen jaargesprek van \d{4}-\d{4}/)).toBeVisible();
  await expect(table).toHaveCount(0);
  await expectAccessible(page, 'capacity-empty');
  await context.close();
});
