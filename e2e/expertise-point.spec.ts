import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { addDays, todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, openMenuItem, scrollWidth, signIn } from './support.ts';

const today = todayInAmsterdam();

const pupil = 'Jesse Kuipers';

/** Opens the pupil's file from the expertise point's list, as staff would. */
async function openPupil(page: Page) {
  await openMenuItem(page, 'Leerlingen expertisepunt');
  await page.getByLabel('Zoek op naam of klas').fill('Kuipers');
  await page.getByLabel('Zoek op naam of klas').press('Enter');
  await page.getByRole('link', { name: pupil }).click();
  await expect(page.getByRole('heading', { level: 1, name: pupil })).toBeVisible();
}

function section(page: Page, name: string) {
  return page.getByRole('region', { name });
}

// Issue 7, "Done when": a teacher signals, the care coordinator decides eligible, the mentor informs
// the parents … the trajectory ends with a diploma.
test('a teacher signals, the care coordinator decides, the OPP is agreed, the pupil uses the expertise point and leaves with a diploma', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  // One browser per person, each signed in once: switching back needs no new sign-in (and no wait for
  // a fresh two-step code).
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  const as = async (email: string): Promise<Page> => {
    const open = pages.get(email);
    if (open) return open;
    const context = await browser.newContext({ baseURL, locale, timezoneId });
    contexts.push(context);
    const signedIn = await context.newPage();
    await signIn(signedIn, email);
    pages.set(email, signedIn);
    return signedIn;
  };
  let page: Page;

  // E9: the teacher records what they see and with whom they discuss it; they then see only their signal.
  page = await as('docent@demo.passend.test');
  await openMenuItem(page, 'Mijn signalen');
  await expectAccessible(page, 'signals-own-list');
  await page.getByRole('link', { name: 'Signaal vastleggen' }).click();
  // Issue 16: a failed submit sends nothing; the summary takes focus and links every problem to its field.
  const signalsSent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/trajectories')
      signalsSent.push(request.url());
  });
  await page.getByRole('button', { name: 'Signaal vastleggen' }).click();
  const summary = page.locator('.passend-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
  expect(await summary.getByRole('link').count()).toBeGreaterThanOrEqual(5);
  await expect(summary.getByRole('link', { name: 'Kies een van de mogelijkheden.' }).first()).toBeVisible();
  await expectAccessible(page, 'signal-form-errors');
  await summary.getByRole('link', { name: 'Vul dit veld in.' }).first().click();
  await expect(page.getByLabel('Voornaam leerling')).toBeFocused();
  await expect(page.getByLabel('Voornaam leerling')).toHaveAttribute('aria-invalid', 'true');
  expect(signalsSent).toEqual([]);
  await page.getByLabel('Voornaam leerling').fill('Jesse');
  await page.getByLabel('Achternaam leerling').fill('Kuipers');
  await page.getByLabel('Klas').fill('2D');
  await page.getByLabel('Mentor').selectOption({ label: 'Bram Hendriks' });
  await page.getByLabel('Wat zie je?').fill('Schiet in de stress bij groepswerk en weigert dan mee te doen.');
  await page.getByLabel('Met wie bespreek je dit eerst?').selectOption({ label: 'Mentor' });
  await expectAccessible(page, 'signal-form');
  await page.getByRole('button', { name: 'Signaal vastleggen' }).click();
  await expect(page).toHaveURL(/\/signalen\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Het signaal is vastgelegd.' })).toBeVisible();
  expect(signalsSent).toHaveLength(1);
  await expect(page.getByText('Gesignaleerd', { exact: true })).toBeVisible();
  await expect(page.getByText(/Je ziet alleen je eigen signaal/)).toBeVisible();
  await expectAccessible(page, 'signal-own');

  // E9: the mentor discusses it and contacts the parents.
  page = await as('mentor@demo.passend.test');
  await openPupil(page);
  const discussion = section(page, 'Bespreking van het signaal');
  await discussion.getByLabel('Uitkomst').fill('Samen met de docent besproken; ik bel de ouders.');
  await discussion.getByRole('button', { name: 'Bespreking opslaan' }).click();
  await expect(
    discussion.getByRole('definition').filter({ hasText: /Samen met de docent besproken/ }),
  ).toBeVisible();
  const contact = section(page, 'Contact van de mentor met de ouders');
  await contact.getByLabel('Hoe').selectOption({ label: 'Telefonisch' });
  await contact.getByLabel('Uitkomst').fill('Ouders zien thuis hetzelfde en willen graag hulp.');
  await contact.getByRole('button', { name: 'Contact opslaan' }).click();
  await expect(contact.getByRole('definition').filter({ hasText: 'Telefonisch' })).toBeVisible();
  await expectAccessible(page, 'trajectory-intake');

  // E2: the care coordinator decides; a missing kind of problem is explained, nothing is saved.
  page = await as('zorgcoordinator@demo.passend.test');
  await openPupil(page);
  const decision = section(page, 'Besluit over toelating');
  await decision.getByRole('radio', { name: 'Ja' }).check();
  await decision
    .getByLabel('Redenen')
    .fill('Spanning bij samenwerken belemmert het leren; past bij het expertisepunt.');
  await decision.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await expect(decision.getByText('Kies minstens één soort problematiek.').first()).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectAccessible(page, 'trajectory-decision-error');
  await decision.getByLabel('Autisme of een verwante contactstoornis').check();
  // The decision cannot be corrected afterwards: it is asked first.
  await decision.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await expect(page.getByRole('dialog', { name: 'Besluit vastleggen?' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja, besluit vastleggen' }).click();
  await expect(page.getByText('Toelaatbaar', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Het besluit is vastgelegd.' })).toBeVisible();

  // E9: the mentor explains it to the parents.
  page = await as('mentor@demo.passend.test');
  await openPupil(page);
  const explained = section(page, 'Uitleg aan de ouders');
  await explained.getByLabel('Hoe').selectOption({ label: 'Persoonlijk gesprek' });
  await explained.getByRole('button', { name: 'Uitleg vastleggen' }).click();
  await expect(explained.getByRole('definition').filter({ hasText: 'Persoonlijk gesprek' })).toBeVisible();

  // E9: the VSO teacher draws up the OPP, discusses it with the parents, who agree; adopting it starts the trajectory.
  page = await as('docentvso@demo.passend.test');
  await openPupil(page);
  await page.getByRole('link', { name: 'OPP', exact: true }).click();
  await page.getByRole('button', { name: 'OPP opstellen' }).click();
  await expect(page.getByRole('heading', { name: /Concept, versie 1/ })).toBeVisible();
  await page.getByLabel('Verwachte uitstroombestemming').fill('vmbo-tl, daarna mbo niveau 4');
  await page
    .getByLabel('Onderbouwing van de uitstroombestemming')
    .fill('Goede cijfers als de spanning laag blijft.');
  await page
    .getByLabel('Belemmerende factoren')
    .fill('Spanning bij groepswerk en onverwachte veranderingen.');
  await page.getByLabel('Bevorderende factoren').fill('Gemotiveerd, sterk in wiskunde, betrokken ouders.');
  if ((await page.getByRole('group', { name: 'Ondersteuningsafspraak 1' }).count()) === 0)
    await page.getByRole('button', { name: 'Ondersteuningsafspraak toevoegen' }).click();
  const line = page.getByRole('group', { name: 'Ondersteuningsafspraak 1' });
  await line.getByLabel('Doel').fill('Zelf aangeven wanneer het te veel wordt');
  await line.getByLabel('Aanpak').fill('Time-outkaart; daarna kort gesprek op het expertisepunt');
  await line.getByLabel('Wie').fill('Docent vso en mentor');
  await line.getByLabel('Hoe vaak').fill('Wekelijks');
  await page
    .getByLabel('Afspraken over zelfstandig werken op het expertisepunt')
    .fill('Dinsdag het 4e uur zelfstandig werken op het expertisepunt.');
  if ((await page.getByLabel('Evaluatiemoment 1').count()) === 0)
    await page.getByRole('button', { name: 'Evaluatiemoment toevoegen' }).click();
  await page.getByLabel('Evaluatiemoment 1').fill(addDays(today, 70));
  await page.getByLabel('Besproken met de ouders op').fill(today);
  await page.getByLabel('Aanwezig bij het gesprek').fill('Moeder, mentor, docent vso');
  await page.getByLabel('Wat de ouders ervan vinden').fill('Blij met de rustige plek en de vaste afspraken.');
  await page.getByRole('radio', { name: 'Ja, de ouders zijn het eens' }).check();
  await page
    .getByLabel('Wat de leerling zelf vindt')
    .fill('Jesse wil graag zelf kiezen wanneer hij even weg gaat.');
  await expectAccessible(page, 'opp-draft');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(page.getByText('Het concept is opgeslagen.')).toBeVisible();

  // E12: the parents get a personal link and consent to the action part themselves.
  await page.getByRole('link', { name: 'Terug naar het traject' }).click();
  await page.getByRole('link', { name: 'OPP', exact: true }).click();
  await page.getByRole('button', { name: 'Link voor de ouders maken' }).click();
  const parentLink = await page.getByLabel('Persoonlijke link voor de ouders').inputValue();
  expect(parentLink).toContain('/opp-inzage#');
  const consenting = await browser.newContext({ baseURL, locale, timezoneId });
  const consentPage = await consenting.newPage();
  await consentPage.goto(parentLink);
  await consentPage.getByRole('radio', { name: 'Ja, ik stem in met het handelingsdeel' }).check();
  await consentPage.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(consentPage.getByText(/ingestemd met het handelingsdeel \(via deze link\)/)).toBeVisible();
  await consenting.close();
  await page.getByRole('link', { name: 'Concept bewerken' }).click();
  await page.getByRole('button', { name: 'Opslaan en vaststellen' }).click();
  await expect(page.getByRole('dialog', { name: 'Het OPP vaststellen?' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja, OPP vaststellen' }).click();
  await expect(page.getByText('Het OPP is vastgesteld.')).toBeVisible();
  await expectAccessible(page, 'opp-adopted');

  // The parents' link now opens the adopted OPP.
  await page.getByRole('link', { name: 'Terug naar het traject' }).click();

  // E4, E8: homework planned and checked (Rijnstroom College offers homework support).
  await page.getByRole('link', { name: 'Huiswerk', exact: true }).click();
  await page.getByLabel('Soort').selectOption({ label: 'Opdracht' });
  await page.getByLabel('Vak').fill('Aardrijkskunde');
  await page.getByLabel('Omschrijving').fill('Werkstuk over rivieren in Nederland');
  await page.getByLabel('Deadline').fill(addDays(today, 7));
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  await expect(page.getByText('De opdracht is toegevoegd.')).toBeVisible();
  await page.getByLabel('Datum', { exact: true }).fill(today);
  await page.getByLabel('Wat de leerling gaat doen').fill('Bronnen zoeken en een indeling maken');
  await page.getByRole('button', { name: 'Werkmoment plannen', exact: true }).click();
  await expect(page.getByText('Het werkmoment is gepland.')).toBeVisible();
  await page.getByLabel('Controle', { exact: true }).selectOption({ label: 'Deels gedaan' });
  await page.getByLabel('Notitie').fill('Indeling staat, bronnen volgen morgen.');
  await page.getByRole('button', { name: 'Controle vastleggen' }).click();
  await expect(page.getByText('De controle is vastgelegd.')).toBeVisible();
  await expect(page.getByRole('table', { name: /^Werkmomenten voor Opdracht Aardrijkskunde/ })).toContainText(
    'Deels gedaan',
  );
  await expectAccessible(page, 'trajectory-homework');

  // E7: a referral to outside help, together with the ZAT.
  await page.getByRole('link', { name: 'Verwijzingen (ZAT)', exact: true }).click();
  await page.getByLabel('Soort hulp').selectOption({ label: 'Jeugdhulp' });
  await page.getByLabel('Reden').fill('Spanning thuis loopt op; ouders willen hulp bij opvoeding.');
  await page.getByRole('button', { name: 'Verwijzing opslaan' }).click();
  await expect(page.getByText('De verwijzing is opgeslagen.')).toBeVisible();
  await expectAccessible(page, 'trajectory-referrals');
  // P3: the parents consent; an outcome closes the referral, which is asked first.
  const referral = page.getByRole('article').filter({ hasText: 'Jeugdhulp' });
  await referral.getByLabel('Toestemming ouders').selectOption({ label: 'Gegeven' });
  await referral.getByLabel('Datum antwoord ouders').fill(today);
  await referral.getByRole('button', { name: /^Opslaan/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De verwijzing is bijgewerkt.' })).toBeVisible();
  await referral.getByLabel('Uitkomst', { exact: true }).fill('Gezin is aangemeld bij het wijkteam.');
  await referral.getByLabel('Datum uitkomst').fill(today);
  await referral.getByRole('button', { name: /^Opslaan/ }).click();
  await page
    .getByRole('dialog', { name: 'Verwijzing naar Jeugdhulp afsluiten?' })
    .getByRole('button', {
      name: 'Ja, opslaan en afsluiten',
    })
    .click();
  await expect(referral.getByText('Afgerond', { exact: true })).toBeVisible();
  await expect(referral.getByRole('button', { name: /^Opslaan/ })).toHaveCount(0);

  // E5: a contact with the parents whose follow-up is then marked done.
  await page.getByRole('link', { name: 'Contacten', exact: true }).click();
  const contacts = section(page, 'Contacten');
  await contacts.getByLabel('Met wie', { exact: true }).selectOption({ label: 'Ouders' });
  await contacts.getByLabel('Hoe', { exact: true }).selectOption({ label: 'Telefoon' });
  await contacts
    .getByLabel('Samenvatting')
    .fill('Moeder belde: het gaat thuis beter sinds de time-outkaart.');
  await contacts.getByLabel('Vervolgactie (niet verplicht)').fill('Mentor spreekt Jesse vrijdag kort.');
  await contacts.getByLabel('Wie pakt de vervolgactie op').selectOption({ index: 1 });
  await contacts.getByRole('button', { name: 'Contact opslaan' }).click();
  await expect(contacts.getByText('Het contact is opgeslagen.')).toBeVisible();
  const contactRow = contacts.getByRole('row').filter({ hasText: 'Moeder belde' });
  await expect(contactRow.getByText('Open', { exact: true })).toBeVisible();
  await expectAccessible(page, 'trajectory-contacts');
  await contactRow.getByRole('button', { name: /^Vervolgactie afgerond/ }).click();
  await expect(contacts.getByText('De vervolgactie is afgerond.')).toBeVisible();
  await expect(contactRow.getByText('Afgerond', { exact: true })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(contactRow.locator('td.passend-cell--keep')).toHaveText('Afgerond');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  // A stacked value of several lines keeps its own lines: nothing runs over the next one.
  const overflowing = await contactRow
    .locator('th, td')
    .evaluateAll((cells) => cells.filter((cell) => cell.scrollHeight > cell.clientHeight + 1).length);
  expect(overflowing).toBe(0);
  await expectAccessible(page, 'trajectory-contacts-phone');
  await page.setViewportSize({ width: 1280, height: 720 });

  // E3: the attendance part and the week, each a list in the data table.
  await page.getByRole('link', { name: 'Aanwezigheid', exact: true }).click();
  await expect(
    section(page, 'Aanwezigheid op het expertisepunt').getByRole('heading', {
      name: 'Vaste tijden',
      exact: true,
    }),
  ).toBeVisible();
  await expectAccessible(page, 'trajectory-attendance');

  // E3, E7: on a tablet, the pupil checks in at the expertise point and out again.
  const tabletPage = page;
  await tabletPage.setViewportSize({ width: 768, height: 1024 });
  await openMenuItem(tabletPage, 'Expertisepunt vandaag');
  await tabletPage.getByLabel('Leerling', { exact: true }).selectOption({ label: 'Jesse Kuipers, klas 2D' });
  await tabletPage.getByRole('button', { name: /^Inchecken\s*:\s*Jesse Kuipers$/ }).click();
  await tabletPage.getByRole('button', { name: 'Zelfstandig werken' }).click();
  await expect(tabletPage.getByText('Jesse Kuipers is ingecheckt (Zelfstandig werken).')).toBeVisible();
  await expect(tabletPage.getByRole('heading', { name: /Aanwezig nu/ })).toContainText(/[1-9]/);
  await expectAccessible(tabletPage, 'expertise-point-today-tablet');
  expect(await scrollWidth(tabletPage)).toBeLessThanOrEqual(768);
  await tabletPage.getByRole('button', { name: /^Uitchecken\s*:\s*Jesse Kuipers$/ }).click();
  await expect(tabletPage.getByText('Jesse Kuipers is uitgecheckt.')).toBeVisible();

  // The parent opens the OPP through the link, without an account; nothing else of the file is there.
  const parent = await browser.newContext({ baseURL, locale, timezoneId });
  const parentPage = await parent.newPage();
  await parentPage.goto(parentLink);
  await expect(
    parentPage.getByRole('heading', { level: 1, name: /Het ontwikkelingsperspectiefplan van Jesse/ }),
  ).toBeVisible();
  await expect(parentPage.getByText('vmbo-tl, daarna mbo niveau 4')).toBeVisible();
  await expect(parentPage.getByText(/Schiet in de stress/)).toHaveCount(0);
  // P8: who looked at the file, as kinds of role at the school, without names.
  const readers = parentPage.getByRole('list', { name: 'Wie heeft het dossier ingezien?' });
  await expect(readers).toContainText(/de zorgcoördinator van|een mentor van/);
  await expectAccessible(parentPage, 'opp-parent');
  await parent.close();

  // E11: the trajectory ends with a diploma and where the pupil goes next.
  const endPage = await as('zorgcoordinator@demo.passend.test');
  await openPupil(endPage);
  await expect(endPage.getByText('Actief', { exact: true })).toBeVisible();
  const end = section(endPage, 'Afsluiting en uitstroom');
  await end.getByLabel('Reden van afsluiten').selectOption({ label: 'Diploma behaald' });
  await end.getByRole('radio', { name: 'Ja' }).check();
  await end
    .getByLabel('Niveau van het diploma')
    .selectOption({ label: 'vmbo gemengde of theoretische leerweg' });
  await end.getByLabel('Waar gaat de leerling naartoe?').fill('mbo niveau 4, ICT-beheer');
  await end.getByRole('button', { name: 'Traject afsluiten' }).click();
  await expect(endPage.getByRole('dialog', { name: 'Traject afsluiten?' })).toBeVisible();
  await endPage.getByRole('dialog').getByRole('button', { name: 'Ja, traject afsluiten' }).click();
  await expect(endPage.getByText('Afgesloten', { exact: true })).toBeVisible();
  await expect(end.getByText('Ja, vmbo gemengde of theoretische leerweg')).toBeVisible();
  await expectAccessible(endPage, 'trajectory-ended');

  // E6, overviews: the location's overview and the signals per month are there for the care coordinator.
  await endPage.getByRole('link', { name: 'Terug naar het overzicht' }).click();
  await endPage.getByRole('link', { name: 'Overzicht van de locatie' }).click();
  await expect(endPage.getByRole('heading', { level: 1, name: 'Overzicht expertisepunt' })).toBeVisible();
  await expect(endPage.getByRole('table', { name: 'Kerncijfers van de locatie' })).toBeVisible();
  await expectAccessible(endPage, 'expertise-point-overview');
  await endPage.goto('/expertisepunt/docenten');
  await expect(endPage.getByRole('table', { name: /^Signalen per maand/ })).toBeVisible();
  await expectAccessible(endPage, 'expertise-point-teachers');
  await endPage.goto('/expertisepunt/week');
  await expect(endPage.getByRole('table', { name: /^Aanwezigheid in week/ })).toBeVisible();
  await expectAccessible(endPage, 'expertise-point-week');

  // Issue 16: on a phone the list of pupils stacks each row, its status kept beside the name.
  await endPage.setViewportSize({ width: 375, height: 800 });
  await endPage.goto('/trajecten');
  const pupilsTable = endPage.getByRole('table', { name: /leerling/ });
  const rows = pupilsTable.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (let index = 0; index < (await rows.count()); index += 1) {
    const status = rows.nth(index).locator('td.passend-cell--keep');
    await expect(status).toBeVisible();
    await expect(status).toHaveText(/^(Gesignaleerd|Niet toelaatbaar|Toelaatbaar|Actief|Afgesloten)$/);
    const box = await status.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
  }
  expect(await scrollWidth(endPage)).toBeLessThanOrEqual(375);
  await expectAccessible(endPage, 'trajectories-list-phone');
  await endPage.goto('/expertisepunt/docenten');
  await expect(endPage.getByRole('table', { name: /^Signalen per maand/ })).toBeVisible();
  expect(await scrollWidth(endPage)).toBeLessThanOrEqual(375);
  await expectAccessible(endPage, 'expertise-point-teachers-phone');
  await endPage.goto('/trajecten');
  // A sorted column keeps its order in the address.
  await endPage.setViewportSize({ width: 1280, height: 900 });
  await pupilsTable.getByRole('button', { name: /^Leerling/ }).click();
  await expect(endPage).toHaveURL(/sorteer=pupil/);
  await expect(pupilsTable.getByRole('columnheader', { name: /^Leerling/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  for (const context of contexts) await context.close();
});
