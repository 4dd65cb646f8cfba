import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { demoTenantName, expectAccessible, scrollWidth, signIn } from './support.ts';

// Issue 3 (organisation). Only the coordinator and the functional admin manage schools and pairs,
// and both already sign in in other specs: this file signs the coordinator in once (in beforeAll)
// and support.ts keeps the used TOTP time step, so sign-in.spec never replays it.
const coordinator = 'stafbureau@demo.passend.test';

// Three new, fictional primary schools in DUO's open-data layout for school locations
// ("vestigingen po"), saved as Excel on Windows does: Windows-1252 with CRLF. The ’ (0x92), ü and Ë
// only survive when the server decodes Windows-1252, not Latin-1 or UTF-8.
const duoFile = path.resolve(import.meta.dirname, 'fixtures/duo-vestigingen-po.csv');
const duoLines = [
  'PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;DENOMINATIE;SOORT PRIMAIR ONDERWIJS',
  'Gelderland;41802;07KT;07KT00;Basisschool ’t Kloostertje;Reünielaan;4;6711AB;Ede;0228;Ede;Rooms-Katholiek;Bao',
  'Gelderland;41801;12EK;12EK00;OBS De Ëik;Hoogstraat;17-a;6705 CG;Wageningen;0289;Wageningen;Openbaar;Bao',
  'Utrecht;41802;15SJ;15SJ01;CBS Sint-Jozef;Prinses Beatrixlaan;2;3911 HE;Rhenen;0340;Rhenen;Protestants-Christelijk;Bao',
];
const newSchools = [
  { name: 'Basisschool ’t Kloostertje', code: '07KT 00', place: 'Ede' },
  { name: 'OBS De Ëik', code: '12EK 00', place: 'Wageningen' },
  { name: 'CBS Sint-Jozef', code: '15SJ 01', place: 'Rhenen' },
];

/** Today in the Netherlands as YYYY-MM-DD (the pair's effective date). */
function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** Expects the page not to scroll sideways at a phone width of 320 px. */
async function expectNoSidewaysScrollAt320(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  await expect.poll(() => scrollWidth(page)).toBeLessThanOrEqual(320);
  if (viewport) await page.setViewportSize(viewport);
}

test('the DUO fixture is the Windows-1252 encoding of the rows above', () => {
  expect(readFileSync(duoFile)).toEqual(iconv.encode(`${duoLines.join('\r\n')}\r\n`, 'win1252'));
});

test.describe('the coordinator sets up the organisation', () => {
  // Each test builds on the one before: the imported schools get their pair.
  test.describe.configure({ mode: 'serial' });
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }, testInfo) => {
    // One context for the three tests (axe needs a page of browser.newContext(), not browser.newPage()).
    const { baseURL, locale, timezoneId } = testInfo.project.use;
    context = await browser.newContext({ baseURL, locale, timezoneId });
    page = await context.newPage();
    await signIn(page, coordinator);
  });

  test.afterAll(async () => {
    await context.close();
  });

  test('imports a DUO locations file in Windows-1252: preview first, then all three schools', async () => {
    await page.goto('/scholen/importeren');
    await expect(page.getByRole('heading', { level: 1, name: 'Scholen importeren' })).toBeVisible();

    await page.getByLabel('Soort bestand').selectOption({ label: 'DUO: adressen van vestigingen' });
    await page.getByLabel('CSV-bestand').setInputFiles(duoFile);
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();

    const preview = page.getByRole('region', { name: 'Voorbeeld', exact: true });
    await expect(preview.getByRole('heading', { level: 2, name: 'Voorbeeld' })).toBeFocused();
    await expect(preview.getByText('Tekenset: Windows-1252 (Excel).')).toBeVisible();
    const summary = preview.getByRole('table', { name: 'Samenvatting van het bestand' });
    for (const [kind, count] of [
      ['Regels in het bestand', 3],
      ['Toevoegen', 3],
      ['Wijzigen', 0],
      ['Blijft hetzelfde', 0],
      ['Met fouten', 0],
    ] as const) {
      await expect(summary.getByRole('row', { name: `${kind} ${count}`, exact: true })).toBeVisible();
    }
    const added = preview.getByRole('table', { name: 'Toe te voegen' });
    await expect(added.getByRole('rowheader')).toHaveText(newSchools.map((school) => school.name));
    await expect(added.getByRole('row', { name: /Basisschool ’t Kloostertje/ })).toContainText('07KT 00');
    await expect(page.getByRole('table', { name: 'Regels met fouten' })).toHaveCount(0);
    await expect(
      page.getByText('Er zijn geen fouten. Met ‘Importeren’ verwerk je het hele bestand in één keer.'),
    ).toBeVisible();
    await expectAccessible(page, 'import-preview');

    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Import gelukt' })).toHaveText(
      'Import gelukt: 3 toegevoegd, 0 gewijzigd, 0 hetzelfde gebleven.',
    );

    // The same file again changes nothing.
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await expect(summary.getByRole('row', { name: 'Blijft hetzelfde 3', exact: true })).toBeVisible();
    await expect(summary.getByRole('row', { name: 'Toevoegen 0', exact: true })).toBeVisible();
    await expect(
      page.getByText('Alles in dit bestand staat al zo in Passend. Importeren verandert niets.'),
    ).toBeVisible();

    // The list finds an imported school by (part of) its name, with its Dutch characters intact.
    await page.getByRole('link', { name: 'Terug naar scholen' }).click();
    await expect(page).toHaveURL(/\/scholen$/);
    await page.getByLabel('Zoek op naam, BRIN of plaats').fill('kloostertje');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect(page).toHaveURL(/\/scholen\?zoek=kloostertje$/);
    const found = page.getByRole('table', { name: /^Gevonden scholen, schooljaar / });
    await expect(found.getByRole('rowheader')).toHaveText(['Basisschool ’t Kloostertje']);
    const row = found.getByRole('row', { name: /Basisschool ’t Kloostertje/ });
    for (const text of [
      '07KT 00',
      'Ede',
      'Basisonderwijs',
      'Vereniging Christelijk Basisonderwijs De Heuvelrug',
      'Niet geteld',
      'Actief',
    ]) {
      await expect(row).toContainText(text);
    }
    await expectAccessible(page, 'schools-after-import');

    // The other two are there as well.
    await page.getByLabel('Zoek op naam, BRIN of plaats').fill('');
    await page.getByLabel('Sector').selectOption({ label: 'Basisonderwijs' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    for (const school of newSchools) {
      await expect(page.getByRole('rowheader', { name: school.name, exact: true })).toBeVisible();
    }
  });

  test('at /koppelingen the new schools lack a pair; one pair is assigned to all three at once', async () => {
    await page.goto('/koppelingen');
    await expect(page.getByRole('heading', { level: 1, name: 'Koppelingen' })).toBeVisible();
    // Every demo school has a pair; only the three imported ones lack one, and they come first.
    await expect(page.getByText('3 scholen hebben geen complete koppeling.')).toBeVisible();
    const table = page.getByRole('table', { name: /^Basisscholen en hun vaste teamleden op / });
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    for (const school of newSchools) {
      const row = rowOf(school.name);
      await expect(row).toContainText('Geen koppeling');
      await expect(row).toContainText(`${school.place} · ${school.code.replace(' ', '')}`);
      await expect(row).toHaveClass(/passend-pair-row--lacking/);
    }
    await expect(table.getByRole('rowheader').nth(0)).toContainText(newSchools[0]?.name as string);
    await expect(rowOf('OBS De Regenboog')).toContainText('Compleet');
    await expect(rowOf('OBS De Regenboog')).not.toHaveClass(/passend-pair-row--lacking/);
    await expectAccessible(page, 'pairs-lacking');

    for (const school of newSchools) {
      await page.getByRole('checkbox', { name: `Kies ${school.name}`, exact: true }).check();
    }
    await expect(page.getByText('Je koppelt 3 scholen aan dezelfde twee teamleden.')).toBeVisible();
    const bulk = page.getByRole('form', { name: 'Koppel gekozen scholen' });
    await bulk
      .getByLabel('Gedragswetenschapper', { exact: true })
      .selectOption({ label: 'Linda van den Berg' });
    await bulk
      .getByLabel('Begeleider passend onderwijs', { exact: true })
      .selectOption({ label: 'Nienke Schouten' });
    await bulk.getByLabel('Contactpersoon').selectOption({ label: 'Begeleider passend onderwijs' });
    await bulk.getByLabel('Gaat in op').fill(todayInAmsterdam());
    await bulk.getByRole('button', { name: 'Koppelen' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Klaar:' })).toHaveText(
      'Klaar: 3 scholen gewijzigd, 0 ongewijzigd.',
    );
    for (const school of newSchools) {
      const row = rowOf(school.name);
      await expect(row).toContainText('Compleet');
      await expect(row).toContainText('Linda van den Berg');
      await expect(row).toContainText('Nienke Schouten (contactpersoon)');
      await expect(row).not.toHaveClass(/passend-pair-row--lacking/);
    }
    await expect(page.getByText(/geen complete koppeling/)).toHaveCount(0);
    await expect(page.getByText('Alle scholen op deze pagina hebben een complete koppeling.')).toBeVisible();
    await expect(page.getByText('Kies eerst een of meer scholen in de tabel.')).toBeVisible();
    await expectAccessible(page, 'pairs-assigned');
  });

  test('/expertisepunten warns about the secondary location without a VSO teacher', async () => {
    await page.goto('/expertisepunten');
    await expect(page.getByRole('heading', { level: 1, name: 'Expertisepunten' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Expertisepunten per vestiging' });
    const edens = table.getByRole('row').filter({ hasText: 'Het Edens Atheneum' });
    await expect(edens).toContainText('Geen docent vso');
    await expect(table.getByRole('row').filter({ hasText: 'Rijnstroom College' })).toContainText('In orde');
    await expectAccessible(page, 'expertise-points-warning');

    // Only the warnings: just that location. The tick box filters at once, and the address keeps it.
    await page.getByLabel('Alleen vestigingen met een waarschuwing').check();
    await expect(page).toHaveURL(/\/expertisepunten\?waarschuwingen=ja$/);
    const warnings = page.getByRole('table', { name: 'Vestigingen met een waarschuwing' });
    await expect(warnings.getByRole('rowheader')).toHaveCount(1);
    await expect(warnings.getByRole('rowheader')).toContainText('Het Edens Atheneum');
  });
});

test('signed out, the public team page and an expertise-point page render in plain Dutch', async ({
  page,
}) => {
  await page.goto('/p/demo/team');
  await expect(
    page.getByRole('heading', { level: 1, name: `Het expertiseteam van ${demoTenantName}` }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);
  const members = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(members.first()).toBeVisible();
  expect(await members.count()).toBeGreaterThanOrEqual(12);
  const jeroen = members.filter({ has: page.getByRole('heading', { name: 'Jeroen Bakker' }) });
  await expect(jeroen).toContainText('Gedragswetenschapper');
  await expect(jeroen).toContainText('OBS De Regenboog, Veenendaal');
  await expect(members.filter({ hasText: 'Begeleider passend onderwijs' }).first()).toBeVisible();
  // No e-mail addresses on a public page.
  expect(await page.locator('body').innerText()).not.toContain('@');
  await expectAccessible(page, 'public-team');
  await expectNoSidewaysScrollAt320(page);

  // The expertise points, found through the page's own links; E8 is offered at some schools only.
  await page.getByRole('link', { name: 'Expertisepunten in het voortgezet onderwijs' }).click();
  await expect(page).toHaveURL(/\/p\/demo\/expertisepunten$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Kies een school' })).toBeVisible();
  const schoolLinks = page.locator('a[href^="/p/demo/expertisepunten/"]');
  const names = await schoolLinks.allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(2);
  let withHomework: string | null = null;
  let withoutHomework: string | null = null;
  for (const name of names) {
    if (withHomework && withoutHomework) break;
    if (!page.url().endsWith('/p/demo/expertisepunten')) await page.goto('/p/demo/expertisepunten');
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(/\/p\/demo\/expertisepunten\/[\w-]+$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Wat biedt het expertisepunt?' })).toBeVisible();
    if ((await page.getByRole('heading', { level: 2, name: 'Extra op deze school' }).count()) > 0) {
      withHomework ??= name;
    } else {
      withoutHomework ??= name;
      await expect(page.getByText('huiswerkbegeleiding', { exact: true })).toHaveCount(0);
    }
  }
  expect(withHomework, 'a school that offers homework support').not.toBeNull();
  expect(withoutHomework, 'a school that does not offer homework support').not.toBeNull();

  await page.goto('/p/demo/expertisepunten');
  await page.getByRole('link', { name: withHomework as string, exact: true }).click();
  const schoolName = (withHomework as string).replace(/, [^,]+$/, '');
  await expect(page.getByRole('heading', { level: 1, name: `Expertisepunt ${schoolName}` })).toBeVisible();
  await expect(page.getByRole('definition').first()).toHaveText(/^Lokaal /);
  for (const offer of ['persoonlijke aandacht', 'een veilige, rustige plek', 'coaching']) {
    await expect(page.getByRole('listitem').filter({ hasText: offer }).first()).toBeVisible();
  }
  await expect(page.getByText('Niet elk expertisepunt biedt dit. Op deze school wel:')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^huiswerkbegeleiding$/ })).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: /^hulp bij het ordenen en plannen van huiswerk$/ }),
  ).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('@');
  await expectAccessible(page, 'public-expertise-point');
  await expectNoSidewaysScrollAt320(page);
});
