import { scopeCondition } from '../../platform/access/policies.ts';
import { defineWorkChecks } from '../../platform/access/reach.ts';
import { supportRequests } from './requests.schema.ts';
import { requestListScope } from './requests.service.ts';

/**
 * Whether the user sees any support request, by the same filter as the request list: the menu offers
 * the requests to a secondary role only when there are some (issue 16).
 */
export const requestsWork = defineWorkChecks({
  requests: async ({ db }, actor) => {
    const scope = requestListScope({ scope: (action, columns) => scopeCondition(actor, action, columns) });
    const [row] = await db.select({ id: supportRequests.id }).from(supportRequests).where(scope).limit(1);
    return row !== undefined;
  },
});
