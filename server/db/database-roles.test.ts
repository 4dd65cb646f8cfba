import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../config.ts';
import { auditEvents } from '../platform/audit/audit.schema.ts';
import { sumOverPartnerships } from '../platform/jobs/partnership-jobs.ts';
import { createHarness, type Harness } from '../test/harness.ts';
import { DatabaseClient, DatabaseRoleError, databaseErrorOf, queryRows } from './client.ts';
import { checkLoginRole, findingsOf, inspectLoginRole, judgeLoginRole } from './roles.ts';

// What the database itself guarantees whatever the application does (issue 13, finding 11). Most of
// it is about PostgreSQL roles, which only a server has: PGlite runs everything as one superuser.
const onServer = Boolean(process.env.TEST_DATABASE_URL);
const serverOnly = 'PGlite has a single superuser: login roles, ownership and BYPASSRLS do not apply';

let harness: Harness;
let tenantId: string;
let otherTenantId: string;
let coordinator: { email: string; secret: string };

beforeAll(async () => {
  harness = await createHarness();
  ({ tenantId } = await harness.createTenant(['a']));
  ({ tenantId: otherTenantId } = await harness.createTenant(['b']));
  coordinator = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(auditEvents).values({ tenantId, event: 'users.listed' }),
  );
});
afterAll(() => harness.close());

/** The server's role URLs of this test file's database. */
function serverDatabase(): ServerDatabase {
  if (harness.config.database.kind !== 'pg') throw new Error('needs the server');
  return harness.config.database;
}

/** Runs statements on a connection of its own as the owner role, in a transaction that is rolled back. */
async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverDatabase().migrationUrl });
  await client.connect();
  try {
    await client.query('begin');
    return await work(client);
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end();
  }
}

/** The SQLSTATE of a refused statement, or 'succeeded'. */
function outcomeOf(attempt: Promise<unknown>): Promise<string> {
  return attempt.then(
    () => 'succeeded',
    (error: unknown) => databaseErrorOf(error)?.code ?? 'error',
  );
}

/** Runs the statements in one tenant transaction of the app: the last one's rows, or the refusal's code. */
async function outcomeInApp(...statements: SQL[]): Promise<unknown> {
  return harness.database
    .withTenant(tenantId, async ({ db }) => {
      let rows: unknown[] = [];
      for (const statement of statements) rows = await queryRows(db, statement);
      return rows;
    })
    .catch((error: unknown) => ({ refused: databaseErrorOf(error)?.code ?? 'error' }));
}

describe('the runtime database role (issue 13, finding 11)', () => {
  it.skipIf(!onServer)(
    `P6: after RESET ROLE the app's login role reads no partnership table (${serverOnly})`,
    async () => {
      for (const table of ['users', 'audit_events', 'tenants', 'support_requests']) {
        const outcome = await outcomeInApp(
          sql`reset role`,
          sql`select count(*)::int as n from ${sql.identifier(table)}`,
        );
        expect({ table, outcome }).toEqual({ table, outcome: { refused: '42501' } });
      }
    },
  );

  it.skipIf(!onServer)(
    `P6: the app's login role owns nothing and is neither superuser nor BYPASSRLS (${serverOnly})`,
    async () => {
      // executeSql runs as the login role itself, outside any transaction of the app.
      const { rows } = await harness.database.executeSql(`
      select r.rolsuper as superuser, r.rolbypassrls as bypass,
        (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = current_user`);
      expect(rows).toEqual([{ superuser: false, bypass: false, owned: 0 }]);
    },
  );

  it('P2: audit events cannot be changed, deleted or truncated, not even by the owner of the table', async () => {
    // queryAsOwner is the most privileged connection a test has (on the server a superuser): the
    // trigger binds every role that cannot drop it.
    for (const statement of [
      sql`update audit_events set event = 'changed'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ]) {
      const outcome = await harness.database
        .queryAsOwner(statement)
        .then(() => 'succeeded')
        .catch(() => 'refused');
      expect({ statement: statement.queryChunks.join(''), outcome }).toMatchObject({ outcome: 'refused' });
    }
    const [row] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from audit_events where event = 'users.listed'`,
    );
    expect(Number(row?.n)).toBe(1);
  });

  it('P6: every table with row-level security has it forced, so its owner is bound as well', async () => {
    const tables = await harness.database.queryAsOwner<{ name: string; forced: boolean }>(sql`
      select c.relname as name, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relrowsecurity and n.nspname = 'public' order by c.relname`);
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((table) => !table.forced).map((table) => table.name)).toEqual([]);
  });

  it('P6: the cross-partnership lookups belong to passend_lookup, which reads only what they need', async () => {
    const functions = await harness.database.queryAsOwner<{ name: string; owner: string }>(sql`
      select p.proname as name, pg_get_userbyid(p.proowner) as owner
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef order by p.proname`);
    expect(functions.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        'passend_tenant_of_email',
        'passend_tenant_of_slug',
        'passend_has_demo_tenant',
      ]),
    );
    expect(functions.filter((row) => row.owner !== 'passend_lookup')).toEqual([]);
  });
  it.skipIf(!onServer)(
    `P6: the app's login role can become passend_app only, and create nothing (${serverOnly})`,
    async () => {
      for (const role of ['passend_owner', 'passend_lookup', 'passend_jobs', 'postgres']) {
        expect({
          role,
          outcome: await outcomeInApp(sql`reset role`, sql.raw(`set local role ${role}`)),
        }).toEqual({
          role,
          outcome: { refused: '42501' },
        });
      }
      expect(await outcomeInApp(sql`reset role`, sql`create table intruder (id int)`)).toEqual({
        refused: '42501',
      });
      expect(await outcomeInApp(sql`create table intruder (id int)`)).toEqual({ refused: '42501' });
    },
  );

  it.skipIf(!onServer)(
    `P6: the owner's own connection sees no partnership's rows either (${serverOnly})`,
    async () => {
      const counts = await asOwner(async (client) => {
        const result: Record<string, number> = {};
        for (const table of ['tenants', 'users', 'audit_events', 'locations']) {
          const { rows } = await client.query(`select count(*)::int as n from ${table}`);
          result[table] = rows[0].n;
        }
        return result;
      });
      expect(counts).toEqual({ tenants: 0, users: 0, audit_events: 0, locations: 0 });
      // They are there: the test's superuser sees them.
      const [row] = await harness.database.queryAsOwner<{ n: number }>(
        sql`select count(*)::int as n from users`,
      );
      expect(Number(row?.n)).toBeGreaterThan(0);
    },
  );

  it.skipIf(!onServer)(
    `P2: even with row-level security lifted, the owner cannot change the audit trail (${serverOnly})`,
    async () => {
      const outcomes = await asOwner(async (client) => {
        await client.query('alter table audit_events no force row level security');
        const result: Record<string, string> = {};
        for (const statement of [
          'update audit_events set event = $1',
          'delete from audit_events where event <> $1',
        ]) {
          await client.query('savepoint attempt');
          result[statement.split(' ')[0] ?? ''] = await outcomeOf(client.query(statement, ['changed']));
          await client.query('rollback to savepoint attempt');
        }
        result.truncate = await outcomeOf(client.query('truncate audit_events'));
        return result;
      });
      expect(outcomes).toEqual({ update: '42501', delete: '42501', truncate: '42501' });
    },
  );

  it('P6: sign-in still finds the partnership of an e-mail address through its lookup function', async () => {
    const client = await harness.signedIn(coordinator);
    const session = await client.get('/api/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { email: coordinator.email } });
  });

  it('P6: a job reaches every partnership through passend_tenant_ids, each under its own tenant setting', async () => {
    const seen: string[] = [];
    const total = await sumOverPartnerships(harness.database, 'test-job', async ({ tenantId: current }) => {
      seen.push(current ?? 'none');
      return 1;
    });
    expect(seen.sort()).toEqual([tenantId, otherTenantId].sort());
    expect(total).toBe(2);
  });
});

describe('the start-up check of the login role (issue 13, finding 11)', () => {
  it.skipIf(!onServer)(`finds nothing to object to in the runtime role (${serverOnly})`, async () => {
    expect(await inspectLoginRole(harness.database)).toEqual({ login: 'passend_runtime', findings: [] });
    await expect(checkLoginRole(harness.database, { roleCheck: 'refuse' })).resolves.toBeNull();
  });

  it.skipIf(!onServer)(
    `refuses the owner as runtime role, or warns when told to (${serverOnly})`,
    async () => {
      const owner = await DatabaseClient.open({
        kind: 'pg',
        url: serverDatabase().migrationUrl ?? '',
        poolSize: 1,
      });
      try {
        const { login, findings } = await inspectLoginRole(owner);
        expect(login).toBe('passend_owner');
        expect(findings).toEqual(
          expect.arrayContaining([
            { kind: 'owns', role: 'passend_owner', objects: expect.any(Number) },
            { kind: 'member', role: 'passend_lookup' },
          ]),
        );
        await expect(checkLoginRole(owner, { roleCheck: 'refuse' })).rejects.toBeInstanceOf(
          DatabaseRoleError,
        );
        expect(await checkLoginRole(owner, { roleCheck: 'warn' })).toContain('passend_owner owns');
      } finally {
        await owner.close();
      }
    },
  );

  it('names what the role can do too much, and tells how to start anyway only when refusing', () => {
    const { login, findings } = findingsOf([
      { role: 'passend_app', is_login: false, superuser: false, bypass: false, owned: 0 },
      { role: 'passend', is_login: true, superuser: false, bypass: true, owned: 61 },
      { role: 'passend_lookup', is_login: false, superuser: false, bypass: false, owned: 0 },
    ]);
    expect(login).toBe('passend');
    expect(findings).toEqual([
      { kind: 'bypassrls', role: 'passend' },
      { kind: 'owns', role: 'passend', objects: 61 },
      { kind: 'member', role: 'passend_lookup' },
    ]);
    const refused = judgeLoginRole(login, findings, 'refuse');
    expect(refused.verdict).toBe('refuse');
    expect(refused.message).toContain('passend has BYPASSRLS');
    expect(refused.message).toContain('owns 61');
    expect(refused.message).toContain('DATABASE_ROLE_CHECK=warn');
    const warned = judgeLoginRole(login, findings, 'warn');
    expect(warned.verdict).toBe('warn');
    expect(warned.message).not.toContain('DATABASE_ROLE_CHECK');
    expect(judgeLoginRole('passend_runtime', [], 'refuse')).toEqual({ verdict: 'ok', message: null });
  });

  it('on the embedded database there is nothing to check', async () => {
    if (harness.database.kind === 'pg') return;
    expect(await inspectLoginRole(harness.database)).toEqual({ login: 'postgres', findings: [] });
  });
});
