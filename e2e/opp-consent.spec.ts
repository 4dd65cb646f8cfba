import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { todayInAmsterdam } from '../contracts/school-year.ts';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

const today = todayInAmsterdam();
// Mila Bakker (3A, Rijnstroom College) has an adopted OPP and a new draft version in the demo.
const pupil = 'Mila Bakker';
const parentEmail = `ouder.bakker.${Date.now()}@thuis.example`;

async function openMila(page: Page) {
  await openMenuItem(page, 'Leerlingen expertisepunt');
  await page.getByLabel('Zoek op naam of klas').fill('Bakker');
  await page.getByLabel('Zoek op naam of klas').press('Enter');
  await page.getByRole('link', { name: pupil }).click();
  await expect(page.getByRole('heading', { level: 1, name: pupil })).toBeVisible();
  await page.getByRole('link', { name: 'OPP', exact: true }).click();
}

// Issue 18, point 1 (E12): the OPP's action part is adopted only with the parents' consent, which they
// give or refuse themselves through the link Passend mails them; the pupil adds their own view.
test('the parents refuse and then consent through the mailed link, the plan is adopted only then; the pupil adds their view', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const contexts: BrowserContext[] = [];
  const open = async () => {
    const context = await browser.newContext({ baseURL, locale, timezoneId });
    contexts.push(context);
    return context.newPage();
  };

  // The VSO teacher mails the parents a link to the draft, and makes a link for the pupil.
  const staff = await open();
  await signIn(staff, 'docentvso@demo.passend.test');
  await openMila(staff);
  const consentPanel = staff.getByRole('region', { name: 'Instemming met het handelingsdeel' });
  await expect(consentPanel).toContainText('nog geen antwoord van de ouders');
  await staff.getByLabel('E-mailadres (niet verplicht)').fill(parentEmail);
  await staff.getByRole('button', { name: 'Link maken en mailen' }).click();
  await expect(staff.getByLabel('Persoonlijke link voor de ouders')).toBeVisible();
  await staff.getByRole('radio', { name: 'Leerling' }).check();
  await staff.getByRole('button', { name: 'Link voor de leerling maken' }).click();
  const pupilLink = await staff.getByLabel('Persoonlijke link voor de leerling').inputValue();
  expect(pupilLink).toContain('/mijn-plan#token=');
  await expectAccessible(staff, 'opp-consent-staff');

  // The mail waits in the demo outbox: a neutral text and the link, no name of the pupil or school.
  const admin = await open();
  await signIn(admin, 'beheer@demo.passend.test');
  await openMenuItem(admin, 'Postvak (demo)');
  const mail = admin.getByRole('article').filter({ hasText: parentEmail });
  await expect(mail.getByRole('heading', { name: 'Een bericht voor u' })).toBeVisible();
  await expect(mail).not.toContainText('Mila');
  await expect(mail).not.toContainText('Rijnstroom');
  const parentLink = await mail.getByRole('link', { name: /\/opp-inzage#token=/ }).getAttribute('href');
  expect(parentLink).toBeTruthy();

  // The parent refuses, with comments; the page says how to take a dispute further.
  const parent = await open();
  await parent.goto(parentLink as string);
  await expect(
    parent.getByRole('heading', { level: 1, name: /Het ontwikkelingsperspectiefplan van Mila/ }),
  ).toBeVisible();
  await expect(parent.getByRole('heading', { name: 'Uw instemming wordt gevraagd' })).toBeVisible();
  await expect(parent.getByText('Weer volledig meedoen met lichamelijke opvoeding')).toBeVisible();
  await expectAccessible(parent, 'opp-consent-parent');
  await parent.getByRole('radio', { name: 'Nee, ik stem niet in met het handelingsdeel' }).check();
  await parent.getByRole('button', { name: 'Antwoord versturen' }).click();
  // A refusal needs comments: nothing is sent until they are there.
  await expect(
    parent.getByText('Schrijf bij een weigering op waarom er niet wordt ingestemd.').first(),
  ).toBeVisible();
  await parent.getByLabel('Toelichting').fill('Wij willen eerst overleggen over de gymlessen.');
  await parent.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(parent.getByText(/niet ingestemd met het handelingsdeel/)).toBeVisible();
  await expect(parent.getByText(/Geschillencommissie passend onderwijs/)).toBeVisible();
  await expectAccessible(parent, 'opp-consent-parent-refused');

  // The plan cannot be adopted: it stays a draft, with the reason.
  await staff.reload();
  await expect(consentPanel).toContainText('stemmen niet in met het handelingsdeel');
  await expect(consentPanel).toContainText('Wij willen eerst overleggen over de gymlessen.');
  await staff.getByRole('link', { name: 'Concept bewerken' }).click();
  await staff.getByLabel('Besproken met de ouders op').fill(today);
  await staff.getByLabel('Aanwezig bij het gesprek').fill('Vader, mentor, docent vso');
  await staff.getByRole('radio', { name: 'Ja, de ouders zijn het eens' }).check();
  await staff.getByRole('button', { name: 'Opslaan en vaststellen' }).click();
  await staff.getByRole('dialog').getByRole('button', { name: 'Ja, OPP vaststellen' }).click();
  await expect(staff.getByText(/er is niet ingestemd met het handelingsdeel/).first()).toBeVisible();
  await expect(staff.getByRole('heading', { name: /Concept, versie 2/ })).toBeVisible();

  // After talking it over, the parent consents through the same link; now the plan is adopted.
  await parent.getByRole('radio', { name: 'Ja, ik stem in met het handelingsdeel' }).check();
  await parent.getByLabel('Toelichting').fill('Na het gesprek met de mentor is het goed zo.');
  await parent.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(parent.getByText(/ingestemd met het handelingsdeel \(via deze link\)/)).toBeVisible();

  await staff.reload();
  await staff.getByRole('button', { name: 'Opslaan en vaststellen' }).click();
  await staff.getByRole('dialog').getByRole('button', { name: 'Ja, OPP vaststellen' }).click();
  await expect(staff.getByText('Het OPP is vastgesteld.')).toBeVisible();

  // The pupil reads the plan in simple words and adds their own view; staff see it.
  const pupilPage = await open();
  await pupilPage.goto(pupilLink);
  await expect(pupilPage.getByRole('heading', { level: 1, name: 'Jouw plan, Mila' })).toBeVisible();
  await expect(pupilPage.getByRole('heading', { name: 'Wat gaan we doen?' })).toBeVisible();
  await expectAccessible(pupilPage, 'opp-consent-pupil');
  await pupilPage.getByLabel('Jouw mening').fill('Ik vind het fijn dat ik weer mee mag doen met gym.');
  await pupilPage.getByRole('button', { name: 'Opslaan' }).click();
  await expect(pupilPage.getByText('Dit heb je geschreven:')).toBeVisible();
  await expectAccessible(pupilPage, 'opp-consent-pupil-saved');

  await staff.getByRole('link', { name: 'Terug naar het traject' }).click();
  await staff.getByRole('link', { name: 'OPP', exact: true }).click();
  await expect(consentPanel).toContainText('Ik vind het fijn dat ik weer mee mag doen met gym.');
  await expect(consentPanel).toContainText('Ingestemd');
  await expectAccessible(staff, 'opp-consent-staff-after');

  for (const context of contexts) await context.close();
});
