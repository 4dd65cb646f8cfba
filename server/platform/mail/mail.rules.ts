/**
 * Rules of mail delivery through the outbox: when a failed mail is tried again, when it is given up,
 * and what of a failure may be stored. Pure: no I/O, the moment is passed in.
 */

/** A mail is given up (`failed`) after this many attempts: with the delays below, about 8 hours. */
export const maxDeliveryAttempts = 10;

/** The first retry waits this long; each next one twice as long, up to `maxRetryDelayMinutes`. */
export const firstRetryDelayMinutes = 1;
export const maxRetryDelayMinutes = 240;

/**
 * A claimed mail is not due again for this long: the lease of one delivery. A process that dies while
 * sending leaves the mail to be tried again once the lease ends (it may then arrive twice, never not
 * at all). Longer than one send can take with the transport's timeouts (see `smtpTimeouts`).
 */
export const deliveryLeaseMinutes = 10;

/** Transport timeouts (ms), so one unreachable server cannot hold a delivery run for minutes per mail. */
export const smtpTimeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Minutes to wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … capped at 240. */
export function retryDelayMinutes(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^8 already passes the cap: stop doubling before the number grows without bound.
  return Math.min(maxRetryDelayMinutes, firstRetryDelayMinutes * 2 ** Math.min(exponent, 16));
}

/** What is kept of a failed attempt: a code, and whether trying again cannot help. */
export type DeliveryFailure = { code: string; permanent: boolean };

const errorCodePattern = /^[A-Z][A-Z0-9_]{0,31}$/;

/**
 * The storable part of a delivery error: nodemailer's code (`ECONNECTION`, `ETIMEDOUT`, `EAUTH`,
 * `EENVELOPE` …) and the server's three-digit reply code, never its message (it may quote the
 * address). Permanent when the server refused this recipient or message for good (a 5xx reply to the
 * envelope or the message; 503 only means a wrong command order): trying again gets the same answer.
 * A refused login (`EAUTH`) is retried: it is the server's setting, and fixing it should let the mail
 * through.
 */
export function deliveryFailureOf(error: unknown): DeliveryFailure {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const name = typeof code === 'string' && errorCodePattern.test(code) ? code : 'UNKNOWN';
  const reply =
    typeof responseCode === 'number' &&
    Number.isInteger(responseCode) &&
    responseCode >= 200 &&
    responseCode < 600
      ? responseCode
      : null;
  const permanent =
    reply !== null && reply >= 500 && reply !== 503 && (name === 'EENVELOPE' || name === 'EMESSAGE');
  return { code: reply === null ? name : `${name} ${reply}`, permanent };
}

/**
 * Where a mail stands after its `attempts`-th attempt failed at `at`: due again after the back-off,
 * or `failed` once the attempts are used up or the failure is permanent.
 */
export function afterFailedAttempt(
  attempts: number,
  failure: DeliveryFailure,
  at: Date,
): { status: 'queued'; nextAttemptAt: Date } | { status: 'failed'; nextAttemptAt: null } {
  if (failure.permanent || attempts >= maxDeliveryAttempts) return { status: 'failed', nextAttemptAt: null };
  return {
    status: 'queued',
    nextAttemptAt: new Date(at.getTime() + retryDelayMinutes(attempts) * 60_000),
  };
}
