import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type { Contact, ContactInput, ContactPage } from '../../../contracts/pupil-records.ts';
import type { Role } from '../../../contracts/roles.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import { trajectoryContacts } from '../trajectories/trajectories.schema.ts';
import { canOnTrajectory, findTrajectory, type TrajectoryRow } from '../trajectories/trajectory-scope.ts';
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

/** The contacts log of a pupil's trajectory (E5): with parents and school staff, and its follow-ups. */
export class ContactsService {
  constructor(private readonly database: DatabaseClient) {}

  /** The trajectory's contacts, newest first; the read is audited (P2). */
  list(actor: Actor, trajectoryId: string, query: PaginationQuery, meta: RequestMeta): Promise<ContactPage> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'trajectory_contacts.manage');
      const { limit, offset } = pageWindow(query);
      const rows = await transaction.db
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
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'trajectory_contacts.viewed',
        { type: 'trajectory', id: trajectory.id },
        { count: rows.length },
      );
      return {
        items: rows.map((row) => contactView(row.contact, row.ownerName, row.authorName)),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(rows[0]?.total ?? 0),
        followUpOwners: await followUpOwnersOf(transaction, trajectory),
      };
    });
  }

  /** Logs a contact; a follow-up gets an owner who can see the pupil's file. */
  add(actor: Actor, trajectoryId: string, input: ContactInput, meta: RequestMeta): Promise<Contact> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'trajectory_contacts.manage');
      const owners = input.followUpOwnerUserId ? await followUpOwnersOf(transaction, trajectory) : [];
      const problems = findContactProblems({
        contactOn: input.contactOn,
        followUp: input.followUp,
        followUpOwnerUserId: input.followUpOwnerUserId,
        allowedOwnerIds: owners.map((candidate) => candidate.id),
        today: todayInAmsterdam(),
      });
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [row] = await transaction.db
        .insert(trajectoryContacts)
        .values({
          tenantId: actor.tenantId,
          trajectoryId: trajectory.id,
          contactOn: input.contactOn,
          party: input.party,
          partyName: input.partyName,
          channel: input.channel,
          summary: input.summary,
          followUp: input.followUp,
          followUpOwnerUserId: input.followUpOwnerUserId,
          createdByUserId: actor.userId,
        })
        .returning();
      if (!row) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'trajectory_contacts.added',
        { type: 'trajectory_contact', id: row.id },
        { party: row.party, followUp: row.followUp !== null },
      );
      return viewOf(transaction, row);
    });
  }

  /** Marks a contact's follow-up done; doing so twice keeps the first moment. */
  completeFollowUp(actor: Actor, contactId: string, meta: RequestMeta): Promise<Contact> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [existing] = await transaction.db
        .select({ trajectoryId: trajectoryContacts.trajectoryId })
        .from(trajectoryContacts)
        .where(eq(trajectoryContacts.id, contactId));
      if (!existing) throw new NotFound();
      await findTrajectory(transaction, actor, existing.trajectoryId, 'trajectory_contacts.manage');
      const [contact] = await transaction.db
        .select()
        .from(trajectoryContacts)
        .where(eq(trajectoryContacts.id, contactId))
        .for('update');
      if (!contact) throw new NotFound();
      if (!canCompleteFollowUp(contact)) throw new RuleViolation('transition_not_allowed');
      if (contact.followUpDoneAt) return viewOf(transaction, contact);
      const [done] = await transaction.db
        .update(trajectoryContacts)
        .set({ followUpDoneAt: new Date() })
        .where(eq(trajectoryContacts.id, contact.id))
        .returning();
      if (!done) throw new NotFound();
      await recordAudit(transaction, auditActorOf(actor, meta), 'trajectory_contacts.changed', {
        type: 'trajectory_contact',
        id: done.id,
      });
      return viewOf(transaction, done);
    });
  }
}

async function viewOf(transaction: Transaction, row: ContactRow): Promise<Contact> {
  const [names] = await transaction.db
    .select({ authorName: author.name, ownerName: owner.name })
    .from(author)
    .leftJoin(owner, eq(owner.id, sql`${row.followUpOwnerUserId}::uuid`))
    .where(eq(author.id, row.createdByUserId));
  return contactView(row, names?.ownerName ?? null, names?.authorName ?? '');
}

/**
 * The active users of the trajectory's location who may read it (P1), through the same policy as
 * every other check: each candidate's roles at that location make an actor for `canOnTrajectory`.
 */
export async function followUpOwnersOf(
  transaction: Transaction,
  trajectory: TrajectoryRow,
): Promise<Array<{ id: string; name: string }>> {
  const rows = await transaction.db
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
  return [...candidates.entries()]
    .filter(([userId, candidate]) =>
      canOnTrajectory(
        {
          userId,
          tenantId: trajectory.tenantId,
          roles: candidate.roles.map((role) => ({ role, teamRole: null, locationId: trajectory.locationId })),
          assignedLocationIds: [],
          contactLocationIds: [],
        },
        'trajectories.read',
        trajectory,
      ),
    )
    .map(([id, candidate]) => ({ id, name: candidate.name }));
}
