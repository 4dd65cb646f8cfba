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
import {
  addHomeworkSession,
  checkHomeworkSession,
  createHomeworkItem,
  listHomework,
} from './homework.service.ts';

const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const itemParams = z.strictObject({ itemId: z.uuid() });
const sessionParams = z.strictObject({ sessionId: z.uuid() });

/** HTTP routes of homework support (issue 7, E4, E8). */
export function homeworkRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    // Visible to whoever reads the pupil file, the mentor included (read-only).
    app.get(
      '/api/trajectories/:trajectoryId/homework',
      {
        config: { action: 'trajectories.read' },
        schema: {
          summary: "A pupil's homework items and sessions",
          params: trajectoryParams,
          querystring: homeworkQuerySchema,
          response: { 200: homeworkPageSchema },
        },
      },
      (request) =>
        request.useCase((context) => listHomework(context, request.params.trajectoryId, request.query)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/homework',
      {
        config: { action: 'homework.manage', idempotent: true },
        schema: {
          summary: 'Add a homework item for a pupil',
          params: trajectoryParams,
          body: homeworkItemInputSchema,
          response: { 201: homeworkItemSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              createHomeworkItem(context, request.params.trajectoryId, request.body),
            ),
          ),
    );
    app.post(
      '/api/homework-items/:itemId/sessions',
      {
        config: { action: 'homework.manage', idempotent: true },
        schema: {
          summary: 'Plan a homework session',
          params: itemParams,
          body: homeworkSessionInputSchema,
          response: { 201: homeworkSessionSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              addHomeworkSession(context, request.params.itemId, request.body),
            ),
          ),
    );
    app.put(
      '/api/homework-sessions/:sessionId/check',
      {
        config: { action: 'homework.manage' },
        schema: {
          summary: 'Record how a homework session went',
          params: sessionParams,
          body: homeworkCheckInputSchema,
          response: { 200: homeworkSessionSchema },
        },
      },
      (request) =>
        request.useCase((context) => checkHomeworkSession(context, request.params.sessionId, request.body)),
    );
  };
}
