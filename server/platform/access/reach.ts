import { sql } from 'drizzle-orm';
import { type Reach, type SectorGroup, sectorGroups, type WorkKind } from '../../../contracts/auth.ts';
import { primarySectors, type Sector } from '../../../contracts/locations.ts';
import { boardRole, isLocationScopedRole, teamMemberRole } from '../../../contracts/roles.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import type { Actor } from './policies.ts';

/** Whether the actor has any work of one kind (a module answers it from its own tables). */
export type WorkCheck = (transaction: Transaction, actor: Actor) => Promise<boolean>;

/** The checks a module offers, by kind of work. */
export type WorkChecks = Partial<Record<WorkKind, WorkCheck>>;

const checks = new Map<WorkKind, WorkCheck>();

/** Adds a module's work checks when the app starts; a kind checked twice fails loudly. */
export function registerWorkChecks(owner: string, rows: WorkChecks): void {
  for (const [kind, check] of Object.entries(rows) as Array<[WorkKind, WorkCheck]>) {
    if (checks.has(kind)) throw new Error(`The work kind ${kind} of ${owner} is checked already`);
    checks.set(kind, check);
  }
}

function groupOf(sector: Sector): SectorGroup {
  return primarySectors.includes(sector) ? 'primary' : 'secondary';
}

/**
 * Where the actor works (see `reachSchema`): the sectors of the locations their assignments name; the
 * expertise team works in primary education (R5); a school board reaches the sectors of its schools; a
 * partnership-wide role reaches every sector the partnership has a location in. Plus the kinds of work the modules find the actor has.
 */
export async function reachOf(transaction: Transaction, actor: Actor): Promise<Reach> {
  const groups = new Set<SectorGroup>();
  const locationIds = [
    ...actor.roles.flatMap((assignment) =>
      isLocationScopedRole(assignment.role) && assignment.locationId ? [assignment.locationId] : [],
    ),
    ...actor.boardLocationIds,
  ];
  if (actor.roles.some((assignment) => assignment.role === teamMemberRole)) groups.add('primary');
  const isPartnershipWide = actor.roles.some(
    (assignment) =>
      !isLocationScopedRole(assignment.role) &&
      assignment.role !== teamMemberRole &&
      assignment.role !== boardRole,
  );
  if (isPartnershipWide || locationIds.length > 0) {
    // By name: the platform knows the table, not the module that owns it. Row-level security keeps
    // it to the actor's partnership.
    const filter = isPartnershipWide
      ? sql``
      : sql` where id in (${sql.join(
          locationIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
    const rows = await queryRows<{ sector: Sector }>(
      transaction.db,
      sql`select distinct sector from locations${filter}`,
    );
    for (const row of rows) groups.add(groupOf(row.sector));
  }
  const has: WorkKind[] = [];
  for (const [kind, check] of checks) if (await check(transaction, actor)) has.push(kind);
  return { sectors: sectorGroups.filter((group) => groups.has(group)), has };
}

/** Declares a module's work checks (typed by kind); the composition registers them. */
export function defineWorkChecks(rows: WorkChecks): WorkChecks {
  return rows;
}
