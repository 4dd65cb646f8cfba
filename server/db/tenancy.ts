import { getTableName, sql } from 'drizzle-orm';
import { type AnyPgColumn, foreignKey, pgPolicy, pgRole, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * The role the application works as inside every transaction. It has no BYPASSRLS and owns no
 * table, so row-level security always applies to it (P6). Created by the first migration.
 */
export const appRole = pgRole('passend_app').existing();

/**
 * The partnership of this transaction, as a scalar subquery: PostgreSQL then reads the setting once per
 * query (an InitPlan) instead of calling current_setting for every row a scan filters, which made a
 * sequential scan of a large table several times slower than the same scan without the policy.
 */
export const currentTenant = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;

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

/**
 * The key other partnership tables reference: (tenant_id, id). With it a reference can name the
 * partnership too, so the database refuses a row that points into another partnership (P6).
 */
export function tenantKey(tenantIdColumn: AnyPgColumn, idColumn: AnyPgColumn) {
  return unique(`${getTableName(idColumn.table)}_tenant_key`).on(tenantIdColumn, idColumn);
}

/**
 * A reference from one partnership table to another, over (tenant_id, id): the foreign key itself
 * proves that both rows belong to the same partnership (P6). A plain `references()` is checked
 * without row-level security and would accept another partnership's id.
 * `server/db/tenant-references.routes.test.ts` fails for a reference between partnership tables without it.
 */
export function tenantReference(
  [tenantIdColumn, column]: [AnyPgColumn, AnyPgColumn],
  [parentTenantIdColumn, parentColumn]: [AnyPgColumn, AnyPgColumn],
) {
  return foreignKey({
    name: `${getTableName(column.table)}_${column.name}_fk`,
    columns: [tenantIdColumn, column],
    foreignColumns: [parentTenantIdColumn, parentColumn],
  });
}
