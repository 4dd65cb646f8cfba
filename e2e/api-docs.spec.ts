import { expect, test } from '@playwright/test';
import { expectAccessible } from './support.ts';

// Issue 16, point 9: the API description as pages Passend serves itself, without a CDN, under its CSP.
test('the API documentation: an overview of every module, a page per module, styled under the CSP, accessible', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto('/api/docs');
  await expect(page).toHaveTitle('Passend API – documentation');
  await expect(page.getByRole('heading', { level: 1, name: /Passend API/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'requests', exact: true })).toBeVisible();
  await expectAccessible(page, 'api-docs');

  await page.getByRole('link', { name: 'POST /api/auth/sign-in' }).click();
  await expect(page).toHaveURL(/\/api\/docs\/auth#postAuthSignIn$/);
  const signIn = page.locator('article').filter({ has: page.locator('#postAuthSignIn') });
  await expect(signIn.getByRole('heading', { level: 2 })).toHaveText('POST /api/auth/sign-in');
  await expect(signIn).toBeInViewport();
  await expect(signIn).toContainText('Sign in with e-mail address and password');
  // Its own stylesheet applies: a POST's badge is green.
  await expect(signIn.locator('.method')).toHaveCSS('background-color', 'rgb(31, 107, 58)');

  // A module's page (every module's page is made by the same code).
  await expectAccessible(page, 'api-docs-auth');
  expect(blocked).toEqual([]);
});
