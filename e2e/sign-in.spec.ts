import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import {
  demoSecret,
  demoTenantName,
  expectAccessible,
  lastStepOf,
  signIn,
  signOut,
  submitPassword,
  submitTotp,
  wrongCode,
} from './support.ts';

// The coordinator also signs in in organisation.spec.ts; support.ts never replays a used time step.
const coordinator = 'stafbureau@demo.passend.test';

test('a wrong password and an unknown address get the same generic error', async ({ page }) => {
  const generic = 'Inloggen is niet gelukt. Controleer je e-mailadres en wachtwoord en probeer het opnieuw.';

  await submitPassword(page, coordinator, 'Niet-het-goede-wachtwoord');
  await expect(page.getByRole('alert')).toContainText(generic);
  await expect(page).toHaveURL(/\/inloggen$/);
  // The password field is emptied; the address stays for another try.
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('E-mailadres')).toHaveValue(coordinator);

  await submitPassword(page, 'niemand@demo.passend.test', 'Niet-het-goede-wachtwoord');
  await expect(page.getByRole('alert')).toContainText(generic);
});

test('password and TOTP sign the coordinator in; sign-out ends the session', async ({ page }) => {
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await expect(page).toHaveTitle('Inloggen – Passend');
  await expectAccessible(page, 'sign-in');

  await submitPassword(page, coordinator);
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Code invoeren' })).toBeVisible();
  await expect(page.getByText('Hallo Marieke de Vries.')).toBeVisible();
  await expectAccessible(page, 'sign-in-code');

  // A wrong code is refused with a Dutch message, and the user stays on the code step.
  await page.getByLabel('Code uit de app').fill(await wrongCode(demoSecret(coordinator)));
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze code klopt niet. Probeer het opnieuw.');
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await expect(page.getByLabel('Code uit de app')).toHaveValue('');
  await expectAccessible(page, 'sign-in-code-error');

  // Not six digits: refused in the browser, with the message at the field.
  await page.getByLabel('Code uit de app').fill('12ab');
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(
    page.getByRole('link', { name: 'Vul de 6 cijfers uit de authenticator-app in.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Code uit de app')).toHaveAttribute('aria-invalid', 'true');

  await submitTotp(page, coordinator);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Marieke de Vries' })).toBeVisible();
  await expect(page.getByText(`Je werkt in Passend voor ${demoTenantName}.`)).toBeVisible();
  await expect(page.getByText('Ingelogd als Marieke de Vries')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Wat op je wacht' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  await expectAccessible(page, 'home-coordinator');

  await signOut(page);
  // Soft: a missing confirmation fails the test, but the checks of the ended session still run.
  await expect.soft(page.getByText('Je bent uitgelogd.')).toBeVisible();

  // The session is gone on the server too: a protected address sends the user to sign in.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  const session = await page.request.get('/api/session');
  expect(await session.json()).toMatchObject({ state: 'anonymous' });
});

// Issue 16: the page is asked for again each time, its hashed scripts are kept.
test('the page is revalidated and its hashed assets are cached as immutable', async ({ request }) => {
  const page = await request.get('/');
  expect(page.headers()['cache-control']).toBe('no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
  if (!script) throw new Error('the page names no script');
  const asset = await request.get(script);
  expect(asset.ok()).toBe(true);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

// Issue 16: a right code typed again within its window was "not correct"; now it says it was used.
test('a code used twice says it was used already and to wait for the next one', async ({ page }) => {
  const account = 'teamleider@demo.passend.test';
  await signIn(page, account);
  await signOut(page);
  await submitPassword(page, account);
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  const used = await generate({ secret: demoSecret(account), epoch: (lastStepOf(account) ?? 0) * 30 });
  await page.getByLabel('Code uit de app').fill(used);
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze code is al gebruikt. Wacht op de volgende code.');
  await expect(page).toHaveURL(/\/inloggen\/code$/);
});
