import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  homeworkCheckInputSchema,
  homeworkItemInputSchema,
  homeworkItemSchema,
  homeworkPageSchema,
  homeworkQuerySchema,
  homeworkSessionInputSchema,
  homeworkSessionSchema,
} from '../../../contracts/attendance.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { HomeworkService } from './homework.service.ts';

const tags = ['expertise points'];
const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const itemParams = z.strictObject({ itemId: z.uuid() });
const sessionParams = z.strictObject({ sessionId: z.uuid() });

/** HTTP routes of homework support (issue 7, E4, E8). */
export function homeworkRoutes(service: HomeworkService): FastifyPluginAsyncZod {
  return async (app) => {
    // Visible to whoever reads the pupil file, the mentor included (read-only).
    app.get(
      '/api/trajectories/:trajectoryId/homework',
      {
        config: { action: 'trajectories.read' },
        schema: {
          tags,
          params: trajectoryParams,
          querystring: homeworkQuerySchema,
          response: { 200: homeworkPageSchema },
        },
      },
      (request) =>
        service.list(actorOf(request), request.params.trajectoryId, request.query, metaOf(request)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/homework',
      {
        config: { action: 'homework.manage', idempotent: true },
        schema: {
          tags,
          params: trajectoryParams,
          body: homeworkItemInputSchema,
          response: { 201: homeworkItemSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.createItem(
              actorOf(request),
              request.params.trajectoryId,
              request.body,
              metaOf(request),
            ),
          ),
    );
    app.post(
      '/api/homework-items/:itemId/sessions',
      {
        config: { action: 'homework.manage', idempotent: true },
        schema: {
          tags,
          params: itemParams,
          body: homeworkSessionInputSchema,
          response: { 201: homeworkSessionSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.addSession(actorOf(request), request.params.itemId, request.body, metaOf(request)),
          ),
    );
    app.put(
      '/api/homework-sessions/:sessionId/check',
      {
        config: { action: 'homework.manage' },
        schema: {
          tags,
          params: sessionParams,
          body: homeworkCheckInputSchema,
          response: { 200: homeworkSessionSchema },
        },
      },
      (request) =>
        service.checkSession(actorOf(request), request.params.sessionId, request.body, metaOf(request)),
    );
  };
}
