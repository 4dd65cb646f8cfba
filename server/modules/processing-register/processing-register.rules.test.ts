import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { retentionKinds, retentionRules, standardSchedule } from '../../../contracts/retention.ts';
import * as schema from '../../db/schema.ts';
import { type Action, policies, scopesOf } from '../../platform/access/policies.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { registerModules } from '../index.ts';
import { registerDeclaration, tablesWithoutPersonalData } from './processing-register.declaration.ts';
import { accessOf, computeRegister } from './processing-register.rules.ts';

// The whole policy table and every catalogue, as the app registers them.
registerModules();

const tablesOfSchema = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableName(table as PgTable))
  .sort();
const declaredTables = registerDeclaration.flatMap((entry) => entry.tables);

describe('the processing register cannot drift from the code (issue 15, point 5)', () => {
  it('places every table of the schema in one register entry, or names it as holding no personal data', () => {
    const placed = [...declaredTables, ...Object.keys(tablesWithoutPersonalData)];
    const unplaced = tablesOfSchema.filter((table) => !placed.includes(table));
    expect(unplaced, 'add these tables to processing-register.declaration.ts').toEqual([]);
    // Each once, and none that the schema does not have.
    expect(placed.filter((table, index) => placed.indexOf(table) !== index)).toEqual([]);
    expect(placed.filter((table) => !tablesOfSchema.includes(table))).toEqual([]);
  });

  it('P1: places every action that shows pupil data in a register entry', () => {
    const pupilDataActions = (Object.keys(policies) as Action[]).filter(
      (action) => (policies[action] as { pupilData?: true }).pupilData,
    );
    expect(pupilDataActions.length).toBeGreaterThan(5);
    const read = new Set(registerDeclaration.flatMap((entry) => entry.readActions));
    expect(pupilDataActions.filter((action) => !read.has(action))).toEqual([]);
    // And names only actions the policy table has.
    expect([...read].filter((action) => !(action in policies))).toEqual([]);
  });

  it('P4: names every kind of the retention schedule in a register entry', () => {
    const named = new Set(
      registerDeclaration.flatMap((entry) => (typeof entry.retention === 'string' ? [] : entry.retention)),
    );
    expect(retentionKinds.filter((kind) => !named.has(kind))).toEqual([]);
  });

  it('has every text of every entry in Dutch and English', () => {
    for (const locale of ['nl', 'en'] as const) {
      const register = computeRegister({
        declaration: registerDeclaration,
        tablesWithoutPersonalData,
        partnershipName: 'SWV Test',
        schedule: standardSchedule(),
        scopesOf,
        t: (key, params) => translate(locale, key, params),
      });
      const texts = JSON.stringify(register);
      expect(texts, locale).not.toMatch(/processingRegister\./);
    }
  });
});

describe('the computed register', () => {
  const register = (schedule = standardSchedule()) =>
    computeRegister({
      declaration: registerDeclaration,
      tablesWithoutPersonalData,
      partnershipName: 'SWV Test',
      schedule,
      scopesOf,
      t: (key, params) => translate('nl', key, params),
    });

  it('P1: tells who can see a request file from the policy table, by role and reach', () => {
    const entry = register().entries.find((candidate) => candidate.id === 'request_file');
    const access = Object.fromEntries(entry?.access.map((row) => [row.role, row.scopes]) ?? []);
    expect(access.internal_coordinator).toEqual(['de eigen school']);
    expect(access.coordinator).toEqual([
      'het hele samenwerkingsverband',
      expect.stringContaining('eigen dossiers'),
    ]);
    expect(access.privacy_officer).toBeUndefined();
    expect(access.mentor).toBeUndefined();
    expect(entry?.access.find((row) => row.role === 'internal_coordinator')?.roleName).toBe(
      'Intern begeleider',
    );
  });

  it('follows a change of the policy: a role that gains a read action shows up', () => {
    const scopes = (action: Action, role: Parameters<typeof scopesOf>[1]) =>
      role === 'teacher' && action === 'requests.read' ? (['participant'] as const) : scopesOf(action, role);
    expect(accessOf(['requests.read'], scopes).map((row) => row.role)).toContain('teacher');
  });

  it("P4: takes the retention period from the partnership's schedule, not a fixed text", () => {
    const schedule = standardSchedule();
    const chosen = {
      periods: schedule.periods.map((period) =>
        period.kind === 'request_file' ? { ...period, amount: 36 } : period,
      ),
    };
    const entry = register(chosen).entries.find((candidate) => candidate.id === 'request_file');
    expect(entry?.retention.kinds).toContainEqual({ kind: 'request_file', amount: 36, unit: 'months' });
    expect(entry?.retention.text).toContain('36 maanden nadat de hulpvraag is afgesloten of geweigerd');
    const standard = register().entries.find((candidate) => candidate.id === 'request_file');
    expect(standard?.retention.text).toContain(`${retentionRules.request_file.standard} maanden`);
    const mail = register().entries.find((candidate) => candidate.id === 'mail_and_links');
    expect(mail?.retention.text).toContain('30 dagen');
    const accounts = register().entries.find((candidate) => candidate.id === 'staff_accounts');
    expect(accounts?.retention.kinds).toEqual([]);
    expect(accounts?.retention.text).toContain('Zolang de medewerker een account heeft');
  });

  it('names the legal basis: AVG art. 6, art. 9 for special-category data, the law and consent (R8)', () => {
    const entries = register().entries;
    const file = entries.find((candidate) => candidate.id === 'request_file');
    expect(file?.specialCategory).toBe(true);
    expect(file?.legalBasis.join(' ')).toMatch(/art\. 6 .*art\. 9 .*Wet passend onderwijs.*Toestemming/s);
    const trajectory = entries.find((candidate) => candidate.id === 'trajectory');
    expect(trajectory?.legalBasis.join(' ')).toContain('UAVG art. 30');
    expect(trajectory?.legalBasis.join(' ')).toContain('WVO');
  });
});
