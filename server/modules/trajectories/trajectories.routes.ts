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
  supportStartInputSchema,
  type TrajectoryDetail,
  trajectoryDetailSchema,
  trajectoryListQuerySchema,
  trajectoryPageSchema,
} from '../../../contracts/trajectories.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import {
  decide,
  endTrajectory,
  getOwnSignal,
  getTrajectory,
  listOwnSignals,
  listSignalMentors,
  listTrajectories,
  recordDiscussion,
  recordExplained,
  recordParentsContact,
  setSupportStart,
  signal,
} from './trajectories.service.ts';

const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const mentorsQuery = z.strictObject({ locationId: z.uuid() });

/** HTTP routes of the expertise point's intake and the trajectory's end (issue 7: E2, E9, E11). */
export function trajectoriesRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/trajectories',
      {
        config: { action: 'trajectories.read' },
        schema: {
          summary: 'List the pupils of an expertise point',
          querystring: trajectoryListQuerySchema,
          response: { 200: trajectoryPageSchema },
        },
      },
      (request) => request.useCase((context) => listTrajectories(context, request.query)),
    );
    app.post(
      '/api/trajectories',
      {
        config: { action: 'trajectories.signal', idempotent: true },
        schema: {
          summary: 'Signal a pupil to the expertise point',
          body: signalInputSchema,
          response: { 201: trajectoryDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => signal(context, request.body))),
    );
    app.get(
      '/api/trajectories/:trajectoryId',
      {
        config: { action: 'trajectories.read' },
        schema: {
          summary: "A pupil's trajectory",
          params: trajectoryParams,
          response: { 200: trajectoryDetailSchema },
        },
      },
      (request) => request.useCase((context) => getTrajectory(context, request.params.trajectoryId)),
    );
    app.get(
      '/api/signals',
      {
        config: { action: 'trajectories.own_signals' },
        schema: {
          summary: 'List the own signals',
          querystring: trajectoryListQuerySchema,
          response: { 200: trajectoryPageSchema },
        },
      },
      (request) => request.useCase((context) => listOwnSignals(context, request.query)),
    );
    app.get(
      '/api/signals/:trajectoryId',
      {
        config: { action: 'trajectories.own_signals' },
        schema: {
          summary: 'One of the own signals',
          params: trajectoryParams,
          response: { 200: trajectoryDetailSchema },
        },
      },
      (request) => request.useCase((context) => getOwnSignal(context, request.params.trajectoryId)),
    );
    app.get(
      '/api/signal-mentors',
      {
        config: { action: 'trajectories.signal' },
        schema: {
          summary: 'Mentors to name in a signal',
          querystring: mentorsQuery,
          response: { 200: mentorOptionsSchema },
        },
      },
      (request) => request.useCase((context) => listSignalMentors(context, request.query.locationId)),
    );
    // The intake's steps share one shape: a body for the step, the trajectory back.
    const step = <Body extends z.ZodType>(
      path: string,
      summary: string,
      action: 'trajectories.intake' | 'trajectories.decide' | 'trajectories.end',
      body: Body,
      command: (
        context: UseCaseContext,
        trajectoryId: string,
        input: z.infer<Body>,
      ) => Promise<TrajectoryDetail>,
    ) =>
      app.post(
        `/api/trajectories/:trajectoryId/${path}`,
        {
          config: { action },
          schema: { summary, params: trajectoryParams, body, response: { 200: trajectoryDetailSchema } },
        },
        (request) =>
          request.useCase((context) =>
            command(context, request.params.trajectoryId, request.body as z.infer<Body>),
          ),
      );
    step(
      'discussion',
      "Record the discussion of a pupil's signal",
      'trajectories.intake',
      discussionInputSchema,
      recordDiscussion,
    );
    step(
      'parents-contact',
      "Record the mentor's contact with the parents",
      'trajectories.intake',
      parentsContactInputSchema,
      recordParentsContact,
    );
    step(
      'decision',
      'Decide whether a pupil qualifies for the expertise point',
      'trajectories.decide',
      decisionInputSchema,
      decide,
    );
    step(
      'explained',
      'Record that the mentor explained the decision to the parents',
      'trajectories.intake',
      explainedInputSchema,
      recordExplained,
    );
    step(
      'support-start',
      'Set when extra support started, which the six weeks to adopt the OPP run from',
      'trajectories.decide',
      supportStartInputSchema,
      setSupportStart,
    );
    step(
      'end',
      'End a trajectory with its reason and outcome',
      'trajectories.end',
      endInputSchema,
      endTrajectory,
    );
  };
}
