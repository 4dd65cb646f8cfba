import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignmentSuggestionListSchema,
  assignRequestInputSchema,
  changeTeacherInputSchema,
  closeRequestInputSchema,
  consentAnswerInputSchema,
  consentPageSchema,
  consentSettingsInputSchema,
  consentSettingsSchema,
  consentTokenInputSchema,
  createRequestInputSchema,
  maxAttachmentBytes,
  messageFieldsSchema,
  paperConsentFieldsSchema,
  parentsInformedInputSchema,
  refuseRequestInputSchema,
  requestDetailSchema,
  requestDraftInputSchema,
  requestFilterOptionsSchema,
  requestFormOptionsSchema,
  requestListQuerySchema,
  requestPageSchema,
  teacherOptionPageSchema,
  teacherOptionsQuerySchema,
  withdrawRequestInputSchema,
} from '../../../contracts/requests.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { readMultipart } from '../../platform/http/multipart.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { type ConsentService, changeConsentSettings, consentSettings } from './consent.service.ts';
import type { RequestsService } from './requests.service.ts';

const requestParams = z.strictObject({ requestId: z.uuid() });
const personParams = z.strictObject({ requestId: z.uuid(), personId: z.uuid() });
const attachmentParams = z.strictObject({ requestId: z.uuid(), attachmentId: z.uuid() });
const detail = { 200: requestDetailSchema };
// The consent page is public: a personal link must not be guessable by hammering it.
const consentRateLimit = { max: 30, timeWindow: '1 minute' };
// The multipart forms: a signed paper consent form, a message with an optional file, an attachment.
const paperConsentForm = { fields: paperConsentFieldsSchema, fileRequired: true };
const messageForm = { fields: messageFieldsSchema, fileRequired: false };
const attachmentForm = { fields: z.strictObject({}), fileRequired: true };

/** HTTP routes of support requests (R1–R10), consent (R8, R9, P3) and the consent setting. */
export function requestsRoutes(service: RequestsService, consent: ConsentService): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: attachments and paper consent forms up to 10 MB, one file per post.
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxAttachmentBytes, files: 1, fields: 6, fieldSize: 10_000, parts: 7 },
    });

    app.get(
      '/api/requests/form-options',
      {
        config: { action: 'requests.create' },
        schema: {
          summary: 'Choices for the support request form',
          response: { 200: requestFormOptionsSchema },
        },
      },
      (request) => request.useCase((context) => service.formOptions(context)),
    );
    app.get(
      '/api/requests/teacher-options',
      {
        config: { action: 'requests.list_teachers' },
        schema: {
          summary: 'The teachers of a school, to pick the teacher on a request',
          querystring: teacherOptionsQuerySchema,
          response: { 200: teacherOptionPageSchema },
        },
      },
      (request) => request.useCase((context) => service.teacherOptions(context, request.query)),
    );
    app.get(
      '/api/requests/filter-options',
      {
        config: { action: 'requests.read' },
        schema: {
          summary: 'Choices for the filters of the request list',
          response: { 200: requestFilterOptionsSchema },
        },
      },
      (request) => request.useCase((context) => service.filterOptions(context)),
    );
    app.get(
      '/api/requests',
      {
        config: { action: 'requests.read' },
        schema: {
          summary: 'List support requests',
          querystring: requestListQuerySchema,
          response: { 200: requestPageSchema },
        },
      },
      (request) => request.useCase((context) => service.list(context, request.query)),
    );
    app.post(
      '/api/requests',
      {
        config: { action: 'requests.create', idempotent: true },
        schema: {
          summary: 'Start a draft support request',
          body: createRequestInputSchema,
          response: { 200: requestDetailSchema, 201: requestDetailSchema },
        },
      },
      async (request, reply) => {
        const { created, detail } = await request.useCase((context) => service.create(context, request.body));
        return reply.status(created ? 201 : 200).send(detail);
      },
    );
    app.get(
      '/api/requests/:requestId',
      {
        config: { action: 'requests.read' },
        schema: {
          summary: 'A support request with its timeline, consent and thread',
          params: requestParams,
          response: detail,
        },
      },
      (request) => request.useCase((context) => service.get(context, request.params.requestId)),
    );
    app.put(
      '/api/requests/:requestId',
      {
        config: { action: 'requests.create' },
        schema: {
          summary: 'Save a draft support request',
          params: requestParams,
          body: requestDraftInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) => service.saveDraft(context, request.params.requestId, request.body)),
    );
    app.delete(
      '/api/requests/:requestId',
      {
        config: { action: 'requests.create' },
        schema: { summary: 'Delete a draft support request', params: requestParams },
      },
      async (request, reply) => {
        await request.useCase((context) => service.deleteDraft(context, request.params.requestId));
        return reply.status(204).send();
      },
    );
    app.put(
      '/api/requests/:requestId/teacher',
      {
        config: { action: 'requests.change_teacher' },
        schema: {
          summary: 'Name another teacher on a submitted support request',
          params: requestParams,
          body: changeTeacherInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) =>
          service.changeTeacher(context, request.params.requestId, request.body.teacherUserId),
        ),
    );
    app.post(
      '/api/requests/:requestId/submit',
      {
        config: { action: 'requests.submit' },
        schema: { summary: 'Submit a support request', params: requestParams, response: detail },
      },
      (request) => request.useCase((context) => service.submit(context, request.params.requestId)),
    );
    app.post(
      '/api/requests/:requestId/refuse',
      {
        config: { action: 'requests.refuse' },
        schema: {
          summary: 'Refuse a support request with a reason',
          params: requestParams,
          body: refuseRequestInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) => service.refuse(context, request.params.requestId, request.body.reason)),
    );
    app.post(
      '/api/requests/:requestId/withdraw',
      {
        config: { action: 'requests.withdraw' },
        schema: {
          summary: 'Withdraw a support request',
          params: requestParams,
          body: withdrawRequestInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) =>
          service.withdraw(context, request.params.requestId, request.body.reason),
        ),
    );
    app.post(
      '/api/requests/:requestId/assign',
      {
        config: { action: 'requests.assign' },
        schema: {
          summary: 'Assign a support request to a team member',
          params: requestParams,
          body: assignRequestInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) => service.assign(context, request.params.requestId, request.body.userId)),
    );
    app.get(
      '/api/requests/:requestId/assignment-suggestions',
      {
        config: { action: 'requests.assign' },
        schema: {
          summary: 'Team members ranked for a support request',
          params: requestParams,
          response: { 200: assignmentSuggestionListSchema },
        },
      },
      (request) => request.useCase((context) => service.suggestions(context, request.params.requestId)),
    );
    app.post(
      '/api/requests/:requestId/start',
      {
        config: { action: 'requests.start' },
        schema: { summary: 'Start work on a support request', params: requestParams, response: detail },
      },
      (request) => request.useCase((context) => service.start(context, request.params.requestId)),
    );
    app.post(
      '/api/requests/:requestId/close',
      {
        config: { action: 'requests.close' },
        schema: {
          summary: 'Close a support request with its outcome',
          params: requestParams,
          body: closeRequestInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) => service.close(context, request.params.requestId, request.body.outcome)),
    );
    app.post(
      '/api/requests/:requestId/parents-informed',
      {
        config: { action: 'requests.record_parents_informed' },
        schema: {
          summary: 'Record how the parents of a group were informed',
          params: requestParams,
          body: parentsInformedInputSchema,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) =>
          service.recordParentsInformed(context, request.params.requestId, request.body),
        ),
    );
    app.post(
      '/api/requests/:requestId/consents/:personId/send',
      {
        config: { action: 'requests.manage_consent' },
        schema: {
          summary: 'Send (again) a consent link to a parent or pupil',
          params: personParams,
          response: detail,
        },
      },
      (request) =>
        request.useCase((context) =>
          consent.sendLink(context, request.params.requestId, request.params.personId),
        ),
    );
    app.post(
      '/api/requests/:requestId/consents/:personId/withdraw',
      {
        config: { action: 'requests.manage_consent' },
        schema: { summary: 'Record a withdrawal of consent', params: personParams, response: detail },
      },
      (request) =>
        request.useCase((context) =>
          consent.withdrawFor(context, request.params.requestId, request.params.personId),
        ),
    );
    app.post(
      '/api/requests/:requestId/consents/:personId/ask-again',
      {
        config: { action: 'requests.manage_consent' },
        schema: { summary: 'Ask for consent again after a refusal', params: personParams, response: detail },
      },
      (request) =>
        request.useCase((context) =>
          consent.askAgain(context, request.params.requestId, request.params.personId),
        ),
    );
    app.post(
      '/api/requests/:requestId/consents/paper',
      {
        config: { action: 'requests.manage_consent', idempotent: true, multipart: paperConsentForm },
        schema: {
          summary: 'Record consent given on paper',
          params: requestParams,
          consumes: ['multipart/form-data'],
          response: detail,
        },
      },
      async (request) => {
        const { file, fields } = await readMultipart(request, paperConsentForm, 'attachment_too_large');
        return request.useCase((context) =>
          consent.recordPaper(context, request.params.requestId, fields, file),
        );
      },
    );
    app.post(
      '/api/requests/:requestId/messages',
      {
        config: { action: 'requests.contribute', idempotent: true, multipart: messageForm },
        schema: {
          summary: 'Post a message or team note',
          params: requestParams,
          consumes: ['multipart/form-data'],
          response: detail,
        },
      },
      async (request) => {
        const { file, fields } = await readMultipart(request, messageForm, 'attachment_too_large');
        return request.useCase((context) =>
          service.postMessage(context, request.params.requestId, fields, file),
        );
      },
    );
    app.post(
      '/api/requests/:requestId/attachments',
      {
        config: { action: 'requests.contribute', idempotent: true, multipart: attachmentForm },
        schema: {
          summary: 'Attach a file to a support request',
          params: requestParams,
          consumes: ['multipart/form-data'],
          response: detail,
        },
      },
      async (request) => {
        const { file } = await readMultipart(request, attachmentForm, 'attachment_too_large');
        return request.useCase((context) =>
          service.uploadAttachment(context, request.params.requestId, file),
        );
      },
    );
    app.get(
      '/api/requests/:requestId/attachments/:attachmentId',
      {
        config: { action: 'requests.read' },
        schema: { summary: 'Download an attachment', params: attachmentParams },
      },
      async (request, reply) => {
        const file = await request.useCase((context) =>
          service.downloadAttachment(context, request.params.requestId, request.params.attachmentId),
        );
        return reply
          .type(file.mediaType)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.content);
      },
    );
    app.get(
      '/api/requests/:requestId/pdf',
      {
        config: { action: 'requests.read' },
        schema: {
          summary: 'Download a support request as PDF',
          params: requestParams,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const {
          detail: view,
          partnershipName,
          generatedAt,
          locale,
        } = await request.useCase((context) => service.forPdf(context, request.params.requestId));
        // Rendered after the transaction: pdfmake and its fonts are large, loaded on first use.
        const { renderRequestPdf } = await import('./requests.pdf.ts');
        const pdf = await renderRequestPdf(
          view,
          (key: string, params?: Record<string, unknown>) => translate(locale, key, params),
          { partnershipName, generatedAt, locale },
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', contentDisposition(`${view.reference}.pdf`))
          .send(pdf);
      },
    );

    app.post(
      '/api/consent/view',
      {
        config: { action: 'consent.respond', rateLimit: consentRateLimit },
        schema: {
          summary: 'What a consent link asks (no session)',
          body: consentTokenInputSchema,
          response: { 200: consentPageSchema },
        },
      },
      (request) => {
        const link = consent.presented(request.body.token);
        return request.publicUseCase(link.tenantId, (context) => consent.view(context, link));
      },
    );
    app.post(
      '/api/consent/answer',
      {
        config: { action: 'consent.respond', rateLimit: consentRateLimit },
        schema: {
          summary: 'Give or refuse consent through a link (no session)',
          body: consentAnswerInputSchema,
          response: { 200: consentPageSchema },
        },
      },
      (request) => {
        const link = consent.presented(request.body.token);
        return request.publicUseCase(link.tenantId, (context) =>
          consent.answer(context, link, request.body.decision),
        );
      },
    );
    app.post(
      '/api/consent/withdraw',
      {
        config: { action: 'consent.respond', rateLimit: consentRateLimit },
        schema: {
          summary: 'Withdraw consent through a link (no session)',
          body: consentTokenInputSchema,
          response: { 200: consentPageSchema },
        },
      },
      (request) => {
        const link = consent.presented(request.body.token);
        return request.publicUseCase(link.tenantId, (context) => consent.withdraw(context, link));
      },
    );

    app.get(
      '/api/settings/consent',
      {
        config: { action: 'settings.manage' },
        schema: {
          summary: 'The consent settings of the partnership',
          response: { 200: consentSettingsSchema },
        },
      },
      (request) => request.useCase(consentSettings),
    );
    app.put(
      '/api/settings/consent',
      {
        config: { action: 'settings.manage' },
        schema: {
          summary: 'Change the consent settings',
          body: consentSettingsInputSchema,
          response: { 200: consentSettingsSchema },
        },
      },
      (request) => request.useCase((context) => changeConsentSettings(context, request.body)),
    );
  };
}
