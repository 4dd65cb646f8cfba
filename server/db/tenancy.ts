import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole, uuid } from 'drizzle-orm/pg-core';

/**
 * The role the application works as inside every transaction. It has no BYPASSRLS and owns no
 * table, so row-level security always applies to it (P6). Created by the first migration.
 */
export const appRole = pgRole('passend_app').existing();

const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** The tenant column every partnership table carries. */
export function tenantColumn() {
  return uuid('tenant_id').notNull();
}

/** The row-level-security policy every partnership table gets: rows of the current tenant only. */
export function tenantIsolation(tenantIdColumn: { name: string }) {
  const column = sql.identifier(tenantIdColumn.name);
  return pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`${column} = ${currentTenant}`,
    withCheck: sql`${column} = ${currentTenant}`,
  });
}
