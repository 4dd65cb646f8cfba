import type { FastifyInstance } from 'fastify';

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
