import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import type { MyWork, MyWorkKind } from '../../contracts/my-work.ts';
import { requestStatuses } from '../../contracts/requests.ts';
import { roles } from '../../contracts/roles.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../contracts/school-year.ts';
import { serverModules } from '../modules/index.ts';
import { createHarness } from '../test/harness.ts';
import {
  demoAccountsFile,
  demoPassword,
  demoUsers,
  describeDemoAccounts,
  readDemoAccountsFile,
  readDemoSecrets,
  seedDemoIfEmpty,
  shouldSeedDemo,
  writeDemoAccountsFile,
} from './demo-seed.ts';

describe('demo data', () => {
  it('seeds the demo partnership once: an account per role, schools with counts, a team of 12 with pairs for every primary school (R5), expertise points at every secondary location (E1, E8), support requests in every state', async () => {
    const fresh = await createHarness();
    try {
      const seeded = await seedDemoIfEmpty(fresh.database, fresh.services, fresh.config);
      // Every start shows the accounts again, read from the database (issue 16).
      const accounts = await readDemoSecrets(fresh.database, fresh.config);
      expect(accounts).toEqual(seeded);
      const printout = describeDemoAccounts(accounts, 'http://localhost:3000');
      expect(printout).toContain('Passend-demo-2026');
      expect(printout).toContain('http://localhost:3000');
      for (const user of demoUsers) expect(printout).toMatch(new RegExp(`${user.email}\\s+[A-Z2-7]{16,}`));
      expect(new Set(demoUsers.map((user) => user.role))).toEqual(new Set(roles));
      expect(await seedDemoIfEmpty(fresh.database, fresh.services, fresh.config)).toBeNull();
      expect(await readDemoSecrets(fresh.database, fresh.config)).toEqual(accounts);
      const [counts] = await fresh.database.queryAsOwner<{ tenants: number; demo: boolean; mails: number }>(
        sql`select (select count(*)::int from tenants) as tenants, (select bool_and(is_demo) from tenants) as demo,
          (select count(*)::int from outbox_mails) as mails`,
      );
      expect(counts).toEqual({ tenants: 1, demo: true, mails: 0 });
      const [organisation] = await fresh.database.queryAsOwner<Record<string, number>>(sql`select
          (select count(*)::int from role_assignments where role = 'team_member') as team,
          (select count(*)::int from locations where sector in ('bo', 'sbo', 'so')) as primary_schools,
          (select count(distinct location_id)::int from school_team_assignments where valid_to is null and is_contact) as with_contact,
          (select count(*)::int from school_team_assignments where valid_to is null) as open_periods,
          (select count(*)::int from locations where sector = 'vo') as secondary,
          (select count(*)::int from expertise_points) as expertise_points,
          (select count(*)::int from expertise_points where offers_homework_support) as homework,
          (select count(*)::int from locations l where not exists (select 1 from pupil_counts c where c.location_id = l.id)) as without_counts`);
      expect(organisation?.team).toBe(12);
      expect(organisation?.with_contact).toBe(organisation?.primary_schools);
      expect(organisation?.open_periods).toBe(2 * Number(organisation?.primary_schools));
      expect(organisation?.expertise_points).toBe(organisation?.secondary);
      expect(organisation?.homework).toBe(2);
      expect(organisation?.without_counts).toBe(0);
      const statuses = await fresh.database.queryAsOwner<{ status: string }>(
        sql`select distinct status from support_requests order by status`,
      );
      expect(statuses.map((row) => row.status)).toEqual([...requestStatuses].sort());
      // Hours (issue 5): this year's allocation adopted, its lines adding up, and time logged after the
      // school year's first weeks, with one school past 80 % so the warning shows.
      const [hours] = await fresh.database.queryAsOwner<Record<string, number>>(sql`select
          (select count(*)::int from allocations where status = 'adopted') as adopted,
          (select sum(l.hours)::int from allocation_lines l) as allocated,
          (select count(*)::int from time_entries) as entries,
          (select count(*)::int from budget_warnings where threshold = 80) as warnings`);
      // Meetings (issue 6): most primary schools have their year's talk and SOT meetings; the
      // Regenboog has only a past SOT still to record (Mijn werk), the browser test plans the rest.
      const [meetingCounts] = await fresh.database.queryAsOwner<Record<string, number>>(sql`select
          (select count(*)::int from meetings where kind = 'annual_talk') as talks,
          (select count(*)::int from meetings where kind = 'sot') as sot,
          (select count(*)::int from meetings m join locations l on l.id = m.location_id
            where l.name = 'OBS De Regenboog') as regenboog`);
      expect(meetingCounts?.talks).toBeGreaterThan(0);
      expect(meetingCounts?.sot).toBeGreaterThan(0);
      expect(meetingCounts?.regenboog).toBe(1);
      expect(hours?.adopted).toBe(1);
      expect(hours?.allocated).toBe(1200);
      const start = `${schoolYearOf(todayInAmsterdam())}-08-01`;
      if (addDays(start, 21) <= addDays(todayInAmsterdam(), -7)) {
        expect(hours?.entries).toBeGreaterThan(0);
        expect(hours?.warnings).toBe(1);
      }
    } finally {
      await fresh.close();
    }
  });

  it('seeds all of the demo or nothing: a seed stopped at any step leaves no partnership, and the next start seeds the whole demo (issue 16)', async () => {
    const fresh = await createHarness();
    try {
      const lastModule = serverModules.filter((module) => module.demo).at(-1)?.name ?? '';
      for (const failingStep of ['accounts', 'organisation', lastModule]) {
        const steps: string[] = [];
        const interrupted = seedDemoIfEmpty(fresh.database, fresh.services, fresh.config, {
          afterStep: (step) => {
            steps.push(step);
            if (step === failingStep) throw new Error(`stopped after ${step}`);
          },
        });
        await expect(interrupted).rejects.toThrow(`stopped after ${failingStep}`);
        expect(steps.at(-1)).toBe(failingStep);
        const [left] = await fresh.database.queryAsOwner<Record<string, number>>(sql`select
            (select count(*)::int from tenants) as tenants, (select count(*)::int from users) as users,
            (select count(*)::int from locations) as locations, (select count(*)::int from audit_events) as events`);
        expect(left).toEqual({ tenants: 0, users: 0, locations: 0, events: 0 });
        expect(await readDemoSecrets(fresh.database, fresh.config)).toEqual([]);
      }
      const seeded = await seedDemoIfEmpty(fresh.database, fresh.services, fresh.config);
      expect(seeded?.map((account) => account.email).sort()).toEqual(
        demoUsers.map((user) => user.email).sort(),
      );
      const [whole] = await fresh.database.queryAsOwner<Record<string, number>>(sql`select
          (select count(*)::int from tenants) as tenants,
          (select count(*)::int from users where password_hash is null and status <> 'invited') as without_password,
          (select count(distinct status)::int from support_requests) as request_states`);
      expect(whole).toEqual({ tenants: 1, without_password: 0, request_states: requestStatuses.length });
    } finally {
      await fresh.close();
    }
  });

  it('gives every demo role real to-dos on its start page, Mijn werk (issue 16)', async () => {
    const fresh = await createHarness();
    try {
      const accounts = (await seedDemoIfEmpty(fresh.database, fresh.services, fresh.config)) ?? [];
      const kindsOf = async (email: string): Promise<Partial<Record<MyWorkKind, string>>> => {
        const client = fresh.client();
        const account = accounts.find((candidate) => candidate.email === email);
        const first = await client.post('/api/auth/sign-in', { email, password: demoPassword });
        expect(first.statusCode, first.body).toBe(200);
        const second = await client.post('/api/auth/mfa/verify', {
          code: await generate({ secret: account?.secret ?? '' }),
        });
        expect(second.statusCode, second.body).toBe(200);
        const response = await client.get('/api/my-work');
        expect(response.statusCode, response.body).toBe(200);
        return Object.fromEntries(
          (response.json() as MyWork).items.map((item) => [item.kind, `${item.count} ${item.severity}`]),
        );
      };
      const expected: Record<string, MyWorkKind[]> = {
        'stafbureau@demo.passend.test': [
          'requests_to_assign',
          'budgets_at_80',
          'meetings_annual_talk_to_plan',
          'meetings_sot_to_plan',
        ],
        'gedragswetenschapper@demo.passend.test': [
          'requests_to_start',
          'meetings_to_record',
          'action_items_due',
        ],
        'ib@demo.passend.test': [
          'requests_drafts',
          'requests_consent_waiting',
          'requests_consent_expired',
          'requests_consent_refused',
          'requests_parents_informed',
          'meetings_to_record',
          'meetings_annual_talk_to_plan',
        ],
        'directie@demo.passend.test': ['requests_drafts', 'requests_consent_waiting', 'meetings_to_record'],
        'zorgcoordinator@demo.passend.test': ['signals_to_decide', 'opp_to_adopt'],
        'teamleider@demo.passend.test': ['signals_to_decide', 'opp_to_adopt'],
        'mentor@demo.passend.test': ['signals_to_discuss'],
        'docentvso@demo.passend.test': ['opp_to_adopt'],
        'beheer@demo.passend.test': ['invitations_open'],
        'privacy@demo.passend.test': ['subject_requests_received'],
      };
      for (const [email, kinds] of Object.entries(expected)) {
        const work = await kindsOf(email);
        for (const kind of kinds) expect(work[kind], `${email} ${kind}`).toMatch(/^[1-9]\d* /);
      }
      // The primary teacher sees the request they are the teacher on (Y3), and nothing else waits.
      expect(Object.keys(await kindsOf('leerkracht@demo.passend.test'))).toEqual(['requests_as_teacher']);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the demo accounts in a file only its owner reads, for demo-codes while Passend runs; removes it without a demo', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'passend-demo-file-'));
    try {
      const accounts = [{ email: 'beheer@demo.passend.test', secret: 'JBSWY3DPEHPK3PXP' }];
      expect(readDemoAccountsFile(dataDir)).toBeNull();
      writeDemoAccountsFile(dataDir, accounts);
      expect(statSync(demoAccountsFile(dataDir)).mode & 0o777).toBe(0o600);
      expect(readDemoAccountsFile(dataDir)).toEqual(accounts);
      writeDemoAccountsFile(dataDir, []);
      expect(existsSync(demoAccountsFile(dataDir))).toBe(false);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('seeds demo data by default on the embedded database, never on a server unless asked', () => {
    expect(shouldSeedDemo({ seedDemo: null, database: { kind: 'pglite', dataDir: null } })).toBe(true);
    expect(shouldSeedDemo({ seedDemo: null, database: { kind: 'pg', url: 'postgres://x/y' } })).toBe(false);
    expect(shouldSeedDemo({ seedDemo: true, database: { kind: 'pg', url: 'postgres://x/y' } })).toBe(true);
    expect(shouldSeedDemo({ seedDemo: false, database: { kind: 'pglite', dataDir: null } })).toBe(false);
  });
});
