import type { z } from 'zod';
import { errorResponseSchema, type FieldError } from '../../../contracts/errors.ts';
import { currentLocale } from '../i18n/i18n.ts';

const csrfCookieName = 'passend_csrf';

/** An API answer other than 2xx, or no answer at all (`status` 0, code `network`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Whether the value is an ApiError, optionally with one of the given codes. */
export function isApiError(value: unknown, ...codes: string[]): value is ApiError {
  return value instanceof ApiError && (codes.length === 0 || codes.includes(value.code));
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

type RequestOptions<T> = {
  /** Validates and types the answer; without it the answer is `undefined` (204, 202). */
  schema?: z.ZodType<T>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Sent with every POST so the server can answer a resent create with its first result instead of a
   * second row; a form that may be submitted again keeps one key for its lifetime.
   */
  idempotencyKey?: string;
};

/** Reads the CSRF cookie the server sets on every response (double-submit pattern). */
function readCsrfCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === csrfCookieName) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Makes the server set the CSRF cookie, for a first write before any read. */
async function primeCsrfCookie(): Promise<void> {
  await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
}

async function send(
  method: Method,
  path: string,
  body: unknown,
  signal?: AbortSignal,
  idempotencyKey?: string,
): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLocale(),
    ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal };
  if (method !== 'GET') {
    if (!readCsrfCookie()) await primeCsrfCookie();
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = readCsrfCookie() ?? '';
    init.body = JSON.stringify(body ?? {});
  }
  return fetch(path, init);
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = errorResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, fields, requestId } = parsed.data.error;
      return new ApiError(response.status, code, message, fields ?? [], requestId);
    }
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic error.
  }
  const fallbackCodes: Record<number, string> = {
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    413: 'body_too_large',
    429: 'rate_limited',
  };
  return new ApiError(response.status, fallbackCodes[response.status] ?? 'internal', response.statusText);
}

/**
 * The one way the web app talks to the API: same-origin cookies, JSON both ways, the CSRF header on
 * every write, and a typed ApiError for every failure.
 */
export async function apiRequest<T = undefined>(
  method: Method,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  let response: Response;
  const idempotencyKey = method === 'POST' ? (options.idempotencyKey ?? crypto.randomUUID()) : undefined;
  try {
    response = await send(method, path, options.body, options.signal, idempotencyKey);
    if (response.status === 403 && method !== 'GET') {
      // A stale CSRF cookie (e.g. after the server rotated it): fetch a fresh one and retry once.
      const error = await toApiError(response.clone());
      if (error.code === 'csrf_failed') {
        await primeCsrfCookie();
        response = await send(method, path, options.body, options.signal, idempotencyKey);
      }
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network');
  }
  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  if (!options.schema) return undefined as T;
  // A file (a CSV export asked for in a body) is handed over as its text.
  const isJson = response.headers.get('content-type')?.includes('json') ?? true;
  return options.schema.parse(isJson ? (text ? JSON.parse(text) : undefined) : text);
}

/**
 * Posts a multipart form (text fields and at most one file, sent as `file`): the same cookies, CSRF
 * header, language and typed ApiError as every JSON call.
 */
export async function uploadForm<T>(
  path: string,
  fields: Record<string, string>,
  file: File | null,
  schema: z.ZodType<T>,
): Promise<T> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (file) body.set('file', file);
  let response: Response;
  try {
    if (!readCsrfCookie()) await primeCsrfCookie();
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLocale(),
        'x-csrf-token': readCsrfCookie() ?? '',
        'idempotency-key': crypto.randomUUID(),
      },
      body,
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network');
  }
  if (!response.ok) throw await toApiError(response);
  return schema.parse(JSON.parse(await response.text()));
}

/** Builds a query string from the defined values only. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The one way screens call the API: a method per verb, the answer typed and checked by the contract's
 * response schema (without one the answer is `undefined`, for 204 and 202).
 */
export const api = {
  get: <T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal) =>
    apiRequest<T>('GET', path, { schema, signal }),
  /** A search sent in a body (so a pupil's name stays out of the address) passes the query's signal. */
  post: <T = undefined>(path: string, body: unknown = {}, schema?: z.ZodType<T>, signal?: AbortSignal) =>
    apiRequest<T>('POST', path, { body, schema, signal }),
  put: <T = undefined>(path: string, body: unknown = {}, schema?: z.ZodType<T>) =>
    apiRequest<T>('PUT', path, { body, schema }),
  patch: <T = undefined>(path: string, body: unknown = {}, schema?: z.ZodType<T>) =>
    apiRequest<T>('PATCH', path, { body, schema }),
  delete: <T = undefined>(path: string, schema?: z.ZodType<T>) => apiRequest<T>('DELETE', path, { schema }),
};
