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
import type { AccountsService } from './accounts.service.ts';
import { listUsers, type UsersService, updateRoles } from './users.service.ts';

const userParams = z.strictObject({ userId: z.uuid() });
const emptyBodySchema = z.strictObject({});

/** HTTP routes of user administration, and ending and reopening accounts (P7). */
export function usersRoutes(service: UsersService, accounts: AccountsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { action: 'users.read' },
        schema: {
          summary: 'List accounts',
          querystring: userListQuerySchema,
          response: { 200: userPageSchema },
        },
      },
      (request) => request.useCase((context) => listUsers(context, request.query)),
    );
    app.post(
      '/api/users',
      {
        config: { action: 'users.invite', idempotent: true },
        schema: {
          summary: 'Invite a new account',
          body: inviteUserInputSchema,
          response: { 201: userSummarySchema },
        },
      },
      async (request, reply) => {
        await service.assertEmailFree(request.body.email);
        const user = await request.useCase((context) => service.inviteUser(context, request.body));
        return reply.status(201).send(user);
      },
    );
    app.put(
      '/api/users/:userId/roles',
      {
        config: { action: 'users.manage' },
        schema: {
          summary: "Change an account's roles",
          params: userParams,
          body: updateUserRolesInputSchema,
          response: { 200: userSummarySchema },
        },
      },
      (request) => request.useCase((context) => updateRoles(context, request.params.userId, request.body)),
    );
    app.post(
      '/api/users/:userId/deactivate',
      {
        config: { action: 'users.deactivate' },
        schema: {
          summary: 'Deactivate an account',
          params: userParams,
          body: deactivateUserInputSchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) =>
        request.useCase((context) => accounts.deactivate(context, request.params.userId, request.body)),
    );
    app.post(
      '/api/users/:userId/reactivate',
      {
        config: { action: 'users.deactivate' },
        schema: {
          summary: 'Reactivate an account',
          params: userParams,
          body: emptyBodySchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) => request.useCase((context) => accounts.reactivate(context, request.params.userId)),
    );
  };
}
