import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paginationQuerySchema, schoolYearSchema } from '../../../contracts/fields.ts';
import {
  actionItemInputSchema,
  actionItemSchema,
  actionItemUpdateSchema,
  calendarFeedStatusSchema,
  interimDecisionInputSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingListQuerySchema,
  meetingOverviewSchema,
  meetingPageSchema,
  meetingSettingsInputSchema,
  meetingSettingsSchema,
  participantAdditionSchema,
  participantCandidateSchema,
} from '../../../contracts/meetings.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { CalendarService } from './calendar.service.ts';
import type { MeetingsService } from './meetings.service.ts';

const tags = ['meetings'];
const meetingParams = z.strictObject({ meetingId: z.uuid() });
const itemParams = z.strictObject({ itemId: z.uuid() });
const feedQuery = z.strictObject({ token: z.string().max(200).optional() });
const overviewQuery = paginationQuerySchema.extend({
  schoolYear: schoolYearSchema,
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});

/** HTTP routes of the meetings module (issue 6). */
export function meetingsRoutes(service: MeetingsService, calendar: CalendarService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/meetings',
      {
        config: { action: 'meetings.read' },
        schema: { tags, querystring: meetingListQuerySchema, response: { 200: meetingPageSchema } },
      },
      (request) => service.list(actorOf(request), request.query),
    );
    app.post(
      '/api/meetings',
      {
        config: { action: 'meetings.manage', idempotent: true },
        schema: { tags, body: meetingInputSchema, response: { 201: meetingDetailSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(actorOf(request), request.body, metaOf(request))),
    );
    app.get(
      '/api/meetings/:meetingId',
      {
        config: { action: 'meetings.read' },
        schema: { tags, params: meetingParams, response: { 200: meetingDetailSchema } },
      },
      (request) => service.get(actorOf(request), request.params.meetingId, metaOf(request)),
    );
    app.put(
      '/api/meetings/:meetingId',
      {
        config: { action: 'meetings.manage' },
        schema: {
          tags,
          params: meetingParams,
          body: meetingInputSchema,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) => service.update(actorOf(request), request.params.meetingId, request.body, metaOf(request)),
    );
    app.get(
      '/api/meetings/:meetingId/participant-candidates',
      {
        config: { action: 'meetings.add_participant' },
        schema: { tags, params: meetingParams, response: { 200: z.array(participantCandidateSchema) } },
      },
      (request) => service.participantCandidates(actorOf(request), request.params.meetingId),
    );
    app.post(
      '/api/meetings/:meetingId/participants',
      {
        config: { action: 'meetings.add_participant' },
        schema: {
          tags,
          params: meetingParams,
          body: participantAdditionSchema,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) =>
        service.addParticipant(actorOf(request), request.params.meetingId, request.body, metaOf(request)),
    );
    app.post(
      '/api/meetings/:meetingId/decision',
      {
        config: { action: 'meetings.decide' },
        schema: {
          tags,
          params: meetingParams,
          body: interimDecisionInputSchema,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) => service.decide(actorOf(request), request.params.meetingId, request.body, metaOf(request)),
    );
    app.post(
      '/api/meetings/:meetingId/action-items',
      {
        config: { action: 'meetings.manage', idempotent: true },
        schema: {
          tags,
          params: meetingParams,
          body: actionItemInputSchema,
          response: { 201: actionItemSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.addActionItem(
              actorOf(request),
              request.params.meetingId,
              request.body,
              metaOf(request),
            ),
          ),
    );
    app.put(
      '/api/meeting-action-items/:itemId',
      {
        config: { action: 'meetings.manage' },
        schema: {
          tags,
          params: itemParams,
          body: actionItemUpdateSchema,
          response: { 200: actionItemSchema },
        },
      },
      (request) =>
        service.updateActionItem(actorOf(request), request.params.itemId, request.body, metaOf(request)),
    );
    app.get(
      '/api/meeting-overview',
      {
        config: { action: 'meetings.overview' },
        schema: { tags, querystring: overviewQuery, response: { 200: meetingOverviewSchema } },
      },
      (request) => service.overview(actorOf(request), request.query),
    );
    app.get(
      '/api/meeting-settings',
      { config: { action: 'meetings.overview' }, schema: { tags, response: { 200: meetingSettingsSchema } } },
      (request) => service.settings(actorOf(request)),
    );
    app.put(
      '/api/meeting-settings',
      {
        config: { action: 'meetings.overview' },
        schema: { tags, body: meetingSettingsInputSchema, response: { 200: meetingSettingsSchema } },
      },
      (request) => service.changeSettings(actorOf(request), request.body, metaOf(request)),
    );
    app.get(
      '/api/meetings/:meetingId/calendar.ics',
      {
        config: { action: 'meetings.read' },
        schema: { tags, params: meetingParams, produces: ['text/calendar'] },
      },
      async (request, reply) => {
        const file = await calendar.meetingFile(
          actorOf(request),
          request.params.meetingId,
          request.session?.locale ?? 'nl',
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', contentDisposition('overleg.ics'))
          .send(file);
      },
    );
    app.get(
      '/api/calendar-feed',
      { config: { action: 'calendar.feed' }, schema: { tags, response: { 200: calendarFeedStatusSchema } } },
      (request) => calendar.feedStatus(actorOf(request)),
    );
    app.post(
      '/api/calendar-feed',
      { config: { action: 'calendar.feed' }, schema: { tags, response: { 200: calendarFeedStatusSchema } } },
      (request) => calendar.createFeed(actorOf(request), metaOf(request)),
    );
    app.delete(
      '/api/calendar-feed',
      { config: { action: 'calendar.feed' }, schema: { tags, response: { 200: calendarFeedStatusSchema } } },
      (request) => calendar.revokeFeed(actorOf(request), metaOf(request)),
    );
    app.get(
      '/api/calendar.ics',
      {
        config: { action: 'calendar.subscribe', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags, querystring: feedQuery, produces: ['text/calendar'] },
      },
      async (request, reply) =>
        reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(await calendar.feed(request.query.token)),
    );
  };
}
