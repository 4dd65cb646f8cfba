import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible, openMenuItem, signIn, signOut } from './support.ts';

type Detail = {
  id: string;
  location: { name: string };
  pupil: { name: string; birthDate: string } | null;
};

// Issue 15, P5: the privacy officer handles an access request end to end and downloads the zip.
test('P5: the privacy officer records an access request, downloads the export and closes it', async ({
  browser,
}, testInfo) => {
  // Two sign-ins may each wait for a fresh TOTP window.
  test.setTimeout(180_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, acceptDownloads: true });
  const page = await context.newPage();

  // The IB knows a pupil of the school: the name and birth date a parent would give.
  await signIn(page, 'ib@demo.passend.test');
  const list = await page.request.get('/api/requests?pageSize=50');
  expect(list.ok()).toBe(true);
  let pupilRequest: Detail | null = null;
  for (const item of (await list.json()).items as Array<{ id: string }>) {
    const detail = (await (await page.request.get(`/api/requests/${item.id}`)).json()) as Detail;
    if (detail.pupil) {
      pupilRequest = detail;
      break;
    }
  }
  if (!pupilRequest?.pupil) throw new Error('the demo school has no request about a pupil');
  const { pupil, location } = pupilRequest;
  await signOut(page);

  await signIn(page, 'privacy@demo.passend.test');
  await openMenuItem(page, 'Verzoeken van betrokkenen');
  await expect(page.getByRole('heading', { level: 1, name: 'Verzoeken van betrokkenen' })).toBeVisible();
  await expectAccessible(page, 'subject-requests-list');

  await page.getByRole('link', { name: 'Nieuw verzoek registreren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw verzoek registreren' })).toBeVisible();
  await page.getByLabel('Naam van de leerling').fill(pupil.name);
  await page.getByLabel('Geboortedatum').fill(pupil.birthDate);
  await page.getByRole('button', { name: 'Leerling zoeken' }).click();
  const school = page.getByLabel('School', { exact: true });
  await expect(page.getByText(/De leerling is gevonden op|Kies de school/)).toBeVisible();
  if (await school.isVisible()) {
    const value = await school
      .locator('option', { hasText: `${location.name}:` })
      .first()
      .getAttribute('value');
    await school.selectOption(value ?? '');
  }
  await page.getByLabel('Soort verzoek').selectOption({ label: 'Inzage' });
  await page.getByLabel('Naam van de aanvrager').fill('Ouder van de leerling');
  await page.getByLabel('Relatie tot de leerling').selectOption({ label: 'Ouder of voogd' });
  await page.getByLabel('Contactgegevens van de aanvrager').fill('Dorpsstraat 1, 3900 AA Veenendaal');
  await page.getByLabel('Wat wordt er gevraagd en waarom').fill('Vraagt per brief om alle gegevens.');
  await expectAccessible(page, 'subject-requests-new');
  await page.getByRole('button', { name: 'Verzoek registreren' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Verzoek: Inzage' })).toBeVisible();
  await expect(page).toHaveURL(/\/privacy\/verzoeken\/[0-9a-f-]{36}$/);
  // The pupil's name is in the page, never in its address.
  expect(page.url()).not.toContain(encodeURIComponent(pupil.name.split(' ')[0] ?? ''));
  await page.getByRole('button', { name: 'In behandeling nemen' }).click();
  await expect(page.getByText('In behandeling', { exact: true })).toBeVisible();
  await expectAccessible(page, 'subject-request-access');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download de inzage (zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const zip = unzipSync(new Uint8Array(bytes));
  expect(strFromU8((zip['inzage.pdf'] as Uint8Array).slice(0, 4))).toBe('%PDF');
  const data = JSON.parse(strFromU8(zip['gegevens.json'] as Uint8Array));
  expect(data.pupil.name).toBe(pupil.name);
  expect(data.supportRequests.length).toBeGreaterThan(0);

  await page.getByLabel('Beslissing', { exact: true }).selectOption({ label: 'Afgehandeld' });
  await page.getByLabel('Toelichting op de beslissing').fill('Export per beveiligde post verstuurd.');
  await page.getByRole('button', { name: 'Beslissing vastleggen' }).click();
  await expect(
    page.getByText('De beslissing is vastgelegd.').or(page.getByText('Afgehandeld door')),
  ).toBeVisible();
  await expect(page.getByText('Export per beveiligde post verstuurd.')).toBeVisible();
  await expectAccessible(page, 'subject-request-done');

  await page.getByRole('link', { name: 'Terug naar de verzoeken' }).click();
  const row = page.getByRole('row', { name: /Ouder van de leerling/ }).first();
  await expect(row).toContainText('Afgehandeld');
  await context.close();
});
