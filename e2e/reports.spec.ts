import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, openMenuItem, scrollWidth, signIn } from './support.ts';

const school = 'OBS De Regenboog';

/** A figure table on `/cijfers` by its title (the caption starts with it). */
function figureTable(page: Page, title: string) {
  return page.getByRole('table', { name: new RegExp(`^${title}:`) });
}

// Issue 17, S1: the staff office opens the figures from the menu, reads a number with last year beside
// it, narrows the figures with a filter that the downloads carry too, and follows a row to its list.
test('the staff office reads the figures, filters them and follows a row to the list behind it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Cijfers');
  await expect(page.getByRole('heading', { level: 1, name: 'Cijfers' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Jaarverslag maken' })).toBeVisible();
  const bySchool = figureTable(page, 'Hulpvragen per school');
  const row = bySchool.getByRole('row', { name: new RegExp(school) });
  // The staff office sees every count as it is (no "< 5"), this year in the first value cell.
  await expect(row.getByRole('cell').first()).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByText('minder dan vijf leerlingen.')).toHaveCount(0);
  await expectAccessible(page, 'figures-staff');

  // A filter narrows the figures, stays in the address and travels with the downloads.
  await page.getByRole('combobox', { name: 'Onderdeel' }).selectOption({ label: 'Expertiseteam' });
  await expect(page).toHaveURL(/onderdeel=team/);
  await expect(page.getByRole('heading', { level: 2, name: 'Expertisepunten' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'School', exact: true }).selectOption({ label: school });
  await expect(page).toHaveURL(/school=[0-9a-f-]{36}/);
  await expect(bySchool.getByRole('row', { name: /CBS Het Kompas/ })).toHaveCount(0);
  const csv = page.getByRole('link', { name: 'CSV van Hulpvragen per school' });
  await expect(csv).toHaveAttribute('href', /section=team/);
  await expect(csv).toHaveAttribute('href', /locationId=[0-9a-f-]{36}/);
  // The link downloads the table as the screen shows it.
  const download = await page.request.get((await csv.getAttribute('href')) ?? '');
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain(school);

  // On a phone the page does not scroll sideways: the tables scroll within themselves.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(row).toBeVisible();
  // The charts follow the new width a moment later.
  await expect.poll(() => scrollWidth(page)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'figures-staff-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // S1: the drill-down opens the requests of the school.
  await row.getByRole('link', { name: school }).click();
  await expect(page).toHaveURL(/\/hulpvragen\?.*school=[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
  // The list behind the row: the school's requests (the demo has them at this school only).
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText(/HV-\d{4}-\d{4}/);
  await expectAccessible(page, 'figures-drill-down');
});

// Issue 17, P9: a director sees the own school's figures with small counts as "< 5", and the legend.
test('a director sees a small count as "< 5", explained once on the page', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'directie@demo.passend.test');
  await openMenuItem(page, 'Cijfers');
  await expect(page.getByRole('heading', { level: 1, name: 'Cijfers' })).toBeVisible();
  await expect(figureTable(page, 'Hulpvragen per school')).toBeVisible();
  // In a table, not the legend: the sign is for the eye, the cell says "minder dan vijf" to a screen reader.
  await expect(page.getByRole('table').getByText('< 5', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('minder dan vijf leerlingen.')).toHaveCount(1);
  // One school in reach: no choice of school, board or sector.
  await expect(page.getByRole('combobox', { name: 'School', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Jaarverslag maken' })).toHaveCount(0);
  await expectAccessible(page, 'figures-director');
});
