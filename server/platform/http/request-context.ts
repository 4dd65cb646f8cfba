import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { type Action, type Actor, hasGrant, isPublicAction, policies } from '../access/policies.ts';
import type { AuthService, RequestMeta, SessionContext } from '../auth/auth.service.ts';
import { isSameHash } from '../auth/credentials.ts';
import { send } from './error-handler.ts';
import { Unauthenticated } from './errors.ts';

export const sessionCookie = 'passend_session';
export const csrfCookie = 'passend_csrf';
export const csrfHeader = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionContext | null;
  }
  interface FastifyContextConfig {
    /** The policy action this route performs; every API route must name one. */
    action?: Action;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Per request, in this order: CSRF check for state-changing methods, session from the cookie, then
 * the route's declared action against the policy. Runs before the body is parsed.
 */
export function registerRequestContext(app: FastifyInstance, auth: AuthService, config: Config): void {
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.cookies[csrfCookie]) {
      reply.setCookie(csrfCookie, randomBytes(24).toString('base64url'), {
        path: '/',
        sameSite: 'strict',
        secure: config.secureCookies,
        httpOnly: false,
      });
    }
    const action = request.routeOptions.config.action;
    if (!request.url.startsWith('/api/') || !action) return;

    // Double-submit: a cross-site page can neither read our cookie nor set the header.
    if (!safeMethods.has(request.method)) {
      const expected = request.cookies[csrfCookie];
      const presented = request.headers[csrfHeader];
      if (!expected || typeof presented !== 'string' || !isSameHash(expected, presented)) {
        return send(request, reply, 403, 'csrf_failed');
      }
    }

    const cookie = request.cookies[sessionCookie];
    // The sign-in flow and the own account work on the session itself: always as it is now.
    if (isPublicAction(action) || action === 'account.manage') {
      request.session = await auth.resolveSession(cookie);
      return;
    }
    request.session = await auth.resolveSessionCached(cookie);
    // A cached session may predate a role just given: a refusal is decided on a fresh one.
    if (request.session?.actor && !hasGrant(request.session.actor, action))
      request.session = await auth.resolveSession(cookie);
    const actor = request.session?.actor;
    if (!actor) return send(request, reply, 401, 'unauthenticated');
    if (!hasGrant(actor, action)) return send(request, reply, 403, 'forbidden');
  });
}

/** The signed-in actor of a protected route (the hook has already refused anyone else). */
export function actorOf(request: FastifyRequest): Actor {
  const actor = request.session?.actor;
  if (!actor) throw new Unauthenticated();
  return actor;
}

/** The full session of a protected route. */
export function sessionOf(request: FastifyRequest): SessionContext {
  if (!request.session?.actor) throw new Unauthenticated();
  return request.session;
}

/** The facts of this request that go into the audit trail. */
export function metaOf(request: FastifyRequest): RequestMeta {
  return { requestId: request.id, ip: request.ip };
}

/** Sets or replaces the session cookie. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
  });
}

/** Every action named by a route must exist in the policy table (checked at start, too). */
export function assertKnownAction(action: string): asserts action is Action {
  if (!(action in policies)) throw new Error(`Route names unknown action ${action}`);
}
