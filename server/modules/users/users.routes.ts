import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountStatusSchema,
  deactivateUserInputSchema,
  inviteUserInputSchema,
  updateUserRolesInputSchema,
  userListQuerySchema,
  userPageSchema,
  userSummarySchema,
} from '../../../contracts/users.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { AccountsService } from './accounts.service.ts';
import type { UsersService } from './users.service.ts';

const userParams = z.strictObject({ userId: z.uuid() });
const emptyBodySchema = z.strictObject({});

/** HTTP routes of user administration, and ending and reopening accounts (P7). */
export function usersRoutes(service: UsersService, accounts: AccountsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { action: 'users.read' },
        schema: { tags: ['users'], querystring: userListQuerySchema, response: { 200: userPageSchema } },
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
    app.post(
      '/api/users/:userId/deactivate',
      {
        config: { action: 'users.deactivate' },
        schema: {
          tags: ['users'],
          params: userParams,
          body: deactivateUserInputSchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) =>
        accounts.deactivate(
          actorOf(request),
          request.params.userId,
          request.body,
          metaOf(request),
          'users.deactivate',
        ),
    );
    app.post(
      '/api/users/:userId/reactivate',
      {
        config: { action: 'users.deactivate' },
        schema: {
          tags: ['users'],
          params: userParams,
          body: emptyBodySchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) =>
        accounts.reactivate(actorOf(request), request.params.userId, metaOf(request), 'users.deactivate'),
    );
  };
}
