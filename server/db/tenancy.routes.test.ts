import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../platform/audit/audit.schema.ts';
import { users } from '../platform/auth/auth.schema.ts';
import { createHarness, type Harness } from '../test/harness.ts';
import { queryRows } from './client.ts';
import { preparedQuery } from './prepared.ts';

let harness: Harness;
let tenantA: Awaited<ReturnType<Harness['createTenant']>>;
let tenantB: Awaited<ReturnType<Harness['createTenant']>>;

beforeAll(async () => {
  harness = await createHarness();
  tenantA = await harness.createTenant();
  tenantB = await harness.createTenant();
  await harness.createUser(tenantA.tenantId, [{ role: 'coordinator' }]);
  await harness.createUser(tenantB.tenantId, [{ role: 'coordinator' }]);
});
afterAll(() => harness.close());

describe('tenancy with row-level security (P6)', () => {
  it('P6: a query without the tenant setting sees no rows of any partnership table', async () => {
    const tables = await harness.database.queryAsOwner<{ table_name: string }>(
      sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'`,
    );
    expect(tables.length).toBeGreaterThan(5);
    const counts = await harness.database.withoutTenant(async ({ db }) => {
      const result: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
        );
        result[table_name] = Number(row?.n);
      }
      return result;
    });
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
    // The same tables do hold rows, as the owner sees.
    const [owned] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from users`,
    );
    expect(Number(owned?.n)).toBeGreaterThanOrEqual(2);
  });

  it('P6: inside a tenant transaction only that partnership is visible', async () => {
    const visible = await harness.database.withTenant(tenantA.tenantId, ({ db }) =>
      db.select({ tenantId: users.tenantId }).from(users),
    );
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((row) => row.tenantId === tenantA.tenantId)).toBe(true);
  });

  it('P6: a write into another partnership is refused by the database', async () => {
    await expect(
      harness.database.withTenant(tenantA.tenantId, ({ db }) =>
        db.insert(users).values({ tenantId: tenantB.tenantId, email: 'intruder@school.test', name: 'X' }),
      ),
    ).rejects.toThrow();
    const moved = await harness.database
      .withTenant(tenantA.tenantId, ({ db }) =>
        db.update(users).set({ tenantId: tenantB.tenantId }).returning({ id: users.id }),
      )
      .catch((error: unknown) => error);
    expect(moved).toBeInstanceOf(Error);
  });

  it('P6: every table with tenant_id has row-level security and a tenant policy for the app role', async () => {
    const rows = await harness.database.queryAsOwner<{
      table_name: string;
      rls: boolean;
      forced: boolean;
      policies: number;
    }>(sql`
      select c.table_name, t.relrowsecurity as rls, t.relforcerowsecurity as forced,
        (select count(*)::int from pg_policies p where p.tablename = c.table_name and 'passend_app' = any(p.roles)) as policies
      from information_schema.columns c join pg_class t on t.relname = c.table_name
      where c.table_schema = 'public' and c.column_name = 'tenant_id'`);
    for (const row of rows) {
      expect({ table: row.table_name, rls: row.rls, policies: Number(row.policies) }).toEqual({
        table: row.table_name,
        rls: true,
        policies: 1,
      });
    }
    const [tenantsTable] = await harness.database.queryAsOwner<{ rls: boolean }>(
      sql`select relrowsecurity as rls from pg_class where relname = 'tenants'`,
    );
    expect(tenantsTable?.rls).toBe(true);
  });

  it('P6: the app role has no BYPASSRLS, is no superuser, and cannot switch RLS off', async () => {
    const [role] = await harness.database.queryAsOwner<{ rolbypassrls: boolean; rolsuper: boolean }>(
      sql`select rolbypassrls, rolsuper from pg_roles where rolname = 'passend_app'`,
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
    const attempts = [
      sql`alter table users disable row level security`,
      sql`drop policy tenant_isolation on users`,
      sql`set local row_security = off; select * from users`,
    ];
    for (const attempt of attempts) {
      const outcome = await harness.database
        .withTenant(tenantA.tenantId, ({ db }) => db.execute(attempt))
        .then(() => 'succeeded')
        .catch(() => 'refused');
      expect(outcome).toBe('refused');
    }
  });

  it('P2: the audit trail is append-only for the app role', async () => {
    await harness.database.withTenant(tenantA.tenantId, ({ db }) =>
      db.insert(auditEvents).values({ tenantId: tenantA.tenantId, event: 'users.listed' }),
    );
    for (const statement of [sql`update audit_events set event = 'x'`, sql`delete from audit_events`]) {
      const outcome = await harness.database
        .withTenant(tenantA.tenantId, ({ db }) => db.execute(statement))
        .then(() => 'succeeded')
        .catch(() => 'refused');
      expect(outcome).toBe('refused');
    }
  });

  it('rolls back everything of a command that fails halfway', async () => {
    const email = 'half@school.test';
    await expect(
      harness.database.withTenant(tenantA.tenantId, async ({ db }) => {
        await db.insert(users).values({ tenantId: tenantA.tenantId, email, name: 'Half' });
        throw new Error('second step fails');
      }),
    ).rejects.toThrow('second step fails');
    const [row] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from users where email = ${email}`,
    );
    expect(Number(row?.n)).toBe(0);
  });
});

describe('prepared queries under row-level security (P6)', () => {
  // A prepared statement is planned once per connection and then reused, also for the other
  // partnership: its filter must come from the setting at each run, never from the plan.
  const usersOfTenant = preparedQuery('test_users_of_tenant', (db) =>
    db
      .select({ tenantId: users.tenantId })
      .from(users)
      .where(eq(users.tenantId, sql.placeholder('tenantId'))),
  );

  it('P6: reused across partnerships, a prepared query sees only the partnership of its transaction', async () => {
    // More runs than the pool has connections and than PostgreSQL needs to switch to a generic plan.
    for (let run = 0; run < 24; run += 1) {
      const [own, other] = run % 2 === 0 ? [tenantA, tenantB] : [tenantB, tenantA];
      const [mine, theirs] = await harness.database.withTenant(
        own.tenantId,
        async ({ db }) => [
          await usersOfTenant(db, { tenantId: own.tenantId }),
          await usersOfTenant(db, { tenantId: other.tenantId }),
        ],
        { readOnly: run % 4 < 2 },
      );
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((row) => row.tenantId === own.tenantId)).toBe(true);
      expect(theirs).toEqual([]);
    }
  });

  it('refuses a second prepared query under a name already taken', () => {
    expect(() => preparedQuery('test_users_of_tenant', (db) => db.select().from(users))).toThrow(
      /test_users_of_tenant/,
    );
  });
});
