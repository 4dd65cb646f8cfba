import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paginationQuerySchema } from '../../../contracts/fields.ts';
import {
  deletionLogPageSchema,
  legalHoldInputSchema,
  legalHoldListSchema,
  legalHoldReleaseSchema,
  retentionPreviewSchema,
  retentionScheduleInputSchema,
  retentionScheduleSchema,
} from '../../../contracts/retention.ts';
import {
  changeSchedule,
  listLegalHolds,
  placeLegalHold,
  previewRetention,
  readDeletionLog,
  readSchedule,
  releaseLegalHold,
} from './retention.service.ts';

const holdParams = z.strictObject({ holdId: z.uuid() });

/** HTTP routes of retention (P4): the schedule, the preview, the deletion log and legal holds. */
export function retentionRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'retention.read' as const };
    app.get(
      '/api/retention/schedule',
      {
        config: read,
        schema: { summary: 'The retention periods', response: { 200: retentionScheduleSchema } },
      },
      (request) => request.useCase((context) => readSchedule(context)),
    );
    app.put(
      '/api/retention/schedule',
      {
        config: { action: 'retention.configure' },
        schema: {
          summary: 'Change the retention periods',
          body: retentionScheduleInputSchema,
          response: { 200: retentionScheduleSchema },
        },
      },
      (request) => request.useCase((context) => changeSchedule(context, request.body)),
    );
    app.get(
      '/api/retention/preview',
      {
        config: read,
        schema: {
          summary: 'What the next retention run would delete',
          response: { 200: retentionPreviewSchema },
        },
      },
      (request) => request.useCase((context) => previewRetention(context)),
    );
    app.get(
      '/api/retention/deletion-log',
      {
        config: read,
        schema: {
          summary: 'The log of deletions',
          querystring: paginationQuerySchema.omit({ q: true }),
          response: { 200: deletionLogPageSchema },
        },
      },
      (request) => request.useCase((context) => readDeletionLog(context, request.query)),
    );
    const hold = { action: 'retention.hold' as const };
    app.get(
      '/api/retention/legal-holds',
      { config: hold, schema: { summary: 'List legal holds', response: { 200: legalHoldListSchema } } },
      (request) => request.useCase((context) => listLegalHolds(context)),
    );
    app.post(
      '/api/retention/legal-holds',
      {
        config: { ...hold, idempotent: true },
        schema: {
          summary: "Place a legal hold on a pupil's data",
          body: legalHoldInputSchema,
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => placeLegalHold(context, request.body))),
    );
    app.post(
      '/api/retention/legal-holds/:holdId/release',
      {
        config: hold,
        schema: { summary: 'Release a legal hold', params: holdParams, body: legalHoldReleaseSchema },
      },
      async (request, reply) => {
        await request.useCase((context) =>
          releaseLegalHold(context, request.params.holdId, request.body.reason),
        );
        return reply.status(204).send();
      },
    );
  };
}
