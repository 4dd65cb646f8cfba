import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decisionInputSchema,
  discussionInputSchema,
  endInputSchema,
  explainedInputSchema,
  mentorOptionsSchema,
  parentsContactInputSchema,
  signalInputSchema,
  type TrajectoryDetail,
  trajectoryDetailSchema,
  trajectoryListQuerySchema,
  trajectoryPageSchema,
} from '../../../contracts/trajectories.ts';
import type { Actor } from '../../platform/access/policies.ts';
import type { RequestMeta } from '../../platform/audit/audit.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { TrajectoriesService } from './trajectories.service.ts';

const tags = ['trajectories'];
const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const mentorsQuery = z.strictObject({ locationId: z.uuid() });

/** HTTP routes of the expertise point's intake and the trajectory's end (issue 7: E2, E9, E11). */
export function trajectoriesRoutes(service: TrajectoriesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/trajectories',
      {
        config: { action: 'trajectories.read' },
        schema: { tags, querystring: trajectoryListQuerySchema, response: { 200: trajectoryPageSchema } },
      },
      (request) => service.list(actorOf(request), request.query, metaOf(request)),
    );
    app.post(
      '/api/trajectories',
      {
        config: { action: 'trajectories.signal', idempotent: true },
        schema: { tags, body: signalInputSchema, response: { 201: trajectoryDetailSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await service.signal(actorOf(request), request.body, metaOf(request))),
    );
    app.get(
      '/api/trajectories/:trajectoryId',
      {
        config: { action: 'trajectories.read' },
        schema: { tags, params: trajectoryParams, response: { 200: trajectoryDetailSchema } },
      },
      (request) => service.get(actorOf(request), request.params.trajectoryId, metaOf(request)),
    );
    app.get(
      '/api/signals',
      {
        config: { action: 'trajectories.own_signals' },
        schema: { tags, querystring: trajectoryListQuerySchema, response: { 200: trajectoryPageSchema } },
      },
      (request) => service.listOwnSignals(actorOf(request), request.query, metaOf(request)),
    );
    app.get(
      '/api/signals/:trajectoryId',
      {
        config: { action: 'trajectories.own_signals' },
        schema: { tags, params: trajectoryParams, response: { 200: trajectoryDetailSchema } },
      },
      (request) => service.getOwnSignal(actorOf(request), request.params.trajectoryId, metaOf(request)),
    );
    app.get(
      '/api/signal-mentors',
      {
        config: { action: 'trajectories.signal' },
        schema: { tags, querystring: mentorsQuery, response: { 200: mentorOptionsSchema } },
      },
      (request) => service.mentors(actorOf(request), request.query.locationId),
    );
    // The intake's steps share one shape: a body for the step, the trajectory back.
    const step = <Body extends z.ZodType>(
      path: string,
      action: 'trajectories.intake' | 'trajectories.decide' | 'trajectories.end',
      body: Body,
      command: (
        actor: Actor,
        trajectoryId: string,
        input: z.infer<Body>,
        meta: RequestMeta,
      ) => Promise<TrajectoryDetail>,
    ) =>
      app.post(
        `/api/trajectories/:trajectoryId/${path}`,
        {
          config: { action },
          schema: { tags, params: trajectoryParams, body, response: { 200: trajectoryDetailSchema } },
        },
        (request) =>
          command(
            actorOf(request),
            request.params.trajectoryId,
            request.body as z.infer<Body>,
            metaOf(request),
          ),
      );
    step('discussion', 'trajectories.intake', discussionInputSchema, (...args) =>
      service.recordDiscussion(...args),
    );
    step('parents-contact', 'trajectories.intake', parentsContactInputSchema, (...args) =>
      service.recordParentsContact(...args),
    );
    step('decision', 'trajectories.decide', decisionInputSchema, (...args) => service.decide(...args));
    step('explained', 'trajectories.intake', explainedInputSchema, (...args) =>
      service.recordExplained(...args),
    );
    step('end', 'trajectories.end', endInputSchema, (...args) => service.end(...args));
  };
}
