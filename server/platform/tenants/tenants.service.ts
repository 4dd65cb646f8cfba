import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { emailSchema, personNameSchema } from '../../../contracts/fields.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.ts';
import { roleAssignments, users } from '../auth/auth.schema.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { NotFound } from '../http/errors.ts';
import { tenants } from './tenants.schema.ts';

export const createTenantInputSchema = z.strictObject({
  name: z.string().trim().min(3).max(200),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes')
    .max(60),
  adminEmail: emailSchema,
  adminName: personNameSchema,
  isDemo: z.boolean().default(false),
});
export type CreateTenantInput = z.input<typeof createTenantInputSchema>;

/**
 * Creates a partnership with its first functional admin, who gets an invitation link (mailed, and
 * returned so the operator can hand it over when no mail server is set up yet).
 */
export async function createTenant(
  database: DatabaseClient,
  auth: AuthService,
  rawInput: CreateTenantInput,
  options: { invite: boolean } = { invite: true },
) {
  const input = createTenantInputSchema.parse(rawInput);
  return database.withTenant(crypto.randomUUID(), (transaction) =>
    addTenant(transaction, auth, input, options),
  );
}

/**
 * Adds a partnership with its first functional admin in a transaction bound to the new partnership's
 * id, so that a caller can add more in the same transaction (the demo seed: all of it, or nothing).
 */
export async function addTenant(
  transaction: Transaction,
  auth: AuthService,
  rawInput: CreateTenantInput,
  options: { invite: boolean },
) {
  const input = createTenantInputSchema.parse(rawInput);
  const tenantId = transaction.tenantId;
  if (!tenantId) throw new Error('addTenant needs a transaction bound to the new partnership');
  await transaction.db
    .insert(tenants)
    .values({ id: tenantId, name: input.name, slug: input.slug, isDemo: input.isDemo });
  const [admin] = await transaction.db
    .insert(users)
    .values({ tenantId, email: input.adminEmail, name: input.adminName, status: 'invited' })
    .returning();
  if (!admin) throw new Error('insert returned nothing');
  await transaction.db
    .insert(roleAssignments)
    .values({ tenantId, userId: admin.id, role: 'functional_admin' });
  const invitationLink = options.invite ? await auth.sendInvitation(transaction, admin) : null;
  await recordAudit(
    transaction,
    { userId: null, roles: ['operator'], requestId: null, ip: null },
    'tenant.created',
    { type: 'tenant', id: tenantId },
  );
  return { tenantId, adminId: admin.id, invitationLink };
}

/**
 * Which partnership has this slug: the one question answered outside any partnership, by a lookup
 * function; nothing else is readable there. 404 for an unknown slug.
 */
export async function partnershipOfSlug(database: DatabaseClient, slug: string): Promise<string> {
  const [row] = await database.withoutTenant(({ db }) =>
    queryRows<{ id: string | null }>(db, sql`select passend_tenant_of_slug(${slug}) as id`),
  );
  if (!row?.id) throw new NotFound();
  return row.id;
}
