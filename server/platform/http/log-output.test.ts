import { describe, expect, it } from 'vitest';
import { textLogStream, textOf } from './log-output.ts';

const at = new Date(2026, 2, 2, 14, 2, 11).getTime();

describe('the text log for a terminal (LOG_FORMAT=text, issue 16)', () => {
  it('writes a message with its fields on one short line', () => {
    const line = JSON.stringify({
      level: 30,
      time: at,
      pid: 1,
      hostname: 'h',
      msg: 'Passend is listening',
      url: 'http://localhost:3000',
      database: 'pglite',
    });
    expect(textOf(line)).toBe(
      '14:02:11 INFO  Passend is listening url=http://localhost:3000 database=pglite',
    );
  });

  it('writes a request as method, path, status and time', () => {
    const line = JSON.stringify({
      level: 30,
      time: at,
      reqId: 'r1',
      req: { id: 'r1', method: 'GET', path: '/api/users' },
      res: { statusCode: 200 },
      responseTime: 12.4,
      msg: 'request completed',
    });
    expect(textOf(line)).toBe('14:02:11 INFO  GET /api/users 200 12 ms');
  });

  it('names the request of an error and puts its stack below it', () => {
    const line = JSON.stringify({
      level: 50,
      time: at,
      reqId: 'r2',
      failure: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at here' },
      msg: 'request failed',
    });
    expect(textOf(line)).toBe(
      '14:02:11 ERROR request failed failure.type=Error failure.message=boom requestId=r2\n' +
        '    Error: boom\n        at here',
    );
  });

  it('passes a line that is not JSON through, and writes every line of a chunk', () => {
    const written: string[] = [];
    const stream = textLogStream({ write: (text) => written.push(text) });
    stream.write(`not json\n${JSON.stringify({ level: 40, time: at, msg: 'careful' })}\n`);
    expect(written).toEqual(['not json\n', '14:02:11 WARN  careful\n']);
  });
});
