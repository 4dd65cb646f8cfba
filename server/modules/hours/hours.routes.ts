import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { schoolYearSchema } from '../../../contracts/fields.ts';
import {
  allocationExportFormats,
  allocationInputSchema,
  allocationPreviewQuerySchema,
  allocationPreviewSchema,
  allocationSchema,
  allocationVersionListSchema,
  budgetOverviewQuerySchema,
  budgetOverviewSchema,
  closedPeriodListSchema,
  closePeriodInputSchema,
  copyWeekInputSchema,
  copyWeekResultSchema,
  historicalRequestCountInputSchema,
  memberBudgetPageSchema,
  memberBudgetQuerySchema,
  schoolBudgetQuerySchema,
  schoolBudgetSchema,
  timeEntryInputSchema,
  timeEntryListQuerySchema,
  timeEntryListSchema,
  timeEntrySchema,
} from '../../../contracts/hours.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { BudgetService } from './budget.service.ts';
import type { HoursService } from './hours.service.ts';
import type { TimeService } from './time.service.ts';

const entryParams = z.strictObject({ entryId: z.uuid() });
const locationParams = z.strictObject({ locationId: z.uuid() });
const allocationParams = z.strictObject({ allocationId: z.uuid() });
const yearQuery = z.strictObject({ schoolYear: schoolYearSchema });
const historyParams = z.strictObject({
  locationId: z.uuid(),
  schoolYear: schoolYearSchema,
});

/** HTTP routes of the hours module (R14); the allocation screens and time registration follow. */
export function hoursRoutes(
  service: HoursService,
  time: TimeService,
  budgets: BudgetService,
): FastifyPluginAsyncZod {
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
        config: { action: 'allocations.manage', idempotent: true },
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
    for (const format of allocationExportFormats) {
      app.get(
        `/api/allocations/:allocationId/export.${format}`,
        { config: { action: 'allocations.manage' }, schema: { tags: ['hours'], params: allocationParams } },
        async (request, reply) => {
          const file = await service.exportAllocation(
            actorOf(request),
            request.params.allocationId,
            format,
            request.session?.locale ?? 'nl',
            metaOf(request),
          );
          return reply
            .type(file.contentType)
            .header('content-disposition', contentDisposition(file.fileName))
            .send(file.body);
        },
      );
    }
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
        config: { action: 'time.register', idempotent: true },
        schema: { tags: ['hours'], body: timeEntryInputSchema, response: { 201: timeEntrySchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await time.create(actorOf(request), request.body, metaOf(request))),
    );
    app.post(
      '/api/time-entries/copy-week',
      {
        config: { action: 'time.register', idempotent: true },
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
    app.get(
      '/api/closed-periods',
      {
        config: { action: 'time.close_periods' },
        schema: { tags: ['hours'], querystring: yearQuery, response: { 200: closedPeriodListSchema } },
      },
      (request) => time.listClosedMonths(actorOf(request), request.query.schoolYear),
    );
    app.get(
      '/api/budgets',
      {
        config: { action: 'budgets.read' },
        schema: {
          tags: ['hours'],
          querystring: budgetOverviewQuerySchema,
          response: { 200: budgetOverviewSchema },
        },
      },
      (request) => budgets.overview(actorOf(request), request.query),
    );
    app.get(
      '/api/budgets/members',
      {
        config: { action: 'budgets.read_members' },
        schema: {
          tags: ['hours'],
          querystring: memberBudgetQuerySchema,
          response: { 200: memberBudgetPageSchema },
        },
      },
      (request) => budgets.members(actorOf(request), request.query),
    );
    app.get(
      '/api/budgets/:locationId',
      {
        config: { action: 'budgets.read' },
        schema: {
          tags: ['hours'],
          params: locationParams,
          querystring: schoolBudgetQuerySchema,
          response: { 200: schoolBudgetSchema },
        },
      },
      (request) => budgets.school(actorOf(request), request.params.locationId, request.query.schoolYear),
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
