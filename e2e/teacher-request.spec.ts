import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { expectAccessible, openMenuItem, signIn } from './support.ts';

// Y3: the IB picks the teacher on a request from the school's teachers; that teacher signs in and
// sees the request and its thread, and writes in it. Runs on the shared demo server.
const ib = 'ib@demo.passend.test';
const teacher = 'leerkracht@demo.passend.test';
const teacherName = 'Sanne Mulder';
const run = crypto.randomUUID().slice(0, 6);
const question = `Een leerkracht in groep 5 zoekt rust bij de overgangen (${run}).`;
const message = `Fijn dat je meedoet, Sanne. Ik plan een gesprek (${run}).`;

async function signedInPage(
  browser: Browser,
  email: string,
  use: { baseURL?: string; locale?: string; timezoneId?: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: use.baseURL,
    locale: use.locale,
    timezoneId: use.timezoneId,
  });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test('the IB picks a teacher on a request; that teacher sees the request and its thread', async ({
  browser,
}, testInfo) => {
  // Two sign-ins, each of which may wait for a fresh TOTP window.
  test.setTimeout(180_000);
  const school = await signedInPage(browser, ib, testInfo.project.use);
  const { page } = school;
  await page.goto('/hulpvragen/nieuw');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();
  await page
    .getByRole('group', { name: /leerling zelf te begeleiden/ })
    .getByLabel('Nee')
    .check();
  await page.getByLabel(/Coaching leerkracht \(klassenmanagement\)/).check();
  await page.getByLabel('Wat is de vraag?').fill(question);
  await page.getByLabel(/al geprobeerd/).fill('Een vast ritueel bij het wisselen van les.');
  await page.getByLabel(/hoopt de school/).fill('Handvatten voor de leerkracht bij de overgangen.');
  // The teacher is picked from the school's teachers, found by name.
  await page.getByLabel('Zoek een leerkracht op naam').fill('Sanne');
  const picker = page.getByLabel('Betrokken leerkracht');
  await expect(picker.getByRole('option', { name: teacherName })).toHaveCount(1);
  await picker.selectOption({ label: teacherName });
  await expectAccessible(page, 'teacher-request-form');
  await page.getByRole('button', { name: 'Indienen' }).click();
  await page
    .getByRole('dialog', { name: 'Hulpvraag indienen?' })
    .getByRole('button', { name: 'Ja, indienen' })
    .click();
  await expect(page).toHaveURL(/\/hulpvragen\/[0-9a-f-]{36}$/);
  const requestPath = new URL(page.url()).pathname;
  await expect(page.getByText(teacherName).first()).toBeVisible();
  await page.getByLabel('Bericht', { exact: true }).fill(message);
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.getByText('Het bericht is geplaatst.')).toBeVisible();
  await expectAccessible(page, 'teacher-request-detail-school');
  await school.context.close();

  const own = await signedInPage(browser, teacher, testInfo.project.use);
  // The start page points to the requests the teacher is on, the menu to the list.
  await expect(own.page.locator('.passend-my-work li')).toContainText(/waarbij je de leerkracht bent/);
  await openMenuItem(own.page, 'Hulpvragen');
  await expect(own.page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
  await expect(own.page.getByRole('link', { name: /HV-/ }).first()).toBeVisible();
  await expectAccessible(own.page, 'teacher-request-list');
  await own.page.goto(requestPath);
  await expect(own.page.getByText(question)).toBeVisible();
  await expect(own.page.getByText(message)).toBeVisible();
  // The teacher writes in the thread as one of the school; nothing else to do here.
  await expect(own.page.getByRole('button', { name: 'Leerkracht opslaan' })).toHaveCount(0);
  await own.page.getByLabel('Bericht', { exact: true }).fill(`Dank je, dinsdag past mij (${run}).`);
  await own.page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(own.page.getByText('Het bericht is geplaatst.')).toBeVisible();
  await expectAccessible(own.page, 'teacher-request-detail-teacher');
  await own.context.close();
});
