import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { DatabaseClient } from './db/client.ts';
import { registerModuleRoutes, registerModules } from './modules/index.ts';
import type { UsersService } from './modules/users/users.service.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { AuthService } from './platform/auth/auth.service.ts';
import { deriveKeys } from './platform/auth/credentials.ts';
import { apiDocsRoutes } from './platform/http/api-docs.routes.ts';
import type { ApiDocument } from './platform/http/api-docs.ts';
import { describeForLog, registerErrorHandling, send } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { describeIdempotentRoute, registerIdempotency } from './platform/http/idempotency.ts';
import { textLogStream } from './platform/http/log-output.ts';
import { apiTagged, platformApiTags, registerApiDescription } from './platform/http/openapi.ts';
import { assertKnownAction, registerRequestContext, sessionCookie } from './platform/http/request-context.ts';
import { registerResponseHeaders, registerSecurityHeaders } from './platform/http/response-headers.ts';
import { Jobs } from './platform/jobs/jobs.ts';
import { testClockRoutes } from './platform/kernel/clock.routes.ts';
import { type Clock, type SettableClock, settableClock, systemClock } from './platform/kernel/clock.ts';
import { Kernel } from './platform/kernel/kernel.ts';
import { registerMailDeliveryJob } from './platform/mail/mail-delivery.ts';
import { Mailer } from './platform/mail/mailer.ts';
import { outboxRoutes } from './platform/mail/outbox.routes.ts';
import { OutboxService } from './platform/mail/outbox.service.ts';
import { notificationsRoutes } from './platform/notifications/notifications.routes.ts';
import { partnershipOfSlug } from './platform/tenants/tenants.service.ts';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** What the app is built from; tests build it with their own database and settings. */
export type AppDependencies = {
  config: Config;
  database: DatabaseClient;
  /** Where the JSON log goes (standard output when absent); tests read it to prove what is never logged. */
  logStream?: { write(line: string): void };
  /** Where "now" comes from (the wall clock when absent); tests set the date through it. */
  clock?: Clock;
  /** The built web app it serves (`web/dist` when absent); a test serves a made-up one. */
  webRoot?: string;
};

/** The services behind the routes, exposed for the CLI, the seed and tests. */
export type AppServices = {
  auth: AuthService;
  users: UsersService;
  mailer: Mailer;
  jobs: Jobs;
  kernel: Kernel;
};

/** A route as registered, with the policy action it declared (the route-walk test reads these). */
export type RegisteredRoute = { method: string; url: string; action: string | null };

/** Builds the Fastify app: plugins, hooks, modules. Listening is the caller's business. */
export async function buildApp({
  config,
  database,
  logStream,
  clock = config.testClock ? settableClock() : systemClock,
  webRoot = webDist,
}: AppDependencies) {
  // The modules' policy rows, audit events and reference kinds, before any route names its action.
  registerModules();
  const out = logStream ?? (config.logFormat === 'text' ? process.stdout : null);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(out ? { stream: config.logFormat === 'text' ? textLogStream(out) : out } : {}),
      // Personal data never reaches the log: no bodies, no query strings, no cookies or tokens.
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      serializers: {
        req: (request) => ({
          id: request.id,
          method: request.method,
          path: String(request.url).split('?')[0],
        }),
      },
    },
    genReqId: () => crypto.randomUUID(),
    logController: new RequestLog(config.logRequests),
    bodyLimit: 64 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // A path the router cannot read (a broken %-escape, a parameter over its length) is bad input
    // too, answered in the one error shape instead of Fastify's own.
    frameworkErrors: (error, request, reply) =>
      send(request, reply, error.statusCode === 414 ? 414 : 400, 'validation_failed'),
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only; Fastify's built-in text parser would hand a string to the validators.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  database.onFailure((error) => app.log.error({ failure: describeForLog(error) }, 'database unavailable'));

  const keys = deriveKeys(config.secret);
  // Modules register their job handlers while the app is built; the queue starts at the end.
  const jobs = new Jobs({ database, connection: config.database, enabled: config.jobs, log: app.log });
  const mailer = new Mailer({
    database,
    jobs,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: app.log,
  });
  await registerMailDeliveryJob(jobs, database, mailer);
  const auth = new AuthService({
    database,
    clock,
    keys,
    mailer,
    config,
    // Its messages may quote an address (a mail server's answer does): the kind and code are enough.
    onBackgroundError: (error) => {
      const { type, code } = describeForLog(error);
      const errorCode = code ?? (error as { code?: unknown }).code ?? null;
      app.log.error({ failure: { type, code: errorCode } }, 'sign-in work after the answer failed');
    },
  });

  await app.register(fastifyCookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // The CSP's frame-ancestors 'none' says it already; one rule in one place.
    frameguard: false,
  });
  registerResponseHeaders(app);
  await app.register(fastifyCompress, compression);
  await app.register(fastifyRateLimit, { global: false });
  await registerApiDescription(app);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const action = route.config?.action;
    if (action) assertKnownAction(action);
    describeIdempotentRoute(route);
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, action: action ?? null });
  });
  registerErrorHandling(app);
  registerRequestContext(app, auth, config);
  const kernel = new Kernel({
    database,
    clock,
    sessions: {
      sessionsCheckFor: (ids, today) => auth.sessionsCheckFor(ids, today),
      sessionsFromCheck: (sessions, rows) => auth.sessionsFromCheck(sessions, rows),
      refreshSession: (request) => auth.resolveSession(request.cookies[sessionCookie]),
    },
  });
  kernel.register(app);
  registerIdempotency(app);

  await app.register(
    apiTagged(platformApiTags.system, healthRoutes(database, { benchRoutes: config.benchRoutes })),
  );
  if (config.testClock) {
    if (!('set' in clock)) throw new Error('TEST_CLOCK needs a settable clock');
    await app.register(apiTagged(platformApiTags.system, testClockRoutes(clock as SettableClock)));
  }
  await app.register(apiTagged(platformApiTags.auth, authRoutes(auth, config)));
  // Domain modules (server/modules/index.ts).
  const { users } = await registerModuleRoutes(app, {
    config,
    keys,
    jobs,
    mailer,
    kernel,
    auth,
    partnershipOfSlug: (slug) => partnershipOfSlug(database, slug),
  });
  await app.register(apiTagged(platformApiTags.outbox, outboxRoutes(new OutboxService(mailer))));
  await app.register(apiTagged(platformApiTags.notifications, notificationsRoutes()));
  app.get('/api/openapi.json', { config: { action: 'system.health' }, schema: { hide: true } }, () =>
    app.swagger(),
  );
  await app.register(apiDocsRoutes(() => app.swagger() as ApiDocument));

  await registerWebApp(app, webRoot);
  // Deliveries started after a commit finish first (with jobs on they send a job), then the jobs stop
  // (a running delivery job may still send mail), then the mail transport closes.
  app.addHook('onClose', async () => {
    // Work after an answer (a failure's count, a reset mail) still needs the database.
    await auth.whenIdle();
    await mailer.idle();
    await jobs.stop();
    await mailer.close();
  });
  await jobs.start();
  return { app, services: { auth, users, mailer, jobs, kernel } satisfies AppServices, routes };
}

/**
 * Fastify's log lines about requests: one line per answered request (method, path, status, time) when
 * LOG_REQUESTS asks for it, none on arrival (Fastify's own are two per request, which on a terminal
 * push the start banner out of view). A request that failed while answering is logged either way.
 */
class RequestLog extends LogController {
  constructor(private readonly isLoggingRequests: boolean) {
    super();
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) super.requestCompleted(error, request, reply);
    else if (this.isLoggingRequests)
      request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

// The built web app is served by the same process; unknown non-API paths get index.html so the
// client router can show its own 404 page.
async function registerWebApp(app: FastifyInstance, webRoot: string) {
  const hasWebApp = existsSync(path.join(webRoot, 'index.html'));
  if (hasWebApp)
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('cache-control', webCacheControlOf(filePath)),
    });
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !/^\/(api|healthz|readyz|bench)(\/|\?|$)/.test(request.url);
    // The not-found handler is no route, so the compression hook does not see its answer: it
    // compresses the page itself. Read per request, so a new build is served without a restart.
    if (hasWebApp && isPage) {
      const page = await readFile(path.join(webRoot, 'index.html'));
      const encoding = pageEncodingFor(request.headers['accept-encoding']);
      reply
        .header('cache-control', webCacheControlOf('index.html'))
        .header('vary', 'accept-encoding')
        .type('text/html; charset=utf-8');
      if (encoding === 'br')
        return reply
          .header('content-encoding', 'br')
          .send(brotliCompressSync(page, compression.brotliOptions));
      if (encoding === 'gzip')
        return reply.header('content-encoding', 'gzip').send(gzipSync(page, compression.zlibOptions));
      return reply.send(page);
    }
    return send(request, reply, 404, 'not_found');
  });
}

/** The encoding of the page for a browser's `accept-encoding`, brotli first, as for every other answer. */
export function pageEncodingFor(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, quality]) => !quality || !/^\s*q=0(\.0*)?\s*$/.test(quality))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

/**
 * How long a browser may keep a file of the web app: the build names every script and style after its
 * content (`assets/<name>-<hash>.js`), so those never change and are kept a year without asking again;
 * the page itself (and the few unhashed files) is asked again each time, so a new release is seen at once.
 */
export function webCacheControlOf(filePath: string): string {
  return /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(filePath)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/**
 * Answers and files of 1 kB or more are compressed for a browser that accepts it, brotli first. At a
 * moderate level: brotli's default (11) costs tens of milliseconds per answer, level 4 about what gzip
 * does and still smaller; a file already compressed (a zip, a PDF's streams, an image) is left alone.
 */
const compression = {
  global: true,
  threshold: 1024,
  encodings: ['br', 'gzip'] as Array<'br' | 'gzip'>,
  brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  zlibOptions: { level: 6 },
};
