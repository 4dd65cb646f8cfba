import type { ErrorCode, FieldError } from '../../../contracts/errors.ts';

/** Base of every error the API turns into a 4xx/5xx answer with a stable code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly fields?: Array<Omit<FieldError, 'message'> & { params?: Record<string, unknown> }>,
  ) {
    super(code);
  }
}

export class ValidationFailed extends HttpError {
  constructor(fields: NonNullable<HttpError['fields']>) {
    super(400, 'validation_failed', fields);
  }
}

export class Unauthenticated extends HttpError {
  constructor(code: ErrorCode = 'unauthenticated') {
    super(401, code);
  }
}

export class Forbidden extends HttpError {
  constructor() {
    super(403, 'forbidden');
  }
}

export class NotFound extends HttpError {
  constructor() {
    super(404, 'not_found');
  }
}

/** A domain rule refused the command; the code names the rule's message key. */
export class RuleViolation extends HttpError {
  constructor(code: ErrorCode, statusCode: 409 | 422 = 409, fields?: HttpError['fields']) {
    super(statusCode, code, fields);
  }
}
