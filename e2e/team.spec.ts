import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.ts';

const coordinator = 'stafbureau@demo.passend.test';

test('the team list sorts on the server by the header pressed, and the address keeps the order', async ({
  page,
}) => {
  await signIn(page, coordinator);
  await page.goto('/team');
  const table = page.getByRole('table', { name: /^Leden van het expertiseteam, uren van schooljaar / });
  await expect(table.getByRole('rowheader').first()).toBeVisible();
  const hoursHeader = table.getByRole('columnheader', { name: /Contracturen/ });
  await expect(hoursHeader).toHaveAttribute('aria-sort', 'none');
  // By name unless asked otherwise, and the default order stays out of the address.
  await expect(table.getByRole('columnheader', { name: /Naam/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/\/team$/);

  await hoursHeader.getByRole('button').click();
  await expect(page).toHaveURL(/\/team\?sorteer=hours$/);
  await expect(hoursHeader).toHaveAttribute('aria-sort', 'ascending');
  const byHours = (await (await page.request.get('/api/team?sort=hours')).json()) as {
    items: Array<{ name: string }>;
  };
  await expect(table.getByRole('rowheader')).toHaveText(byHours.items.map((member) => member.name));

  await hoursHeader.getByRole('button').click();
  await expect(page).toHaveURL(/\/team\?sorteer=-hours$/);
  await expect(hoursHeader).toHaveAttribute('aria-sort', 'descending');
  const byHoursDown = (await (await page.request.get('/api/team?sort=-hours')).json()) as {
    items: Array<{ name: string }>;
  };
  await expect(table.getByRole('rowheader')).toHaveText(byHoursDown.items.map((member) => member.name));
  await expectAccessible(page, 'team-list-sorted');
});

test('the staff office adds, renames and removes an expertise, asked before it is removed', async ({
  page,
}) => {
  await signIn(page, coordinator);
  await page.goto('/team/expertise');
  await page.getByLabel('Nieuwe expertise').fill('Rouwverwerking');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rouwverwerking is toegevoegd' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Expertise in het expertiseteam' });
  await expect(table.getByRole('rowheader', { name: 'Rouwverwerking', exact: true })).toBeVisible();

  // The same name twice is refused on the field, and the summary links to it.
  await page.getByLabel('Nieuwe expertise').fill('Rouwverwerking');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  const summary = page.locator('.passend-error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Deze expertise staat al in de lijst.' }).click();
  await expect(page.getByLabel('Nieuwe expertise')).toBeFocused();

  await page.getByRole('button', { name: 'Wijzig naam van Rouwverwerking' }).click();
  await page.getByLabel('Nieuwe naam voor Rouwverwerking').fill('Rouw en verlies');
  await table.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'gewijzigd in Rouw en verlies' })).toBeVisible();

  const removeButton = page.getByRole('button', { name: 'Verwijder Rouw en verlies' });
  await removeButton.click();
  const dialog = page.getByRole('dialog', { name: 'Rouw en verlies verwijderen?' });
  await expect(dialog).toContainText('Teamleden raken deze expertise kwijt.');
  await expectAccessible(page, 'expertise-remove-dialog');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(table.getByRole('rowheader', { name: 'Rouw en verlies', exact: true })).toBeVisible();

  await removeButton.click();
  await dialog.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rouw en verlies is verwijderd' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Rouw en verlies', exact: true })).toHaveCount(0);
});

test('on a member’s page wrong hours are named in the summary, and an absence is removed only after asking', async ({
  page,
}) => {
  await signIn(page, coordinator);
  await page.goto('/team');
  await page.getByRole('link', { name: 'Fatima el Amrani' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fatima el Amrani' })).toBeVisible();

  const hours = page.getByRole('textbox', { name: 'Contracturen' });
  await hours.fill('12,3');
  await page.getByRole('button', { name: 'Uren opslaan' }).click();
  const summary = page.locator('.passend-error-summary');
  await expect(summary).toBeFocused();
  await summary
    .getByRole('link', { name: 'Vul uren in stappen van een kwartier in, bijvoorbeeld 12,25.' })
    .click();
  await expect(hours).toBeFocused();
  await expect(hours).toHaveAttribute('aria-invalid', 'true');

  const absences = page.getByRole('region', { name: 'Afwezigheid', exact: true });
  await absences.getByRole('textbox', { name: 'Van', exact: true }).fill('2031-03-02');
  await absences.getByRole('textbox', { name: 'Tot en met', exact: true }).fill('2031-03-06');
  await absences.getByRole('button', { name: 'Afwezigheid toevoegen' }).click();
  await expect(absences.getByRole('status')).toHaveText(
    'De afwezigheid van 2 maart 2031 tot en met 6 maart 2031 is toegevoegd.',
  );
  const removeButton = absences.getByRole('button', {
    name: 'Verwijder afwezigheid 2 maart 2031 – 6 maart 2031',
  });
  await removeButton.click();
  const dialog = page.getByRole('dialog', { name: 'Afwezigheid 2 maart 2031 – 6 maart 2031 verwijderen?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'absence-remove-dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(removeButton).toBeFocused();
  await removeButton.click();
  await dialog.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(absences.getByRole('status')).toHaveText(
    'De afwezigheid van 2 maart 2031 tot en met 6 maart 2031 is verwijderd.',
  );
  await expect(removeButton).toHaveCount(0);
});
