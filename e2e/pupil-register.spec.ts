import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.ts';

// Y1: a pupil is recorded once per school and picked from the register by the request form.
const ib = 'ib@demo.passend.test';

test('an IB files a request picking a pupil from the school register, and finds the request on the pupil', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Roos Verbeek ${crypto.randomUUID().slice(0, 4)}`;
  await signIn(page, ib);

  // The pupil is in the school's register already (added through the register's own API).
  const session = (await (await page.request.get('/api/session')).json()) as {
    user: { roles: Array<{ locationId: string | null }> };
  };
  const locationId = session.user.roles.find((role) => role.locationId)?.locationId ?? '';
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'passend_csrf')?.value ?? '';
  const created = await page.request.post('/api/pupils', {
    headers: { 'x-csrf-token': csrf },
    data: {
      locationId,
      name,
      birthDate: '2017-05-12',
      className: 'groep 4',
      parents: [{ name: 'Ilse Verbeek', email: 'ilse.verbeek@thuis.test', phone: null, hasAuthority: true }],
    },
  });
  expect(created.status()).toBe(201);

  await page.goto('/hulpvragen/nieuw');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();
  await page
    .getByRole('group', { name: /leerling zelf te begeleiden/ })
    .getByLabel('Nee')
    .check();
  await page.getByLabel('Advies op leerlingniveau').check();
  await page.getByLabel('Zoek een leerling op naam').fill(name);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByRole('button', { name: new RegExp(`^Kies ${name}`) }).click();
  await expect(page.getByText('De leerling is gekozen uit de lijst van je school.')).toBeVisible();
  await expect(page.getByLabel('Naam van de leerling')).toHaveValue(name);
  await expect(page.getByLabel('Naam', { exact: true }).first()).toHaveValue('Ilse Verbeek');
  await expectAccessible(page, 'request-form-pupil-picked');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Het concept is opgeslagen.' })).toBeVisible();

  // The register shows the pupil once, with the request that names them.
  await page.goto('/leerlingen');
  await expect(page.getByRole('heading', { level: 1, name: 'Leerlingen' })).toBeVisible();
  await page.getByLabel('Zoek op naam').fill(name);
  await page.getByLabel('Zoek op naam').press('Enter');
  await expect(page.getByRole('link', { name })).toHaveCount(1);
  await expectAccessible(page, 'pupils-list');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^1 hulpvraag/)).toBeVisible();
  await expectAccessible(page, 'pupil-detail');
});
