import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.ts';

// Issue 16, point 1: the start page "Mijn werk" shows each demo role what waits for it now, from the
// demo data, and a link leads to a list with as many rows as the count says.

/** The to-do row on the start page whose text matches. */
function todo(page: Page, text: RegExp): Locator {
  return page.locator('.passend-my-work li').filter({ hasText: text });
}

/** The count a to-do row states (its link starts with it). */
async function countOf(row: Locator): Promise<number> {
  const text = (await row.getByRole('link').textContent()) ?? '';
  const count = Number(/\d+/.exec(text)?.[0] ?? Number.NaN);
  expect(count, text).toBeGreaterThan(0);
  return count;
}

type Role = {
  email: string;
  label: string;
  todos: RegExp[];
  /** The to-do to follow: its list shows exactly as many rows as it counts. */
  follow?: RegExp;
};

const roles: Role[] = [
  {
    email: 'stafbureau@demo.passend.test',
    label: 'staff-office',
    todos: [/om toe te wijzen/, /80 % van de uren/, /jaargesprek gepland/],
    follow: /om toe te wijzen/,
  },
  {
    email: 'gedragswetenschapper@demo.passend.test',
    label: 'team-member',
    todos: [/om te starten/, /niet vastgelegd/, /binnen een week/],
    follow: /niet vastgelegd/,
  },
  {
    email: 'ib@demo.passend.test',
    label: 'internal-coordinator',
    todos: [
      /nog een concept/,
      /meer dan 14 dagen op toestemming/,
      /toestemmingslink/,
      /toestemming is geweigerd/,
      /ouders geïnformeerd/,
      /niet vastgelegd/,
    ],
    follow: /meer dan 14 dagen op toestemming/,
  },
  {
    email: 'directie@demo.passend.test',
    label: 'director',
    todos: [/nog een concept/, /toestemming is geweigerd/, /niet vastgelegd/],
    follow: /nog een concept/,
  },
  {
    email: 'zorgcoordinator@demo.passend.test',
    label: 'care-coordinator',
    todos: [/op een besluit/, /nog vast te stellen/],
    follow: /op een besluit/,
  },
  {
    email: 'mentor@demo.passend.test',
    label: 'mentor',
    todos: [/om te bespreken/],
    follow: /om te bespreken/,
  },
  {
    email: 'docentvso@demo.passend.test',
    label: 'vso-teacher',
    todos: [/nog vast te stellen/],
    follow: /nog vast te stellen/,
  },
  {
    email: 'beheer@demo.passend.test',
    label: 'functional-admin',
    todos: [/nog niet geaccepteerd/],
    follow: /nog niet geaccepteerd/,
  },
  {
    email: 'privacy@demo.passend.test',
    label: 'privacy-officer',
    todos: [/nieuwe? verzoeke?n? van (een )?betrokkenen?/],
    follow: /nieuwe? verzoeke?n? van (een )?betrokkenen?/,
  },
];

for (const role of roles)
  test(`Mijn werk of the ${role.label}: its to-dos from the demo, and a link to a list of as many rows`, async ({
    browser,
  }, testInfo) => {
    // A sign-in may wait for a fresh TOTP window.
    test.setTimeout(120_000);
    const { baseURL, locale, timezoneId } = testInfo.project.use;
    const context = await browser.newContext({ baseURL, locale, timezoneId });
    const page = await context.newPage();
    await signIn(page, role.email);
    await expect(page.getByRole('heading', { level: 2, name: 'Wat op je wacht' })).toBeVisible();
    for (const text of role.todos) await countOf(todo(page, text));
    await expect(page.getByText('Niets dat nu op je wacht.')).toHaveCount(0);
    await expectAccessible(page, `my-work-${role.label}`);
    if (role.follow) {
      const row = todo(page, role.follow);
      const count = await countOf(row);
      await row.getByRole('link').click();
      await expect(page).not.toHaveURL(/\/$/);
      const table = page.getByRole('table').first();
      await expect(table.locator('tbody tr')).toHaveCount(count);
      await expectAccessible(page, `my-work-${role.label}-list`);
    }
    await context.close();
  });

test('Mijn werk of the primary teacher: only the requests they are the teacher on (Y3)', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, 'leerkracht@demo.passend.test');
  await expect(page.locator('.passend-my-work li')).toHaveCount(1);
  await expect(page.locator('.passend-my-work li')).toContainText(/waarbij je de leerkracht bent/);
  // A teacher does not file requests: no way to start one here.
  await expect(page.getByRole('link', { name: 'Nieuwe hulpvraag' })).toHaveCount(0);
  await expectAccessible(page, 'my-work-teacher');
  await context.close();
});

/** Presses Tab (or Shift+Tab) until the element has focus; fails after many presses. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let presses = 0; presses < 120; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('the element was not reached with the keyboard');
}

test('the IB files a request from Mijn werk with the keyboard only', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { baseURL, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, 'ib@demo.passend.test');

  await tabTo(page, page.getByRole('link', { name: 'Nieuwe hulpvraag' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();

  // Radio groups: Tab reaches the group, the arrow keys choose within it (as a radio group works).
  const scope = page.getByRole('group', { name: /leerling zelf te begeleiden/ });
  const no = scope.getByLabel('Nee');
  await tabTo(page, scope.getByRole('radio').first());
  for (let presses = 0; presses < 5 && !(await no.isChecked()); presses += 1)
    await page.keyboard.press('ArrowDown');
  await expect(no).toBeChecked();

  const processGuidance = page.getByLabel('Procesbegeleiding');
  await tabTo(page, page.getByLabel('Advies op leerlingniveau'));
  for (let presses = 0; presses < 10 && !(await processGuidance.isChecked()); presses += 1)
    await page.keyboard.press('ArrowDown');
  await expect(processGuidance).toBeChecked();

  await tabTo(page, page.getByLabel('Wat is de vraag?'));
  await page.keyboard.type('Wij willen het gesprek met ouders over ondersteuning beter voeren.');
  await tabTo(page, page.getByLabel(/al geprobeerd/));
  await page.keyboard.type('Een studiemiddag met het team.');
  await tabTo(page, page.getByLabel(/hoopt de school/));
  await page.keyboard.type('Een gedeelde aanpak voor oudergesprekken.');

  await tabTo(page, page.getByRole('button', { name: 'Indienen' }));
  await page.keyboard.press('Enter');
  const question = page.getByRole('dialog');
  if (await question.isVisible()) {
    await tabTo(page, question.getByRole('button', { name: /^Ja/ }));
    await page.keyboard.press('Space');
  }
  await expect(page).toHaveURL(/\/hulpvragen\/[0-9a-f-]{36}$/);
  await expect(page.locator('.passend-route-notice').getByRole('status')).toHaveText(
    'De hulpvraag is ingediend.',
  );
  await expectAccessible(page, 'my-work-keyboard-filed');
  await context.close();
});
