import { createHash } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { idempotencyScope } from '../../db/idempotency-scope.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A create a client may retry: with an `Idempotency-Key` header, a retry answers the first result
     * instead of creating a second row.
     */
    idempotent?: boolean;
  }
}

export const idempotencyHeader = 'idempotency-key';

/** The header as the API describes and validates it: any client-chosen token, a UUID for instance. */
export const idempotencyHeadersSchema = z.object({
  [idempotencyHeader]: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, { message: 'invalid_idempotency_key' })
    .optional(),
});

/** Adds the header to an idempotent route's schema, so it is validated and in the OpenAPI document. */
export function describeIdempotentRoute(route: RouteOptions): void {
  if (!route.config?.idempotent) return;
  route.schema = { ...route.schema, headers: route.schema?.headers ?? idempotencyHeadersSchema };
}

/**
 * Binds a create's key to the request once the body is validated and the actor known; the first
 * transaction of the request claims it (see DatabaseClient).
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    const key = request.headers[idempotencyHeader];
    const actor = request.session?.actor;
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || !actor) return done();
    const requestHash = createHash('sha256')
      .update(
        JSON.stringify([
          request.method,
          request.routeOptions.url,
          request.params ?? null,
          request.body ?? null,
        ]),
      )
      .digest('base64url');
    idempotencyScope.run({ key, requestHash, userId: actor.userId, claimed: false }, done);
  });
}
