import { type SQL, sql } from 'drizzle-orm';
import type { FileReader, FileReaderKind } from '../../../contracts/privacy.ts';
import {
  careCoordinatorRole,
  coordinatorRole,
  directorRole,
  internalCoordinatorRole,
  mentorRole,
  teacherRole,
  teamLeaderRole,
  teamMemberRole,
  vsoTeacherRole,
} from '../../../contracts/roles.ts';
import { type DbTransaction, queryRows } from '../../db/client.ts';
import type { AuditEvent } from './audit.ts';

/**
 * P8: how a reader of a file is named to a parent or pupil — the capacity that gave them access, most
 * specific first (a team member by expertise), never a name.
 */
export function fileReaderKindOf(roles: readonly string[], teamRole: string | null): FileReaderKind {
  if (roles.includes(teamMemberRole)) {
    if (teamRole === 'behavioural_scientist' || teamRole === 'inclusion_adviser') return teamRole;
    return 'expertise_team';
  }
  const byRole: Array<[string, FileReaderKind]> = [
    [coordinatorRole, 'staff_office'],
    [internalCoordinatorRole, 'internal_coordinator'],
    [careCoordinatorRole, 'care_coordinator'],
    [mentorRole, 'mentor'],
    [vsoTeacherRole, 'vso_teacher'],
    [teamLeaderRole, 'team_leader'],
    [directorRole, 'director'],
    [teacherRole, 'teacher'],
  ];
  return byRole.find(([role]) => roles.includes(role))?.[1] ?? 'other';
}

/**
 * P8: who read a file, newest first, one line per person and day, as a kind of role — the name and the
 * time of day stay in the audit trail. `objects` picks the file's audit rows (its object types and ids);
 * only users count: a link holder's own visits and Passend's own steps are no reading of the file.
 */
export async function fileReadersOf(
  db: DbTransaction,
  objects: SQL,
  events: readonly AuditEvent[],
): Promise<FileReader[]> {
  const rows = await queryRows<{ on: string; roles: string[]; team_role: string | null }>(
    db,
    sql`select distinct on (e.actor_user_id, d.read_on) d.read_on as on, e.actor_roles as roles,
          (select r.team_role from role_assignments r
            where r.user_id = e.actor_user_id and r.role = ${teamMemberRole} limit 1) as team_role
        from audit_events e,
          lateral (select to_char(e.occurred_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as read_on) d
        where e.actor_user_id is not null
          and e.event in (${sql.join(
            events.map((event) => sql`${event}`),
            sql`, `,
          )})
          and (${objects})
        order by e.actor_user_id, d.read_on desc`,
  );
  return rows
    .map((row) => ({ on: row.on, kind: fileReaderKindOf(row.roles, row.team_role) }))
    .sort((left, right) => right.on.localeCompare(left.on));
}
