import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type ImportOptions,
  importMaxFileBytes,
  importOptionsSchema,
  importPreviewSchema,
  importResultSchema,
} from '../../../../contracts/import.ts';
import { readMultipart } from '../../../platform/http/multipart.ts';
import { actorOf, metaOf } from '../../../platform/http/request-context.ts';
import type { ImportService } from './import.service.ts';

// The import form: the CSV file with the layout and, where the file lacks them, sector and school year.
const importForm = { fields: importOptionsSchema, fileRequired: true };

/** HTTP routes of the CSV import: template, preview and import (multipart: file, layout, sector, schoolYear). */
export function importRoutes(service: ImportService): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: only the import routes accept multipart bodies, up to 5 MB.
    await app.register(fastifyMultipart, {
      limits: { fileSize: importMaxFileBytes, files: 1, fields: 5, fieldSize: 100, parts: 6 },
    });

    app.get(
      '/api/locations/import/template.csv',
      { config: { action: 'locations.import' }, schema: { tags: ['locations'], produces: ['text/csv'] } },
      (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="passend-vestigingen-sjabloon.csv"')
          .send(service.templateCsv(actorOf(request))),
    );
    app.post(
      '/api/locations/import/preview',
      {
        config: { action: 'locations.import', multipart: importForm },
        schema: {
          tags: ['locations'],
          consumes: ['multipart/form-data'],
          response: { 200: importPreviewSchema },
        },
      },
      async (request) => {
        const { file, options } = await readUpload(request);
        return service.previewImport(actorOf(request), file, options);
      },
    );
    app.post(
      '/api/locations/import',
      {
        config: { action: 'locations.import', multipart: importForm },
        schema: {
          tags: ['locations'],
          consumes: ['multipart/form-data'],
          response: { 200: importResultSchema },
        },
      },
      async (request) => {
        const { file, options } = await readUpload(request);
        return service.importFile(actorOf(request), file, options, metaOf(request));
      },
    );
  };
}

/** The uploaded file and the import options beside it. */
async function readUpload(request: FastifyRequest): Promise<{ file: Buffer; options: ImportOptions }> {
  const { file, fields } = await readMultipart(request, importForm, 'body_too_large');
  return { file: file?.content ?? Buffer.alloc(0), options: fields };
}
