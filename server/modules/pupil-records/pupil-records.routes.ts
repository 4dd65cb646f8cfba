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
import { addContact, completeFollowUp, listContacts } from './contacts.service.ts';
import { expertisePointOverview } from './overview.service.ts';
import { createReferral, listReferrals, updateReferral } from './referrals.service.ts';
import { addTeacherSupport, listTeacherSupport, signalsPerMonthOf } from './teacher-support.service.ts';

const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const contactParams = z.strictObject({ contactId: z.uuid() });
const referralParams = z.strictObject({ referralId: z.uuid() });

/**
 * HTTP routes of the expertise point's records (issue 7): contacts (E5), ZAT referrals (E7, P3),
 * support for teachers with the signals per month (E6), and the overview per location.
 */
export function pupilRecordsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/trajectories/:trajectoryId/contacts',
      {
        config: { action: 'trajectory_contacts.manage' },
        schema: {
          summary: 'List contacts about a pupil',
          params: trajectoryParams,
          querystring: contactListQuerySchema,
          response: { 200: contactPageSchema },
        },
      },
      (request) =>
        request.useCase((context) => listContacts(context, request.params.trajectoryId, request.query)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/contacts',
      {
        config: { action: 'trajectory_contacts.manage', idempotent: true },
        schema: {
          summary: 'Record a contact about a pupil',
          params: trajectoryParams,
          body: contactInputSchema,
          response: { 201: contactSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              addContact(context, request.params.trajectoryId, request.body),
            ),
          ),
    );
    app.post(
      '/api/trajectory-contacts/:contactId/follow-up-done',
      {
        config: { action: 'trajectory_contacts.manage' },
        schema: {
          summary: "Mark a contact's follow-up as done",
          params: contactParams,
          response: { 200: contactSchema },
        },
      },
      (request) => request.useCase((context) => completeFollowUp(context, request.params.contactId)),
    );
    app.get(
      '/api/trajectories/:trajectoryId/referrals',
      {
        config: { action: 'referrals.manage' },
        schema: {
          summary: "List a pupil's ZAT referrals",
          params: trajectoryParams,
          querystring: referralListQuerySchema,
          response: { 200: referralPageSchema },
        },
      },
      (request) =>
        request.useCase((context) => listReferrals(context, request.params.trajectoryId, request.query)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/referrals',
      {
        config: { action: 'referrals.manage', idempotent: true },
        schema: {
          summary: 'Refer a pupil to the ZAT',
          params: trajectoryParams,
          body: referralInputSchema,
          response: { 201: referralSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              createReferral(context, request.params.trajectoryId, request.body),
            ),
          ),
    );
    app.put(
      '/api/zat-referrals/:referralId',
      {
        config: { action: 'referrals.manage' },
        schema: {
          summary: 'Change a ZAT referral or record its outcome',
          params: referralParams,
          body: referralUpdateSchema,
          response: { 200: referralSchema },
        },
      },
      (request) =>
        request.useCase((context) => updateReferral(context, request.params.referralId, request.body)),
    );
    app.get(
      '/api/expertise-point/teacher-support',
      {
        config: { action: 'teacher_support.read' },
        schema: {
          summary: 'List the support given to teachers',
          querystring: teacherSupportQuerySchema,
          response: { 200: teacherSupportPageSchema },
        },
      },
      (request) => request.useCase((context) => listTeacherSupport(context, request.query)),
    );
    app.post(
      '/api/expertise-point/teacher-support',
      {
        config: { action: 'teacher_support.manage', idempotent: true },
        schema: {
          summary: 'Record support given to a teacher',
          body: teacherSupportInputSchema,
          response: { 201: teacherSupportSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => addTeacherSupport(context, request.body))),
    );
    app.get(
      '/api/expertise-point/signals-per-month',
      {
        config: { action: 'teacher_support.read' },
        schema: {
          summary: 'Signals per month at the expertise point',
          querystring: signalsPerMonthQuerySchema,
          response: { 200: signalsPerMonthSchema },
        },
      },
      (request) => request.useCase((context) => signalsPerMonthOf(context, request.query)),
    );
    app.get(
      '/api/expertise-point/overview',
      {
        config: { action: 'expertise_point.overview' },
        schema: {
          summary: 'Figures of the expertise point over a period',
          querystring: expertisePointOverviewQuerySchema,
          response: { 200: expertisePointOverviewSchema },
        },
      },
      (request) => request.useCase((context) => expertisePointOverview(context, request.query)),
    );
  };
}
