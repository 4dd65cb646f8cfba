import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pupilIdentitySchema,
  pupilSearchResultSchema,
  subjectDeletionSchema,
  subjectRequestDecisionSchema,
  subjectRequestDetailSchema,
  subjectRequestInputSchema,
  subjectRequestPageSchema,
  subjectRequestParams,
  subjectRequestQuerySchema,
} from '../../../contracts/subject-access.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { translate } from '../../platform/i18n/messages.ts';
import {
  decideSubjectRequest,
  eraseForSubjectRequest,
  exportForSubjectRequest,
  findPupil,
  listSubjectRequests,
  readSubjectRequest,
  registerSubjectRequest,
} from './subject-access.service.ts';

/**
 * HTTP routes of the register of data-subject requests (P5, issue 15). The pupil's name goes in a
 * request body, never in an address.
 */
export function subjectAccessRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/subject-requests/pupil-search',
      {
        config: { action: 'subject_requests.manage' },
        schema: {
          summary: 'Find a pupil for a data subject request',
          body: pupilIdentitySchema,
          response: { 200: pupilSearchResultSchema },
        },
      },
      (request) => request.useCase((context) => findPupil(context, request.body)),
    );
    app.get(
      '/api/subject-requests',
      {
        config: { action: 'subject_requests.read' },
        schema: {
          summary: 'List data subject requests',
          querystring: subjectRequestQuerySchema,
          response: { 200: subjectRequestPageSchema },
        },
      },
      (request) => request.useCase((context) => listSubjectRequests(context, request.query)),
    );
    app.post(
      '/api/subject-requests',
      {
        // A retried recording (a lost answer) makes no second entry in the register.
        config: { action: 'subject_requests.manage', idempotent: true },
        schema: {
          summary: 'Register a data subject request',
          body: subjectRequestInputSchema,
          response: { 201: subjectRequestDetailSchema },
        },
      },
      async (request, reply) => {
        const detail = await request.useCase((context) => registerSubjectRequest(context, request.body));
        return reply.code(201).send(detail);
      },
    );
    app.get(
      '/api/subject-requests/:subjectRequestId',
      {
        config: { action: 'subject_requests.read' },
        schema: {
          summary: 'A data subject request with what Passend holds',
          params: subjectRequestParams,
          response: { 200: subjectRequestDetailSchema },
        },
      },
      (request) => request.useCase((context) => readSubjectRequest(context, request.params.subjectRequestId)),
    );
    app.post(
      '/api/subject-requests/:subjectRequestId/decision',
      {
        config: { action: 'subject_requests.manage' },
        schema: {
          summary: 'Grant or refuse a data subject request',
          params: subjectRequestParams,
          body: subjectRequestDecisionSchema,
          response: { 200: subjectRequestDetailSchema },
        },
      },
      (request) =>
        request.useCase((context) =>
          decideSubjectRequest(context, request.params.subjectRequestId, request.body),
        ),
    );
    app.post(
      '/api/subject-requests/:subjectRequestId/deletion',
      {
        config: { action: 'subject_requests.manage' },
        schema: {
          summary: "Delete a pupil's data for a request",
          params: subjectRequestParams,
          body: subjectDeletionSchema,
          response: { 200: subjectRequestDetailSchema },
        },
      },
      (request) =>
        request.useCase((context) =>
          eraseForSubjectRequest(context, request.params.subjectRequestId, request.body),
        ),
    );
    app.get(
      '/api/subject-requests/:subjectRequestId/export.zip',
      {
        config: { action: 'subject_requests.export' },
        schema: {
          summary: "Download a pupil's data for a request (ZIP)",
          params: subjectRequestParams,
          produces: ['application/zip'],
        },
      },
      async (request, reply) => {
        const { data, locale } = await request.useCase(async (context) => ({
          data: await exportForSubjectRequest(context, request.params.subjectRequestId),
          locale: context.locale,
        }));
        // Rendered after the transaction: pdfmake and its fonts are large, loaded on first use.
        const { exportZip } = await import('./subject-access.export.ts');
        const zip = await exportZip(
          data,
          (key: string, params?: Record<string, unknown>) => translate(locale, key, params),
          locale,
        );
        return reply
          .type('application/zip')
          .header('content-disposition', contentDisposition(`inzage-${data.subjectRequest.receivedOn}.zip`))
          .header('cache-control', 'no-store')
          .send(Buffer.from(zip));
      },
    );
  };
}
