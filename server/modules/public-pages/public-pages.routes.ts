import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  publicExpertisePointListSchema,
  publicExpertisePointSchema,
  publicLocationParamsSchema,
  publicSlugParamsSchema,
  publicTeamSchema,
} from '../../../contracts/public.ts';
import type { PublicPagesService } from './public-pages.service.ts';

// Public pages need no session, so they are limited per address instead.
const publicRateLimit = { max: 60, timeWindow: '1 minute' };

/** HTTP routes of the public team page and expertise-point pages (R15, E10); no session needed. */
export function publicPagesRoutes(service: PublicPagesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/public/:slug/team',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: { tags: ['public'], params: publicSlugParamsSchema, response: { 200: publicTeamSchema } },
      },
      (request) => service.getTeam(request.params.slug),
    );
    app.get(
      '/api/public/:slug/expertise-points',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: {
          tags: ['public'],
          params: publicSlugParamsSchema,
          response: { 200: publicExpertisePointListSchema },
        },
      },
      (request) => service.listExpertisePoints(request.params.slug),
    );
    app.get(
      '/api/public/:slug/expertise-points/:locationId',
      {
        config: { action: 'public.read', rateLimit: publicRateLimit },
        schema: {
          tags: ['public'],
          params: publicLocationParamsSchema,
          response: { 200: publicExpertisePointSchema },
        },
      },
      (request) => service.getExpertisePoint(request.params.slug, request.params.locationId),
    );
  };
}
