import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode } from '../../../contracts/errors.ts';
import { HttpError, ValidationFailed } from './errors.ts';

/** The file of a multipart form: its bytes and the name the browser gave it. */
export type UploadedFile = { content: Buffer; fileName: string };

/**
 * Reads a multipart/form-data body: the one `file` part and the text fields beside it, the fields
 * checked by the schema like any other input (400 with field errors). A file over the plugin's
 * limit answers 413 with the given code.
 */
export async function readMultipart<Schema extends z.ZodType>(
  request: FastifyRequest,
  schema: Schema,
  options: { fileRequired: boolean; tooLarge: ErrorCode },
): Promise<{ file: UploadedFile | null; fields: z.infer<Schema> }> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type');
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname !== 'file')
          throw new ValidationFailed([{ path: part.fieldname, code: 'unknown_field' }]);
        // A form without a chosen file still sends an empty file part.
        file = content.length > 0 ? { content, fileName: part.filename } : null;
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, options.tooLarge);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new HttpError(413, 'body_too_large');
    throw error;
  }
  const parsed = schema.safeParse(fields);
  const problems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys')
          return issue.keys.map((key) => ({ path: key, code: 'unknown_field' }));
        const path = issue.path.join('.');
        if (issue.code === 'custom') return [{ path, code: issue.message }];
        return [{ path, code: fields[String(issue.path[0])] ? 'invalid_value' : 'required' }];
      });
  if (!file && options.fileRequired) problems.push({ path: 'file', code: 'required' });
  if (!parsed.success || problems.length > 0) throw new ValidationFailed(problems);
  return { file, fields: parsed.data };
}
