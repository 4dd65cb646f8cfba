import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverModules } from '../../modules/index.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { type Action, isPublicAction } from '../access/policies.ts';
import { operationIdOf } from './openapi.ts';

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, { $ref?: string }>;
};
type Document = {
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
    schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
  };
};

let harness: Harness;
let document: Document;
const operations: Array<{ method: string; path: string; operation: Operation }> = [];

beforeAll(async () => {
  harness = await createHarness();
  document = (await harness.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods)) operations.push({ method, path, operation });
});
afterAll(() => harness.close());

/** The action a documented operation's route declared. */
function actionOf(method: string, path: string) {
  const route = harness.routes.find(
    (candidate) =>
      candidate.method.toLowerCase() === method &&
      candidate.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}') === path,
  );
  if (!route) throw new Error(`no route for ${method} ${path}`);
  return route.action as Action | null;
}

describe('the API description (issue 16, point 9)', () => {
  it('names every operation: a summary, a unique operation id, and the one tag of its module', () => {
    expect(operations.length).toBeGreaterThan(150);
    const tagNames = document.tags.map((tag) => tag.name);
    const problems: string[] = [];
    for (const { method, path, operation } of operations) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary?.trim()) problems.push(`${name}: no summary`);
      if (!operation.operationId?.match(/^[a-z]+[A-Za-z0-9]*$/)) problems.push(`${name}: no operationId`);
      if (operation.tags?.length !== 1 || !tagNames.includes(operation.tags[0] as string))
        problems.push(`${name}: tags ${JSON.stringify(operation.tags)}`);
    }
    expect(problems).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    // One tag per module, and the platform's own four; each says what it holds.
    expect(new Set(tagNames)).toEqual(
      new Set([...serverModules.map((module) => module.name), 'auth', 'system', 'outbox', 'notifications']),
    );
    for (const tag of document.tags) expect(tag.description.length).toBeGreaterThan(10);
  });

  it('derives the operation id from method and path', () => {
    expect(operationIdOf('GET', '/api/requests/:requestId/pdf')).toBe('getRequestsByRequestIdPdf');
    expect(operationIdOf('POST', '/api/auth/mfa/verify')).toBe('postAuthMfaVerify');
    expect(operationIdOf('GET', '/api/privacy/audit-events/export.csv')).toBe(
      'getPrivacyAuditEventsExportCsv',
    );
    expect(operationIdOf('GET', '/healthz')).toBe('getHealthz');
    expect(
      operations.find(({ path, method }) => method === 'get' && path === '/api/requests/{requestId}/pdf')
        ?.operation.operationId,
    ).toBe('getRequestsByRequestIdPdf');
  });

  it('gives every 4xx answer the one error shape, and every operation at least 400', () => {
    const errorShape = document.components.schemas.ErrorResponse;
    expect(errorShape?.required).toEqual(['error']);
    for (const [name, response] of Object.entries(document.components.responses))
      expect([name, response.content['application/json']?.schema.$ref]).toEqual([
        name,
        '#/components/schemas/ErrorResponse',
      ]);
    const problems: string[] = [];
    for (const { method, path, operation } of operations) {
      const responses = operation.responses ?? {};
      if (!responses['400']) problems.push(`${method} ${path}: no 400`);
      for (const [status, response] of Object.entries(responses))
        if (status.startsWith('4') && !response.$ref?.startsWith('#/components/responses/'))
          problems.push(`${method} ${path}: ${status} without the error shape`);
      const action = actionOf(method, path);
      const isProtected = action !== null && !isPublicAction(action);
      if (isProtected && !(responses['401'] && responses['403']))
        problems.push(`${method} ${path}: no 401/403`);
      if (path.includes('{') && !responses['404']) problems.push(`${method} ${path}: no 404`);
      if (method !== 'get' && !(responses['409'] && responses['422']))
        problems.push(`${method} ${path}: no 409/422`);
    }
    expect(problems).toEqual([]);
    const signIn = document.paths['/api/auth/sign-in']?.post;
    expect(signIn?.responses?.['429']?.$ref).toBe('#/components/responses/TooManyRequests');
    expect(signIn?.responses?.['401']?.$ref).toBe('#/components/responses/Unauthenticated');
  });

  it('declares the cookie session and the CSRF header, and which operation needs which; public ones need no session', async () => {
    expect(document.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'passend_session' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    });
    const problems: string[] = [];
    for (const { method, path, operation } of operations) {
      const action = actionOf(method, path);
      const isPublic = action === null || isPublicAction(action);
      const expected = [
        ...(isPublic && method === 'get'
          ? []
          : [{ ...(isPublic ? {} : { session: [] }), ...(method === 'get' ? {} : { csrf: [] }) }]),
      ];
      if (JSON.stringify(operation.security) !== JSON.stringify(expected))
        problems.push(`${method} ${path}: ${JSON.stringify(operation.security)}`);
    }
    expect(problems).toEqual([]);
    expect(document.paths['/api/public/{slug}/team']?.get?.security).toEqual([]);
    expect(document.paths['/api/users']?.get?.security).toEqual([{ session: [] }]);
    // What the description says is what the server does: a POST without the header is refused.
    const refused = await harness.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: {} });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf_failed');
  });
});

describe('the API documentation pages (issue 16, point 9)', () => {
  /** A page's HTML, checked to need nothing the CSP forbids: no script, no inline style, nothing from elsewhere. */
  async function pageAt(url: string): Promise<string> {
    const response = await harness.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(response.body).not.toMatch(/<script|\sstyle=|<style|https?:\/\//i);
    expect(response.body).toContain('<link rel="stylesheet" href="/api/docs/docs.css">');
    return response.body;
  }

  it('the overview explains sessions, CSRF and errors, and lists every operation under its module', async () => {
    const page = await pageAt('/api/docs');
    expect(page).toContain('<a href="/api/openapi.json">/api/openapi.json</a>');
    expect(page).toContain('<dt id="security-csrf">csrf: header <code>x-csrf-token</code></dt>');
    expect(page).toContain('<dt id="response-NotFound">NotFound</dt>');
    for (const tag of document.tags)
      expect(page).toContain(`<h3 id="tag-${tag.name}"><a href="/api/docs/${tag.name}">${tag.name}</a></h3>`);
    for (const { method, path, operation } of operations)
      expect(page).toContain(
        `<a href="/api/docs/${operation.tags?.[0]}#${operation.operationId}"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${path}</code></a> `,
      );
  });

  it("a module's page shows each operation with its parameters, body and answers", async () => {
    const page = await pageAt('/api/docs/auth');
    const signIn = page.slice(page.indexOf('id="postAuthSignIn"'), page.indexOf('id="postAuthMfaVerify"'));
    expect(signIn).toContain('POST</span> <code>/api/auth/sign-in</code></h2>');
    expect(signIn).toContain('Sign in with e-mail address and password');
    // A request body's fields, with what the contract requires of them.
    expect(signIn).toMatch(/<code>email<\/code> <span class="required">required<\/span>/);
    expect(signIn).toContain('needs <a href="/api/docs#security-csrf">csrf</a>');
    expect(signIn).toContain('<a href="/api/docs#response-TooManyRequests">TooManyRequests</a>');
    const requests = await pageAt('/api/docs/requests');
    const detail = requests.slice(requests.indexOf('id="getRequestsByRequestId"'));
    expect(detail).toMatch(
      /<code>requestId<\/code> <span class="required">required<\/span><\/td><td>path<\/td>/,
    );
    expect(detail).toContain('needs <a href="/api/docs#security-session">session</a>');
    const publicPage = await pageAt('/api/docs/public-pages');
    expect(publicPage).toContain('public: no session');
    const unknown = await harness.app.inject({ method: 'GET', url: '/api/docs/no-such-module' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const stylesheet = await harness.app.inject({ method: 'GET', url: '/api/docs/docs.css' });
    expect(stylesheet.statusCode).toBe(200);
    expect(stylesheet.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('are not operations of the description themselves', () => {
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/api/docs'))).toEqual([]);
  });
});
