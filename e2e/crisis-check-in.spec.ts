import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { addDays, todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

const today = todayInAmsterdam();

// Issue 18, point 4: a VSO teacher takes in a pupil without a trajectory (E7), later turns the visit into
// a signal (E9); and homework is planned at an expertise point without the homework extras (E4, E8).
test('a VSO teacher takes in a pupil without a trajectory and turns it into a signal; homework is planned at a point without the extras', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const contexts: BrowserContext[] = [];
  const as = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ baseURL, locale, timezoneId });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email);
    return page;
  };

  // E7: any pupil of the school, with name and class only.
  const page = await as('docentvso@demo.passend.test');
  await openMenuItem(page, 'Expertisepunt vandaag');
  const crisis = page.getByRole('region', { name: 'Opvang zonder traject' });
  await crisis.getByLabel('Voornaam', { exact: true }).fill('Sanne');
  await crisis.getByLabel('Achternaam', { exact: true }).fill('Verhoef');
  await crisis.getByLabel('Klas', { exact: true }).fill('3C');
  await crisis.getByLabel('Korte notitie (niet verplicht)').fill('Overstuur na de pauze, wil even rust.');
  await crisis.getByRole('button', { name: 'Leerling opvangen' }).click();
  await expect(page.getByText('Sanne Verhoef wordt opgevangen.')).toBeVisible();
  await expect(crisis.getByText('Sanne Verhoef, klas 3C')).toBeVisible();
  await expectAccessible(page, 'crisis-checked-in');

  // The pupil goes back to class; later the VSO teacher turns the visit into a signal (E9).
  await crisis.getByRole('button', { name: /^Uitchecken\s*:\s*Sanne Verhoef$/ }).click();
  await expect(page.getByText('Sanne Verhoef is uitgecheckt.')).toBeVisible();
  await crisis.getByRole('button', { name: /^Signaal maken\s*:\s*Sanne Verhoef$/ }).click();
  const form = crisis.getByRole('group', { name: 'Signaal over Sanne Verhoef, klas 3C' });
  await form.getByLabel('Mentor').selectOption({ label: 'Bram Hendriks' });
  await form.getByLabel('Wat zie je?').fill('Komt de laatste weken vaak overstuur naar het expertisepunt.');
  await form.getByLabel('Met wie bespreek je dit eerst?').selectOption({ label: 'Mentor' });
  await expectAccessible(page, 'crisis-signal-form');
  await form.getByRole('button', { name: 'Signaal vastleggen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sanne Verhoef' })).toBeVisible();
  await expect(page.getByText('Het signaal over Sanne Verhoef is vastgelegd.')).toBeVisible();
  await expect(page.getByText('3C').first()).toBeVisible();
  await expectAccessible(page, 'crisis-signalled-trajectory');

  // E8 off at Rijnstroom College for a moment: homework is still planned there (E4).
  const admin = await as('stafbureau@demo.passend.test');
  const setting = async (on: boolean) => {
    await admin.goto('/expertisepunten');
    await admin.getByRole('link', { name: /expertisepunt Rijnstroom College/ }).click();
    const box = admin.getByLabel(/biedt ook hulp bij het structureren en plannen van huiswerk/);
    await (on ? box.check() : box.uncheck());
    await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect(admin.getByText(/opgeslagen/).first()).toBeVisible();
  };
  await setting(false);
  try {
    await openMenuItem(page, 'Leerlingen expertisepunt');
    await page.getByLabel('Zoek op naam of klas').fill('Mila Bakker');
    await page.getByLabel('Zoek op naam of klas').press('Enter');
    await page.getByRole('link', { name: 'Mila Bakker' }).click();
    await page.getByRole('link', { name: 'Huiswerk', exact: true }).click();
    await expect(page.getByText(/biedt geen hulp bij het structureren van huiswerk/)).toBeVisible();
    await page.getByLabel('Soort', { exact: true }).selectOption({ label: 'Toets' });
    await page.getByLabel('Vak').fill('Biologie');
    await page.getByLabel('Omschrijving').fill('Toets hoofdstuk 4: de cel');
    await page.getByLabel('Deadline').fill(addDays(today, 5));
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect(page.getByText('De toets is toegevoegd.')).toBeVisible();
    const item = page.getByRole('article').filter({ hasText: 'Toets hoofdstuk 4: de cel' }).last();
    // Only a work session: structuring and homework support are not offered here.
    await expect(item.getByLabel('Wat voor werkmoment')).toHaveCount(0);
    await item.getByLabel('Datum', { exact: true }).fill(today);
    await item.getByLabel('Wat de leerling gaat doen').fill('Begrippen van paragraaf 4.1 leren');
    await item.getByRole('button', { name: 'Werkmoment plannen', exact: true }).click();
    await expect(page.getByText('Het werkmoment is gepland.')).toBeVisible();
    await expectAccessible(page, 'homework-without-extras');
  } finally {
    await setting(true);
  }
  for (const context of contexts) await context.close();
});
