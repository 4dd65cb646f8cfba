import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn, submitPassword } from './support.ts';

const admin = 'beheer@demo.passend.test';
// No other spec signs in as this teacher, so ending and reopening the account disturbs nobody.
const teacher = { email: 'leerkracht@demo.passend.test', name: 'Sanne Mulder' };

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Whatever happened above: the teacher's account is open again for the specs that follow. */
async function ensureReactivated(adminPage: Page): Promise<void> {
  const list = await adminPage.request.get(`/api/users?q=${encodeURIComponent(teacher.email)}`);
  const user = (await list.json()).items?.find((item: { email: string }) => item.email === teacher.email);
  if (user?.status !== 'disabled') return;
  const csrf = (await adminPage.context().cookies()).find((cookie) => cookie.name === 'passend_csrf');
  await adminPage.request.post(`/api/users/${user.id}/reactivate`, {
    data: {},
    headers: { 'x-csrf-token': csrf?.value ?? '' },
  });
}

test('P7: the functional admin deactivates a teacher, whose session stops at once, and reactivates the account', async ({
  browser,
}) => {
  const teacherPage = await newPage(browser);
  const adminPage = await newPage(browser);
  try {
    await signIn(teacherPage, teacher.email);

    await signIn(adminPage, admin);
    await openMenuItem(adminPage, 'Gebruikers');
    await adminPage.getByLabel('Zoek op naam of e-mailadres').fill(teacher.email);
    await adminPage.getByRole('button', { name: 'Zoeken' }).click();
    const row = adminPage.getByRole('row').filter({ hasText: teacher.email });
    await expect(row).toContainText('Actief');

    await row.getByRole('button', { name: `Deactiveren: ${teacher.name}` }).click();
    const dialog = adminPage.getByRole('dialog', { name: `Account van ${teacher.name} deactiveren?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('kan daarna meteen niet meer inloggen');
    await expectAccessible(adminPage, 'users-deactivate-dialog');

    // Cancelling changes nothing and puts focus back on the row's button.
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row.getByRole('button', { name: `Deactiveren: ${teacher.name}` })).toBeFocused();

    await row.getByRole('button', { name: `Deactiveren: ${teacher.name}` }).click();
    await dialog.getByLabel('Reden').selectOption({ label: 'Uit dienst' });
    await dialog.getByRole('button', { name: 'Account deactiveren' }).click();
    await expect(adminPage.getByRole('status').filter({ hasText: 'is gedeactiveerd' })).toHaveText(
      `Het account van ${teacher.name} is gedeactiveerd.`,
    );
    await expect(row).toContainText('Gedeactiveerd op');
    await expect(row.getByRole('button', { name: `Opnieuw activeren: ${teacher.name}` })).toBeFocused();
    await expectAccessible(adminPage, 'users-deactivated');

    // The teacher's open session has ended: the next page load lands on the sign-in page.
    await teacherPage.reload();
    await expect(teacherPage).toHaveURL(/\/inloggen$/);
    // Signing in gets the answer a wrong password gets, nothing more.
    await submitPassword(teacherPage, teacher.email);
    await expect(teacherPage.getByRole('alert')).toContainText(
      'Inloggen is niet gelukt. Controleer je e-mailadres en wachtwoord en probeer het opnieuw.',
    );
    await expect(teacherPage).toHaveURL(/\/inloggen$/);

    // The status filter finds the ended account; reopening it asks first too.
    await adminPage.getByLabel('Status').selectOption({ label: 'Gedeactiveerd' });
    await adminPage.getByRole('button', { name: 'Zoeken' }).click();
    await expect(adminPage).toHaveURL(/status=disabled/);
    await expect(row).toContainText('Gedeactiveerd op');
    await row.getByRole('button', { name: `Opnieuw activeren: ${teacher.name}` }).click();
    const reopen = adminPage.getByRole('dialog', { name: `Account van ${teacher.name} opnieuw activeren?` });
    await expectAccessible(adminPage, 'users-reactivate-dialog');
    await reopen.getByRole('button', { name: 'Account opnieuw activeren' }).click();
    await expect(adminPage.getByRole('status').filter({ hasText: 'weer actief' })).toHaveText(
      `Het account van ${teacher.name} is weer actief. ${teacher.name} moet opnieuw inloggen.`,
    );

    // Back in: the teacher signs in as before.
    await signIn(teacherPage, teacher.email);
  } finally {
    await ensureReactivated(adminPage);
    await teacherPage.context().close();
    await adminPage.context().close();
  }
});

test('P7: the staff office sees a team member’s account on the member’s page and is asked before ending it', async ({
  page,
}) => {
  await signIn(page, 'stafbureau@demo.passend.test');
  await openMenuItem(page, 'Expertiseteam');
  await page.getByRole('link', { name: 'Fatima el Amrani' }).click();
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('Account: Actief');
  await account.getByRole('button', { name: 'Deactiveren' }).click();
  const dialog = page.getByRole('dialog', { name: 'Account van Fatima el Amrani deactiveren?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'team-member-deactivate-dialog');
  // Escape closes the question without a change; this spec leaves the account alone.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(account.getByRole('button', { name: 'Deactiveren' })).toBeFocused();
  await expect(account).toContainText('Account: Actief');
});
