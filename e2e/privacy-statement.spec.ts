import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type ServerProcess, startServerProcess } from '../server/test/server-process.ts';
import { startSmtpServer } from '../server/test/smtp.ts';
import { e2eSecondPort } from './ports.ts';
import { demoTenantName, expectAccessible, openMenuItem, signIn, useDemoSecrets } from './support.ts';

// Issue 15, points 5 and 6: a parent follows the link on the consent page to the partnership's privacy
// statement (and its child version), and the privacy officer opens the processing register and its PDF.
// This spec runs its own Passend with a local SMTP server, so the consent link comes from the mail.
const port = e2eSecondPort;
const baseURL = `http://localhost:${port}`;
const parentEmail = `sanne.devries.${crypto.randomUUID().slice(0, 6)}@thuis.test`;

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: ServerProcess;

test.describe('the privacy statement and the processing register', () => {
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(180_000);

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

  test('a parent follows the link on the consent page to the privacy statement', async ({ browser }) => {
    const context = await browser.newContext({ baseURL, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    // The IB files a request for a pupil of 9 with one parent, through the API as the form would.
    await signIn(page, 'ib@demo.passend.test');
    const csrf = (await context.cookies()).find((cookie) => cookie.name === 'passend_csrf')?.value ?? '';
    const headers = { 'x-csrf-token': csrf };
    const locations = await (await page.request.get('/api/locations?pageSize=1')).json();
    const created = await page.request.post('/api/requests', {
      headers,
      data: {
        locationId: locations.items[0].id,
        idempotencyKey: crypto.randomUUID(),
        type: 'pupil_advice',
        question: 'Hoe kan de leerkracht Daan helpen bij het plannen van zijn werk?',
        triedInBasicSupport: 'Een dagplanning op tafel.',
        hopedOutcome: 'Handelingsadviezen voor de leerkracht.',
        groupName: 'groep 6',
        asksDirectPupilSupport: false,
        expertiseTagIds: [],
        pupil: { name: 'Daan de Vries', birthDate: '2017-03-01', group: 'groep 6', email: null },
        parents: [{ name: 'Sanne de Vries', email: parentEmail, phone: '06 12345678', hasAuthority: true }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const submitted = await page.request.post(`/api/requests/${(await created.json()).id}/submit`, {
      headers,
    });
    expect(submitted.status(), await submitted.text()).toBe(200);

    await expect
      .poll(() => smtp.received.filter((mail) => JSON.stringify(mail.to).includes(parentEmail)).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    const mail = smtp.received.find((candidate) => JSON.stringify(candidate.to).includes(parentEmail));
    const consentLink = /(http:\/\/\S+\/toestemming#token=\S+)/.exec(mail?.text ?? '')?.[1];
    if (!consentLink) throw new Error('no consent link in the mail');
    // The mail links the privacy statement too.
    expect(mail?.text).toMatch(/http:\/\/\S+\/p\/[a-z0-9-]+\/privacy\n/);

    const parent = await browser.newContext({ baseURL, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const parentPage = await parent.newPage();
    await parentPage.goto(consentLink);
    await expect(parentPage.getByRole('button', { name: 'Ja, ik geef toestemming' })).toBeVisible();
    await parentPage.getByRole('link', { name: /Lees wat .* over uw kind bewaart/ }).click();
    await expect(parentPage).toHaveURL(/\/p\/[a-z0-9-]+\/privacy$/);
    await expect(
      parentPage.getByRole('heading', { level: 1, name: `Privacyverklaring van ${demoTenantName}` }),
    ).toBeVisible();
    // The periods of the partnership's retention schedule, and the privacy officer to ask.
    await expect(parentPage.getByText(/Het dossier van een hulpvraag bewaren we 2 jaar/)).toBeVisible();
    await expect(parentPage.getByRole('link', { name: 'privacy@demo.passend.test' })).toBeVisible();
    await expect(parentPage.getByRole('heading', { level: 2, name: 'Heeft u een klacht?' })).toBeVisible();
    await expectAccessible(parentPage, 'privacy-statement-parent');

    await parentPage.getByRole('link', { name: 'Uitleg voor kinderen en jongeren' }).click();
    await expect(parentPage.getByRole('heading', { level: 1, name: 'Wat weten we over jou?' })).toBeVisible();
    await expectAccessible(parentPage, 'privacy-statement-pupil');
    await parent.close();
    await context.close();
  });

  test('the privacy officer opens the processing register and downloads it as PDF', async ({ browser }) => {
    const context = await browser.newContext({
      baseURL,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, 'privacy@demo.passend.test');
    await openMenuItem(page, 'Verwerkingsregister');
    await expect(page.getByRole('heading', { level: 1, name: 'Verwerkingsregister' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Dossier van een hulpvraag' })).toBeVisible();
    // Who can see it, from the policy table; how long, from the schedule.
    const access = page.getByRole('table', { name: 'Wie kan Dossier van een hulpvraag zien' });
    await expect(access.getByRole('row', { name: /Intern begeleider de eigen school/ })).toBeVisible();
    await expect(
      page.getByText('24 maanden nadat de hulpvraag is afgesloten of geweigerd.').first(),
    ).toBeVisible();
    await expectAccessible(page, 'processing-register');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download het verwerkingsregister als PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('verwerkingsregister.pdf');
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await context.close();
  });
});
