import { AsyncLocalStorage } from 'node:async_hooks';

/** A create that came with an `Idempotency-Key`: claimed by the first transaction of its request. */
export type IdempotencyClaim = {
  key: string;
  requestHash: string;
  userId: string;
  claimed: boolean;
};

/**
 * Carries the claim from the HTTP layer to the unit of work without every service passing it on:
 * the first transaction the request runs stores its result under the key, or replays a stored one.
 */
export const idempotencyScope = new AsyncLocalStorage<IdempotencyClaim>();

/** The same key was sent before with another request: nothing is done. */
export class IdempotencyKeyReused extends Error {}
