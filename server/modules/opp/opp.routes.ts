import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  oppDraftInputSchema,
  oppEvaluationInputSchema,
  oppEvaluationSchema,
  oppOverviewSchema,
  oppParentLinkCreatedSchema,
  oppParentLinkSchema,
  oppParentTokenInputSchema,
  oppParentViewSchema,
  oppVersionDetailSchema,
} from '../../../contracts/opp.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { translate } from '../../platform/i18n/messages.ts';
import {
  adoptOpp,
  createOppDraft,
  evaluateOpp,
  getOppForPdf,
  getOppOverview,
  getOppParentView,
  getOppVersion,
  type OppParentLinks,
  revokeOppParentLink,
  updateOppDraft,
} from './opp.service.ts';

const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const versionParams = z.strictObject({ versionId: z.uuid() });
const linkParams = z.strictObject({ linkId: z.uuid() });
const version = { 200: oppVersionDetailSchema };
// The parent's page is public: a personal link must not be guessable by hammering it.
const parentRateLimit = { max: 30, timeWindow: '1 minute' };

/** HTTP routes of the OPP (E9): versions, adoption, evaluations, PDF, the parents' link. */
export function oppRoutes(parentLinks: OppParentLinks): FastifyPluginAsyncZod {
  return async (app) => {
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
          summary: "Create a parents' link to the OPP",
          params: trajectoryParams,
          response: { 201: oppParentLinkCreatedSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await request.useCase((context) => parentLinks.create(context, request.params.trajectoryId))),
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
  };
}
