import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paginationQuerySchema } from '../../../contracts/fields.ts';
import { locationPageSchema, locationSchema } from '../../../contracts/locations.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { LocationsService } from './locations.service.ts';

/** HTTP routes of school locations. */
export function locationsRoutes(service: LocationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/locations',
      {
        config: { action: 'locations.read' },
        schema: {
          tags: ['locations'],
          querystring: paginationQuerySchema,
          response: { 200: locationPageSchema },
        },
      },
      (request) => service.listLocations(actorOf(request), request.query, metaOf(request)),
    );
    app.get(
      '/api/locations/:locationId',
      {
        config: { action: 'locations.read' },
        schema: {
          tags: ['locations'],
          params: z.strictObject({ locationId: z.uuid() }),
          response: { 200: locationSchema },
        },
      },
      (request) => service.getLocation(actorOf(request), request.params.locationId, metaOf(request)),
    );
  };
}
