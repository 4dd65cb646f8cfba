import { expect, test } from '@playwright/test';
import { demoPassword, expectAccessible, openMenuItem, scrollWidth, signIn } from './support.ts';

// Each test signs in with its own demo account, so no TOTP time step is used twice.

test('the language switch on the sign-in page changes the texts and <html lang>', async ({ page }) => {
  await page.goto('/inloggen');
  const html = page.locator('html');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'nl');
  const switcher = page.getByRole('group', { name: 'Taal' });
  await expect(switcher.getByRole('button', { name: 'Nederlands' })).toHaveAttribute('aria-pressed', 'true');

  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Sign in – Passend');
  await expect(page.getByLabel('Email address')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Forgot your password?' })).toBeVisible();
  const englishSwitch = page.getByRole('group', { name: 'Language' });
  await expect(englishSwitch.getByRole('button', { name: 'English' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectAccessible(page, 'sign-in-en');

  // The choice is remembered in this browser.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  await englishSwitch.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'nl');
  await expect(page.getByLabel('E-mailadres')).toBeVisible();
});

test('the account page shows the details and stores the language choice', async ({ page }) => {
  await signIn(page, 'directie@demo.passend.test');
  await openMenuItem(page, 'Mijn account');
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
  await expect(page.getByText('Peter Jansen', { exact: true })).toBeVisible();
  await expect(page.getByText('directie@demo.passend.test', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: /^Directie bij OBS De Regenboog$/ }),
  ).toBeVisible();
  await expectAccessible(page, 'account');

  const language = page.getByRole('form', { name: 'Taal' });
  await language.getByLabel('English').check();
  await language.getByRole('button', { name: 'Taal opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByText('Your language choice has been saved.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect
    .poll(async () => (await (await page.request.get('/api/session')).json()).user?.locale)
    .toBe('en');
  await expectAccessible(page, 'account-en');

  // Back to Dutch, in the account too.
  const languageEn = page.getByRole('form', { name: 'Language' });
  await languageEn.getByLabel('Nederlands').check();
  await languageEn.getByRole('button', { name: 'Save language' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
  await expect(page.getByText('Je taalkeuze is opgeslagen.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect
    .poll(async () => (await (await page.request.get('/api/session')).json()).user?.locale)
    .toBe('nl');
});

test('the account forms check before they send, and ask before two-step verification is reset', async ({
  page,
}) => {
  await signIn(page, 'leerkracht@demo.passend.test');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();

  // Two different new passwords: the summary links to the repeat, and nothing is sent.
  const password = page.getByRole('form', { name: 'Wachtwoord wijzigen' });
  await password.getByLabel('Huidig wachtwoord').fill(demoPassword);
  await password.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een-heel-nieuw-wachtwoord');
  await password.getByLabel('Herhaal het nieuwe wachtwoord').fill('een-ander-nieuw-wachtwoord');
  await password.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  const mismatch = password.getByRole('link', { name: /De wachtwoorden zijn niet gelijk/ });
  await expect(mismatch).toBeVisible();
  await mismatch.click();
  await expect(password.getByLabel('Herhaal het nieuwe wachtwoord')).toBeFocused();
  await expectAccessible(page, 'account-password-errors');

  // Resetting two-step verification cannot be undone: it is asked first, and cancelling changes nothing.
  const mfa = page.getByRole('form', { name: 'Tweestapsverificatie opnieuw instellen' });
  await mfa.getByLabel('Je wachtwoord').fill(demoPassword);
  await mfa.getByRole('button', { name: 'Opnieuw instellen' }).click();
  const question = page.getByRole('dialog', { name: 'Tweestapsverificatie opnieuw instellen?' });
  await expect(question).toContainText('werken daarna niet meer');
  await expectAccessible(page, 'account-mfa-question');
  await question.getByRole('button', { name: 'Annuleren' }).click();
  await expect(question).toHaveCount(0);
  await expect(page).toHaveURL(/\/account$/);
  expect((await (await page.request.get('/api/session')).json()).state).toBe('signed_in');
});

test('the forgotten-password page gives a neutral confirmation', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(page).toHaveURL(/\/wachtwoord-vergeten$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible();
  await expectAccessible(page, 'forgot-password');

  // Not an e-mail address: refused in the browser.
  await page.getByLabel('E-mailadres').fill('geen-adres');
  await page.getByRole('button', { name: 'Link aanvragen' }).click();
  // Said at the field, and in the error summary as a link to it.
  await expect(
    page.locator('.utrecht-form-field-error-message', {
      hasText: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.',
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.' }),
  ).toBeVisible();

  // An unknown address gets the same answer as a known one.
  await page.getByLabel('E-mailadres').fill('onbekend@demo.passend.test');
  await page.getByRole('button', { name: 'Link aanvragen' }).click();
  await expect(
    page.getByText(/^Als dit e-mailadres bij ons bekend is, krijg je binnen een paar minuten/),
  ).toBeVisible();
  await expect(page.getByLabel('E-mailadres')).toHaveCount(0);
  await expectAccessible(page, 'forgot-password-sent');
  await page.getByRole('link', { name: 'Terug naar inloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/bestaat-niet/echt-niet');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await expect(page).toHaveTitle('Pagina niet gevonden – Passend');
  await expectAccessible(page, 'not-found');
  await page.getByRole('link', { name: 'Naar de startpagina' }).click();
  // Not signed in: the start page sends the user to sign in.
  await expect(page).toHaveURL(/\/inloggen$/);
});

test('keyboard only: the first Tab reaches the skip link, which moves focus to main', async ({ page }) => {
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Direct naar de inhoud' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab goes on into the page content, not back to the header.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-mailadres')).toBeFocused();
});

test.describe('at 320 × 640', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('sign-in and home do not scroll sideways', async ({ page }) => {
    await page.goto('/inloggen');
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'sign-in-320');

    await signIn(page, 'mentor@demo.passend.test');
    await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Bram Hendriks' })).toBeVisible();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'home-320');
  });
});
