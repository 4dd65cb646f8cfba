import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type ServerProcess, startServerProcess } from '../server/test/server-process.ts';
import { startSmtpServer } from '../server/test/smtp.ts';
import { e2eSecondPort } from './ports.ts';
import { expectAccessible, openMenuItem, scrollWidth, signIn, useDemoSecrets } from './support.ts';

// Issue 4 (support requests). This spec runs its own Passend with demo data that sends mail to a real
// local SMTP server, so the consent links are read from the mails as parents would get them.
const port = e2eSecondPort;
const baseURL = `http://localhost:${port}`;
const ib = 'ib@demo.passend.test';
const contactPerson = 'gedragswetenschapper@demo.passend.test';
const adviser = 'begeleider@demo.passend.test';
const adviserName = 'Fatima el Amrani';

const run = crypto.randomUUID().slice(0, 6);
const mother = `marloes.jansen.${run}@thuis.test`;
const father = `kees.jansen.${run}@thuis.test`;
const pupilEmail = `emma.jansen.${run}@leerling.test`;

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: ServerProcess;

/** A date of birth that makes a pupil 13 today, 40 days after their birthday. */
function thirteenYearsAgo(): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - 13);
  date.setUTCDate(date.getUTCDate() - 40);
  return date.toISOString().slice(0, 10);
}

/** The consent link in the newest mail to an address, waiting for it to arrive. */
async function consentLinkFor(address: string, nth = 1): Promise<string> {
  await expect
    .poll(() => smtp.received.filter((mail) => JSON.stringify(mail.to).includes(address)).length, {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(nth);
  const mail = smtp.received.filter((candidate) => JSON.stringify(candidate.to).includes(address))[nth - 1];
  expect(mail?.text).not.toContain('Emma');
  const link = /(http:\/\/\S+\/toestemming#token=\S+)/.exec(mail?.text ?? '')?.[1];
  if (!link) throw new Error(`no consent link in the mail to ${address}`);
  return link;
}

/** Expects the page not to scroll sideways at a phone width of 320 px. */
async function expectNoSidewaysScrollAt320(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  await expect.poll(() => scrollWidth(page)).toBeLessThanOrEqual(320);
  if (viewport) await page.setViewportSize(viewport);
}

async function signedInPage(
  browser: Browser,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test.describe('support requests with consent', () => {
  test.describe.configure({ mode: 'serial' });
  // Sign-ins may wait for a fresh TOTP window (30 s) and the server starts once.
  test.setTimeout(180_000);
  let requestUrl = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    smtp = await startSmtpServer();
    server = await startServerProcess({ port, environment: { SMTP_URL: smtp.url } });
    useDemoSecrets(server.demoSecrets);
  });

  test.afterAll(async () => {
    useDemoSecrets(null);
    await server?.stop();
    await smtp?.close();
  });

  test('a failed submit lists every problem as a link, moves focus to the field, and saves nothing', async ({
    browser,
  }) => {
    const { context, page } = await signedInPage(browser, ib);
    const drafts = async () =>
      ((await (await page.request.get('/api/requests?status=draft&pageSize=1')).json()) as { total: number })
        .total;
    const draftsBefore = await drafts();
    await page.goto('/hulpvragen/nieuw');
    await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();
    await page.getByRole('button', { name: 'Indienen' }).click();

    // The summary takes focus and names every unanswered question, the radio groups first.
    const summary = page.locator('.passend-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
    const links = summary.getByRole('link');
    await expect(links).toHaveText([
      'Kies een van de mogelijkheden.',
      'Kies een van de mogelijkheden.',
      'Vul dit veld in.',
      'Vul dit veld in.',
      'Vul dit veld in.',
    ]);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectAccessible(page, 'request-form-errors');

    // Following a link puts focus in the unanswered radio group (it was skipped before).
    await links.nth(0).click();
    const scope = page.getByRole('group', { name: /leerling zelf te begeleiden/ });
    await expect(scope.getByLabel('Nee')).toBeFocused();
    await links.nth(1).click();
    await expect(page.getByLabel('Advies op leerlingniveau')).toBeFocused();
    await links.nth(2).click();
    await expect(page.getByLabel('Wat is de vraag?')).toBeFocused();

    // A pupil-level request without a pupil or a parent: the summary links to where they go.
    await scope.getByLabel('Nee').check();
    await page.getByLabel('Advies op leerlingniveau').check();
    await page.getByLabel('Wat is de vraag?').fill('Een vraag');
    await page.getByLabel(/al geprobeerd/).fill('Iets geprobeerd');
    await page.getByLabel(/hoopt de school/).fill('Een doel');
    await page.getByRole('button', { name: 'Indienen' }).click();
    await expect(summary).toBeFocused();
    await expect(links).toHaveText([
      'Vul de gegevens van de leerling in.',
      'Vul minstens één ouder of verzorger met gezag in.',
    ]);
    await links.nth(0).click();
    await expect(page.getByLabel('Naam van de leerling')).toBeFocused();
    await links.nth(1).click();
    await expect(page.getByRole('heading', { level: 3, name: 'Ouders en verzorgers' })).toBeFocused();

    // Nothing was sent, so no (empty) draft piles up in the list.
    await expect(page).toHaveURL(/\/hulpvragen\/nieuw$/);
    expect(await drafts()).toBe(draftsBefore);

    // Keeping it as a draft checks only what is filled in; the edit page says it was saved.
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect(page).toHaveURL(/\/hulpvragen\/[0-9a-f-]{36}\/bewerken$/);
    await expect(page.locator('.passend-route-notice')).toContainText('Het concept is opgeslagen.');
    await expect(page.getByRole('heading', { level: 1, name: 'Hulpvraag bewerken' })).toBeVisible();
    expect(await drafts()).toBe(draftsBefore + 1);

    // The draft is completed and submitted from its edit page.
    await page.getByLabel('Naam van de leerling').fill('Sem de Wit');
    await page.getByLabel('Geboortedatum').fill('2016-05-04');
    await page.getByRole('button', { name: 'Ouder of verzorger toevoegen' }).click();
    const parent = page.getByRole('group', { name: 'Ouder of verzorger 1' });
    await parent.getByLabel('Naam').fill('Ria de Wit');
    await parent.getByLabel('E-mailadres').fill(`ria.dewit.${run}@thuis.test`);
    await page.getByRole('button', { name: 'Indienen' }).click();
    await page
      .getByRole('dialog', { name: 'Hulpvraag indienen?' })
      .getByRole('button', { name: 'Ja, indienen' })
      .click();
    await expect(page).toHaveURL(/\/hulpvragen\/[0-9a-f-]{36}$/);
    await expect(page.locator('.passend-route-notice')).toContainText('De hulpvraag is ingediend.');
    await expect(page.getByText('Wacht op toestemming').first()).toBeVisible();
    expect(await drafts()).toBe(draftsBefore);
    await context.close();
  });

  test('the IB files a pupil-level request for a 13-year-old with two parents', async ({ browser }) => {
    const { context, page } = await signedInPage(browser, ib);
    await openMenuItem(page, 'Hulpvragen');
    await expect(page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
    await expectAccessible(page, 'requests-list-ib');
    await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).click();

    await page
      .getByRole('group', { name: /leerling zelf te begeleiden/ })
      .getByLabel('Nee')
      .check();
    await page.getByLabel('Advies op leerlingniveau').check();
    await page
      .getByLabel('Wat is de vraag?')
      .fill('Emma trekt zich terug in de groep. Hoe kan de leerkracht haar betrekken?');
    await page.getByLabel(/al geprobeerd/).fill('Gesprekjes met Emma en een maatje in de groep.');
    await page.getByLabel(/hoopt de school/).fill('Handelingsadviezen voor de leerkracht.');
    await page.getByLabel('Naam van de leerling').fill('Emma Jansen');
    await page.getByLabel('Geboortedatum').fill(thirteenYearsAgo());
    await page.getByLabel('Groep', { exact: true }).fill('groep 8');
    await page.getByLabel(/E-mailadres van de leerling/).fill(pupilEmail);
    await page.getByRole('button', { name: 'Ouder of verzorger toevoegen' }).click();
    const parents = page.getByRole('group', { name: /Ouder of verzorger \d/ });
    await parents.nth(0).getByLabel('Naam').fill('Marloes Jansen');
    await parents.nth(0).getByLabel('E-mailadres').fill(mother);
    await parents.nth(0).getByLabel('Heeft gezag').check();
    await page.getByRole('button', { name: 'Ouder of verzorger toevoegen' }).click();
    await parents.nth(1).getByLabel('Naam').fill('Kees Jansen');
    await parents.nth(1).getByLabel('E-mailadres').fill(father);
    await parents.nth(1).getByLabel('Heeft gezag').check();
    await expectAccessible(page, 'request-form');
    await expectNoSidewaysScrollAt320(page);
    await page.getByRole('button', { name: 'Indienen' }).click();
    // Submitting sends mail to the parents: asked first, and it says so.
    const question = page.getByRole('dialog', { name: 'Hulpvraag indienen?' });
    await expect(question).toContainText('persoonlijke link om toestemming te geven');
    await expectAccessible(page, 'request-submit-question');
    await question.getByRole('button', { name: 'Ja, indienen' }).click();

    await expect(page).toHaveURL(/\/hulpvragen\/[0-9a-f-]{36}$/);
    requestUrl = new URL(page.url()).pathname;
    // The detail page says what happened.
    const notice = page.locator('.passend-route-notice');
    await expect(notice).toBeFocused();
    await expect(notice.getByRole('status')).toHaveText('De hulpvraag is ingediend.');
    await expect(page.getByText('Wacht op toestemming').first()).toBeVisible();
    await expectAccessible(page, 'request-detail-submitted');
    await expectNoSidewaysScrollAt320(page);

    // The list sorts on the server by a column; at 375 px every row stacks with its status in view.
    await openMenuItem(page, 'Hulpvragen');
    const table = page.getByRole('table', { name: /hulpvragen?$/ });
    await expect(table).toBeVisible();
    await table.getByRole('button', { name: /^Nummer/ }).click();
    await expect(page).toHaveURL(/sorteer=reference/);
    await expect(table.getByRole('columnheader', { name: /^Nummer/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await table.getByRole('button', { name: /^Nummer/ }).click();
    await expect(page).toHaveURL(/sorteer=-reference/);
    await expect(table.getByRole('columnheader', { name: /^Nummer/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    // The rows of the new order replace the old ones once the server has answered.
    const references = () => table.locator('tbody th[scope="row"]').allTextContents();
    await expect
      .poll(async () => {
        const shown = await references();
        return shown.length > 1 && shown.join() === [...shown].sort().reverse().join();
      })
      .toBe(true);
    await page.setViewportSize({ width: 375, height: 800 });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      const status = row.locator('.passend-status-tag');
      await expect(status).toBeVisible();
      const box = await status.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
    }
    await expect.poll(() => scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath('requests-list-375.png'), fullPage: true });
    await expectAccessible(page, 'requests-list-375');
    await context.close();
  });

  test('both parents and the pupil consent through the links in their mail', async ({ browser }) => {
    const context = await browser.newContext({ baseURL, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    for (const [address, label] of [
      [mother, 'consent-parent'],
      [father, null],
      [pupilEmail, 'consent-pupil'],
    ] as const) {
      const page = await context.newPage();
      await page.goto(await consentLinkFor(address));
      await expect(page.getByRole('button', { name: 'Ja, ik geef toestemming' })).toBeVisible();
      if (label) await expectAccessible(page, label);
      await page.getByRole('button', { name: 'Ja, ik geef toestemming' }).click();
      await expect(page.getByRole('button', { name: 'Toestemming intrekken' })).toBeVisible();
      await page.close();
    }
    await context.close();
  });

  test('the contact person sees it, reassigns it; the adviser works on it and closes it', async ({
    browser,
  }) => {
    const contact = await signedInPage(browser, contactPerson);
    await contact.page.goto(requestUrl);
    await expect(contact.page.getByText('Toegewezen').first()).toBeVisible();
    await expect(contact.page.getByText('Emma Jansen').first()).toBeVisible();
    const suggestion = contact.page.getByRole('listitem').filter({ hasText: adviserName });
    await expectAccessible(contact.page, 'request-detail-assign');
    await suggestion.getByRole('button', { name: 'Toewijzen' }).click();
    await expect(contact.page.getByText(adviserName).first()).toBeVisible();
    await contact.context.close();

    const member = await signedInPage(browser, adviser);
    await member.page.goto(requestUrl);
    await member.page.getByRole('button', { name: 'Starten' }).click();
    await expect(member.page.getByText('In behandeling').first()).toBeVisible();
    await member.page
      .getByLabel(/Uitkomst/)
      .fill('Twee observaties gedaan en adviezen besproken met de leerkracht.');
    await member.page.getByRole('button', { name: 'Afsluiten' }).click();
    await member.page
      .getByRole('dialog', { name: 'Hulpvraag afsluiten?' })
      .getByRole('button', { name: 'Ja, afsluiten' })
      .click();
    await expect(
      member.page.getByRole('status').filter({ hasText: 'De hulpvraag is afgesloten.' }),
    ).toBeVisible();
    await expect(member.page.getByText('Afgesloten').first()).toBeVisible();
    await expectAccessible(member.page, 'request-detail-closed');

    // P3: a parent withdraws through the same link; the request pauses at once.
    const parentPage = await member.context.newPage();
    await parentPage.goto(await consentLinkFor(mother));
    // P8: the parent sees who read the file — the kind of role and the day, no names.
    await expect(parentPage.getByRole('heading', { name: 'Wie heeft het dossier ingezien?' })).toBeVisible();
    const readers = parentPage.getByRole('list', { name: 'Wie heeft het dossier ingezien?' });
    await expect(readers).toContainText('een gedragswetenschapper van het expertiseteam');
    await expect(readers).toContainText('een begeleider van het expertiseteam');
    await expect(readers).not.toContainText(adviserName);
    await expectAccessible(parentPage, 'consent-parent-readers');
    await parentPage.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await parentPage
      .getByRole('dialog', { name: 'Toestemming intrekken?' })
      .getByRole('button', { name: 'Ja, trek mijn toestemming in' })
      .click();
    await expect(parentPage.getByText(/ingetrokken/i).first()).toBeVisible();
    await member.page.reload();
    await expect(member.page.getByText('Gepauzeerd').first()).toBeVisible();
    await member.context.close();
  });

  test('R10: a group request cannot start before the parents-informed step', async ({ browser }) => {
    const { context, page } = await signedInPage(browser, ib);
    await page.goto('/hulpvragen/nieuw');
    await page
      .getByRole('group', { name: /leerling zelf te begeleiden/ })
      .getByLabel('Nee')
      .check();
    await page.getByLabel(/Begeleiding van een groep/).check();
    await page.getByLabel('Wat is de vraag?').fill('Veel onrust in groep 6 na de zomer.');
    await page.getByLabel(/al geprobeerd/).fill('Nieuwe groepsregels en een kringgesprek.');
    await page.getByLabel(/hoopt de school/).fill('Rust in de groep en handvatten voor de leerkracht.');
    await page.getByLabel('Betrokken groep').fill('groep 6');
    await page.getByRole('button', { name: 'Indienen' }).click();
    const question = page.getByRole('dialog', { name: 'Hulpvraag indienen?' });
    await expect(question).toContainText('ouders van de groep');
    await question.getByRole('button', { name: 'Ja, indienen' }).click();
    await expect(page).toHaveURL(/\/hulpvragen\/[0-9a-f-]{36}$/);
    const groupUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: /Ouders van de groep geïnformeerd/ })).toBeVisible();
    await expectAccessible(page, 'request-detail-group');

    const contact = await signedInPage(browser, contactPerson);
    await contact.page.goto(groupUrl);
    await expect(contact.page.getByRole('button', { name: 'Starten' })).toHaveCount(0);
    await expect(contact.page.getByRole('button', { name: 'Toewijzen' })).toHaveCount(0);

    await page
      .getByLabel(/Hoe zijn de ouders geïnformeerd/)
      .fill('Brief via de schoolapp aan alle ouders van groep 6');
    await page.getByRole('button', { name: /Vastleggen/ }).click();
    await expect(page.getByText('Toegewezen').first()).toBeVisible();
    await contact.page.reload();
    await expect(contact.page.getByRole('button', { name: 'Starten' })).toBeVisible();
    await contact.context.close();
    await context.close();
  });

  test('the functional admin sees the consent mails as sent, without their text', async ({ browser }) => {
    const { context, page } = await signedInPage(browser, 'beheer@demo.passend.test');
    await openMenuItem(page, 'Uitgaande e-mail');
    await expect(page.getByRole('heading', { level: 1, name: 'Uitgaande e-mail' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: mother });
    await expect(row.first()).toContainText('Verzonden');
    // The link in the mail is the parent's own: not on this screen.
    await expect(page.getByText('/toestemming#token=')).toHaveCount(0);
    await expectAccessible(page, 'outgoing-mail');
    await page.getByLabel('Toon').selectOption({ label: 'Mislukt' });
    await expect(page).toHaveURL(/status=failed/);
    await expect(page.getByText('Er is geen e-mail met deze status.')).toBeVisible();
    await context.close();
  });
});
