import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { myWorkSchema } from '../../../contracts/my-work.ts';
import { myWorkOf } from './my-work.service.ts';

/** HTTP route of the start page's "Mijn werk". */
export function myWorkRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/my-work',
      {
        config: { action: 'my_work.read' },
        schema: {
          summary: 'What needs the signed-in user now: counts with links to the lists',
          response: { 200: myWorkSchema },
        },
      },
      (request) => request.useCase((context) => myWorkOf(context)),
    );
  };
}
