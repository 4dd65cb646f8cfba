import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  publicExpertisePointListSchema,
  publicExpertisePointSchema,
  publicLocationParamsSchema,
  publicPrivacyStatementSchema,
  publicSlugParamsSchema,
  publicTeamSchema,
} from '../../../contracts/public.ts';
import type { PublicContext } from '../../platform/kernel/kernel.ts';
import {
  getPublicExpertisePoint,
  getPublicPrivacyStatement,
  getPublicTeam,
  listPublicExpertisePoints,
} from './public-pages.service.ts';

// Public pages need no session, so they are limited per address instead.
const publicRateLimit = { max: 60, timeWindow: '1 minute' };

/**
 * HTTP routes of the public team page and expertise-point pages (R15, E10); no session needed. The
 * slug names the partnership (a platform lookup before the use case, which runs in that partnership).
 */
export function publicPagesRoutes(
  partnershipOfSlug: (slug: string) => Promise<string>,
): FastifyPluginAsyncZod {
  const inPartnershipOf = async <T>(
    request: FastifyRequest,
    slug: string,
    work: (context: PublicContext) => Promise<T>,
  ) => request.publicUseCase(await partnershipOfSlug(slug), work);
  return async (app) => {
    app.get(
      '/api/public/:slug/team',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: {
          summary: 'The public page of the expertise team',
          params: publicSlugParamsSchema,
          response: { 200: publicTeamSchema },
        },
      },
      (request) => inPartnershipOf(request, request.params.slug, getPublicTeam),
    );
    app.get(
      '/api/public/:slug/expertise-points',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: {
          summary: 'The public list of expertise points',
          params: publicSlugParamsSchema,
          response: { 200: publicExpertisePointListSchema },
        },
      },
      (request) => inPartnershipOf(request, request.params.slug, listPublicExpertisePoints),
    );
    app.get(
      '/api/public/:slug/expertise-points/:locationId',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: {
          summary: 'The public page of one expertise point',
          params: publicLocationParamsSchema,
          response: { 200: publicExpertisePointSchema },
        },
      },
      (request) =>
        inPartnershipOf(request, request.params.slug, (context) =>
          getPublicExpertisePoint(context, request.params.locationId),
        ),
    );
    // The privacy statement for parents and pupils (issue 15, point 6): by slug, like the team page, so
    // one address serves every page and mail of the partnership and carries no personal data.
    app.get(
      '/api/public/:slug/privacy-statement',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: {
          summary: 'The public privacy statement',
          params: publicSlugParamsSchema,
          response: { 200: publicPrivacyStatementSchema },
        },
      },
      (request) => inPartnershipOf(request, request.params.slug, getPublicPrivacyStatement),
    );
  };
}
