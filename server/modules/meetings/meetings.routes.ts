import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionItemInputSchema,
  actionItemSchema,
  actionItemUpdateSchema,
  calendarFeedStatusSchema,
  interimDecisionInputSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingListQuerySchema,
  meetingOverviewQuerySchema,
  meetingOverviewSchema,
  meetingPageSchema,
  meetingSettingsInputSchema,
  meetingSettingsSchema,
  participantAdditionSchema,
  participantCandidateSchema,
} from '../../../contracts/meetings.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import type { CalendarService } from './calendar.service.ts';
import {
  addActionItem,
  addParticipant,
  changeMeetingSettings,
  createMeeting,
  decideInterim,
  getMeeting,
  listMeetings,
  meetingOverview,
  meetingSettingsOf,
  participantCandidates,
  updateActionItem,
  updateMeeting,
} from './meetings.service.ts';

const meetingParams = z.strictObject({ meetingId: z.uuid() });
const itemParams = z.strictObject({ itemId: z.uuid() });
const feedQuery = z.strictObject({ token: z.string().max(200).optional() });

/** HTTP routes of the meetings module (issue 6). */
export function meetingsRoutes(calendar: CalendarService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/meetings',
      {
        config: { action: 'meetings.read' },
        schema: {
          summary: 'List meetings',
          querystring: meetingListQuerySchema,
          response: { 200: meetingPageSchema },
        },
      },
      (request) => request.useCase((context) => listMeetings(context, request.query)),
    );
    app.post(
      '/api/meetings',
      {
        config: { action: 'meetings.manage', idempotent: true },
        schema: {
          summary: 'Plan a meeting',
          body: meetingInputSchema,
          response: { 201: meetingDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => createMeeting(context, request.body))),
    );
    app.get(
      '/api/meetings/:meetingId',
      {
        config: { action: 'meetings.read' },
        schema: {
          summary: 'A meeting with its participants, minutes and action items',
          params: meetingParams,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) => request.useCase((context) => getMeeting(context, request.params.meetingId)),
    );
    app.put(
      '/api/meetings/:meetingId',
      {
        config: { action: 'meetings.manage' },
        schema: {
          summary: 'Change a meeting or record its minutes',
          params: meetingParams,
          body: meetingInputSchema,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) =>
        request.useCase((context) => updateMeeting(context, request.params.meetingId, request.body)),
    );
    app.get(
      '/api/meetings/:meetingId/participant-candidates',
      {
        config: { action: 'meetings.add_participant' },
        schema: {
          summary: 'Accounts that can be added to a meeting',
          params: meetingParams,
          response: { 200: z.array(participantCandidateSchema) },
        },
      },
      (request) => request.useCase((context) => participantCandidates(context, request.params.meetingId)),
    );
    app.post(
      '/api/meetings/:meetingId/participants',
      {
        config: { action: 'meetings.add_participant' },
        schema: {
          summary: 'Add an account as a participant',
          params: meetingParams,
          body: participantAdditionSchema,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) =>
        request.useCase((context) => addParticipant(context, request.params.meetingId, request.body)),
    );
    app.post(
      '/api/meetings/:meetingId/decision',
      {
        config: { action: 'meetings.decide' },
        schema: {
          summary: 'Record the decision of an interim meeting',
          params: meetingParams,
          body: interimDecisionInputSchema,
          response: { 200: meetingDetailSchema },
        },
      },
      (request) =>
        request.useCase((context) => decideInterim(context, request.params.meetingId, request.body)),
    );
    app.post(
      '/api/meetings/:meetingId/action-items',
      {
        config: { action: 'meetings.manage', idempotent: true },
        schema: {
          summary: 'Add an action item to a meeting',
          params: meetingParams,
          body: actionItemInputSchema,
          response: { 201: actionItemSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              addActionItem(context, request.params.meetingId, request.body),
            ),
          ),
    );
    app.put(
      '/api/meeting-action-items/:itemId',
      {
        config: { action: 'meetings.manage' },
        schema: {
          summary: 'Change or complete an action item',
          params: itemParams,
          body: actionItemUpdateSchema,
          response: { 200: actionItemSchema },
        },
      },
      (request) =>
        request.useCase((context) => updateActionItem(context, request.params.itemId, request.body)),
    );
    app.get(
      '/api/meeting-overview',
      {
        config: { action: 'meetings.overview' },
        schema: {
          summary: 'Which schools had their annual talk and SOT meetings',
          querystring: meetingOverviewQuerySchema,
          response: { 200: meetingOverviewSchema },
        },
      },
      (request) => request.useCase((context) => meetingOverview(context, request.query)),
    );
    app.get(
      '/api/meeting-settings',
      {
        config: { action: 'meetings.settings' },
        schema: {
          summary: 'The meeting settings of the partnership',
          response: { 200: meetingSettingsSchema },
        },
      },
      (request) => request.useCase(meetingSettingsOf),
    );
    app.put(
      '/api/meeting-settings',
      {
        config: { action: 'meetings.settings' },
        schema: {
          summary: 'Change the meeting settings',
          body: meetingSettingsInputSchema,
          response: { 200: meetingSettingsSchema },
        },
      },
      (request) => request.useCase((context) => changeMeetingSettings(context, request.body)),
    );
    app.get(
      '/api/meetings/:meetingId/calendar.ics',
      {
        config: { action: 'meetings.read' },
        schema: {
          summary: 'Download a meeting as a calendar file',
          params: meetingParams,
          produces: ['text/calendar'],
        },
      },
      async (request, reply) => {
        const file = await request.useCase((context) =>
          calendar.meetingFile(context, request.params.meetingId),
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', contentDisposition('overleg.ics'))
          .send(file);
      },
    );
    app.get(
      '/api/calendar-feed',
      {
        config: { action: 'calendar.feed' },
        schema: {
          summary: 'Whether the own calendar feed is on',
          response: { 200: calendarFeedStatusSchema },
        },
      },
      (request) => request.useCase((context) => calendar.feedStatus(context)),
    );
    app.post(
      '/api/calendar-feed',
      {
        config: { action: 'calendar.feed' },
        schema: {
          summary: 'Create (or replace) the own calendar feed link',
          response: { 200: calendarFeedStatusSchema },
        },
      },
      (request) => request.useCase((context) => calendar.createFeed(context)),
    );
    app.delete(
      '/api/calendar-feed',
      {
        config: { action: 'calendar.feed' },
        schema: { summary: 'Turn the own calendar feed off', response: { 200: calendarFeedStatusSchema } },
      },
      (request) => request.useCase((context) => calendar.revokeFeed(context)),
    );
    app.get(
      '/api/calendar.ics',
      {
        config: { action: 'calendar.subscribe', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          summary: 'The calendar feed of a feed link (no session)',
          querystring: feedQuery,
          produces: ['text/calendar'],
        },
      },
      async (request, reply) => {
        const link = calendar.feedLink(request.query.token);
        const file = await request.publicUseCase(link.tenantId, (context) => calendar.feed(context, link));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(file);
      },
    );
  };
}
