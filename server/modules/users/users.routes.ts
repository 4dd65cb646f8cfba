import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { paginationQuerySchema } from '../../../contracts/fields.ts';
import { inviteUserInputSchema, userPageSchema, userSummarySchema } from '../../../contracts/users.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { UsersService } from './users.service.ts';

/** HTTP routes of user administration. */
export function usersRoutes(service: UsersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { action: 'users.read' },
        schema: { tags: ['users'], querystring: paginationQuerySchema, response: { 200: userPageSchema } },
      },
      (request) => service.listUsers(actorOf(request), request.query, metaOf(request)),
    );
    app.post(
      '/api/users',
      {
        config: { action: 'users.invite' },
        schema: { tags: ['users'], body: inviteUserInputSchema, response: { 201: userSummarySchema } },
      },
      async (request, reply) => {
        const user = await service.inviteUser(actorOf(request), request.body, metaOf(request));
        return reply.status(201).send(user);
      },
    );
  };
}
