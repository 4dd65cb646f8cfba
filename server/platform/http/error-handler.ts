import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, ErrorResponse, FieldError } from '../../../contracts/errors.ts';
import { DatabaseUnavailable, databaseErrorOf, isUniqueViolation } from '../../db/client.ts';
import { IdempotencyKeyReused } from '../../db/idempotency-scope.ts';
import { hasMessage, localeFromHeader, translate } from '../i18n/messages.ts';
import { HttpError } from './errors.ts';

type RawField = { path: string; code: string; params?: Record<string, unknown> };

/**
 * PostgreSQL data exceptions that only bad input causes: a value too long (22001), a number out of
 * range (22003), a date or time that is malformed or out of range (22007, 22008), a character the
 * database cannot store such as NUL (22021, 22P05), text that is not the type it should be (22P02).
 */
const badInputStates = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);

/** The log message of the backstop; the fuzz test counts it and expects none. */
export const badInputBackstopMessage = 'bad input reached the database';

/** Turns every error into the one error shape, with Dutch (or English) messages and no stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.flatMap((issue) =>
        fieldsFromZodIssue(issue.keyword, issue.instancePath, issue.params ?? {}, issue.message ?? ''),
      );
      return send(request, reply, 400, 'validation_failed', fields);
    }
    if (error instanceof HttpError) return send(request, reply, error.statusCode, error.code, error.fields);
    if (error instanceof DatabaseUnavailable) return send(request, reply, 503, 'database_unavailable');
    if (error instanceof IdempotencyKeyReused) return send(request, reply, 422, 'idempotency_key_reused');
    const code = (error as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(request, reply, 413, 'body_too_large');
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(request, reply, 415, 'unsupported_media_type');
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return send(request, reply, 400, 'invalid_json');
    if (error instanceof SyntaxError && error.statusCode === 400)
      return send(request, reply, 400, 'invalid_json');
    if (error.statusCode === 429) return send(request, reply, 429, 'rate_limited');
    if (isUniqueViolation(error)) return send(request, reply, 409, 'conflict');
    // A backstop only: the contracts refuse such input with field errors before it gets here. When
    // one slips through, the caller still hears it was their input, and the log says which query.
    const failure = databaseErrorOf(error);
    if (failure && badInputStates.has(failure.code)) {
      request.log.warn({ failure: describeForLog(error) }, badInputBackstopMessage);
      return send(request, reply, 400, 'validation_failed');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(
        request,
        reply,
        error.statusCode,
        error.statusCode === 404 ? 'not_found' : 'validation_failed',
      );
    }
    request.log.error({ failure: describeForLog(error) }, 'request failed');
    return send(request, reply, 500, 'internal');
  });
}

/** Sends the error shape; used by hooks that answer before a route runs. */
export function send(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  code: ErrorCode,
  rawFields?: RawField[],
) {
  const locale = request.session?.locale ?? localeFromHeader(request.headers['accept-language']);
  const fields: FieldError[] | undefined = rawFields?.map((field) => ({
    path: field.path,
    code: field.code,
    ...(field.params ? { params: numericOrTextParams(field.params) } : {}),
    message: translate(
      locale,
      hasMessage(`validation.${field.code}`) ? `validation.${field.code}` : 'validation.invalid_value',
      field.params,
    ),
  }));
  const body: ErrorResponse = {
    error: {
      code,
      message: translate(locale, `errors.${code}`),
      requestId: request.id,
      ...(fields ? { fields } : {}),
    },
  };
  return reply.status(statusCode).type('application/json').send(body);
}

function fieldsFromZodIssue(
  zodCode: string,
  instancePath: string,
  params: Record<string, unknown>,
  message: string,
): RawField[] {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const origin = params.origin;
  switch (zodCode) {
    case 'unrecognized_keys':
      return ((params.keys as string[]) ?? []).map((key) => ({
        path: path ? `${path}.${key}` : key,
        code: 'unknown_field',
      }));
    case 'invalid_type':
      return [{ path, code: message.includes('received undefined') ? 'required' : 'invalid_type' }];
    case 'too_small':
      return [
        { path, code: origin === 'string' ? 'too_short' : 'too_small', params: { minimum: params.minimum } },
      ];
    case 'too_big':
      return [
        { path, code: origin === 'string' ? 'too_long' : 'too_big', params: { maximum: params.maximum } },
      ];
    case 'invalid_format':
      return [{ path, code: params.format === 'email' ? 'invalid_email' : 'invalid_format' }];
    case 'custom':
      return [{ path, code: message }];
    default:
      return [{ path, code: 'invalid_value' }];
  }
}

function numericOrTextParams(params: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) =>
      typeof value === 'number' || typeof value === 'string'
        ? [[key, value]]
        : typeof value === 'bigint'
          ? [[key, Number(value)]]
          : [],
    ),
  );
}

/**
 * What of an unexpected error goes into the log. A failed query's message lists its parameters
 * (names, e-mail addresses), so for database errors only the SQL text and error code are kept.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  const failure = databaseErrorOf(error);
  const query = (error as { query?: unknown }).query;
  if (failure || typeof query === 'string') {
    return { type: 'database', code: failure?.code ?? null, constraint: failure?.constraint ?? null, query };
  }
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { type: name, message, stack };
}
