import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

// Passend uses no browser features beyond the page itself: deny the rest to any script that gets in.
const permissionsPolicy = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/**
 * Headers every answer carries beyond Helmet's: a Permissions-Policy, and `Cache-Control: no-store` on
 * every API answer that does not choose its own, because nearly all of them can carry personal data
 * and no browser cache or proxy should keep a copy.
 */
export function registerResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', permissionsPolicy);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Helmet's security headers (CSP, HSTS behind https, nosniff, …) on every answer, 404s and errors
 * included. Helmet works them out once here: the Fastify plugin built Helmet again for every request,
 * which cost about 5 % of a small read.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersOf(options);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
}

/** The headers Helmet sets with these options, as Helmet itself writes them on a response. */
export function securityHeadersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  // Helmet's middleware is synchronous; were it ever not, these headers would be incomplete.
  if (!finished) throw new Error('Helmet did not finish synchronously');
  return headers;
}
