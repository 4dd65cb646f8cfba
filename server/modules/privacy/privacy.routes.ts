import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type AuditTrailEntry,
  accessSignalListSchema,
  accessSignalQuerySchema,
  auditEventListSchema,
  auditTrailExportQuerySchema,
  auditTrailPageSchema,
  auditTrailPupilExportSchema,
  auditTrailPupilSearchSchema,
  auditTrailQuerySchema,
} from '../../../contracts/privacy.ts';
import { amsterdamDateTimeOf } from '../../../contracts/school-year.ts';
import { contentDisposition, csvDocument } from '../../platform/http/downloads.ts';
import { accessSignals, auditEventKinds, exportAuditTrail, searchAuditTrail } from './privacy.service.ts';

/** HTTP routes of the privacy officer's audit trail (P2, issue 15). */
export function privacyRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'audit.search' as const };
    app.get(
      '/api/privacy/audit-events',
      {
        config,
        schema: {
          summary: 'Search the audit trail',
          querystring: auditTrailQuerySchema,
          response: { 200: auditTrailPageSchema },
        },
      },
      (request) => request.useCase((context) => searchAuditTrail(context, request.query)),
    );
    app.get(
      '/api/privacy/audit-events/export.csv',
      {
        config,
        schema: {
          summary: 'Download audit trail search results as CSV',
          querystring: auditTrailExportQuerySchema,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const rows = await request.useCase((context) => exportAuditTrail(context, request.query));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', contentDisposition('audittrail.csv'))
          .send(auditTrailCsv(rows));
      },
    );
    // By pupil: a POST, so the pupil's name travels in the body, never in an address or a log line.
    app.post(
      '/api/privacy/audit-events/by-pupil',
      {
        config,
        schema: {
          summary: 'Search the audit trail for one pupil',
          body: auditTrailPupilSearchSchema,
          response: { 200: auditTrailPageSchema },
        },
      },
      (request) => request.useCase((context) => searchAuditTrail(context, request.body)),
    );
    app.post(
      '/api/privacy/audit-events/by-pupil/export.csv',
      {
        config,
        schema: {
          summary: "Download one pupil's audit trail as CSV",
          body: auditTrailPupilExportSchema,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const rows = await request.useCase((context) => exportAuditTrail(context, request.body));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', contentDisposition('audittrail.csv'))
          .send(auditTrailCsv(rows));
      },
    );
    app.get(
      '/api/privacy/access-signals',
      {
        config,
        schema: {
          summary: 'Unusual access to pupil data',
          querystring: accessSignalQuerySchema,
          response: { 200: accessSignalListSchema },
        },
      },
      (request) => request.useCase((context) => accessSignals(context, request.query)),
    );
    app.get(
      '/api/privacy/audit-event-kinds',
      { config, schema: { summary: 'The kinds of audit event', response: { 200: auditEventListSchema } } },
      (request) => request.useCase(async () => ({ events: auditEventKinds() })),
    );
  };
}

/** The export as a spreadsheet reads it: Amsterdam time, the event's key, no content. */
function auditTrailCsv(rows: AuditTrailEntry[]): string {
  return csvDocument(
    ['datum', 'tijd', 'naam', 'e-mailadres', 'rollen', 'gebeurtenis', 'soort gegeven', 'id', 'hulpvraag'],
    rows.map((row) => {
      const { date, time } = amsterdamDateTimeOf(new Date(row.occurredAt));
      return [
        date,
        time,
        row.actor?.name ?? '',
        row.actor?.email ?? '',
        row.actorRoles.join(', '),
        row.event,
        row.objectType ?? '',
        row.objectId ?? '',
        row.reference ?? '',
      ];
    }),
  );
}
