import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  pupilCreateInputSchema,
  pupilDetailSchema,
  pupilListQuerySchema,
  pupilMergeInputSchema,
  pupilMergeResultSchema,
  pupilPageSchema,
  pupilUpdateInputSchema,
} from '../../../contracts/pupils.ts';
import { createPupil, getPupil, listPupils, mergePupils, updatePupil } from './pupils.service.ts';

const pupilParams = z.strictObject({ pupilId: z.uuid() });

/** HTTP routes of the pupil register per school location (Y1). */
export function pupilsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/pupils',
      {
        config: { action: 'pupils.read' },
        schema: {
          summary: "Search a school's pupil register",
          querystring: pupilListQuerySchema,
          response: { 200: pupilPageSchema },
        },
      },
      (request) => request.useCase((context) => listPupils(context, request.query)),
    );
    app.post(
      '/api/pupils',
      {
        config: { action: 'pupils.manage', idempotent: true },
        schema: {
          summary: "Add a pupil to a school's register",
          body: pupilCreateInputSchema,
          response: { 201: pupilDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => createPupil(context, request.body))),
    );
    app.get(
      '/api/pupils/:pupilId',
      {
        config: { action: 'pupils.read' },
        schema: {
          summary: "A pupil's register entry",
          params: pupilParams,
          response: { 200: pupilDetailSchema },
        },
      },
      (request) => request.useCase((context) => getPupil(context, request.params.pupilId)),
    );
    app.put(
      '/api/pupils/:pupilId',
      {
        config: { action: 'pupils.manage' },
        schema: {
          summary: "Change a pupil's register entry",
          params: pupilParams,
          body: pupilUpdateInputSchema,
          response: { 200: pupilDetailSchema },
        },
      },
      (request) => request.useCase((context) => updatePupil(context, request.params.pupilId, request.body)),
    );
    app.post(
      '/api/pupils/:pupilId/merge',
      {
        config: { action: 'pupils.merge' },
        schema: {
          summary: 'Merge a duplicate pupil into this one',
          params: pupilParams,
          body: pupilMergeInputSchema,
          response: { 200: pupilMergeResultSchema },
        },
      },
      (request) => request.useCase((context) => mergePupils(context, request.params.pupilId, request.body)),
    );
  };
}
