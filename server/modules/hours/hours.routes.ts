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
  scenarioComparisonInputSchema,
  scenarioComparisonSchema,
  scenarioExportFormats,
  scenarioExportQuerySchema,
  schoolBudgetQuerySchema,
  schoolBudgetSchema,
  timeEntryInputSchema,
  timeEntryListQuerySchema,
  timeEntryListSchema,
  timeEntrySchema,
} from '../../../contracts/hours.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { budgetOverview, memberBudgets, schoolBudget } from './budget.service.ts';
import {
  adoptAllocation,
  createAllocation,
  exportAllocation,
  getAllocation,
  listAllocationVersions,
  previewAllocation,
  setHistoricalCount,
  updateAllocationDraft,
} from './hours.service.ts';
import { compareScenarios, exportScenarios, makeScenarioDraft } from './scenarios.service.ts';
import { closeMonth, listClosedMonths, type TimeService } from './time.service.ts';

const entryParams = z.strictObject({ entryId: z.uuid() });
const locationParams = z.strictObject({ locationId: z.uuid() });
const allocationParams = z.strictObject({ allocationId: z.uuid() });
const yearQuery = z.strictObject({ schoolYear: schoolYearSchema });
const historyParams = z.strictObject({
  locationId: z.uuid(),
  schoolYear: schoolYearSchema,
});

/** HTTP routes of the hours module (R14); the allocation screens and time registration follow. */
export function hoursRoutes(time: TimeService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/allocations/preview',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: 'Calculate an allocation key without saving it',
          querystring: allocationPreviewQuerySchema,
          response: { 200: allocationPreviewSchema },
        },
      },
      (request) => request.useCase((context) => previewAllocation(context, request.query)),
    );
    app.get(
      '/api/allocations',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: 'List the allocation versions of a school year',
          querystring: yearQuery,
          response: { 200: allocationVersionListSchema },
        },
      },
      (request) => request.useCase((context) => listAllocationVersions(context, request.query.schoolYear)),
    );
    app.post(
      '/api/allocations',
      {
        config: { action: 'allocations.manage', idempotent: true },
        schema: {
          summary: 'Save an allocation as a draft (or a correction)',
          body: allocationInputSchema,
          response: { 201: allocationSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => createAllocation(context, request.body))),
    );
    app.get(
      '/api/allocations/:allocationId',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: 'An allocation version with its lines',
          params: allocationParams,
          response: { 200: allocationSchema },
        },
      },
      (request) => request.useCase((context) => getAllocation(context, request.params.allocationId)),
    );
    app.put(
      '/api/allocations/:allocationId',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: 'Change a draft allocation',
          params: allocationParams,
          body: allocationInputSchema,
          response: { 200: allocationSchema },
        },
      },
      (request) =>
        request.useCase((context) =>
          updateAllocationDraft(context, request.params.allocationId, request.body),
        ),
    );
    for (const format of allocationExportFormats) {
      app.get(
        `/api/allocations/:allocationId/export.${format}`,
        {
          config: { action: 'allocations.manage' },
          schema: {
            summary: `Download an allocation version as ${format.toUpperCase()}`,
            params: allocationParams,
          },
        },
        async (request, reply) => {
          const file = await request.useCase((context) =>
            exportAllocation(context, request.params.allocationId, format),
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
        schema: {
          summary: 'Adopt a draft allocation (final)',
          params: allocationParams,
          response: { 200: allocationSchema },
        },
      },
      (request) => request.useCase((context) => adoptAllocation(context, request.params.allocationId)),
    );
    app.get(
      '/api/time-entries',
      {
        config: { action: 'time.register' },
        schema: {
          summary: 'List time entries of a team member',
          querystring: timeEntryListQuerySchema,
          response: { 200: timeEntryListSchema },
        },
      },
      (request) => request.useCase((context) => time.list(context, request.query)),
    );
    app.post(
      '/api/time-entries',
      {
        config: { action: 'time.register', idempotent: true },
        schema: { summary: 'Log time', body: timeEntryInputSchema, response: { 201: timeEntrySchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await request.useCase((context) => time.create(context, request.body))),
    );
    app.post(
      '/api/time-entries/copy-week',
      {
        config: { action: 'time.register', idempotent: true },
        schema: {
          summary: "Copy last week's time entries",
          body: copyWeekInputSchema,
          response: { 200: copyWeekResultSchema },
        },
      },
      (request) => request.useCase((context) => time.copyLastWeek(context, request.body.weekStart)),
    );
    app.put(
      '/api/time-entries/:entryId',
      {
        config: { action: 'time.register' },
        schema: {
          summary: 'Change a time entry',
          params: entryParams,
          body: timeEntryInputSchema,
          response: { 200: timeEntrySchema },
        },
      },
      (request) => request.useCase((context) => time.update(context, request.params.entryId, request.body)),
    );
    app.delete(
      '/api/time-entries/:entryId',
      {
        config: { action: 'time.register' },
        schema: { summary: 'Delete a time entry', params: entryParams },
      },
      async (request, reply) => {
        await request.useCase((context) => time.remove(context, request.params.entryId));
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/closed-periods',
      {
        config: { action: 'time.close_periods' },
        schema: { summary: 'Close a month for time registration', body: closePeriodInputSchema },
      },
      async (request, reply) => {
        await request.useCase((context) => closeMonth(context, request.body.month));
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/closed-periods',
      {
        config: { action: 'time.close_periods' },
        schema: {
          summary: 'List the closed months',
          querystring: yearQuery,
          response: { 200: closedPeriodListSchema },
        },
      },
      (request) => request.useCase((context) => listClosedMonths(context, request.query.schoolYear)),
    );
    app.get(
      '/api/budgets',
      {
        config: { action: 'budgets.read' },
        schema: {
          summary: 'Hours allocated, used and left per school',
          querystring: budgetOverviewQuerySchema,
          response: { 200: budgetOverviewSchema },
        },
      },
      (request) => request.useCase((context) => budgetOverview(context, request.query)),
    );
    app.get(
      '/api/budgets/members',
      {
        config: { action: 'budgets.read_members' },
        schema: {
          summary: 'Hours logged against contracted hours per team member',
          querystring: memberBudgetQuerySchema,
          response: { 200: memberBudgetPageSchema },
        },
      },
      (request) => request.useCase((context) => memberBudgets(context, request.query)),
    );
    app.get(
      '/api/budgets/:locationId',
      {
        config: { action: 'budgets.read' },
        schema: {
          summary: "One school's hours: trend, kinds of work, allocation",
          params: locationParams,
          querystring: schoolBudgetQuerySchema,
          response: { 200: schoolBudgetSchema },
        },
      },
      (request) =>
        request.useCase((context) =>
          schoolBudget(context, request.params.locationId, request.query.schoolYear),
        ),
    );
    app.put(
      '/api/locations/:locationId/historical-requests/:schoolYear',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: "Set a school's request count of a year before Passend",
          params: historyParams,
          body: historicalRequestCountInputSchema,
        },
      },
      async (request, reply) => {
        await request.useCase((context) =>
          setHistoricalCount(
            context,
            request.params.locationId,
            request.params.schoolYear,
            request.body.count,
          ),
        );
        return reply.status(204).send();
      },
    );
    // A read that takes a body (up to four scenarios of settings): it stores nothing and answers 200.
    app.post(
      '/api/allocations/scenarios',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: 'Compare up to four allocation scenarios with their fairness figures',
          body: scenarioComparisonInputSchema,
          response: { 200: scenarioComparisonSchema },
        },
      },
      (request) => request.useCase((context) => compareScenarios(context, request.body)),
    );
    for (const format of scenarioExportFormats) {
      app.get(
        `/api/allocations/scenarios/export.${format}`,
        {
          config: { action: 'allocations.manage' },
          schema: {
            summary: `Download a comparison of allocation scenarios as ${format.toUpperCase()}`,
            querystring: scenarioExportQuerySchema,
          },
        },
        async (request, reply) => {
          const file = await request.useCase((context) => exportScenarios(context, request.query, format));
          return reply
            .type(file.contentType)
            .header('content-disposition', contentDisposition(file.fileName))
            .send(file.body);
        },
      );
    }
    app.put(
      '/api/allocations/draft',
      {
        config: { action: 'allocations.manage' },
        schema: {
          summary: "Make a scenario's settings the school year's draft (creates it or changes the open one)",
          body: allocationInputSchema,
          response: { 200: allocationSchema },
        },
      },
      (request) => request.useCase((context) => makeScenarioDraft(context, request.body)),
    );
  };
}
