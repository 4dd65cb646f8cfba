import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn, signOut } from './support.ts';

// Issue 15: the privacy officer finds who read a request in the audit trail and exports it.
test('the privacy officer finds who read a request and exports the audit trail', async ({
  browser,
}, testInfo) => {
  // Two sign-ins may each wait for a fresh TOTP window.
  test.setTimeout(180_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, acceptDownloads: true });
  const page = await context.newPage();

  // The IB opens one of the school's requests: a read the trail records.
  await signIn(page, 'ib@demo.passend.test');
  const list = await page.request.get('/api/requests?pageSize=1');
  expect(list.ok()).toBe(true);
  const [request] = (await list.json()).items as Array<{ id: string; reference: string }>;
  if (!request) throw new Error('the demo school has no request');
  const read = await page.request.get(`/api/requests/${request.id}`);
  expect(read.ok()).toBe(true);
  // A pupil of the school, as a parent asking who read the file would name them.
  let pupil = ((await read.json()) as { pupil: { name: string; birthDate: string } | null }).pupil;
  for (const item of ((await (await page.request.get('/api/requests?pageSize=50')).json()).items ??
    []) as Array<{
    id: string;
  }>) {
    if (pupil) break;
    pupil = ((await (await page.request.get(`/api/requests/${item.id}`)).json()) as { pupil: typeof pupil })
      .pupil;
  }
  if (!pupil) throw new Error('the demo school has no request about a pupil');
  await signOut(page);

  await signIn(page, 'privacy@demo.passend.test');
  // The privacy officer's navigation offers the trail, and no pupil files.
  await expect(page.getByRole('link', { name: 'Hulpvragen', includeHidden: true })).toHaveCount(0);
  await openMenuItem(page, 'Audittrail');
  await expect(page.getByRole('heading', { level: 1, name: 'Audittrail' })).toBeVisible();

  await page.getByLabel('Hulpvraag', { exact: true }).fill(request.reference);
  await page.getByLabel('Gebeurtenis', { exact: true }).selectOption({ label: 'Hulpvraag bekeken' });
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(new RegExp(`hulpvraag=${request.reference}`));
  const row = page.getByRole('row', { name: /Annelies Visser/ }).first();
  await expect(row).toContainText('Hulpvraag bekeken');
  await expect(row).toContainText(request.reference);
  await expectAccessible(page, 'privacy-audit-trail');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Exporteren als CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('audittrail.csv');
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
  const [header, ...lines] = csv.trim().split('\r\n');
  expect(header).toBe('datum;tijd;naam;e-mailadres;rollen;gebeurtenis;soort gegeven;id;hulpvraag');
  expect(lines.some((line) => line.includes('Annelies Visser') && line.endsWith(request.reference))).toBe(
    true,
  );

  // A period that ends before it starts is refused on its field.
  await page.getByLabel('Van').fill('2026-05-02');
  await page.getByLabel('Tot en met').fill('2026-05-01');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByLabel('Tot en met')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Tot en met').fill('');
  await page.getByLabel('Van').fill('');

  // By pupil: the name goes in the request's body, never in the page's address.
  await page.getByRole('button', { name: 'Filters wissen' }).click();
  await page.getByLabel('Leerling: naam').fill(pupil.name);
  await page.getByLabel('Leerling: geboortedatum').fill(pupil.birthDate);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const found = page.getByRole('table', { name: 'Gebeurtenissen die passen bij je zoekopdracht' });
  await expect(found.getByRole('row').nth(1)).toBeVisible();
  await expect(found).not.toContainText('Er zijn geen gebeurtenissen');
  expect(page.url()).not.toContain(encodeURIComponent(pupil.name.split(' ')[0] ?? ''));
  await expectAccessible(page, 'privacy-audit-trail-pupil');

  // Signals of unusual access: the last 30 days by default.
  await openMenuItem(page, 'Opvallende toegang');
  await expect(page.getByRole('heading', { level: 1, name: 'Opvallende toegang' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Opvallende toegang van / })).toBeVisible();
  await expectAccessible(page, 'privacy-signals');
  await context.close();
});
