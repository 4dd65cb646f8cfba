import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { type FastifyPluginAsyncZod, jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../contracts/errors.ts';
import { type Action, isPublicAction } from '../access/policies.ts';
import { multipartBodyForDocumentation } from './multipart.ts';
import { csrfCookie, csrfHeader, sessionCookie } from './request-context.ts';

/** A group of the API description: one per module (and a few of the platform's own). */
export type ApiTag = { name: string; description: string };

/** The groups of the platform's own routes. */
export const platformApiTags = {
  system: { name: 'system', description: 'Liveness, readiness and the description of the API.' },
  auth: {
    name: 'auth',
    description:
      'Signing in (password, then a code from the authenticator app), the session, password reset, invitations and the own account.',
  },
  outbox: { name: 'outbox', description: 'Outgoing mail and its delivery status.' },
  notifications: {
    name: 'notifications',
    description:
      "The signed-in user's in-app notifications: what a mail told them, with a link and its read state.",
  },
} satisfies Record<string, ApiTag>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The tag of the API description the route is listed under (set by `apiTagged`). */
    apiTag?: ApiTag;
  }
}

/**
 * Registers a module's routes under its one tag of the API description. The tag comes from here, not
 * from each route, so a module's routes can never be spread over tags or left without one.
 */
export function apiTagged(tag: ApiTag, routes: FastifyPluginAsyncZod): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, apiTag: tag };
    });
    await app.register(routes);
  };
}

/**
 * The operation id of a route, made from its method and path alone (so unique, as the router allows
 * each pair once): `GET /api/requests/:requestId/pdf` → `getRequestsByRequestIdPdf`.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) =>
      segment.startsWith(':')
        ? ['by', ...segment.slice(1).split(/[^A-Za-z0-9]+/)]
        : segment.split(/[^A-Za-z0-9]+/),
    )
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((word) => word[0]?.toUpperCase() + word.slice(1))].join('');
}

const securitySchemes = {
  session: {
    type: 'apiKey' as const,
    in: 'cookie',
    name: sessionCookie,
    description:
      'The session cookie (httpOnly) that signing in sets. It opens the protected operations once both steps of ' +
      'signing in are done: password (`POST /api/auth/sign-in`), then a code from the authenticator app ' +
      '(`POST /api/auth/mfa/verify`).',
  },
  csrf: {
    type: 'apiKey' as const,
    in: 'header',
    name: csrfHeader,
    description:
      `Every POST, PUT, PATCH and DELETE sends the value of the \`${csrfCookie}\` cookie (which every answer ` +
      'sets when it is missing) in this header as well (double submit); without it the answer is 403 `csrf_failed`.',
  },
};

const errorResponses = {
  BadRequest:
    'The input is not valid: `validation_failed` with a field error per problem, or `invalid_json`.',
  Unauthenticated:
    'No (full) session: `unauthenticated`; in the sign-in flow `invalid_credentials`, `invalid_code` or `code_already_used`.',
  Forbidden:
    'The session may not do this (`forbidden`), or the CSRF header is missing or wrong (`csrf_failed`).',
  NotFound: 'Not found, or not visible to this session (`not_found`): the same answer in both cases.',
  Conflict:
    'Not possible in the current state (a status, a paused request, data changed meanwhile), with its code.',
  UnprocessableEntity: 'A rule refuses it (an expired link, a reused idempotency key, …), with its code.',
  TooManyRequests: 'Too many attempts from this address (`rate_limited`); try again later.',
} as const;
type ErrorResponseName = keyof typeof errorResponses;

/** Per operation: the error answers it may give, found from its route while the description is built. */
function errorStatusesOf(route: RouteOptions, url: string): Record<string, ErrorResponseName> {
  const action = route.config?.action as Action | undefined;
  const isProtected = action !== undefined && !isPublicAction(action);
  const changes = route.method !== 'GET' && route.method !== 'HEAD';
  const statuses: Record<string, ErrorResponseName> = { '400': 'BadRequest' };
  if (isProtected || url.startsWith('/api/auth/')) statuses['401'] = 'Unauthenticated';
  if (isProtected || changes) statuses['403'] = 'Forbidden';
  if (url.includes(':')) statuses['404'] = 'NotFound';
  if (changes) Object.assign(statuses, { '409': 'Conflict', '422': 'UnprocessableEntity' });
  if (route.config?.rateLimit) statuses['429'] = 'TooManyRequests';
  return statuses;
}

/** The parts of the generated document this module completes. */
type OpenApiDocument = {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
};

/** OpenAPI's form of a path (`/api/requests/{requestId}`). */
function openapiPathOf(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Registers the API description (OpenAPI 3, from the routes' zod schemas): per operation its summary
 * (from the route), an operation id, the tag of its module, what it needs of the session and CSRF
 * header, and the error answers in the one error shape.
 */
export async function registerApiDescription(app: FastifyInstance): Promise<void> {
  // Filled while the document is built, route by route, and used at its end.
  const errorsByOperation = new Map<string, Record<string, ErrorResponseName>>();
  const tags = new Map<string, ApiTag>();
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Passend API',
        version: '0.1.0',
        description:
          'The API of Passend: JSON over HTTPS, a cookie session and a CSRF header (see the security schemes). ' +
          'Every error has one shape (`ErrorResponse`): a stable `code`, a `message` in the language of the ' +
          'session (or `Accept-Language`), the `requestId`, and field errors for bad input.',
      },
      components: {
        // Declared here, before the operations name them.
        securitySchemes,
        schemas: { ErrorResponse: z.toJSONSchema(errorResponseSchema, { target: 'openapi-3.0' }) as object },
        responses: Object.fromEntries(
          Object.entries(errorResponses).map(([name, description]) => [
            name,
            {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
            },
          ]),
        ),
      },
    },
    transform: (document) => {
      const route = document.route as RouteOptions;
      const form = route.config?.multipart;
      const transformed = jsonSchemaTransform(
        form
          ? // A multipart route reads its body itself; its form is added here so the description shows it.
            { ...document, schema: { ...document.schema, body: multipartBodyForDocumentation(form) } }
          : document,
      );
      const tag = route.config?.apiTag;
      if (tag) tags.set(tag.name, tag);
      const action = route.config?.action as Action | undefined;
      const isProtected = action !== undefined && !isPublicAction(action);
      const changes = route.method !== 'GET' && route.method !== 'HEAD';
      const security = [
        ...(isProtected || changes
          ? [{ ...(isProtected ? { session: [] } : {}), ...(changes ? { csrf: [] } : {}) }]
          : []),
      ];
      errorsByOperation.set(
        `${String(route.method).toLowerCase()} ${openapiPathOf(document.url)}`,
        errorStatusesOf(route, document.url),
      );
      return {
        url: transformed.url,
        schema: {
          ...transformed.schema,
          operationId: operationIdOf(String(route.method), document.url),
          ...(tag ? { tags: [tag.name] } : {}),
          security,
        },
      };
    },
    transformObject: (document) => {
      if (!('openapiObject' in document)) return document.swaggerObject;
      const openapiObject = document.openapiObject as OpenApiDocument;
      for (const [path, operations] of Object.entries(openapiObject.paths ?? {}))
        for (const [method, operation] of Object.entries(operations)) {
          operation.responses ??= {};
          for (const [status, name] of Object.entries(errorsByOperation.get(`${method} ${path}`) ?? {}))
            operation.responses[status] ??= { $ref: `#/components/responses/${name}` };
        }
      return { ...openapiObject, tags: [...tags.values()] } as typeof document.openapiObject;
    },
  });
}
