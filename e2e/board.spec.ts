import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn, signOut } from './support.ts';

const admin = 'beheer@demo.passend.test';
const board = { email: 'bestuur@demo.passend.test', name: 'Willemijn van Straaten' };
const boardName = 'Stichting Openbaar Onderwijs Vallei en Rijn';

test('the functional admin gives a user the school board role with a board; the board user reads the figures', async ({
  page,
}) => {
  const invitee = { name: 'Gerard Toezicht', email: `gerard.toezicht.${Date.now()}@bestuur.example` };

  // The board role asks for a school board, as a school role asks for a school.
  await signIn(page, admin);
  await openMenuItem(page, 'Gebruikers');
  await page.getByRole('button', { name: 'Gebruiker uitnodigen' }).click();
  const form = page.getByRole('form', { name: 'Gebruiker uitnodigen' });
  await form.getByLabel('Naam').fill(invitee.name);
  await form.getByLabel('E-mailadres').fill(invitee.email);
  await form.getByLabel('Rol', { exact: true }).selectOption({ label: 'Schoolbestuur' });
  await form.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  const summary = form.locator('.passend-error-summary');
  await expect(summary.getByRole('link', { name: 'Kies bij deze rol een schoolbestuur.' })).toBeVisible();
  await expectAccessible(page, 'board-invite-errors');
  await form.getByLabel('Schoolbestuur', { exact: true }).selectOption({ label: boardName });
  await form.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De uitnodiging is verstuurd' })).toHaveText(
    `De uitnodiging is verstuurd naar ${invitee.email}.`,
  );
  const row = page.getByRole('row').filter({ hasText: invitee.email });
  await expect(row).toContainText(`Schoolbestuur — Bestuur: ${boardName}`);
  await expectAccessible(page, 'board-invited');
  await signOut(page);

  // The demo board member: no work waits, the start page and the menu lead to the figures.
  await signIn(page, board.email);
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${board.name}` })).toBeVisible();
  await expect(page.getByText('Niets dat nu op je wacht.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Naar de cijfers' })).toBeVisible();
  await expectAccessible(page, 'board-home');
  await openMenuItem(page, 'Cijfers');
  await expect(page).toHaveURL(/\/cijfers/);
  await expectAccessible(page, 'board-figures');
});
