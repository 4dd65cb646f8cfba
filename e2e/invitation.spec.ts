import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { e2ePort } from './ports.ts';
import { expectAccessible, openMenuItem, signIn, signOut, submitPassword } from './support.ts';

// The functional admin signs in here and in users.spec.ts.
const admin = 'beheer@demo.passend.test';

test('an invited internal coordinator activates the account, enrols MFA and signs in with a recovery code', async ({
  page,
}) => {
  const invitee = {
    name: 'Ingrid Bosman',
    email: `ingrid.bosman.${Date.now()}@regenboog.example`,
    password: 'Regenboog lokaal zeven heeft een groene deur',
  };

  // The functional admin opens the users page and the invite form.
  await signIn(page, admin);
  await openMenuItem(page, 'Gebruikers');
  await expect(page).toHaveURL(/\/beheer\/gebruikers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Gebruikers' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Gebruikers' })).toContainText('Hans Meijer');
  await expectAccessible(page, 'users');

  await page.getByRole('button', { name: 'Gebruiker uitnodigen' }).click();
  const form = page.getByRole('form', { name: 'Gebruiker uitnodigen' });
  await expect(form).toBeVisible();

  // Submitting the empty form shows the summary, which takes focus and links each problem to its field.
  await form.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  const summary = form.locator('.passend-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Niet alle velden zijn goed ingevuld.');
  await expect(summary.getByRole('link')).toHaveCount(3);
  await expect(form.getByLabel('Naam')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link').nth(1).click();
  await expect(form.getByLabel('E-mailadres')).toBeFocused();
  await expectAccessible(page, 'invite-form-errors');

  // A role at a school needs the school: the form asks for it.
  await form.getByLabel('Naam').fill(invitee.name);
  await form.getByLabel('E-mailadres').fill(invitee.email);
  await form.getByLabel('Rol', { exact: true }).selectOption({ label: 'Intern begeleider' });
  await form.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(summary.getByRole('link', { name: 'Kies bij deze rol een school.' })).toBeVisible();
  await form
    .getByLabel('School (vestiging)')
    .selectOption({ label: 'OBS De Regenboog, Veenendaal (27XA00)' });
  await form.getByRole('button', { name: 'Uitnodiging versturen' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'De uitnodiging is verstuurd' })).toHaveText(
    `De uitnodiging is verstuurd naar ${invitee.email}.`,
  );
  await expect(form).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: invitee.email });
  await expect(row).toContainText(invitee.name);
  await expect(row).toContainText('Intern begeleider bij OBS De Regenboog');
  await expect(row).toContainText('Uitgenodigd');

  // The invitation mail waits in the demo outbox.
  await openMenuItem(page, 'Postvak (demo)');
  await expect(page).toHaveURL(/\/beheer\/postvak$/);
  const mail = page.getByRole('article').filter({ hasText: invitee.email });
  await expect(mail.getByRole('heading', { name: 'Je bent uitgenodigd voor Passend' })).toBeVisible();
  await expectAccessible(page, 'outbox');
  const link = await mail.getByRole('link', { name: /\/uitnodiging#token=/ }).getAttribute('href');
  expect(link).toMatch(new RegExp(`^http://localhost:${e2ePort}/uitnodiging#token=[\\w.-]+$`));

  await signOut(page);

  // The invitee opens the link: the token leaves the address bar, the details are shown.
  await page.goto(link as string);
  await expect(page.getByRole('heading', { level: 1, name: 'Uitnodiging accepteren' })).toBeVisible();
  await expect(page).toHaveURL(/\/uitnodiging$/);
  const details = page.getByLabel('Gegevens van de uitnodiging');
  await expect(details).toContainText(invitee.name);
  await expect(details).toContainText(invitee.email);
  await expectAccessible(page, 'invitation');

  await page.getByLabel('Kies een wachtwoord').fill(invitee.password);
  await page.getByLabel('Herhaal het wachtwoord').fill(invitee.password);
  await page.getByRole('button', { name: 'Account activeren' }).click();

  // MFA enrolment: the key as text, a code from it.
  await expect(page).toHaveURL(/\/mfa-instellen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' })).toBeVisible();
  const secretElement = page.getByTestId('totp-secret');
  await expect(secretElement).toHaveText(/^[A-Z2-7]{16,}$/);
  await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible();
  await expectAccessible(page, 'enrol');
  const secret = (await secretElement.textContent()) ?? '';
  await page.getByLabel('Code uit de app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Bevestigen' }).click();

  // Ten recovery codes, shown once.
  await expect(page.getByRole('heading', { level: 1, name: 'Bewaar je herstelcodes' })).toBeVisible();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  expect(new Set(recoveryCodes).size).toBe(10);
  await expectAccessible(page, 'recovery-codes');
  await page.getByRole('button', { name: 'Ik heb de codes bewaard, verder' }).click();

  // Signed in; the account names the role at the school.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${invitee.name}` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Gebruikers', includeHidden: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Mijn account' }).first().click();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Intern begeleider bij OBS De Regenboog' }),
  ).toBeVisible();

  // Signing in again: password, then a recovery code instead of the app.
  await signOut(page);
  await submitPassword(page, invitee.email, invitee.password);
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await page.getByRole('link', { name: 'Geen toegang tot je app? Log in met een herstelcode' }).click();
  await expect(page).toHaveURL(/\/inloggen\/herstelcode$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen met een herstelcode' })).toBeVisible();
  await expectAccessible(page, 'recovery-code');
  await page.getByLabel('Herstelcode').fill(recoveryCodes[0] as string);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${invitee.name}` })).toBeVisible();
  await page.getByRole('link', { name: 'Mijn account' }).first().click();
  await expect(page.getByRole('definition').filter({ hasText: /^9$/ })).toBeVisible();
});
