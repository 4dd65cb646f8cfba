import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type BrowserContext, expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { resultsDir } from './ports.ts';

/** The one password of every demo account (server/demo/demo-seed.ts). */
export const demoPassword = 'Passend-demo-2026';

/** The demo partnership's name as the home page shows it. */
export const demoTenantName = 'Samenwerkingsverband Passend Onderwijs Vallei en Rijn (demo)';

const secretsFile = path.join(resultsDir, 'demo-secrets.json');
const screensDir = path.join(resultsDir, 'screens');

const period = 30;

let secrets: Record<string, string> | null = null;

/**
 * Makes demoSecret answer from another server's printout (a spec that starts its own server); null
 * returns to the global server's secrets. Specs share one worker, so restore it in afterAll.
 */
export function useDemoSecrets(replacement: Record<string, string> | null): void {
  secrets = replacement;
}

/** The TOTP secret of a demo account, as global setup read it from the server's start-up printout. */
export function demoSecret(email: string): string {
  secrets ??= JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
  const secret = secrets[email];
  if (!secret) throw new Error(`No TOTP secret for ${email} in ${secretsFile}`);
  return secret;
}

function currentStep(): number {
  return Math.floor(Date.now() / 1000 / period);
}

/**
 * A TOTP code from a time step after `lastUsed`: the server refuses a step that was already used
 * (replay protection), so a second sign-in within the same 30 s waits for the next window.
 */
export async function freshCode(
  secret: string,
  lastUsed: number | null = null,
): Promise<{ code: string; step: number }> {
  let step = currentStep();
  if (lastUsed !== null && step <= lastUsed) {
    const nextWindowMs = (lastUsed + 1) * period * 1000;
    await new Promise((resolve) => setTimeout(resolve, nextWindowMs - Date.now() + 50));
    step = currentStep();
  }
  const code = await generate({ secret, epoch: step * period });
  return { code, step };
}

/** A six-digit code the server will not accept now (none of the steps within its tolerance). */
export async function wrongCode(secret: string): Promise<string> {
  const step = currentStep();
  const valid = new Set(
    await Promise.all(
      [-2, -1, 0, 1, 2].map((offset) => generate({ secret, epoch: (step + offset) * period })),
    ),
  );
  for (let candidate = 0; ; candidate += 1) {
    const code = String((123456 + candidate * 111111) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

// Last time step used per account, kept in a file so that a new worker (after a failed test) still
// knows it: a repeated sign-in must never replay a code the server has seen.
const usedStepsFile = path.join(resultsDir, 'used-totp-steps.json');

/** The last TOTP time step a sign-in of this account used (null before the first). */
export function lastStepOf(email: string): number | null {
  if (!existsSync(usedStepsFile)) return null;
  return (JSON.parse(readFileSync(usedStepsFile, 'utf8')) as Record<string, number>)[email] ?? null;
}

function rememberStep(email: string, step: number): void {
  const steps = existsSync(usedStepsFile) ? JSON.parse(readFileSync(usedStepsFile, 'utf8')) : {};
  writeFileSync(usedStepsFile, JSON.stringify({ ...steps, [email]: step }));
}

/** Fills e-mail and password on `/inloggen` (Dutch interface) and submits. */
export async function submitPassword(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

/** Fills a fresh TOTP code of a demo account on `/inloggen/code` and submits. */
export async function submitTotp(page: Page, email: string, secret = demoSecret(email)): Promise<void> {
  const { code, step } = await freshCode(secret, lastStepOf(email));
  rememberStep(email, step);
  await page.getByLabel('Code uit de app').fill(code);
  await page.getByRole('button', { name: 'Controleren' }).click();
}

/** Signs a demo account in through the UI (password, then TOTP) and waits for the home page. */
export async function signIn(page: Page, email: string): Promise<void> {
  await submitPassword(page, email);
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await submitTotp(page, email);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Welkom, / })).toBeVisible();
}

/** Signs out with the header button and waits for the sign-in page (sign-in.spec checks its confirmation). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);
}

/** Runs axe (WCAG 2.1 A/AA), saves a screenshot as `test-results/screens/<label>.png`, expects no violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Nothing still loading: the page is checked as the user reads it.
  await expect(
    page.getByText(/^(Even geduld, de pagina wordt geladen|Please wait, the page is loading)\.$/),
  ).toHaveCount(0);
  await page.screenshot({ path: path.join(screensDir, `${label}.png`), fullPage: true });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .map(
          (node) =>
            `    ${node.target.join(' ')}${node.failureSummary ? `\n      ${node.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
        )
        .join('\n')}`,
  );
  expect(report, `axe violations on ${label}:\n${report.join('\n')}`).toEqual([]);
}

/** Whether the page scrolls sideways (wider content than the viewport). */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * Runs the server (TEST_CLOCK, see global-setup) and this browser context on a set date (noon UTC),
 * for a flow bound to the calendar. Reset the server with `followWallClock` after the test.
 */
export async function setDate(context: BrowserContext, day: string): Promise<void> {
  const response = await context.request.put('/test/clock', { data: { at: day } });
  expect(response.status()).toBe(204);
  await context.clock.setFixedTime(new Date(`${day}T12:00:00Z`));
}

/** Lets the server's clock follow the wall clock again. */
export async function followWallClock(request: APIRequestContext): Promise<void> {
  const response = await request.put('/test/clock', { data: { at: null } });
  expect(response.status()).toBe(204);
}

/**
 * Opens a main-menu item by its label at any width: on a phone through the "Menu" button, on a wide
 * screen through the group it is in (when it has one). "Mijn account" sits with the user menu.
 */
export async function openMenuItem(page: Page, label: string): Promise<void> {
  const header = page.getByRole('banner');
  const menuButton = header.getByRole('button', { name: 'Menu', exact: true });
  const navigation = header.getByRole('navigation', { name: 'Hoofdmenu' });
  // Wait until the header is drawn for the session: the navigation row, or the phone's button.
  await expect(menuButton.or(navigation)).toBeVisible();
  if ((await menuButton.isVisible()) && (await menuButton.getAttribute('aria-expanded')) !== 'true')
    await menuButton.click();
  const link = header.getByRole('link', { name: label, exact: true, includeHidden: true });
  if (!(await link.isVisible())) {
    // The inner locator of `has` is relative to the group: from the page, not from the header.
    const inGroup = page.getByRole('link', { name: label, exact: true, includeHidden: true });
    await header.locator('.passend-nav__group', { has: inGroup }).getByRole('button').click();
  }
  await link.click();
}
