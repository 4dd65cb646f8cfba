import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.ts';

// Issue 5, time registration: a team member logs hours in the week view.
test('a team member logs hours in the week view and copies last week', async ({ browser }, testInfo) => {
  // Sign-in may wait for a fresh TOTP window when this account signed in shortly before.
  test.setTimeout(120_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, 'begeleider@demo.passend.test');
  await page.getByRole('link', { name: 'Uren', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uren' })).toBeVisible();

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

  await page.getByRole('button', { name: 'Vorige week kopiëren' }).click();
  await expect(page.getByText(/regels gekopieerd/)).toBeVisible();
  await context.close();
});
