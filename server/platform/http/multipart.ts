import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ErrorCode } from '../../../contracts/errors.ts';
import { HttpError, ValidationFailed } from './errors.ts';

/** The file of a multipart form: its bytes and the name the browser gave it. */
export type UploadedFile = { content: Buffer; fileName: string };

/** What a multipart/form-data route takes: its text fields and whether the `file` part is required. */
export type MultipartForm<Schema extends z.ZodType = z.ZodType> = { fields: Schema; fileRequired: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The form of a multipart/form-data route, so the OpenAPI description shows its fields and file. */
    multipart?: MultipartForm;
  }
}

/**
 * Reads a multipart/form-data body: the one `file` part and the text fields beside it, the fields
 * checked by the schema like any other input (400 with field errors). A file over the plugin's
 * limit answers 413 with the given code; a body that is not the multipart it claims to be (no or a
 * broken boundary, a part cut off) answers 400 with `unreadable_form` on the file.
 */
export async function readMultipart<Schema extends z.ZodType>(
  request: FastifyRequest,
  form: MultipartForm<Schema>,
  tooLarge: ErrorCode,
): Promise<{ file: UploadedFile | null; fields: z.infer<Schema> }> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type');
  // A Map, not an object literal: a part named `__proto__` must stay a field the schema refuses.
  const received = new Map<string, string>();
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
        received.set(part.fieldname, String(part.value));
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, tooLarge);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new HttpError(413, 'body_too_large');
    // Whatever else the parser raises is the body's fault: no boundary, a broken one, a part cut off.
    throw new ValidationFailed([{ path: 'file', code: 'unreadable_form' }]);
  }
  const fields = Object.fromEntries(received);
  const parsed = form.fields.safeParse(fields);
  const problems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys')
          return issue.keys.map((key) => ({ path: key, code: 'unknown_field' }));
        const path = issue.path.join('.');
        if (issue.code === 'custom') return [{ path, code: issue.message }];
        return [{ path, code: received.get(String(issue.path[0])) ? 'invalid_value' : 'required' }];
      });
  if (!file && form.fileRequired) problems.push({ path: 'file', code: 'required' });
  if (!parsed.success || problems.length > 0) throw new ValidationFailed(problems);
  return { file, fields: parsed.data };
}

/**
 * The body schema the OpenAPI description shows for a multipart route: its text fields and the
 * `file` part as binary. Only for the description; the route reads the body with `readMultipart`.
 */
export function multipartBodyForDocumentation(form: MultipartForm): z.ZodType {
  const shape = form.fields instanceof z.ZodObject ? form.fields.shape : {};
  const file = z.string().meta({ format: 'binary', description: 'The file (one part named `file`).' });
  return z.strictObject({ ...shape, file: form.fileRequired ? file : file.optional() });
}
