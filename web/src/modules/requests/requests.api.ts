import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import type { z } from 'zod';
import { errorResponseSchema } from '../../../../contracts/errors.ts';
import {
  attachmentExtensions,
  maxAttachmentBytes,
  type RequestDetail,
  requestDetailSchema,
} from '../../../../contracts/requests.ts';
import { ApiError, apiRequest } from '../../app/api.ts';
import { type FieldIssue, type FormErrors, fieldMessage } from '../../app/forms.ts';
import { currentLocale } from '../../i18n/i18n.ts';

/** The detail of one request, shared by every section of the detail page. */
export function useRequestDetail(requestId: string, enabled = true) {
  return useQuery({
    queryKey: ['requests', requestId],
    enabled,
    queryFn: ({ signal }) =>
      apiRequest('GET', `/api/requests/${requestId}`, { schema: requestDetailSchema, signal }),
  });
}

/**
 * A command on a request that answers with the new detail: the detail query is replaced with it and
 * the lists refresh, so every section shows the new state at once.
 */
export function useRequestCommand<Input>(requestId: string, send: (input: Input) => Promise<RequestDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail) => {
      queryClient.setQueryData(['requests', requestId], detail);
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
    },
  });
}

/** POSTs a JSON command to a request and reads the new detail. */
export function postCommand(requestId: string, path: string, body: unknown = {}): Promise<RequestDetail> {
  return apiRequest('POST', `/api/requests/${requestId}${path}`, { body, schema: requestDetailSchema });
}

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'passend_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Posts a multipart form (text fields and at most one file) with the session cookie and the CSRF
 * header, and reads the answer like the JSON helper does, with a typed ApiError.
 */
export async function uploadForm<T>(
  path: string,
  fields: Record<string, string>,
  file: File | null,
  schema: z.ZodType<T>,
): Promise<T> {
  if (!csrfToken())
    await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (file) body.set('file', file);
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
    const parsed = (() => {
      try {
        return errorResponseSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (parsed?.success) {
      const { code, message, fields: problems, requestId } = parsed.data.error;
      throw new ApiError(response.status, code, message, problems ?? [], requestId);
    }
    throw new ApiError(response.status, response.status === 413 ? 'attachment_too_large' : 'internal', text);
  }
  return schema.parse(JSON.parse(text));
}

/** Checks a chosen file before it is sent: type by extension and size, with the server's codes. */
export function fileProblem(file: File | null): string | null {
  if (!file) return 'attachment_missing';
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(attachmentExtensions as readonly string[]).includes(extension)) return 'attachment_type';
  if (file.size > maxAttachmentBytes) return 'attachment_too_large';
  return null;
}

/** The message of a field: this module's `validation.<code>` first, then the shared catalogue. */
export function requestFieldMessage(issue: FieldIssue): string {
  const translate = i18next.t as unknown as (key: string, options: Record<string, unknown>) => string;
  for (const group of ['validation', 'errors']) {
    const own = translate(`${group}.${issue.code}`, {
      ns: 'requests',
      defaultValue: '',
      ...(issue.params ?? {}),
    });
    if (own && !own.includes('{{')) return own;
  }
  return issue.message ?? fieldMessage(i18next.t, issue);
}

/** The message for the field at `path`, if any. */
export function requestMessageFor(errors: FormErrors, path: string): string | undefined {
  const issue = errors.fields.find((field) => field.path === path);
  return issue ? requestFieldMessage(issue) : undefined;
}

/** A file size in kB or MB. */
export function formatSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024
    ? `${format.format(bytes / 1024 / 1024)} MB`
    : `${format.format(bytes / 1024)} kB`;
}
