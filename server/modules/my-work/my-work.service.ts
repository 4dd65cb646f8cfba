import { count, eq, sql } from 'drizzle-orm';
import type { MyWork } from '../../../contracts/my-work.ts';
import { recoveryCodes } from '../../platform/auth/auth.schema.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { outboxMyWork } from '../../platform/mail/outbox.my-work.ts';
import { hoursMyWork } from '../hours/hours.my-work.ts';
import { meetingsMyWork } from '../meetings/meetings.my-work.ts';
import { oppMyWork } from '../opp/opp.my-work.ts';
import { requestsMyWork } from '../requests/requests.my-work.ts';
import { subjectAccessMyWork } from '../subject-access/subject-access.my-work.ts';
import { trajectoriesMyWork } from '../trajectories/trajectories.my-work.ts';
import { usersMyWork } from '../users/users.my-work.ts';
import type { MyWorkSource } from './my-work.source.ts';

/** Every module's contribution, in the order the start page shows them. */
export const myWorkSources: readonly MyWorkSource[] = [
  requestsMyWork,
  meetingsMyWork,
  trajectoriesMyWork,
  oppMyWork,
  hoursMyWork,
  subjectAccessMyWork,
  usersMyWork,
  outboxMyWork,
];

// From this many recovery codes left down, the start page asks for new ones.
const fewRecoveryCodes = 3;

/**
 * What needs the signed-in person now: every source in the call's one transaction, one after the other
 * (a transaction has one connection), warnings first; the recovery codes only when few are left.
 */
export async function myWorkOf(context: UseCaseContext): Promise<MyWork> {
  const items = [];
  for (const source of myWorkSources) items.push(...(await source(context)));
  const [codes] = await context.db
    .select({
      issued: count(),
      left: sql<number>`(count(*) filter (where ${recoveryCodes.usedAt} is null))::int`,
    })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, context.actor.userId));
  // An account that never had recovery codes (the demo's) is not warned about them.
  const issued = Number(codes?.issued ?? 0);
  const left = Number(codes?.left ?? 0);
  return {
    items: [
      ...items.filter((item) => item.severity === 'warning'),
      ...items.filter((item) => item.severity !== 'warning'),
    ],
    ...(issued > 0 && left <= fewRecoveryCodes ? { recoveryCodesLeft: left } : {}),
  };
}
