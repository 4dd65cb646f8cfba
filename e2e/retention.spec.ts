import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn, signOut } from './support.ts';

type Detail = { pupil: { name: string; birthDate: string } | null };

// Issue 15, P4: the privacy officer reads the schedule and the preview, and holds one pupil's files.
test('P4: the privacy officer sees what goes, holds one pupil and releases the hold', async ({
  browser,
}, testInfo) => {
  // Two sign-ins may each wait for a fresh TOTP window.
  test.setTimeout(180_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();

  // The IB knows a pupil of the school: the name and birth date as the file has them.
  await signIn(page, 'ib@demo.passend.test');
  const list = await page.request.get('/api/requests?pageSize=50');
  expect(list.ok()).toBe(true);
  let pupil: Detail['pupil'] = null;
  for (const item of (await list.json()).items as Array<{ id: string }>) {
    pupil = ((await (await page.request.get(`/api/requests/${item.id}`)).json()) as Detail).pupil;
    if (pupil) break;
  }
  if (!pupil) throw new Error('the demo school has no request about a pupil');
  await signOut(page);

  await signIn(page, 'privacy@demo.passend.test');
  await openMenuItem(page, 'Bewaren en verwijderen');
  await expect(page.getByRole('heading', { level: 1, name: 'Bewaren en verwijderen' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Aantallen per soort gegevens' })).toBeVisible();
  await expect(page.getByLabel('Dossier van een hulpvraag (in maanden)')).toHaveValue('24');

  // A period outside its bounds is refused at its field, before anything is sent.
  await page.getByLabel('Regel in de audittrail (in maanden)').fill('24');
  await page.getByRole('button', { name: 'Termijnen opslaan' }).click();
  await expect(page.getByLabel('Regel in de audittrail (in maanden)')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  // The error summary names the problem as a link that takes focus to the field.
  await page.getByRole('link', { name: 'Kies minimaal 60.' }).click();
  await expect(page.getByLabel('Regel in de audittrail (in maanden)')).toBeFocused();
  await page.reload();

  // A hold without a reason is refused at the reason; with one it is listed with its file.
  await page.getByLabel('Naam van de leerling').fill(pupil.name.toUpperCase());
  await page.getByLabel('Geboortedatum').fill(pupil.birthDate);
  await page.getByRole('button', { name: 'Bewaarplicht toevoegen' }).click();
  await expect(page.getByRole('textbox', { name: 'Reden' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Reden' }).fill('Bezwaarprocedure van de ouders loopt.');
  await page.getByRole('button', { name: 'Bewaarplicht toevoegen' }).click();
  await expect(page.getByText('De bewaarplicht is toegevoegd.')).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Bewaarplichten' })
    .getByRole('row', { name: /Bezwaarprocedure/ });
  await expect(row).toContainText(pupil.name.toUpperCase());
  await expectAccessible(page, 'retention');

  await row.getByRole('button', { name: /opheffen/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Waarom hef je de bewaarplicht op?').fill('Procedure afgerond.');
  await dialog.getByRole('button', { name: 'Opheffen' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Opgeheven door');
  await expect(page.getByRole('table', { name: 'Verwijderd per dag en soort' })).toBeVisible();
  await context.close();
});
