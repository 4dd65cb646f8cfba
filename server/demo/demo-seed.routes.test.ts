import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { requestStatuses } from '../../contracts/requests.ts';
import { roles } from '../../contracts/roles.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../contracts/school-year.ts';
import { createHarness } from '../test/harness.ts';
import { demoUsers, seedDemoIfEmpty, shouldSeedDemo } from './demo-seed.ts';

describe('demo data', () => {
  it('seeds the demo partnership once: an account per role, schools with counts, a team of 12 with pairs for every primary school (R5), expertise points at every secondary location (E1, E8), support requests in every state', async () => {
    const fresh = await createHarness();
    try {
      const printout = await seedDemoIfEmpty(fresh.database, fresh.services, fresh.config);
      expect(printout).toContain('Passend-demo-2026');
      for (const user of demoUsers) expect(printout).toMatch(new RegExp(`${user.email}\\s+[A-Z2-7]{16,}`));
      expect(new Set(demoUsers.map((user) => user.role))).toEqual(new Set(roles));
      expect(await seedDemoIfEmpty(fresh.database, fresh.services, fresh.config)).toBeNull();
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
      // Regenboog starts empty for the browser test.
      const [meetingCounts] = await fresh.database.queryAsOwner<Record<string, number>>(sql`select
          (select count(*)::int from meetings where kind = 'annual_talk') as talks,
          (select count(*)::int from meetings where kind = 'sot') as sot,
          (select count(*)::int from meetings m join locations l on l.id = m.location_id
            where l.name = 'OBS De Regenboog') as regenboog`);
      expect(meetingCounts?.talks).toBeGreaterThan(0);
      expect(meetingCounts?.sot).toBeGreaterThan(0);
      expect(meetingCounts?.regenboog).toBe(0);
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

  it('seeds demo data by default on the embedded database, never on a server unless asked', () => {
    expect(shouldSeedDemo({ seedDemo: null, database: { kind: 'pglite', dataDir: null } })).toBe(true);
    expect(shouldSeedDemo({ seedDemo: null, database: { kind: 'pg', url: 'postgres://x/y' } })).toBe(false);
    expect(shouldSeedDemo({ seedDemo: true, database: { kind: 'pg', url: 'postgres://x/y' } })).toBe(true);
    expect(shouldSeedDemo({ seedDemo: false, database: { kind: 'pglite', dataDir: null } })).toBe(false);
  });
});
