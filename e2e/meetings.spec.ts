import { expect, type Page, test } from '@playwright/test';
import ical from 'node-ical';
import { addDays, todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, openMenuItem, signIn, signOut } from './support.ts';

const school = 'OBS De Regenboog';
const today = todayInAmsterdam();

/** Plans a meeting through the form and waits for its own page. */
async function plan(page: Page, kind: 'Jaargesprek' | 'SOT', date: string, start: string, end: string) {
  await page.goto('/overleg/nieuw');
  await page.getByRole('radio', { name: kind, exact: true }).check();
  await page.getByLabel('Datum').fill(date);
  await page.getByLabel('Begintijd').fill(start);
  await page.getByLabel('Eindtijd').fill(end);
  await page.getByLabel('Plaats').fill('Kamer van de IB');
  await page.getByRole('button', { name: 'Overleg plannen' }).click();
  await expect(page).toHaveURL(/\/overleg\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Het overleg is gepland.' })).toBeVisible();
}

// Issue 6, "Done when": plan and record an annual talk, plan three SOT meetings with minutes and
// action items, subscribe to the calendar feed (the .ics parses), see the staff office's overview turn green.
test('the IB and the contact person plan and record the year’s meetings; the overview turns green', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();

  // Before: the school has no annual talk and no SOT meetings this year.
  await signIn(page, 'stafbureau@demo.passend.test');
  await page.goto('/overleg/overzicht');
  const row = page.getByRole('row', { name: new RegExp(school) });
  await expect(row).toContainText('Nog te doen');
  await expectAccessible(page, 'meetings-overview-before');
  // The dates of the overview are written day first, as people read them (issue 16).
  const plannedBy = page.getByLabel('Jaargesprek gepland vóór (dag-maand)');
  await expect(plannedBy).toHaveValue('01-11');
  await plannedBy.fill('1-13');
  await page.getByRole('button', { name: 'Data opslaan' }).click();
  await expect(plannedBy).toHaveAccessibleDescription(/Vul een dag en maand in, bijvoorbeeld 01-11/);
  await plannedBy.fill('1-11');
  await page.getByRole('button', { name: 'Data opslaan' }).click();
  await expect(page.getByText('De data zijn opgeslagen.')).toBeVisible();
  await page.reload();
  await expect(plannedBy).toHaveValue('01-11');
  await expect(page.getByText(/gepland vóór 1 november/)).toBeVisible();
  await signOut(page);

  await signIn(page, 'ib@demo.passend.test');
  await openMenuItem(page, 'Overleg');
  await expect(page.getByRole('heading', { level: 1, name: 'Overleg' })).toBeVisible();
  await expectAccessible(page, 'meetings-list');

  // R11: the annual talk, with the contact person and the IB, planned and then recorded as held.
  await plan(page, 'Jaargesprek', today, '14:00', '15:00');
  await expectAccessible(page, 'meeting-annual-talk');
  await page.getByLabel('Status').selectOption({ label: 'Gehouden' });
  await page.getByLabel('Verwachte hulpvragen').fill('5');
  await page.getByLabel('Afspraken').fill('Twee trajecten coaching; een schoolbreed thema over gedrag.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Het overleg is opgeslagen.')).toBeVisible();

  // R12: three SOT meetings, each with minutes and an action item.
  for (const [index, offset] of [7, 60, 120].entries()) {
    await plan(page, 'SOT', addDays(today, offset), '15:00', '16:30');
    await page.getByLabel('Notulen').fill(`SOT ${index + 1}: besproken zijn de groepen 5 en 6.`);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByText('Het overleg is opgeslagen.')).toBeVisible();
    await page.getByLabel('Actie', { exact: true }).fill(`Observatie plannen (${index + 1})`);
    await page.getByLabel('Eigenaar').fill('Annelies Visser');
    await page.getByLabel('Uiterlijk').fill(addDays(today, offset + 14));
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await expect(page.getByText(`Observatie plannen (${index + 1})`).first()).toBeVisible();
  }
  // Adding a colleague with an account is a step of its own: they read the minutes from then on.
  await page.getByLabel('Wie', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Rol in het overleg').selectOption({ label: 'Directeur' });
  await page.getByRole('button', { name: 'Als deelnemer toevoegen' }).click();
  // They read the minutes from then on: asked once more.
  await page.getByRole('dialog').getByRole('button', { name: 'Ja, toevoegen' }).click();
  await expect(page.getByText('is toegevoegd als deelnemer.')).toBeVisible();
  await expect(page.getByLabel('Notulen')).toHaveValue('SOT 3: besproken zijn de groepen 5 en 6.');
  await expectAccessible(page, 'meeting-sot');

  // The list sorts on the server: the date's header turns it latest first, and the order is in the address.
  await page.goto('/overleg');
  const meetings = page.getByRole('table', { name: /^Overleg in schooljaar/ });
  await expect(meetings.getByRole('rowheader').first()).toBeVisible();
  const earliestFirst = await meetings.getByRole('rowheader').allTextContents();
  expect(earliestFirst.length).toBeGreaterThanOrEqual(4);
  await meetings.getByRole('button', { name: /Datum en tijd/ }).click();
  await expect(page).toHaveURL(/sorteer=-startsAt/);
  await expect(meetings.getByRole('rowheader')).toHaveText([...earliestFirst].reverse());
  await expect(meetings.getByRole('columnheader', { name: /Datum en tijd/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );

  // The calendar feed: a personal link whose .ics holds the meetings.
  await page.getByRole('button', { name: 'Agendalink maken' }).click();
  const link = await page.getByLabel('Je persoonlijke agendalink').inputValue();
  expect(link).toContain('/api/calendar.ics?token=');
  const feed = await page.request.get(link);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const events = Object.values(ical.sync.parseICS(await feed.text())).filter(
    (item) => item?.type === 'VEVENT',
  );
  expect(events.length).toBeGreaterThanOrEqual(4);
  await expectAccessible(page, 'meetings-feed');
  await signOut(page);

  // The staff office's overview turns green for the school.
  await signIn(page, 'stafbureau@demo.passend.test');
  await page.goto('/overleg/overzicht');
  await expect(page.getByRole('row', { name: new RegExp(school) })).toContainText('Op orde');
  await expectAccessible(page, 'meetings-overview-after');
  await context.close();
});
