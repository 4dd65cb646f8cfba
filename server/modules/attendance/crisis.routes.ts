import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  crisisCheckInInputSchema,
  crisisSignalInputSchema,
  crisisVisitSchema,
} from '../../../contracts/attendance.ts';
import { trajectoryDetailSchema } from '../../../contracts/trajectories.ts';
import { crisisCheckIn, signalFromCrisisVisit } from './crisis.service.ts';

const visitParams = z.strictObject({ visitId: z.uuid() });

/**
 * HTTP routes of crisis care without a trajectory (issue 18, E7, E9). Checking such a pupil out goes
 * through the ordinary check-out of a visit.
 */
export function crisisRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/expertise-point/crisis-visits',
      {
        config: { action: 'attendance.manage', idempotent: true },
        schema: {
          summary: 'Take a pupil without a trajectory in for crisis care',
          body: crisisCheckInInputSchema,
          response: { 201: crisisVisitSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => crisisCheckIn(context, request.body))),
    );
    app.post(
      '/api/attendance-visits/:visitId/signal',
      {
        config: { action: 'trajectories.signal', idempotent: true },
        schema: {
          summary: 'Turn a crisis visit into a signal',
          params: visitParams,
          body: crisisSignalInputSchema,
          response: { 201: trajectoryDetailSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              signalFromCrisisVisit(context, request.params.visitId, request.body),
            ),
          ),
    );
  };
}
