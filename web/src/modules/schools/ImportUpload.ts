import type { z } from 'zod';
import { errorResponseSchema } from '../../../../contracts/errors.ts';
import { ApiError } from '../../app/api.ts';
import { currentLocale } from '../../i18n/i18n.ts';

/** The fields the import form sends next to the file. */
export type ImportUploadForm = { layout: string; sector: string; schoolYear: string; file: File };

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'passend_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Posts the file as multipart/form-data: the one upload of the app, so it lives beside the screen
 * instead of in the JSON-only api helper. Same cookies, CSRF header and typed ApiError.
 */
export async function uploadImport<T>(
  path: string,
  form: ImportUploadForm,
  schema: z.ZodType<T>,
): Promise<T> {
  if (!csrfToken())
    await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = new FormData();
  body.set('layout', form.layout);
  if (form.sector) body.set('sector', form.sector);
  if (form.schoolYear) body.set('schoolYear', form.schoolYear);
  body.set('file', form.file);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLocale(),
        'x-csrf-token': csrfToken() ?? '',
      },
      body,
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network');
  }
  const text = await response.text();
  if (!response.ok) {
    let parsed: ReturnType<typeof errorResponseSchema.safeParse> | null = null;
    try {
      parsed = errorResponseSchema.safeParse(JSON.parse(text));
    } catch {
      // Not JSON: a proxy's error page.
    }
    if (parsed?.success) {
      const { code, message, fields, requestId } = parsed.data.error;
      throw new ApiError(response.status, code, message, fields ?? [], requestId);
    }
    throw new ApiError(
      response.status,
      response.status === 413 ? 'body_too_large' : 'internal',
      response.statusText,
    );
  }
  return schema.parse(JSON.parse(text));
}
