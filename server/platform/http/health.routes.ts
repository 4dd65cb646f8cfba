import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DatabaseClient } from '../../db/client.ts';

/** Liveness and readiness for load balancers and orchestrators. */
export function healthRoutes(
  database: DatabaseClient,
  options: { benchRoutes: boolean },
): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'system.health' as const };
    app.get('/healthz', { config, schema: { summary: 'Liveness: the process answers' } }, () => ({
      status: 'ok',
    }));
    app.get(
      '/readyz',
      { config, schema: { summary: 'Readiness: the database answers and is migrated' } },
      async (_request, reply) => {
        const ready = await database.isReady();
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable' });
      },
    );
    if (options.benchRoutes) {
      // Benchmark baseline only (BENCH_ROUTES=true): the same query as GET /api/locations/:id, but
      // without session, tenancy or audit, to show what the platform's safety costs. It reads past
      // row-level security, so the configuration allows it only on the embedded database or one whose
      // name says bench (server/config.ts).
      app.get(
        '/bench/bare/:locationId',
        { config, schema: { hide: true, params: z.strictObject({ locationId: z.uuid() }) } },
        async (request) => {
          const [row] = await database.queryAsOwner(
            sql`select id, name, brin, location_code, sector, place from locations where id = ${request.params.locationId}`,
          );
          return row ?? null;
        },
      );
    }
  };
}
