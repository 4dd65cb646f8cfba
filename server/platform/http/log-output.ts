/** Where the log goes: a stream that takes pino's lines (one JSON object each). */
export type LogStream = { write(line: string): void };

const levelNames: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

// Fields every line has, or that the line's own wording already says.
const shownElsewhere = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'req',
  'res',
  'responseTime',
  'reqId',
]);

/**
 * Turns pino's JSON lines into short lines of text for a person at a terminal (`LOG_FORMAT=text`):
 * `14:02:11 INFO  Passend is listening url=http://localhost:3000`, a request as
 * `GET /api/users 200 12 ms`, a stack on the lines below its error. It writes only what the JSON line
 * held, so what is kept out of the log (bodies, query strings, cookies) stays out here too.
 */
export function textLogStream(out: LogStream): LogStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) out.write(`${textOf(line)}\n`);
    },
  };
}

/** One pino JSON line as text (a line that is not JSON as it came). */
export function textOf(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = Number(entry.level);
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const parts = [time, (levelNames[level] ?? String(entry.level)).padEnd(5)];
  const request = entry.req as { method?: unknown; path?: unknown } | undefined;
  const response = entry.res as { statusCode?: unknown } | undefined;
  if (request && response && typeof entry.responseTime === 'number') {
    parts.push(
      `${request.method} ${request.path} ${response.statusCode} ${Math.round(entry.responseTime)} ms`,
    );
  } else {
    parts.push(String(entry.msg ?? ''));
    if (request) parts.push(`${request.method} ${request.path}`);
  }
  let stack: string | null = null;
  for (const [key, value] of Object.entries(flatten(entry))) {
    if (shownElsewhere.has(key.split('.')[0] as string)) continue;
    if (key.endsWith('stack') && typeof value === 'string') {
      stack = value;
      continue;
    }
    parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  // A warning or an error names its request, so it can be matched with the answer's requestId.
  if (level >= 40 && typeof entry.reqId === 'string') parts.push(`requestId=${entry.reqId}`);
  const text = parts.filter(Boolean).join(' ');
  return stack ? `${text}\n${stack.replace(/^/gm, '    ')}` : text;
}

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && !shownElsewhere.has(name)) {
      Object.assign(flat, flatten(inner as Record<string, unknown>, name));
    } else flat[name] = inner;
  }
  return flat;
}
