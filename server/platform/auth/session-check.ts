import type { Locale } from '../../../contracts/fields.ts';
import { uuidPattern } from '../../../contracts/fields.ts';
import type { Role, TeamRole } from '../../../contracts/roles.ts';
import type { Actor } from '../access/policies.ts';
import type { SessionContext } from './auth.service.ts';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The statement that checks sessions: is each still there, full, within its absolute and idle limits,
 * and its user not ended — and what are the user's roles, pairs and language today. It runs in the
 * round trip that opens a command's transaction, or in the batch that confirms reads, so it takes no
 * parameters: every value is validated here and written as a literal.
 */
export function sessionCheckStatement(
  sessionIds: readonly string[],
  today: string,
  idleMinutes: number,
): string {
  if (sessionIds.length === 0 || !sessionIds.every((id) => uuidPattern.test(id)))
    throw new Error('session ids must be uuids');
  if (!datePattern.test(today)) throw new Error('today must be a date');
  if (!Number.isInteger(idleMinutes) || idleMinutes <= 0) throw new Error('idle minutes must be positive');
  const ids = sessionIds.map((id) => `'${id}'::uuid`).join(', ');
  return `select s.id as session_id, u.locale, ${reachColumns('s.user_id', today)}
    from sessions s join users u on u.id = s.user_id
    where s.id in (${ids}) and s.stage = 'full' and u.status <> 'disabled'
      and s.expires_at > now() and s.last_seen_at > now() - interval '${idleMinutes} minutes'`;
}

/** The statement that reads one user's roles and pairs today, for a session just made full. */
export function reachStatement(userId: string, today: string): string {
  if (!uuidPattern.test(userId)) throw new Error('user id must be a uuid');
  if (!datePattern.test(today)) throw new Error('today must be a date');
  return `select u.id as session_id, u.locale, ${reachColumns('u.id', today)} from users u where u.id = '${userId}'::uuid`;
}

// A user's roles, the schools they serve today as one of a pair (with whether as contact, R5), and the
// locations of the school boards they hold the board role for.
function reachColumns(userIdColumn: string, today: string): string {
  return `coalesce((select json_agg(json_build_object('role', r.role, 'teamRole', r.team_role,
        'locationId', r.location_id)) from role_assignments r where r.user_id = ${userIdColumn}), '[]') as roles,
      coalesce((select json_agg(json_build_object('locationId', a.location_id, 'isContact', a.is_contact))
        from school_team_assignments a where a.user_id = ${userIdColumn} and a.valid_from <= '${today}'::date
          and (a.valid_to is null or a.valid_to > '${today}'::date)), '[]') as pairs,
      coalesce((select json_agg(l.id) from role_assignments b join locations l on l.board_id = b.board_id
        where b.user_id = ${userIdColumn} and b.board_id is not null), '[]') as board_locations`;
}

type CheckRow = {
  session_id: string;
  locale: Locale;
  roles: Array<{ role: Role; teamRole: TeamRole | null; locationId: string | null }> | string;
  pairs: Array<{ locationId: string; isContact: boolean }> | string;
  board_locations: string[] | string;
};

/** The sessions as the check found them now, by id; a session that no longer holds is absent. */
export function sessionsFromCheck(
  sessions: readonly SessionContext[],
  rows: unknown[],
): Map<string, SessionContext> {
  const found = new Map((rows as CheckRow[]).map((row) => [row.session_id, row]));
  const current = new Map<string, SessionContext>();
  for (const session of sessions) {
    const row = found.get(session.sessionId);
    if (row) current.set(session.sessionId, { ...session, locale: row.locale, actor: actorOf(session, row) });
  }
  return current;
}

/** The actor of a user from the reach statement's row. */
export function actorFromReach(session: Pick<SessionContext, 'userId' | 'tenantId'>, rows: unknown[]): Actor {
  const [row] = rows as CheckRow[];
  if (!row)
    return { ...session, roles: [], assignedLocationIds: [], contactLocationIds: [], boardLocationIds: [] };
  return actorOf(session, row);
}

function actorOf(session: Pick<SessionContext, 'userId' | 'tenantId'>, row: CheckRow): Actor {
  // The server's simple protocol answers text; the embedded database parses JSON itself.
  const roles: Actor['roles'] = typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles;
  const pairs: Array<{ locationId: string; isContact: boolean }> =
    typeof row.pairs === 'string' ? JSON.parse(row.pairs) : row.pairs;
  const boardLocationIds: string[] =
    typeof row.board_locations === 'string' ? JSON.parse(row.board_locations) : row.board_locations;
  const hasPairs = roles.some((assignment) => assignment.role === 'team_member');
  return {
    userId: session.userId,
    tenantId: session.tenantId,
    roles,
    assignedLocationIds: hasPairs ? pairs.map((pair) => pair.locationId) : [],
    contactLocationIds: hasPairs ? pairs.flatMap((pair) => (pair.isContact ? [pair.locationId] : [])) : [],
    boardLocationIds,
  };
}

/**
 * Full sessions by token hash for a short while, so a request's early checks (is there a session, may it
 * do this action at all) need no database. It is never the last word: every use case checks the
 * session again inside its own transaction, so a sign-out, an ended account or a changed role counts
 * from the very next request on every instance.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: SessionContext; until: number }>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly capacity = 10_000,
  ) {}

  get(hash: string, now: number): SessionContext | null {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.until > now) return entry.session;
    this.entries.delete(hash);
    return null;
  }

  set(hash: string, session: SessionContext, now: number): void {
    this.entries.delete(hash);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { session, until: now + this.lifetimeMs });
  }

  /** Forgets every session of a user (their language changed). */
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.entries) if (entry.session.userId === userId) this.entries.delete(hash);
  }

  /** Forgets a session (signed out here, or found gone by a use case). */
  forget(sessionId: string): void {
    for (const [hash, entry] of this.entries)
      if (entry.session.sessionId === sessionId) this.entries.delete(hash);
  }
}
