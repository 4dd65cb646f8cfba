import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { schoolYearSchema } from '../../../contracts/locations.ts';
import {
  absenceInputSchema,
  absenceSchema,
  contractedHoursInputSchema,
  contractedHoursSchema,
  expertiseTagInputSchema,
  expertiseTagListSchema,
  expertiseTagSchema,
  photoInputSchema,
  publicProfileInputSchema,
  publicProfileSchema,
  teamListQuerySchema,
  teamMemberDetailSchema,
  teamPageSchema,
  updateTeamMemberInputSchema,
} from '../../../contracts/team.ts';
import { accountStatusSchema, deactivateUserInputSchema } from '../../../contracts/users.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { AccountsService } from '../users/accounts.service.ts';
import { pairsRoutes } from './pairs.routes.ts';
import type { PairsService } from './pairs.service.ts';
import type { TeamService } from './team.service.ts';

const memberParams = z.strictObject({ userId: z.uuid() });
const hoursParams = z.strictObject({ userId: z.uuid(), schoolYear: schoolYearSchema });
const absenceParams = z.strictObject({ userId: z.uuid(), absenceId: z.uuid() });
const tagParams = z.strictObject({ id: z.uuid() });
const emptyBodySchema = z.strictObject({});

/**
 * HTTP routes of the expertise team (R1), ending a member's account (P7) and, registered with them,
 * the fixed pairs of schools (R5).
 */
export function teamRoutes(
  service: TeamService,
  pairs: PairsService,
  accounts: AccountsService,
): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(pairsRoutes(pairs));
    app.get(
      '/api/team',
      {
        config: { action: 'team.read' },
        schema: { tags: ['team'], querystring: teamListQuerySchema, response: { 200: teamPageSchema } },
      },
      (request) => service.listTeam(actorOf(request), request.query, metaOf(request)),
    );
    app.get(
      '/api/team/:userId',
      {
        config: { action: 'team.read' },
        schema: { tags: ['team'], params: memberParams, response: { 200: teamMemberDetailSchema } },
      },
      (request) => service.getMember(actorOf(request), request.params.userId, metaOf(request)),
    );
    app.patch(
      '/api/team/:userId',
      {
        config: { action: 'team.manage' },
        schema: {
          tags: ['team'],
          params: memberParams,
          body: updateTeamMemberInputSchema,
          response: { 200: teamMemberDetailSchema },
        },
      },
      (request) =>
        service.updateMember(actorOf(request), request.params.userId, request.body, metaOf(request)),
    );
    app.post(
      '/api/team/:userId/deactivate',
      {
        config: { action: 'team.deactivate' },
        schema: {
          tags: ['team'],
          params: memberParams,
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
          'team.deactivate',
        ),
    );
    app.post(
      '/api/team/:userId/reactivate',
      {
        config: { action: 'team.deactivate' },
        schema: {
          tags: ['team'],
          params: memberParams,
          body: emptyBodySchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) =>
        accounts.reactivate(actorOf(request), request.params.userId, metaOf(request), 'team.deactivate'),
    );
    app.put(
      '/api/team/:userId/hours/:schoolYear',
      {
        config: { action: 'team.manage' },
        schema: {
          tags: ['team'],
          params: hoursParams,
          body: contractedHoursInputSchema,
          response: { 200: contractedHoursSchema },
        },
      },
      (request) =>
        service.setHours(
          actorOf(request),
          request.params.userId,
          request.params.schoolYear,
          request.body.contractedHours,
          metaOf(request),
        ),
    );
    app.post(
      '/api/team/:userId/absences',
      {
        config: { action: 'team.manage', idempotent: true },
        schema: {
          tags: ['team'],
          params: memberParams,
          body: absenceInputSchema,
          response: { 201: absenceSchema },
        },
      },
      async (request, reply) => {
        const absence = await service.addAbsence(
          actorOf(request),
          request.params.userId,
          request.body,
          metaOf(request),
        );
        return reply.status(201).send(absence);
      },
    );
    app.delete(
      '/api/team/:userId/absences/:absenceId',
      { config: { action: 'team.manage' }, schema: { tags: ['team'], params: absenceParams } },
      async (request, reply) => {
        await service.removeAbsence(
          actorOf(request),
          request.params.userId,
          request.params.absenceId,
          metaOf(request),
        );
        return reply.status(204).send();
      },
    );
    app.patch(
      '/api/team/:userId/public-profile',
      {
        config: { action: 'team.public_profile' },
        schema: {
          tags: ['team'],
          params: memberParams,
          body: publicProfileInputSchema,
          response: { 200: publicProfileSchema },
        },
      },
      (request) =>
        service.setPublicProfile(actorOf(request), request.params.userId, request.body, metaOf(request)),
    );
    app.put(
      '/api/team/:userId/photo',
      {
        config: { action: 'team.public_profile' },
        // A photo of up to 200 KB as base64 does not fit the server-wide 64 KiB body limit.
        bodyLimit: 300 * 1024,
        schema: { tags: ['team'], params: memberParams, body: photoInputSchema },
      },
      async (request, reply) => {
        await service.setPhoto(
          actorOf(request),
          request.params.userId,
          request.body.dataUrl,
          metaOf(request),
        );
        return reply.status(204).send();
      },
    );
    app.delete(
      '/api/team/:userId/photo',
      { config: { action: 'team.public_profile' }, schema: { tags: ['team'], params: memberParams } },
      async (request, reply) => {
        await service.removePhoto(actorOf(request), request.params.userId, metaOf(request));
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/expertise-tags',
      {
        config: { action: 'team.read' },
        schema: { tags: ['team'], response: { 200: expertiseTagListSchema } },
      },
      (request) => service.listTags(actorOf(request)),
    );
    app.post(
      '/api/expertise-tags',
      {
        config: { action: 'team.manage', idempotent: true },
        schema: { tags: ['team'], body: expertiseTagInputSchema, response: { 201: expertiseTagSchema } },
      },
      async (request, reply) => {
        const tag = await service.createTag(actorOf(request), request.body.name, metaOf(request));
        return reply.status(201).send(tag);
      },
    );
    app.patch(
      '/api/expertise-tags/:id',
      {
        config: { action: 'team.manage' },
        schema: {
          tags: ['team'],
          params: tagParams,
          body: expertiseTagInputSchema,
          response: { 200: expertiseTagSchema },
        },
      },
      (request) => service.renameTag(actorOf(request), request.params.id, request.body.name, metaOf(request)),
    );
    app.delete(
      '/api/expertise-tags/:id',
      { config: { action: 'team.manage' }, schema: { tags: ['team'], params: tagParams } },
      async (request, reply) => {
        await service.deleteTag(actorOf(request), request.params.id, metaOf(request));
        return reply.status(204).send();
      },
    );
  };
}
