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
import { HttpError, ValidationFailed } from '../../../platform/http/errors.ts';
import { actorOf, metaOf } from '../../../platform/http/request-context.ts';
import type { ImportService } from './import.service.ts';

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
        config: { action: 'locations.import' },
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
        config: { action: 'locations.import' },
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

/** The uploaded file and the form fields beside it, checked like any other input. */
async function readUpload(request: FastifyRequest): Promise<{ file: Buffer; options: ImportOptions }> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type');
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname !== 'file')
          throw new ValidationFailed([{ path: part.fieldname, code: 'unknown_field' }]);
        file = content;
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new HttpError(413, 'body_too_large');
    if (code === 'FST_FIELDS_LIMIT') throw new HttpError(413, 'body_too_large');
    throw error;
  }
  const parsed = importOptionsSchema.safeParse(fields);
  const problems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ path: key, code: 'unknown_field' }))
          : [
              {
                path: issue.path.join('.'),
                code: fields[String(issue.path[0])] ? 'invalid_value' : 'required',
              },
            ],
      );
  if (!file) problems.push({ path: 'file', code: 'required' });
  if (!parsed.success || !file) throw new ValidationFailed(problems);
  return { file, options: parsed.data };
}
