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
import type { AccountsService } from '../users/accounts.service.ts';
import { pairsRoutes } from './pairs.routes.ts';
import {
  addAbsence,
  createTag,
  deleteTag,
  getMember,
  listTags,
  listTeam,
  removeAbsence,
  removePhoto,
  renameTag,
  setHours,
  setPhoto,
  setPublicProfile,
  updateMember,
} from './team.service.ts';

const memberParams = z.strictObject({ userId: z.uuid() });
const hoursParams = z.strictObject({ userId: z.uuid(), schoolYear: schoolYearSchema });
const absenceParams = z.strictObject({ userId: z.uuid(), absenceId: z.uuid() });
const tagParams = z.strictObject({ id: z.uuid() });
const emptyBodySchema = z.strictObject({});

/**
 * HTTP routes of the expertise team (R1), ending a member's account (P7) and, registered with them,
 * the fixed pairs of schools (R5).
 */
export function teamRoutes(accounts: AccountsService): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(pairsRoutes());
    app.get(
      '/api/team',
      {
        config: { action: 'team.read' },
        schema: {
          summary: 'List the expertise team',
          querystring: teamListQuerySchema,
          response: { 200: teamPageSchema },
        },
      },
      (request) => request.useCase((context) => listTeam(context, request.query)),
    );
    app.get(
      '/api/team/:userId',
      {
        config: { action: 'team.read' },
        schema: {
          summary: "A team member's profile",
          params: memberParams,
          response: { 200: teamMemberDetailSchema },
        },
      },
      (request) => request.useCase((context) => getMember(context, request.params.userId)),
    );
    app.patch(
      '/api/team/:userId',
      {
        config: { action: 'team.manage' },
        schema: {
          summary: "Change a team member's profile",
          params: memberParams,
          body: updateTeamMemberInputSchema,
          response: { 200: teamMemberDetailSchema },
        },
      },
      (request) => request.useCase((context) => updateMember(context, request.params.userId, request.body)),
    );
    app.post(
      '/api/team/:userId/deactivate',
      {
        config: { action: 'team.deactivate' },
        schema: {
          summary: 'Deactivate a team member',
          params: memberParams,
          body: deactivateUserInputSchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) =>
        request.useCase((context) => accounts.deactivate(context, request.params.userId, request.body)),
    );
    app.post(
      '/api/team/:userId/reactivate',
      {
        config: { action: 'team.deactivate' },
        schema: {
          summary: 'Reactivate a team member',
          params: memberParams,
          body: emptyBodySchema,
          response: { 200: accountStatusSchema },
        },
      },
      (request) => request.useCase((context) => accounts.reactivate(context, request.params.userId)),
    );
    app.put(
      '/api/team/:userId/hours/:schoolYear',
      {
        config: { action: 'team.manage' },
        schema: {
          summary: "Set a team member's contracted hours of a school year",
          params: hoursParams,
          body: contractedHoursInputSchema,
          response: { 200: contractedHoursSchema },
        },
      },
      (request) =>
        request.useCase((context) =>
          setHours(context, request.params.userId, request.params.schoolYear, request.body.contractedHours),
        ),
    );
    app.post(
      '/api/team/:userId/absences',
      {
        config: { action: 'team.manage', idempotent: true },
        schema: {
          summary: "Record a team member's absence",
          params: memberParams,
          body: absenceInputSchema,
          response: { 201: absenceSchema },
        },
      },
      async (request, reply) => {
        const absence = await request.useCase((context) =>
          addAbsence(context, request.params.userId, request.body),
        );
        return reply.status(201).send(absence);
      },
    );
    app.delete(
      '/api/team/:userId/absences/:absenceId',
      {
        config: { action: 'team.manage' },
        schema: { summary: "Delete a team member's absence", params: absenceParams },
      },
      async (request, reply) => {
        await request.useCase((context) =>
          removeAbsence(context, request.params.userId, request.params.absenceId),
        );
        return reply.status(204).send();
      },
    );
    app.patch(
      '/api/team/:userId/public-profile',
      {
        config: { action: 'team.public_profile' },
        schema: {
          summary: 'Choose what the public team page shows',
          params: memberParams,
          body: publicProfileInputSchema,
          response: { 200: publicProfileSchema },
        },
      },
      (request) =>
        request.useCase((context) => setPublicProfile(context, request.params.userId, request.body)),
    );
    app.put(
      '/api/team/:userId/photo',
      {
        config: { action: 'team.public_profile' },
        // A photo of up to 200 KB as base64 does not fit the server-wide 64 KiB body limit.
        bodyLimit: 300 * 1024,
        schema: { summary: "Upload a team member's photo", params: memberParams, body: photoInputSchema },
      },
      async (request, reply) => {
        await request.useCase((context) => setPhoto(context, request.params.userId, request.body.dataUrl));
        return reply.status(204).send();
      },
    );
    app.delete(
      '/api/team/:userId/photo',
      {
        config: { action: 'team.public_profile' },
        schema: { summary: "Remove a team member's photo", params: memberParams },
      },
      async (request, reply) => {
        await request.useCase((context) => removePhoto(context, request.params.userId));
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/expertise-tags',
      {
        config: { action: 'team.read' },
        schema: { summary: 'List the expertise tags', response: { 200: expertiseTagListSchema } },
      },
      (request) => request.useCase(listTags),
    );
    app.post(
      '/api/expertise-tags',
      {
        config: { action: 'team.manage', idempotent: true },
        schema: {
          summary: 'Add an expertise tag',
          body: expertiseTagInputSchema,
          response: { 201: expertiseTagSchema },
        },
      },
      async (request, reply) => {
        const tag = await request.useCase((context) => createTag(context, request.body.name));
        return reply.status(201).send(tag);
      },
    );
    app.patch(
      '/api/expertise-tags/:id',
      {
        config: { action: 'team.manage' },
        schema: {
          summary: 'Rename an expertise tag',
          params: tagParams,
          body: expertiseTagInputSchema,
          response: { 200: expertiseTagSchema },
        },
      },
      (request) => request.useCase((context) => renameTag(context, request.params.id, request.body.name)),
    );
    app.delete(
      '/api/expertise-tags/:id',
      {
        config: { action: 'team.manage' },
        schema: { summary: 'Delete an expertise tag', params: tagParams },
      },
      async (request, reply) => {
        await request.useCase((context) => deleteTag(context, request.params.id));
        return reply.status(204).send();
      },
    );
  };
}
