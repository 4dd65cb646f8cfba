import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type { Contact, ContactInput, ContactPage } from '../../../contracts/pupil-records.ts';
import type { Role } from '../../../contracts/roles.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { canAccess } from '../../platform/access/policies.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { trajectories, trajectoryContacts } from '../trajectories/trajectories.schema.ts';
import { type TrajectoryRow, trajectoryTarget } from '../trajectories/trajectory-scope.ts';
import { canCompleteFollowUp, findContactProblems } from './contacts.rules.ts';

type ContactRow = typeof trajectoryContacts.$inferSelect;
const owner = alias(users, 'follow_up_owner');
const author = alias(users, 'contact_author');

function contactView(row: ContactRow, ownerName: string | null, authorName: string): Contact {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    contactOn: row.contactOn,
    party: row.party,
    partyName: row.partyName,
    channel: row.channel,
    summary: row.summary,
    followUp: row.followUp,
    followUpOwner: row.followUpOwnerUserId ? { id: row.followUpOwnerUserId, name: ownerName ?? '' } : null,
    followUpDoneAt: row.followUpDoneAt?.toISOString() ?? null,
    createdBy: { id: row.createdByUserId, name: authorName },
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A contact as a route's target: it belongs to the pupil's trajectory, and exists for whoever may keep
 * that pupil's contacts log (P1).
 */
export const contactTarget = defineTarget<{ contact: ContactRow; trajectory: TrajectoryRow }>({
  readAction: 'trajectory_contacts.manage',
  load: ({ db }, id, { lock }) => selectContact(db, id, lock),
  scopeOf: (row, action) => trajectoryTarget.scopeOf(row.trajectory, action),
});

const selectContact = rowById('contact', (db, lock) => {
  const query = db
    .select({ contact: trajectoryContacts, trajectory: trajectories })
    .from(trajectoryContacts)
    .innerJoin(trajectories, eq(trajectories.id, trajectoryContacts.trajectoryId))
    .where(eq(trajectoryContacts.id, idPlaceholder));
  return lock ? query.for('update', { of: trajectoryContacts }) : query;
});

// The contacts log of a pupil's trajectory (E5): with parents and school staff, and its follow-ups.

/** The trajectory's contacts, newest first; the read is audited (P2). */
export async function listContacts(
  context: UseCaseContext,
  trajectoryId: string,
  query: PaginationQuery,
): Promise<ContactPage> {
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const { limit, offset } = pageWindow(query);
  const rows = await context.db
    .select({
      contact: trajectoryContacts,
      ownerName: owner.name,
      authorName: author.name,
      total: sql<number>`count(*) over ()`,
    })
    .from(trajectoryContacts)
    .innerJoin(author, eq(author.id, trajectoryContacts.createdByUserId))
    .leftJoin(owner, eq(owner.id, trajectoryContacts.followUpOwnerUserId))
    .where(eq(trajectoryContacts.trajectoryId, trajectory.id))
    .orderBy(desc(trajectoryContacts.contactOn), desc(trajectoryContacts.createdAt))
    .limit(limit)
    .offset(offset);
  await context.audit(
    'trajectory_contacts.viewed',
    { type: 'trajectory', id: trajectory.id },
    { count: rows.length },
  );
  return {
    items: rows.map((row) => contactView(row.contact, row.ownerName, row.authorName)),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
    followUpOwners: await followUpOwnersOf(context, trajectory),
  };
}

/** Logs a contact; a follow-up gets an owner who can see the pupil's file. */
export async function addContact(
  context: UseCaseContext,
  trajectoryId: string,
  input: ContactInput,
): Promise<Contact> {
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const owners = input.followUpOwnerUserId ? await followUpOwnersOf(context, trajectory) : [];
  const problems = findContactProblems({
    contactOn: input.contactOn,
    followUp: input.followUp,
    followUpOwnerUserId: input.followUpOwnerUserId,
    allowedOwnerIds: owners.map((candidate) => candidate.id),
    today: context.clock.today(),
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [row] = await context.db
    .insert(trajectoryContacts)
    .values({
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      contactOn: input.contactOn,
      party: input.party,
      partyName: input.partyName,
      channel: input.channel,
      summary: input.summary,
      followUp: input.followUp,
      followUpOwnerUserId: input.followUpOwnerUserId,
      createdByUserId: context.actor.userId,
    })
    .returning();
  if (!row) throw new NotFound();
  await context.audit(
    'trajectory_contacts.added',
    { type: 'trajectory_contact', id: row.id },
    { party: row.party, followUp: row.followUp !== null },
  );
  return viewOf(context, row);
}

/** Marks a contact's follow-up done; doing so twice keeps the first moment. */
export async function completeFollowUp(context: UseCaseContext, contactId: string): Promise<Contact> {
  const { contact } = await context.load(contactTarget, contactId, { lock: true });
  if (!canCompleteFollowUp(contact)) throw new RuleViolation('transition_not_allowed');
  if (contact.followUpDoneAt) return viewOf(context, contact);
  const [done] = await context.db
    .update(trajectoryContacts)
    .set({ followUpDoneAt: context.clock.now() })
    .where(eq(trajectoryContacts.id, contact.id))
    .returning();
  if (!done) throw new NotFound();
  await context.audit('trajectory_contacts.changed', { type: 'trajectory_contact', id: done.id });
  return viewOf(context, done);
}

async function viewOf({ db }: UseCaseContext, row: ContactRow): Promise<Contact> {
  const [names] = await db
    .select({ authorName: author.name, ownerName: owner.name })
    .from(author)
    .leftJoin(owner, eq(owner.id, sql`${row.followUpOwnerUserId}::uuid`))
    .where(eq(author.id, row.createdByUserId));
  return contactView(row, names?.ownerName ?? null, names?.authorName ?? '');
}

/**
 * The active users of the trajectory's location who may read it (P1), through the same policy as
 * every other check: each candidate with their roles at that location is asked the single-record
 * question of `trajectoryTarget`.
 */
export async function followUpOwnersOf(
  { db }: UseCaseContext,
  trajectory: TrajectoryRow,
): Promise<Array<{ id: string; name: string }>> {
  const rows = await db
    .select({ id: users.id, name: users.name, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.locationId, trajectory.locationId), eq(users.status, 'active')))
    .orderBy(users.name, users.id);
  const candidates = new Map<string, { name: string; roles: Role[] }>();
  for (const row of rows) {
    const candidate = candidates.get(row.id) ?? { name: row.name, roles: [] };
    candidate.roles.push(row.role);
    candidates.set(row.id, candidate);
  }
  const scope = trajectoryTarget.scopeOf(trajectory, 'trajectories.read');
  return [...candidates.entries()]
    .filter(([userId, candidate]) =>
      canAccess(
        {
          userId,
          tenantId: trajectory.tenantId,
          roles: candidate.roles.map((role) => ({ role, teamRole: null, locationId: trajectory.locationId })),
          assignedLocationIds: [],
          contactLocationIds: [],
          boardLocationIds: [],
        },
        'trajectories.read',
        scope,
      ),
    )
    .map(([id, candidate]) => ({ id, name: candidate.name }));
}
