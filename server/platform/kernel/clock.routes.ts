import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SettableClock } from './clock.ts';

/**
 * Browser tests only (TEST_CLOCK, refused on a server database and on https): sets the date the
 * running Passend works with, so a test of a date-bound flow (closing last month) does not depend on
 * the day it runs. `null` lets the clock follow the wall clock again.
 */
export function testClockRoutes(clock: SettableClock): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/test/clock',
      {
        config: { action: 'system.test_clock' },
        schema: {
          hide: true,
          body: z.strictObject({ at: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).nullable() }),
        },
      },
      async (request, reply) => {
        clock.set(request.body.at);
        return reply.status(204).send();
      },
    );
  };
}
