import type { ServerDatabase } from '../config.ts';
import { type DatabaseClient, DatabaseRoleError } from './client.ts';

/** Something the app's login role can do beyond becoming passend_app. */
export type RoleFinding =
  | { kind: 'superuser'; role: string }
  | { kind: 'bypassrls'; role: string }
  | { kind: 'owns'; role: string; objects: number }
  | { kind: 'member'; role: string };

type RoleRow = { role: string; is_login: boolean; superuser: boolean; bypass: boolean; owned: number };

// Every role the login role can become (itself included), with what makes it dangerous: being
// superuser, BYPASSRLS, or owning tables, schemas or this database (an owner may switch row-level
// security off, drop the audit trigger, grant itself anything). Temporary and system schemas do not
// count. A superuser is a member of every role, so for one only its own row matters; the database's
// owner is implicitly pg_database_owner, which its own count of owned objects already shows.
const loginRoleQuery = `
  select r.rolname as role, r.rolname = current_user as is_login, r.rolsuper as superuser,
    r.rolbypassrls as bypass,
    (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relowner = r.oid and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema')
    + (select count(*)::int from pg_namespace n
       where n.nspowner = r.oid and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema')
    + (select count(*)::int from pg_database d where d.datdba = r.oid and d.datname = current_database())
      as owned
  from pg_roles r
  where pg_has_role(current_user, r.oid, 'MEMBER')
    and (r.rolname = current_user or not (select rolsuper from pg_roles where rolname = current_user))
    and r.rolname <> 'pg_database_owner'
  order by r.rolname <> current_user, r.rolname`;

/**
 * What the login role of the app's own connection (DATABASE_URL) can do beyond becoming passend_app.
 * Empty for the runtime role the README sets up. On PGlite there is one superuser and no check.
 */
export async function inspectLoginRole(
  database: DatabaseClient,
): Promise<{ login: string; findings: RoleFinding[] }> {
  if (database.kind !== 'pg') return { login: 'postgres', findings: [] };
  const { rows } = await database.executeSql(loginRoleQuery);
  return findingsOf(rows as RoleRow[]);
}

/** The findings of the rows of the login-role query (pure; exported for its test). */
export function findingsOf(rows: RoleRow[]): { login: string; findings: RoleFinding[] } {
  const login = rows.find((row) => row.is_login)?.role ?? 'unknown';
  const findings: RoleFinding[] = [];
  for (const row of rows) {
    if (row.superuser) findings.push({ kind: 'superuser', role: row.role });
    if (row.bypass) findings.push({ kind: 'bypassrls', role: row.role });
    if (Number(row.owned) > 0) findings.push({ kind: 'owns', role: row.role, objects: Number(row.owned) });
    if (!row.is_login && row.role !== 'passend_app') findings.push({ kind: 'member', role: row.role });
  }
  return { login, findings };
}

/**
 * What a start does with the findings: nothing when there are none, else a message that names them,
 * to log as a warning or to refuse with (`DATABASE_ROLE_CHECK`).
 */
export function judgeLoginRole(
  login: string,
  findings: RoleFinding[],
  mode: 'refuse' | 'warn',
): { verdict: 'ok' | 'warn' | 'refuse'; message: string | null } {
  if (findings.length === 0) return { verdict: 'ok', message: null };
  const described = findings.map(describeFinding);
  const message =
    `The role of DATABASE_URL (${login}) can do more than Passend needs: ${described.join('; ')}. ` +
    'Run Passend as a login role that owns nothing and can only become passend_app ' +
    '(README, "Running on a PostgreSQL server")' +
    (mode === 'refuse' ? ', or set DATABASE_ROLE_CHECK=warn to start anyway.' : '.');
  return { verdict: mode, message };
}

function describeFinding(finding: RoleFinding): string {
  if (finding.kind === 'superuser') return `${finding.role} is a superuser`;
  if (finding.kind === 'bypassrls') return `${finding.role} has BYPASSRLS`;
  if (finding.kind === 'owns')
    return `${finding.role} owns ${finding.objects} tables, schemas or the database`;
  return `it can become ${finding.role}`;
}

/**
 * The start-up check of the runtime role: throws a DatabaseRoleError when it can do too much and the
 * settings say refuse; returns the warning to log when they say warn (null when all is well).
 */
export async function checkLoginRole(
  database: DatabaseClient,
  settings: Pick<ServerDatabase, 'roleCheck'>,
): Promise<string | null> {
  const { login, findings } = await inspectLoginRole(database);
  const { verdict, message } = judgeLoginRole(login, findings, settings.roleCheck ?? 'warn');
  if (verdict === 'refuse') throw new DatabaseRoleError(message ?? '');
  return message;
}
