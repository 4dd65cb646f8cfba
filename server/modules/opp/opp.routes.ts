import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  oppConsentAnswerInputSchema,
  oppConsentSchema,
  oppDraftInputSchema,
  oppEvaluationInputSchema,
  oppEvaluationSchema,
  oppLinkInputSchema,
  oppOverviewSchema,
  oppPaperConsentFieldsSchema,
  oppParentLinkCreatedSchema,
  oppParentLinkSchema,
  oppParentTokenInputSchema,
  oppParentViewSchema,
  oppPupilViewInputSchema,
  oppVersionDetailSchema,
} from '../../../contracts/opp.ts';
import { maxAttachmentBytes } from '../../../contracts/requests.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { readMultipart } from '../../platform/http/multipart.ts';
import { translate } from '../../platform/i18n/messages.ts';
import {
  adoptOpp,
  answerOppConsent,
  createOppDraft,
  evaluateOpp,
  getOppConsentScan,
  getOppForPdf,
  getOppOverview,
  getOppParentView,
  getOppVersion,
  type OppParentLinks,
  recordOppPaperConsent,
  revokeOppParentLink,
  savePupilOwnView,
  updateOppDraft,
} from './opp.service.ts';

const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const versionParams = z.strictObject({ versionId: z.uuid() });
const linkParams = z.strictObject({ linkId: z.uuid() });
const consentParams = z.strictObject({ consentId: z.uuid() });
// A signed paper answer on the action part with its scan (E12), checked as every upload is.
const paperConsentForm = { fields: oppPaperConsentFieldsSchema, fileRequired: true };
const version = { 200: oppVersionDetailSchema };
// The parent's page is public: a personal link must not be guessable by hammering it.
const parentRateLimit = { max: 30, timeWindow: '1 minute' };

/** HTTP routes of the OPP (E9): versions, adoption, evaluations, PDF, the parents' link. */
export function oppRoutes(parentLinks: OppParentLinks): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: the scan of a paper answer, up to 10 MB, one file per post.
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxAttachmentBytes, files: 1, fields: 6, fieldSize: 25_000, parts: 7 },
    });
    app.get(
      '/api/trajectories/:trajectoryId/opp',
      {
        config: { action: 'opp.manage' },
        schema: {
          summary: "A pupil's OPP with its versions and evaluations",
          params: trajectoryParams,
          response: { 200: oppOverviewSchema },
        },
      },
      (request) => request.useCase((context) => getOppOverview(context, request.params.trajectoryId)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/opp',
      {
        config: { action: 'opp.manage', idempotent: true },
        schema: {
          summary: 'Start a draft OPP (or a new version)',
          params: trajectoryParams,
          response: { 201: oppVersionDetailSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await request.useCase((context) => createOppDraft(context, request.params.trajectoryId))),
    );
    app.get(
      '/api/opp-versions/:versionId',
      {
        config: { action: 'opp.manage' },
        schema: { summary: 'One OPP version', params: versionParams, response: version },
      },
      (request) => request.useCase((context) => getOppVersion(context, request.params.versionId)),
    );
    app.put(
      '/api/opp-versions/:versionId',
      {
        config: { action: 'opp.manage' },
        schema: {
          summary: 'Change a draft OPP',
          params: versionParams,
          body: oppDraftInputSchema,
          response: version,
        },
      },
      (request) =>
        request.useCase((context) => updateOppDraft(context, request.params.versionId, request.body)),
    );
    app.post(
      '/api/opp-versions/:versionId/adopt',
      {
        config: { action: 'opp.manage' },
        schema: { summary: 'Adopt an OPP version', params: versionParams, response: version },
      },
      (request) => request.useCase((context) => adoptOpp(context, request.params.versionId)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/opp/evaluations',
      {
        config: { action: 'opp.manage', idempotent: true },
        schema: {
          summary: 'Record an evaluation of the OPP',
          params: trajectoryParams,
          body: oppEvaluationInputSchema,
          response: { 201: oppEvaluationSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              evaluateOpp(context, request.params.trajectoryId, request.body),
            ),
          ),
    );
    app.get(
      '/api/opp-versions/:versionId/pdf',
      {
        config: { action: 'opp.manage' },
        schema: {
          summary: 'Download an OPP version as PDF',
          params: versionParams,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const { detail, partnershipName, generatedAt } = await request.useCase((context) =>
          getOppForPdf(context, request.params.versionId),
        );
        const locale = request.session?.locale ?? 'nl';
        // Loaded on first use: pdfmake and its fonts are large and most processes never print.
        const { renderOppPdf } = await import('./opp.pdf.ts');
        const pdf = await renderOppPdf(
          detail,
          (key: string, params?: Record<string, unknown>) => translate(locale, key, params),
          { partnershipName, generatedAt, locale },
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', contentDisposition(`OPP-versie-${detail.version}.pdf`))
          .send(pdf);
      },
    );
    app.post(
      '/api/trajectories/:trajectoryId/opp/parent-links',
      {
        config: { action: 'opp.manage', idempotent: true },
        schema: {
          summary: 'Create a personal link to the OPP for the parents or the pupil, and mail it',
          params: trajectoryParams,
          body: oppLinkInputSchema,
          response: { 201: oppParentLinkCreatedSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) =>
              parentLinks.create(context, request.params.trajectoryId, request.body),
            ),
          ),
    );
    app.post(
      '/api/opp-versions/:versionId/consents/paper',
      {
        config: { action: 'opp.manage', idempotent: true, multipart: paperConsentForm },
        schema: {
          summary: "Record a paper answer on the draft's action part, with the scan",
          params: versionParams,
          consumes: ['multipart/form-data'],
          response: { 201: oppConsentSchema },
        },
      },
      async (request, reply) => {
        const { file, fields } = await readMultipart(request, paperConsentForm, 'attachment_too_large');
        const consent = await request.useCase((context) =>
          recordOppPaperConsent(context, request.params.versionId, fields, file),
        );
        return reply.status(201).send(consent);
      },
    );
    app.get(
      '/api/opp-consents/:consentId/scan',
      {
        config: { action: 'opp.manage' },
        schema: { summary: 'Download the scan of a paper answer', params: consentParams },
      },
      async (request, reply) => {
        const scan = await request.useCase((context) => getOppConsentScan(context, request.params.consentId));
        return reply
          .type(scan.mediaType)
          .header('content-disposition', contentDisposition(scan.fileName))
          .send(scan.content);
      },
    );
    app.delete(
      '/api/opp-parent-links/:linkId',
      {
        config: { action: 'opp.manage' },
        schema: {
          summary: "Revoke a parents' link to the OPP",
          params: linkParams,
          response: { 200: oppParentLinkSchema },
        },
      },
      (request) => request.useCase((context) => revokeOppParentLink(context, request.params.linkId)),
    );
    app.post(
      '/api/public/opp',
      {
        config: { action: 'opp.parent_read', rateLimit: parentRateLimit },
        schema: {
          summary: 'The OPP as parents see it through their link',
          body: oppParentTokenInputSchema,
          response: { 200: oppParentViewSchema },
        },
      },
      async (request, reply) => {
        const link = parentLinks.open(request.body.token);
        const view = await request.publicUseCase(link.tenantId, (context) =>
          getOppParentView(context, link.hash),
        );
        return reply.send(view);
      },
    );
    app.post(
      '/api/public/opp/consent',
      {
        config: { action: 'opp.link_respond', rateLimit: parentRateLimit },
        schema: {
          summary: "Give or refuse consent on the OPP's action part through the personal link",
          body: oppConsentAnswerInputSchema,
          response: { 200: oppParentViewSchema },
        },
      },
      async (request, reply) => {
        const { token, ...answer } = request.body;
        const link = parentLinks.open(token);
        const view = await request.publicUseCase(link.tenantId, (context) =>
          answerOppConsent(context, link.hash, answer),
        );
        return reply.send(view);
      },
    );
    app.post(
      '/api/public/opp/pupil-view',
      {
        config: { action: 'opp.link_respond', rateLimit: parentRateLimit },
        schema: {
          summary: 'The pupil adds their own view on their plan through their link',
          body: oppPupilViewInputSchema,
          response: { 200: oppParentViewSchema },
        },
      },
      async (request, reply) => {
        const { token, ...input } = request.body;
        const link = parentLinks.open(token);
        const view = await request.publicUseCase(link.tenantId, (context) =>
          savePupilOwnView(context, link.hash, input),
        );
        return reply.send(view);
      },
    );
  };
}
