import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  allocationInputSchema,
  allocationPreviewQuerySchema,
  allocationPreviewSchema,
  allocationSchema,
  allocationVersionListSchema,
  closePeriodInputSchema,
  copyWeekInputSchema,
  copyWeekResultSchema,
  historicalRequestCountInputSchema,
  timeEntryInputSchema,
  timeEntryListQuerySchema,
  timeEntryListSchema,
  timeEntrySchema,
} from '../../../contracts/hours.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { HoursService } from './hours.service.ts';
import type { TimeService } from './time.service.ts';

const entryParams = z.strictObject({ entryId: z.uuid() });
const allocationParams = z.strictObject({ allocationId: z.uuid() });
const yearQuery = z.strictObject({ schoolYear: z.coerce.number().int().min(1990).max(2100) });
const historyParams = z.strictObject({
  locationId: z.uuid(),
  schoolYear: z.coerce.number().int().min(1990).max(2100),
});

/** HTTP routes of the hours module (R14); the allocation screens and time registration follow. */
export function hoursRoutes(service: HoursService, time: TimeService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/allocations/preview',
      {
        config: { action: 'allocations.manage' },
        schema: {
          tags: ['hours'],
          querystring: allocationPreviewQuerySchema,
          response: { 200: allocationPreviewSchema },
        },
      },
      (request) => service.preview(actorOf(request), request.query, metaOf(request)),
    );
    app.get(
      '/api/allocations',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], querystring: yearQuery, response: { 200: allocationVersionListSchema } },
      },
      (request) => service.listVersions(actorOf(request), request.query.schoolYear),
    );
    app.post(
      '/api/allocations',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], body: allocationInputSchema, response: { 201: allocationSchema } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.createAllocation(actorOf(request), request.body, metaOf(request))),
    );
    app.get(
      '/api/allocations/:allocationId',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], params: allocationParams, response: { 200: allocationSchema } },
      },
      (request) => service.getAllocation(actorOf(request), request.params.allocationId, metaOf(request)),
    );
    app.put(
      '/api/allocations/:allocationId',
      {
        config: { action: 'allocations.manage' },
        schema: {
          tags: ['hours'],
          params: allocationParams,
          body: allocationInputSchema,
          response: { 200: allocationSchema },
        },
      },
      (request) =>
        service.updateDraft(actorOf(request), request.params.allocationId, request.body, metaOf(request)),
    );
    app.get(
      '/api/allocations/:allocationId/export.csv',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], params: allocationParams, produces: ['text/csv'] },
      },
      async (request, reply) => {
        const { fileName, csv } = await service.exportCsv(
          actorOf(request),
          request.params.allocationId,
          metaOf(request),
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(csv);
      },
    );
    app.post(
      '/api/allocations/:allocationId/adopt',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], params: allocationParams, response: { 200: allocationSchema } },
      },
      (request) => service.adopt(actorOf(request), request.params.allocationId, metaOf(request)),
    );
    app.get(
      '/api/time-entries',
      {
        config: { action: 'time.register' },
        schema: {
          tags: ['hours'],
          querystring: timeEntryListQuerySchema,
          response: { 200: timeEntryListSchema },
        },
      },
      (request) => time.list(actorOf(request), request.query),
    );
    app.post(
      '/api/time-entries',
      {
        config: { action: 'time.register' },
        schema: { tags: ['hours'], body: timeEntryInputSchema, response: { 201: timeEntrySchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await time.create(actorOf(request), request.body, metaOf(request))),
    );
    app.post(
      '/api/time-entries/copy-week',
      {
        config: { action: 'time.register' },
        schema: { tags: ['hours'], body: copyWeekInputSchema, response: { 200: copyWeekResultSchema } },
      },
      (request) => time.copyLastWeek(actorOf(request), request.body.weekStart, metaOf(request)),
    );
    app.put(
      '/api/time-entries/:entryId',
      {
        config: { action: 'time.register' },
        schema: {
          tags: ['hours'],
          params: entryParams,
          body: timeEntryInputSchema,
          response: { 200: timeEntrySchema },
        },
      },
      (request) => time.update(actorOf(request), request.params.entryId, request.body, metaOf(request)),
    );
    app.delete(
      '/api/time-entries/:entryId',
      { config: { action: 'time.register' }, schema: { tags: ['hours'], params: entryParams } },
      async (request, reply) => {
        await time.remove(actorOf(request), request.params.entryId, metaOf(request));
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/closed-periods',
      { config: { action: 'time.close_periods' }, schema: { tags: ['hours'], body: closePeriodInputSchema } },
      async (request, reply) => {
        await time.closeMonth(actorOf(request), request.body.month, metaOf(request));
        return reply.status(204).send();
      },
    );
    app.put(
      '/api/locations/:locationId/historical-requests/:schoolYear',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], params: historyParams, body: historicalRequestCountInputSchema },
      },
      async (request, reply) => {
        await service.setHistoricalCount(
          actorOf(request),
          request.params.locationId,
          request.params.schoolYear,
          request.body.count,
          metaOf(request),
        );
        return reply.status(204).send();
      },
    );
  };
}
