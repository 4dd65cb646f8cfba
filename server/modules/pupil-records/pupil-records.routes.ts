import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contactInputSchema,
  contactListQuerySchema,
  contactPageSchema,
  contactSchema,
  expertisePointOverviewQuerySchema,
  expertisePointOverviewSchema,
  referralInputSchema,
  referralListQuerySchema,
  referralPageSchema,
  referralSchema,
  referralUpdateSchema,
  signalsPerMonthQuerySchema,
  signalsPerMonthSchema,
  teacherSupportInputSchema,
  teacherSupportPageSchema,
  teacherSupportQuerySchema,
  teacherSupportSchema,
} from '../../../contracts/pupil-records.ts';
import type { DatabaseClient } from '../../db/client.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import { ContactsService } from './contacts.service.ts';
import { OverviewService } from './overview.service.ts';
import { ReferralsService } from './referrals.service.ts';
import { TeacherSupportService } from './teacher-support.service.ts';

const tags = ['expertise-points'];
const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const contactParams = z.strictObject({ contactId: z.uuid() });
const referralParams = z.strictObject({ referralId: z.uuid() });

export type PupilRecordsServices = {
  contacts: ContactsService;
  referrals: ReferralsService;
  teacherSupport: TeacherSupportService;
  overview: OverviewService;
};

/** The services behind these routes, on one database. */
export function createPupilRecordsServices(database: DatabaseClient): PupilRecordsServices {
  return {
    contacts: new ContactsService(database),
    referrals: new ReferralsService(database),
    teacherSupport: new TeacherSupportService(database),
    overview: new OverviewService(database),
  };
}

/**
 * HTTP routes of the expertise point's records (issue 7): contacts (E5), ZAT referrals (E7, P3),
 * support for teachers with the signals per month (E6), and the overview per location.
 */
export function pupilRecordsRoutes(services: PupilRecordsServices): FastifyPluginAsyncZod {
  const { contacts, referrals, teacherSupport, overview } = services;
  return async (app) => {
    app.get(
      '/api/trajectories/:trajectoryId/contacts',
      {
        config: { action: 'trajectory_contacts.manage' },
        schema: {
          tags,
          params: trajectoryParams,
          querystring: contactListQuerySchema,
          response: { 200: contactPageSchema },
        },
      },
      (request) =>
        contacts.list(actorOf(request), request.params.trajectoryId, request.query, metaOf(request)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/contacts',
      {
        config: { action: 'trajectory_contacts.manage', idempotent: true },
        schema: {
          tags,
          params: trajectoryParams,
          body: contactInputSchema,
          response: { 201: contactSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await contacts.add(actorOf(request), request.params.trajectoryId, request.body, metaOf(request)),
          ),
    );
    app.post(
      '/api/trajectory-contacts/:contactId/follow-up-done',
      {
        config: { action: 'trajectory_contacts.manage' },
        schema: { tags, params: contactParams, response: { 200: contactSchema } },
      },
      (request) => contacts.completeFollowUp(actorOf(request), request.params.contactId, metaOf(request)),
    );
    app.get(
      '/api/trajectories/:trajectoryId/referrals',
      {
        config: { action: 'referrals.manage' },
        schema: {
          tags,
          params: trajectoryParams,
          querystring: referralListQuerySchema,
          response: { 200: referralPageSchema },
        },
      },
      (request) =>
        referrals.list(actorOf(request), request.params.trajectoryId, request.query, metaOf(request)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/referrals',
      {
        config: { action: 'referrals.manage', idempotent: true },
        schema: {
          tags,
          params: trajectoryParams,
          body: referralInputSchema,
          response: { 201: referralSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await referrals.create(
              actorOf(request),
              request.params.trajectoryId,
              request.body,
              metaOf(request),
            ),
          ),
    );
    app.put(
      '/api/zat-referrals/:referralId',
      {
        config: { action: 'referrals.manage' },
        schema: {
          tags,
          params: referralParams,
          body: referralUpdateSchema,
          response: { 200: referralSchema },
        },
      },
      (request) =>
        referrals.update(actorOf(request), request.params.referralId, request.body, metaOf(request)),
    );
    app.get(
      '/api/expertise-point/teacher-support',
      {
        config: { action: 'teacher_support.read' },
        schema: { tags, querystring: teacherSupportQuerySchema, response: { 200: teacherSupportPageSchema } },
      },
      (request) => teacherSupport.list(actorOf(request), request.query),
    );
    app.post(
      '/api/expertise-point/teacher-support',
      {
        config: { action: 'teacher_support.manage', idempotent: true },
        schema: { tags, body: teacherSupportInputSchema, response: { 201: teacherSupportSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await teacherSupport.add(actorOf(request), request.body, metaOf(request))),
    );
    app.get(
      '/api/expertise-point/signals-per-month',
      {
        config: { action: 'teacher_support.read' },
        schema: { tags, querystring: signalsPerMonthQuerySchema, response: { 200: signalsPerMonthSchema } },
      },
      (request) => teacherSupport.signalsPerMonth(actorOf(request), request.query),
    );
    app.get(
      '/api/expertise-point/overview',
      {
        config: { action: 'expertise_point.overview' },
        schema: {
          tags,
          querystring: expertisePointOverviewQuerySchema,
          response: { 200: expertisePointOverviewSchema },
        },
      },
      (request) => overview.overview(actorOf(request), request.query, metaOf(request)),
    );
  };
}
