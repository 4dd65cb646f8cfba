import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  importMaxFileBytes,
  importOptionsSchema,
  importPreviewSchema,
  importResultSchema,
} from '../../../../contracts/import.ts';
import { readMultipart } from '../../../platform/http/multipart.ts';
import { type ParsedImport, parseImportFile } from './import.rules.ts';
import { importFile, previewImport, templateCsv } from './import.service.ts';

// The import form: the CSV file with the layout and, where the file lacks them, sector and school year.
const importForm = { fields: importOptionsSchema, fileRequired: true };

/** HTTP routes of the CSV import: template, preview and import (multipart: file, layout, sector, schoolYear). */
export function importRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: only the import routes accept multipart bodies, up to 5 MB.
    await app.register(fastifyMultipart, {
      limits: { fileSize: importMaxFileBytes, files: 1, fields: 5, fieldSize: 100, parts: 6 },
    });

    app.get(
      '/api/locations/import/template.csv',
      {
        config: { action: 'locations.import' },
        schema: { summary: 'Download the CSV template for importing schools', produces: ['text/csv'] },
      },
      async (request, reply) => {
        const csv = await request.useCase(templateCsv);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="passend-vestigingen-sjabloon.csv"')
          .send(csv);
      },
    );
    app.post(
      '/api/locations/import/preview',
      {
        config: { action: 'locations.import', multipart: importForm },
        schema: {
          summary: 'Check a CSV of schools or pupil counts before importing',
          consumes: ['multipart/form-data'],
          response: { 200: importPreviewSchema },
        },
      },
      async (request) => {
        const parsed = await readImport(request);
        return request.useCase((context) => previewImport(context, parsed));
      },
    );
    app.post(
      '/api/locations/import',
      {
        config: { action: 'locations.import', multipart: importForm },
        schema: {
          summary: 'Import a CSV of schools or pupil counts',
          consumes: ['multipart/form-data'],
          response: { 200: importResultSchema },
        },
      },
      async (request) => {
        const parsed = await readImport(request);
        return request.useCase((context) => importFile(context, parsed));
      },
    );
  };
}

/**
 * The uploaded file read with the import options beside it: decoding the input, before the use case,
 * so its transaction never waits on the parsing of a large file.
 */
async function readImport(request: FastifyRequest): Promise<ParsedImport> {
  const { file, fields } = await readMultipart(request, importForm, 'body_too_large');
  return parseImportFile(file?.content ?? Buffer.alloc(0), fields);
}
