import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createLocationInputSchema,
  createSchoolBoardInputSchema,
  locationDetailSchema,
  locationListQuerySchema,
  locationPageSchema,
  pupilCountInputSchema,
  pupilCountSchema,
  schoolBoardListSchema,
  schoolBoardSchema,
  schoolYearSchema,
  updateLocationInputSchema,
} from '../../../contracts/locations.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { LocationsService } from './locations.service.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });
const pupilCountParams = z.strictObject({ locationId: z.uuid(), schoolYear: schoolYearSchema });

/** HTTP routes of school locations, their pupil counts and school boards. */
export function locationsRoutes(service: LocationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/locations',
      {
        config: { action: 'locations.read' },
        schema: {
          tags: ['locations'],
          querystring: locationListQuerySchema,
          response: { 200: locationPageSchema },
        },
      },
      (request) => service.listLocations(actorOf(request), request.query, metaOf(request)),
    );
    app.post(
      '/api/locations',
      {
        config: { action: 'locations.manage', idempotent: true },
        schema: {
          tags: ['locations'],
          body: createLocationInputSchema,
          response: { 201: locationDetailSchema },
        },
      },
      async (request, reply) => {
        const location = await service.createLocation(actorOf(request), request.body, metaOf(request));
        return reply.status(201).send(location);
      },
    );
    app.get(
      '/api/locations/:locationId',
      {
        config: { action: 'locations.read' },
        schema: { tags: ['locations'], params: locationParams, response: { 200: locationDetailSchema } },
      },
      (request) => service.getLocation(actorOf(request), request.params.locationId, metaOf(request)),
    );
    app.patch(
      '/api/locations/:locationId',
      {
        config: { action: 'locations.manage' },
        schema: {
          tags: ['locations'],
          params: locationParams,
          body: updateLocationInputSchema,
          response: { 200: locationDetailSchema },
        },
      },
      (request) =>
        service.updateLocation(actorOf(request), request.params.locationId, request.body, metaOf(request)),
    );
    app.put(
      '/api/locations/:locationId/pupil-counts/:schoolYear',
      {
        config: { action: 'locations.manage' },
        schema: {
          tags: ['locations'],
          params: pupilCountParams,
          body: pupilCountInputSchema,
          response: { 200: pupilCountSchema },
        },
      },
      (request) =>
        service.setPupilCount(
          actorOf(request),
          request.params.locationId,
          request.params.schoolYear,
          request.body.pupils,
          metaOf(request),
        ),
    );
    app.delete(
      '/api/locations/:locationId/pupil-counts/:schoolYear',
      {
        config: { action: 'locations.manage' },
        schema: { tags: ['locations'], params: pupilCountParams },
      },
      async (request, reply) => {
        await service.deletePupilCount(
          actorOf(request),
          request.params.locationId,
          request.params.schoolYear,
          metaOf(request),
        );
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/school-boards',
      {
        config: { action: 'locations.read' },
        schema: { tags: ['locations'], response: { 200: schoolBoardListSchema } },
      },
      (request) => service.listSchoolBoards(actorOf(request), metaOf(request)),
    );
    app.post(
      '/api/school-boards',
      {
        config: { action: 'locations.manage', idempotent: true },
        schema: {
          tags: ['locations'],
          body: createSchoolBoardInputSchema,
          response: { 201: schoolBoardSchema },
        },
      },
      async (request, reply) => {
        const board = await service.createSchoolBoard(actorOf(request), request.body, metaOf(request));
        return reply.status(201).send(board);
      },
    );
  };
}
