import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  deliveryFailureOf,
  maxDeliveryAttempts,
  maxRetryDelayMinutes,
  retryDelayMinutes,
} from './mail.rules.ts';

const at = new Date('2026-03-02T09:00:00Z');
const transient = { code: 'ECONNECTION', permanent: false };

describe('mail delivery rules (issue 13 finding 12)', () => {
  it('backs off 1, 2, 4, 8 … minutes after each failed attempt, capped at 4 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(retryDelayMinutes)).toEqual([
      1, 2, 4, 8, 16, 32, 64, 128, 240, 240,
    ]);
    expect(retryDelayMinutes(0)).toBe(1);
    expect(retryDelayMinutes(1_000)).toBe(maxRetryDelayMinutes);
  });

  it('a failed attempt is due again after its back-off, until the last attempt gives up', () => {
    expect(afterFailedAttempt(1, transient, at)).toEqual({
      status: 'queued',
      nextAttemptAt: new Date('2026-03-02T09:01:00Z'),
    });
    expect(afterFailedAttempt(4, transient, at)).toEqual({
      status: 'queued',
      nextAttemptAt: new Date('2026-03-02T09:08:00Z'),
    });
    expect(afterFailedAttempt(maxDeliveryAttempts - 1, transient, at).status).toBe('queued');
    expect(afterFailedAttempt(maxDeliveryAttempts, transient, at)).toEqual({
      status: 'failed',
      nextAttemptAt: null,
    });
  });

  it('a permanent refusal gives up at once', () => {
    expect(afterFailedAttempt(1, { code: 'EENVELOPE 550', permanent: true }, at)).toEqual({
      status: 'failed',
      nextAttemptAt: null,
    });
  });

  it("keeps the error code and the server's reply code, never the message", () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <a@b.nl>"), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <ineke@school.nl>: Recipient address rejected',
    });
    expect(deliveryFailureOf(refused)).toEqual({ code: 'EENVELOPE 550', permanent: true });
    expect(
      deliveryFailureOf(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 451 })),
    ).toEqual({
      code: 'EENVELOPE 451',
      permanent: false,
    });
    expect(deliveryFailureOf(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toEqual({
      code: 'ECONNECTION',
      permanent: false,
    });
    // A refused login is the server's setting: retried, so fixing it lets the mail through.
    expect(deliveryFailureOf(Object.assign(new Error('x'), { code: 'EAUTH', responseCode: 535 }))).toEqual({
      code: 'EAUTH 535',
      permanent: false,
    });
    // 503 is a wrong order of commands, not a refusal of this mail.
    expect(
      deliveryFailureOf(Object.assign(new Error('x'), { code: 'EMESSAGE', responseCode: 503 })).permanent,
    ).toBe(false);
    // Anything that is not a plain code is not stored as one.
    expect(deliveryFailureOf(Object.assign(new Error('x'), { code: 'a@b.nl' })).code).toBe('UNKNOWN');
    expect(deliveryFailureOf(new Error('no code')).code).toBe('UNKNOWN');
    expect(deliveryFailureOf(null).code).toBe('UNKNOWN');
    expect(
      deliveryFailureOf(Object.assign(new Error('x'), { code: 'ESOCKET', responseCode: 99999 })).code,
    ).toBe('ESOCKET');
  });
});
