import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  annualReportDownloadQuerySchema,
  annualReportQuerySchema,
  annualReportTextsInputSchema,
  annualReportTextsSchema,
} from '../../../contracts/annual-report.ts';
import { figureExportQuerySchema, figureFilterSchema, figuresSchema } from '../../../contracts/reports.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import {
  annualReportDownloadOf,
  annualReportTextsOf,
  renderAnnualReport,
  saveAnnualReportTexts,
} from './annual-report.service.ts';
import { exportFigureTable } from './figure-export.service.ts';
import { figuresOf } from './reports.service.ts';

/** HTTP routes of the reports module. */
export function reportsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reports/figures',
      {
        config: { action: 'reports.read' },
        schema: {
          summary: "The school year's figures of the schools in reach, with last year beside them",
          querystring: figureFilterSchema,
          response: { 200: figuresSchema },
        },
      },
      (request) => request.useCase((context) => figuresOf(context, request.query)),
    );
    app.get(
      '/api/reports/figures/export',
      {
        config: { action: 'reports.read' },
        schema: {
          summary: 'Download one figure table as CSV or XLSX, exactly as the figures route shows it',
          querystring: figureExportQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await request.useCase((context) => exportFigureTable(context, request.query));
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.body);
      },
    );
    app.get(
      '/api/reports/annual-report/texts',
      {
        config: { action: 'reports.annual_report' },
        schema: {
          summary: "The staff office's own texts per section of a year's annual report",
          querystring: annualReportQuerySchema,
          response: { 200: annualReportTextsSchema },
        },
      },
      (request) => request.useCase((context) => annualReportTextsOf(context, request.query.schoolYear)),
    );
    app.put(
      '/api/reports/annual-report/texts',
      {
        config: { action: 'reports.annual_report' },
        schema: {
          summary: "Save the staff office's texts per section of a year's annual report",
          body: annualReportTextsInputSchema,
          response: { 200: annualReportTextsSchema },
        },
      },
      (request) => request.useCase((context) => saveAnnualReportTexts(context, request.body)),
    );
    app.get(
      '/api/reports/annual-report',
      {
        config: { action: 'reports.annual_report' },
        schema: {
          summary:
            "Download a year's annual report as PDF or XLSX (figures of the whole partnership, small counts shielded)",
          querystring: annualReportDownloadQuerySchema,
        },
      },
      async (request, reply) => {
        const { content, format } = await request.useCase((context) =>
          annualReportDownloadOf(context, request.query),
        );
        const file = await renderAnnualReport(content, format);
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.body);
      },
    );
  };
}
