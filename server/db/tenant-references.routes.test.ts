import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeEntries } from '../modules/hours/hours.schema.ts';
import { supportRequests } from '../modules/requests/requests.schema.ts';
import { createHarness, type Harness } from '../test/harness.ts';
import { queryRows } from './client.ts';

let harness: Harness;
let tenantA: Awaited<ReturnType<Harness['createTenant']>>;
let tenantB: Awaited<ReturnType<Harness['createTenant']>>;
let userA: string;
let userB: string;

/**
 * References between partnership tables that may leave tenant_id out of their key, with the reason.
 * Empty: every such reference names the partnership.
 */
const exceptions: string[] = [];

type ForeignKeyRow = {
  name: string;
  child: string;
  parent: string;
  columns: string;
  parent_columns: string;
  set_null_columns: string | null;
};

beforeAll(async () => {
  harness = await createHarness();
  tenantA = await harness.createTenant(['a']);
  tenantB = await harness.createTenant(['b']);
  userA = (
    await harness.createUser(tenantA.tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }])
  ).userId;
  userB = (await harness.createUser(tenantB.tenantId, [{ role: 'coordinator' }])).userId;
});
afterAll(() => harness.close());

async function foreignKeys(): Promise<ForeignKeyRow[]> {
  return harness.database.queryAsOwner<ForeignKeyRow>(sql`
    select c.conname as name, child.relname as child, parent.relname as parent,
      (select string_agg(a.attname, ',' order by k.position) from unnest(c.conkey) with ordinality k(attnum, position)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns,
      (select string_agg(a.attname, ',' order by k.position) from unnest(c.confkey) with ordinality k(attnum, position)
        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as parent_columns,
      (select string_agg(a.attname, ',') from unnest(c.confdelsetcols) k(attnum)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as set_null_columns
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where c.contype = 'f' and n.nspname = 'public'
    order by child.relname, c.conname`);
}

describe('references between partnerships (P6, issue 13 finding 4)', () => {
  it('P6: every reference from a partnership table to another has tenant_id in its key', async () => {
    const tenantTables = new Set(
      (
        await harness.database.queryAsOwner<{ table_name: string }>(
          sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'`,
        )
      ).map((row) => row.table_name),
    );
    const references = (await foreignKeys()).filter(
      (key) => tenantTables.has(key.child) && tenantTables.has(key.parent),
    );
    expect(references.length).toBeGreaterThan(80);
    const withoutTenant = references
      .filter((key) => {
        const columns = key.columns.split(',');
        const parentColumns = key.parent_columns.split(',');
        const position = columns.indexOf('tenant_id');
        return position < 0 || parentColumns[position] !== 'tenant_id';
      })
      .map((key) => `${key.child}.${key.name} → ${key.parent}(${key.parent_columns})`)
      .filter((reference) => !exceptions.some((exception) => reference.startsWith(exception)));
    expect(withoutTenant).toEqual([]);
  });

  it('P6: a reference that lets go of a deleted row clears its own column, never tenant_id', async () => {
    const setNull = (await foreignKeys()).filter((key) => key.set_null_columns !== null);
    for (const key of setNull)
      expect({ key: key.name, cleared: key.set_null_columns?.split(',') }).not.toEqual({
        key: key.name,
        cleared: expect.arrayContaining(['tenant_id']),
      });
    const [timeEntryKey] = setNull.filter((key) => key.name === 'time_entries_request_id_fk');
    expect(timeEntryKey?.set_null_columns).toBe('request_id');
  });

  it('P6, finding 4: the database refuses a row of partnership B that points at a user of partnership A', async () => {
    const outcome = await harness.database
      .withTenant(tenantB.tenantId, ({ db }) =>
        db.insert(timeEntries).values({
          tenantId: tenantB.tenantId,
          userId: userA,
          locationId: tenantB.locationIds.b ?? '',
          entryDate: '2026-01-05',
          hours: '1',
          activity: 'observation',
          createdByUserId: userB,
        }),
      )
      .then(() => 'stored')
      .catch(() => 'refused');
    expect(outcome).toBe('refused');
    const [stored] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from time_entries where user_id = ${userA}::uuid`,
    );
    expect(Number(stored?.n)).toBe(0);
  });

  it('P6: deleting a draft request keeps its time entries in their partnership, without the request', async () => {
    const entryId = await harness.database.withTenant(tenantA.tenantId, async ({ db }) => {
      const [request] = await db
        .insert(supportRequests)
        .values({
          tenantId: tenantA.tenantId,
          locationId: tenantA.locationIds.a ?? '',
          reference: 'HV-2026-9999',
          schoolYear: 2026,
          idempotencyKey: crypto.randomUUID(),
          createdByUserId: userA,
        })
        .returning({ id: supportRequests.id });
      const [entry] = await db
        .insert(timeEntries)
        .values({
          tenantId: tenantA.tenantId,
          userId: userA,
          locationId: tenantA.locationIds.a ?? '',
          requestId: request?.id,
          entryDate: '2026-01-05',
          hours: '1',
          activity: 'observation',
          createdByUserId: userA,
        })
        .returning({ id: timeEntries.id });
      await db.execute(sql`delete from support_requests where id = ${request?.id}::uuid`);
      return entry?.id ?? '';
    });
    const [entry] = await harness.database.withTenant(tenantA.tenantId, ({ db }) =>
      queryRows<{ tenant_id: string; request_id: string | null }>(
        db,
        sql`select tenant_id, request_id from time_entries where id = ${entryId}::uuid`,
      ),
    );
    expect(entry).toEqual({ tenant_id: tenantA.tenantId, request_id: null });
  });
});
