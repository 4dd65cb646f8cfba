import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paginationQuerySchema } from '../../../contracts/fields.ts';
import {
  inviteUserInputSchema,
  updateUserRolesInputSchema,
  userPageSchema,
  userSummarySchema,
} from '../../../contracts/users.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { UsersService } from './users.service.ts';

const userParams = z.strictObject({ userId: z.uuid() });

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
        config: { action: 'users.invite', idempotent: true },
        schema: { tags: ['users'], body: inviteUserInputSchema, response: { 201: userSummarySchema } },
      },
      async (request, reply) => {
        const user = await service.inviteUser(actorOf(request), request.body, metaOf(request));
        return reply.status(201).send(user);
      },
    );
    app.put(
      '/api/users/:userId/roles',
      {
        config: { action: 'users.manage' },
        schema: {
          tags: ['users'],
          params: userParams,
          body: updateUserRolesInputSchema,
          response: { 200: userSummarySchema },
        },
      },
      (request) =>
        service.updateRoles(actorOf(request), request.params.userId, request.body, metaOf(request)),
    );
  };
}
