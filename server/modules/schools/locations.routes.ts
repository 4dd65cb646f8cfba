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
import {
  createLocation,
  createSchoolBoard,
  deletePupilCount,
  getLocation,
  listLocations,
  listSchoolBoards,
  setPupilCount,
  updateLocation,
} from './locations.service.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });
const pupilCountParams = z.strictObject({ locationId: z.uuid(), schoolYear: schoolYearSchema });

/** HTTP routes of school locations, their pupil counts and school boards. */
export function locationsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/locations',
      {
        config: { action: 'locations.read' },
        schema: {
          summary: 'List school locations',
          querystring: locationListQuerySchema,
          response: { 200: locationPageSchema },
        },
      },
      (request) => request.useCase((context) => listLocations(context, request.query)),
    );
    app.post(
      '/api/locations',
      {
        config: { action: 'locations.manage', idempotent: true },
        schema: {
          summary: 'Add a school location',
          body: createLocationInputSchema,
          response: { 201: locationDetailSchema },
        },
      },
      async (request, reply) => {
        const location = await request.useCase((context) => createLocation(context, request.body));
        return reply.status(201).send(location);
      },
    );
    app.get(
      '/api/locations/:locationId',
      {
        config: { action: 'locations.read' },
        schema: {
          summary: 'A school location with its counts and staff',
          params: locationParams,
          response: { 200: locationDetailSchema },
        },
      },
      (request) => request.useCase((context) => getLocation(context, request.params.locationId)),
    );
    app.patch(
      '/api/locations/:locationId',
      {
        config: { action: 'locations.manage' },
        schema: {
          summary: 'Change a school location',
          params: locationParams,
          body: updateLocationInputSchema,
          response: { 200: locationDetailSchema },
        },
      },
      (request) =>
        request.useCase((context) => updateLocation(context, request.params.locationId, request.body)),
    );
    app.put(
      '/api/locations/:locationId/pupil-counts/:schoolYear',
      {
        config: { action: 'locations.manage' },
        schema: {
          summary: "Set a location's pupil count of a school year",
          params: pupilCountParams,
          body: pupilCountInputSchema,
          response: { 200: pupilCountSchema },
        },
      },
      (request) =>
        request.useCase((context) =>
          setPupilCount(context, request.params.locationId, request.params.schoolYear, request.body.pupils),
        ),
    );
    app.delete(
      '/api/locations/:locationId/pupil-counts/:schoolYear',
      {
        config: { action: 'locations.manage' },
        schema: { summary: "Delete a location's pupil count of a school year", params: pupilCountParams },
      },
      async (request, reply) => {
        await request.useCase((context) =>
          deletePupilCount(context, request.params.locationId, request.params.schoolYear),
        );
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/school-boards',
      {
        config: { action: 'locations.read' },
        schema: { summary: 'List school boards', response: { 200: schoolBoardListSchema } },
      },
      (request) => request.useCase(listSchoolBoards),
    );
    app.post(
      '/api/school-boards',
      {
        config: { action: 'locations.manage', idempotent: true },
        schema: {
          summary: 'Add a school board',
          body: createSchoolBoardInputSchema,
          response: { 201: schoolBoardSchema },
        },
      },
      async (request, reply) => {
        const board = await request.useCase((context) => createSchoolBoard(context, request.body));
        return reply.status(201).send(board);
      },
    );
  };
}
