import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputBackstopMessage, registerErrorHandling } from './error-handler.ts';

/** A failed query as the drivers report it: an error with a five-character SQLSTATE code. */
function databaseError(code: string): Error {
  return Object.assign(new Error(`query failed with parameters ["Fleur Jansen"]`), {
    code,
    query: 'insert into school_boards (name) values ($1)',
  });
}

const logLines: Array<Record<string, unknown>> = [];
const app = Fastify({
  logger: { level: 'warn', stream: { write: (line: string) => logLines.push(JSON.parse(line)) } },
});

beforeAll(async () => {
  registerErrorHandling(app);
  app.get<{ Querystring: { state: string } }>('/fail', async (request) => {
    throw databaseError(request.query.state);
  });
  await app.ready();
});
afterAll(() => app.close());

describe('the backstop for bad input that reaches the database (issue 13, finding 3)', () => {
  it('bad input: a data exception (NUL 22021, year 0000 22008, …) answers 400 validation_failed, logged as the backstop', async () => {
    for (const state of ['22021', '22008', '22007', '22P02', '22003', '22001', '22P05']) {
      logLines.length = 0;
      const response = await app.inject({ url: `/fail?state=${state}` });
      expect({ state, status: response.statusCode }).toEqual({ state, status: 400 });
      expect(response.json().error.code).toBe('validation_failed');
      expect(logLines.map((line) => line.msg)).toEqual([badInputBackstopMessage]);
      // The log names the query and the code, never the parameters (they may be personal data).
      expect(JSON.stringify(logLines)).not.toContain('Fleur');
      expect(logLines[0]?.failure).toMatchObject({ code: state, query: expect.stringContaining('insert') });
    }
  });

  it('other database errors (a missing row for a foreign key, division by zero) stay 500', async () => {
    for (const state of ['23503', '22012', '42P01']) {
      const response = await app.inject({ url: `/fail?state=${state}` });
      expect({ state, status: response.statusCode }).toEqual({ state, status: 500 });
      expect(response.body).not.toContain('insert');
    }
  });
});
