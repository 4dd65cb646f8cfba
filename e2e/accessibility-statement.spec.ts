import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.ts';

// Issue 18, point 8: the accessibility statement is public, in Dutch and English, and the footer of every
// page links to it: a public page (sign-in) and a signed-in page.

/** Follows the footer's link to the statement and checks its parts. */
async function openStatementFromFooter(page: Page, link: string, heading: string): Promise<void> {
  const footer = page.getByRole('contentinfo');
  await footer.getByRole('link', { name: link }).click();
  await expect(page).toHaveURL(/\/toegankelijkheid$/);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('the accessibility statement opens from the footer of a public page, in Dutch and English', async ({
  page,
}) => {
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await openStatementFromFooter(page, 'Toegankelijkheidsverklaring', 'Toegankelijkheidsverklaring');
  await expect(page).toHaveTitle('Toegankelijkheidsverklaring – Passend');
  await expect(page.getByText('Status: eerste maatregelen genomen')).toBeVisible();
  for (const section of [
    'Hoe goed is Passend te gebruiken?',
    'Wat hebben we zelf getest?',
    'Wat werkt nog niet goed?',
    'Wat gaan we doen?',
    'Werkt iets niet goed voor u?',
    'Over deze verklaring',
  ])
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  await expect(page.getByText(/^We hebben deze verklaring gemaakt op \d+ \w+ \d{4}\./)).toBeVisible();
  await expectAccessible(page, 'accessibility-statement');

  await page.getByRole('group', { name: 'Taal' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible();
  await expect(page.getByText('Status: first measures taken')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What does not work well yet?' })).toBeVisible();
  await expectAccessible(page, 'accessibility-statement-en');
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' })).toBeVisible();
});

test('the accessibility statement opens from the footer of a signed-in page', async ({ page }) => {
  await signIn(page, 'begeleider@demo.passend.test');
  await openStatementFromFooter(page, 'Toegankelijkheidsverklaring', 'Toegankelijkheidsverklaring');
  await expectAccessible(page, 'accessibility-statement-signed-in');
});
