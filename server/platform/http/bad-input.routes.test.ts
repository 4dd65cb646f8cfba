import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { DatabaseClient } from '../../db/client.ts';
import { clientAt } from '../../test/auth-helpers.ts';
import {
  createHarness,
  type Harness,
  type TestClient,
  testConfig,
  testPassword,
} from '../../test/harness.ts';

// The platform's own catalogue: the errors and field messages the server answers with.
const catalogueFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../i18n');
const nl = JSON.parse(readFileSync(path.join(catalogueFolder, 'nl.json'), 'utf8'));
const en = JSON.parse(readFileSync(path.join(catalogueFolder, 'en.json'), 'utf8'));

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['createTenant']>>;
let otherTenant: Awaited<ReturnType<Harness['createTenant']>>;
let admin: TestClient;

beforeAll(async () => {
  harness = await createHarness();
  tenant = await harness.createTenant(['a', 'b']);
  otherTenant = await harness.createTenant(['x']);
  const user = await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]);
  admin = await harness.signedIn(user);
});
afterAll(() => harness.close());

type ErrorBody = {
  error: {
    code: string;
    message: string;
    requestId?: string;
    fields?: Array<{ path: string; code: string; message: string; params?: Record<string, unknown> }>;
  };
};

/** The error body, after checking it is the one JSON error shape and leaks nothing of the server. */
function errorOf(response: LightMyRequestResponse): ErrorBody['error'] {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expectNoInternals(response.body);
  const body = response.json() as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.message).not.toMatch(/^errors\./);
  return body.error;
}

/** No stack frames, file paths, driver or framework error names in a response body. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\bat \S+ \(|\bat (file:|node:|\/)/);
  expect(body).not.toMatch(/\/(work|home|usr|app|tmp)\/|node_modules|\.ts:\d+|\.js:\d+/);
  expect(body).not.toMatch(/FST_|ECONN|PGlite|SyntaxError|ZodError|stack/i);
}

function fieldOf(error: ErrorBody['error'], fieldPath: string) {
  const field = error.fields?.find((candidate) => candidate.path === fieldPath);
  expect(field, `field ${fieldPath} in ${JSON.stringify(error.fields)}`).toBeDefined();
  return field as NonNullable<typeof field>;
}

const validInvite = (overrides: Record<string, unknown> = {}) => ({
  email: `${crypto.randomUUID().slice(0, 8)}@school.test`,
  name: 'Nieuwe Collega',
  roles: [{ role: 'coordinator' }],
  ...overrides,
});

describe('malformed and unexpected bodies', () => {
  it('malformed JSON gives 400 invalid_json without a stack trace', async () => {
    const response = await clientAt(harness).raw('POST', '/api/auth/sign-in', '{"email": "a@school.test",');
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('invalid_json');
    expect(error.message).toBe(nl.errors.invalid_json);
    expect(error.requestId).toEqual(expect.any(String));
  });

  it('malformed JSON to a protected route gives 400 invalid_json too', async () => {
    const response = await admin.raw('PATCH', '/api/account', '{locale: nl}');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('invalid_json');
  });

  it('an empty JSON body gives 400 invalid_json', async () => {
    const response = await admin.raw('PATCH', '/api/account', '');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('invalid_json');
  });

  it('an unknown field gives 400 validation_failed naming it, with a Dutch message', async () => {
    const response = await clientAt(harness).post('/api/auth/sign-in', {
      email: 'a@school.test',
      password: testPassword,
      extra: 1,
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(nl.errors.validation_failed);
    const field = fieldOf(error, 'extra');
    expect(field.code).toBe('unknown_field');
    expect(field.message.length).toBeGreaterThan(0);
    expect(field.message).not.toBe('unknown_field');
    expect(field.message).not.toBe('validation.unknown_field');
    expect(field.message).toBe(nl.validation.unknown_field);
  });

  it('an unknown nested field is named by its path', async () => {
    const invite = validInvite({ roles: [{ role: 'coordinator', colour: 'red' }] });
    const response = await admin.post('/api/users', invite);
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(fieldOf(error, 'roles.0.colour').code).toBe('unknown_field');
    expect(await usersWithEmailLike(invite.email)).toBe(0);
  });

  it('a wrong type gives invalid_type for that field', async () => {
    const response = await clientAt(harness).post('/api/auth/sign-in', {
      email: 'a@school.test',
      password: 123,
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    const field = fieldOf(error, 'password');
    expect(field.code).toBe('invalid_type');
    expect(field.message).toBe(nl.validation.invalid_type);
  });

  it('a missing field gives required', async () => {
    const response = await clientAt(harness).post('/api/auth/sign-in', { email: 'a@school.test' });
    expect(response.statusCode).toBe(400);
    const field = fieldOf(errorOf(response), 'password');
    expect(field.code).toBe('required');
    expect(field.message).toBe(nl.validation.required);
  });

  it('a JSON array or string instead of an object is refused with 400', async () => {
    for (const payload of ['[]', '"text"', 'null', '42']) {
      const response = await clientAt(harness).raw('POST', '/api/auth/sign-in', payload);
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
      expect(['validation_failed', 'invalid_json']).toContain(errorOf(response).code);
    }
  });
});

describe('length limits (every string has a maximum)', () => {
  it('an e-mail address of 300 characters gives too_long', async () => {
    const email = `${'a'.repeat(300 - '@school.test'.length)}@school.test`;
    expect(email).toHaveLength(300);
    const response = await clientAt(harness).post('/api/auth/sign-in', { email, password: testPassword });
    expect(response.statusCode).toBe(400);
    const field = fieldOf(errorOf(response), 'email');
    expect(field.code).toBe('too_long');
    expect(field.params).toEqual({ maximum: 254 });
    expect(field.message).toContain('254');
  });

  it('a name of 201 characters in POST /api/users gives too_long; 200 is accepted', async () => {
    const tooLong = await admin.post('/api/users', validInvite({ name: 'n'.repeat(201) }));
    expect(tooLong.statusCode).toBe(400);
    const field = fieldOf(errorOf(tooLong), 'name');
    expect(field.code).toBe('too_long');
    expect(field.params).toEqual({ maximum: 200 });

    const longest = await admin.post('/api/users', validInvite({ name: 'n'.repeat(200) }));
    expect(longest.statusCode).toBe(201);
  });

  it('a search term of 101 characters gives 400; 100 is accepted', async () => {
    const tooLong = await admin.get(`/api/users?q=${'q'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
    const field = fieldOf(errorOf(tooLong), 'q');
    expect(field.code).toBe('too_long');

    const longest = await admin.get(`/api/users?q=${'q'.repeat(100)}`);
    expect(longest.statusCode).toBe(200);
  });

  it('an unknown query parameter and a wrong page size are refused', async () => {
    // The user list sorts by `sort`; `order` is a name it does not know.
    const unknown = await admin.get('/api/users?order=name');
    expect(unknown.statusCode).toBe(400);
    expect(fieldOf(errorOf(unknown), 'order').code).toBe('unknown_field');
    const pageSize = await admin.get('/api/users?pageSize=1000');
    expect(pageSize.statusCode).toBe(400);
    expect(fieldOf(errorOf(pageSize), 'pageSize').code).toBe('too_big');
  });

  it('a body over 64 KiB gives 413 body_too_large', async () => {
    const payload = JSON.stringify({ email: 'a@school.test', password: 'p'.repeat(65 * 1024) });
    expect(payload.length).toBeGreaterThan(64 * 1024);
    const response = await clientAt(harness).raw('POST', '/api/auth/sign-in', payload);
    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('body_too_large');
  });
});

describe('content type, unknown routes and language', () => {
  it('text/plain gives 415 unsupported_media_type', async () => {
    const response = await clientAt(harness).raw('POST', '/api/auth/sign-in', 'email=a@school.test', {
      'content-type': 'text/plain',
    });
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe('unsupported_media_type');
  });

  it('a form post or XML gives 415 as well', async () => {
    for (const contentType of [
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data',
    ]) {
      const response = await clientAt(harness).raw('POST', '/api/auth/sign-in', 'email=a%40school.test', {
        'content-type': contentType,
      });
      expect({ contentType, status: response.statusCode }).toEqual({ contentType, status: 415 });
      expect(errorOf(response).code).toBe('unsupported_media_type');
    }
  });

  it('an unknown route under /api gives a JSON 404 not_found', async () => {
    for (const url of ['/api/does-not-exist', '/api/users/extra/segments', '/api']) {
      const response = await admin.get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      const error = errorOf(response);
      expect(error.code).toBe('not_found');
      expect(error.message).toBe(nl.errors.not_found);
    }
    const post = await admin.post('/api/does-not-exist', {});
    expect(post.statusCode).toBe(404);
    expect(errorOf(post).code).toBe('not_found');
  });

  it('bad input: a broken %-escape or an over-long path parameter gets the one error shape, no framework code', async () => {
    for (const url of ['/api/requests/%/start', '/api/team/%ED%A0%80', '/api/meetings/%ZZ']) {
      const response = await admin.get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(errorOf(response).code).toBe('validation_failed');
    }
    const long = await admin.get(`/api/meetings/${'x'.repeat(300)}`);
    expect(long.statusCode).toBe(414);
    expect(errorOf(long).code).toBe('validation_failed');
  });

  it('an unknown method on a known path gives 404', async () => {
    for (const method of ['DELETE', 'PUT'] as const) {
      const response = await harness.app.inject({
        method,
        url: '/api/users',
        headers: { cookie: cookieOf(admin) },
      });
      expect({ method, status: response.statusCode }).toEqual({ method, status: 404 });
      expect(errorOf(response).code).toBe('not_found');
    }
  });

  it('Accept-Language: en gives English messages', async () => {
    const response = await clientAt(harness).post(
      '/api/auth/sign-in',
      { email: 'a@school.test', password: testPassword, extra: 1 },
      { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' },
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.message).toBe(en.errors.validation_failed);
    expect(fieldOf(error, 'extra').message).toBe(en.validation.unknown_field);
    expect(en.validation.unknown_field).not.toBe(nl.validation.unknown_field);

    const notFound = await harness.app.inject({ url: '/api/nothing', headers: { 'accept-language': 'en' } });
    expect(errorOf(notFound).message).toBe(en.errors.not_found);
  });
});

describe('nothing half-written', () => {
  it('POST /api/users with one valid role and one unknown location: 400 and no user, roles or mail', async () => {
    const before = await counts();
    const email = `half-${crypto.randomUUID().slice(0, 8)}@school.test`;
    const response = await admin.post('/api/users', {
      email,
      name: 'Half Geschreven',
      roles: [{ role: 'coordinator' }, { role: 'teacher', locationId: crypto.randomUUID() }],
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(fieldOf(error, 'roles.1.locationId').code).toBe('unknown_reference');
    expect(await usersWithEmailLike(email)).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('P6: a location of another partnership is treated as unknown, and nothing is written', async () => {
    const before = await counts();
    const email = `cross-${crypto.randomUUID().slice(0, 8)}@school.test`;
    const response = await admin.post('/api/users', {
      email,
      name: 'Over De Grens',
      roles: [
        { role: 'teacher', locationId: tenant.locationIds.a },
        { role: 'director', locationId: otherTenant.locationIds.x },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(fieldOf(errorOf(response), 'roles.1.locationId').code).toBe('unknown_reference');
    expect(await usersWithEmailLike(email)).toBe(0);
    expect(await counts()).toEqual(before);
  });
});

describe('bad input never reaches the database (issue 13, finding 3)', () => {
  let coordinator: TestClient;
  let ib: TestClient;
  let requestId: string;

  beforeAll(async () => {
    coordinator = await harness.signedIn(
      await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]),
    );
    ib = await harness.signedIn(
      await harness.createUser(tenant.tenantId, [
        { role: 'internal_coordinator', locationId: tenant.locationIds.a },
      ]),
    );
    const draft = await ib.post('/api/requests', {
      locationId: tenant.locationIds.a,
      idempotencyKey: crypto.randomUUID(),
      question: 'Hoe helpen we groep 5 met samenwerken?',
    });
    expect(draft.statusCode).toBe(201);
    requestId = draft.json().id;
  });

  it('bad input: a NUL character in a body text field gives 400 invalid_characters and stores nothing', async () => {
    const before = await counts();
    const response = await admin.post('/api/school-boards', { code: 'NUL1', name: 'Stichting\u0000Primair' });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    const field = fieldOf(error, 'name');
    expect(field.code).toBe('invalid_characters');
    expect(field.message).toBe(nl.validation.invalid_characters);
    expect(await counts()).toEqual(before);
  });

  it('bad input: a NUL character in multi-line text is refused; tab and line breaks are kept', async () => {
    const refused = await ib.put(`/api/requests/${requestId}`, { question: 'Regel een\u0000' });
    expect(refused.statusCode).toBe(400);
    expect(fieldOf(errorOf(refused), 'question').code).toBe('invalid_characters');
    const kept = await ib.put(`/api/requests/${requestId}`, { question: 'Regel een\r\nRegel\ttwee' });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().question).toBe('Regel een\r\nRegel\ttwee');
  });

  it('bad input: a line break or tab in one-line text is refused', async () => {
    for (const name of ['Stichting\nPrimair', 'Stichting\tPrimair', 'Stichting\u0085Primair']) {
      const response = await admin.post('/api/school-boards', { code: 'LB1', name });
      expect({ name, status: response.statusCode }).toEqual({ name, status: 400 });
      expect(fieldOf(errorOf(response), 'name').code).toBe('invalid_characters');
    }
  });

  it('bad input: a NUL character in q= gives 400 invalid_characters, in English too', async () => {
    for (const url of ['/api/users?q=a%00b', '/api/locations?q=%00', '/api/requests?q=HV%00']) {
      const client = url.startsWith('/api/users') ? admin : coordinator;
      const response = await client.get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(fieldOf(errorOf(response), 'q').code).toBe('invalid_characters');
    }
    const english = await harness.signedIn(
      await harness.createUser(tenant.tenantId, [{ role: 'functional_admin' }]),
    );
    expect((await english.patch('/api/account', { locale: 'en' })).statusCode).toBe(204);
    const response = await english.get('/api/users?q=%00');
    expect(fieldOf(errorOf(response), 'q').message).toBe(en.validation.invalid_characters);
  });

  it('bad input: a lone surrogate in text gives 400 invalid_characters instead of storing U+FFFD', async () => {
    for (const name of ['a\\ud800b', 'a\\udfff', '\\ud83d']) {
      const response = await admin.raw('POST', '/api/school-boards', `{"code":"LS1","name":"${name}"}`);
      expect({ name, status: response.statusCode }).toEqual({ name, status: 400 });
      expect(fieldOf(errorOf(response), 'name').code).toBe('invalid_characters');
    }
    const pair = await admin.raw(
      'POST',
      '/api/school-boards',
      '{"code":"LS2","name":"Stichting \\ud83d\\ude00"}',
    );
    expect(pair.statusCode).toBe(201);
    expect(pair.json().name).toBe('Stichting 😀');
  });

  it('bad input: year 0000 in a date gives 400 date_out_of_range (POST /api/time-entries)', async () => {
    const before = await counts();
    const response = await coordinator.post('/api/time-entries', {
      date: '0000-01-01',
      hours: 1,
      locationId: tenant.locationIds.a,
      activity: 'travel',
    });
    expect(response.statusCode).toBe(400);
    const field = fieldOf(errorOf(response), 'date');
    expect(field.code).toBe('date_out_of_range');
    expect(field.message).toBe(nl.validation.date_out_of_range);
    expect(await counts()).toEqual(before);
  });

  it('bad input: a date in 2101 or before 1900 gives 400 date_out_of_range; 1900 and 2100 are accepted', async () => {
    for (const [from, to] of [
      ['2101-01-01', '2101-01-02'],
      ['1899-12-31', '1900-01-01'],
    ]) {
      const response = await coordinator.get(`/api/time-entries?from=${from}&to=${to}`);
      expect({ from, status: response.statusCode }).toEqual({ from, status: 400 });
      const fields = errorOf(response).fields ?? [];
      expect(fields.map((field) => field.code)).toContain('date_out_of_range');
    }
    for (const [from, to] of [
      ['1900-01-01', '1900-01-02'],
      ['2100-12-30', '2100-12-31'],
    ]) {
      expect((await coordinator.get(`/api/time-entries?from=${from}&to=${to}`)).statusCode).toBe(200);
    }
  });

  describe('bad input: a multipart body without or with a broken boundary', () => {
    const brokenBodies = [
      { name: 'no boundary', contentType: 'multipart/form-data', payload: 'kind=message&body=Hallo' },
      {
        name: 'a boundary the body does not use',
        contentType: 'multipart/form-data; boundary=elsewhere',
        payload: '--passend\r\nContent-Disposition: form-data; name="body"\r\n\r\nHallo\r\n--passend--\r\n',
      },
      {
        name: 'a part cut off',
        contentType: 'multipart/form-data; boundary=passend',
        payload: '--passend\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4',
      },
    ];
    const uploadRoutes = () => [
      { client: ib, url: `/api/requests/${requestId}/messages` },
      { client: ib, url: `/api/requests/${requestId}/attachments` },
      { client: ib, url: `/api/requests/${requestId}/consents/paper` },
      { client: coordinator, url: '/api/locations/import/preview' },
      { client: coordinator, url: '/api/locations/import' },
    ];

    for (const body of brokenBodies) {
      it(`bad input: ${body.name} gives 400 unreadable_form on every upload route`, async () => {
        for (const { client, url } of uploadRoutes()) {
          const response = await client.raw('POST', url, body.payload, { 'content-type': body.contentType });
          expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
          const error = errorOf(response);
          expect(error.code).toBe('validation_failed');
          const field = fieldOf(error, 'file');
          expect(field.code).toBe('unreadable_form');
          expect(field.message).toBe(nl.validation.unreadable_form);
        }
      });
    }

    it('bad input: a NUL character in a multipart text field gives 400 invalid_characters', async () => {
      const response = await ib.upload(`/api/requests/${requestId}/messages`, {
        kind: 'message',
        body: 'Hallo\u0000',
      });
      expect(response.statusCode).toBe(400);
      expect(fieldOf(errorOf(response), 'body').code).toBe('invalid_characters');
    });

    it('bad input: a part without a name, or named __proto__, gives 400', async () => {
      const nameless = await ib.raw(
        'POST',
        `/api/requests/${requestId}/messages`,
        '--passend\r\nContent-Disposition\r\n\r\nHallo\r\n--passend--\r\n',
        { 'content-type': 'multipart/form-data; boundary=passend' },
      );
      expect(nameless.statusCode).toBe(400);
      expect(errorOf(nameless).code).toBe('validation_failed');
      const fields = Object.fromEntries([
        ['kind', 'message'],
        ['body', 'Hallo'],
        ['__proto__', 'x'],
      ]);
      const response = await ib.upload(`/api/requests/${requestId}/messages`, fields);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
    });

    it('the OpenAPI description shows the fields and the file of every upload route', async () => {
      const document = (await admin.get('/api/openapi.json')).json();
      const message = document.paths['/api/requests/{requestId}/messages'].post.requestBody;
      const schema = message.content['multipart/form-data'].schema;
      expect(Object.keys(schema.properties).sort()).toEqual(['body', 'file', 'kind']);
      expect(schema.properties.file.format).toBe('binary');
      const paper = document.paths['/api/requests/{requestId}/consents/paper'].post.requestBody;
      expect(paper.content['multipart/form-data'].schema.required).toContain('file');
      const preview = document.paths['/api/locations/import/preview'].post.requestBody;
      expect(Object.keys(preview.content['multipart/form-data'].schema.properties)).toContain('layout');
    });
  });
});

describe('database failure', () => {
  let broken: Harness;
  let signedIn: TestClient;
  let email: string;
  let closeBroken: () => Promise<void>;

  beforeAll(async () => {
    broken = await createHarness();
    const own = await broken.createTenant(['a']);
    const user = await broken.createUser(own.tenantId, [{ role: 'functional_admin' }]);
    email = user.email;
    signedIn = await broken.signedIn(user);
    expect((await signedIn.get('/api/session')).statusCode).toBe(200);
    expect((await broken.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    closeBroken = await closerFor(broken);
    await broken.database.close();
  });
  afterAll(() => closeBroken());

  it('GET /api/session with a session cookie gives 503 database_unavailable without a stack trace', async () => {
    const response = await signedIn.get('/api/session');
    expect(response.statusCode).toBe(503);
    const error = errorOf(response);
    expect(error.code).toBe('database_unavailable');
    expect(error.message).toBe(nl.errors.database_unavailable);
  });

  it('POST /api/auth/sign-in gives 503 database_unavailable', async () => {
    const response = await clientAt(broken).post('/api/auth/sign-in', { email, password: testPassword });
    expect(response.statusCode).toBe(503);
    expect(errorOf(response).code).toBe('database_unavailable');
  });

  it('a protected route gives 503 database_unavailable', async () => {
    const response = await signedIn.get('/api/users');
    expect(response.statusCode).toBe(503);
    expect(errorOf(response).code).toBe('database_unavailable');
  });

  it('/readyz answers 503 while /healthz still answers 200', async () => {
    const ready = await broken.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expectNoInternals(ready.body);
    expect(ready.json()).toEqual({ status: 'unavailable' });
    const health = await broken.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
  });
});

describe('database unreachable (PostgreSQL server down)', () => {
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let database: DatabaseClient;

  beforeAll(async () => {
    // Nothing listens on port 1: every connection attempt is refused, as when the server is down.
    database = await DatabaseClient.open({
      kind: 'pg',
      url: 'postgres://passend@127.0.0.1:1/passend',
      poolSize: 1,
    });
    ({ app } = await buildApp({ config: testConfig(), database }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('sign-in gives 503 database_unavailable without a stack trace; /readyz 503, /healthz 200', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'a@school.test', password: testPassword },
      headers: { cookie: 'passend_csrf=same-token', 'x-csrf-token': 'same-token' },
    });
    expect(response.statusCode).toBe(503);
    expect(errorOf(response).code).toBe('database_unavailable');
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

function cookieOf(client: TestClient): string {
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

async function usersWithEmailLike(pattern: string): Promise<number> {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from users where email like ${pattern}`,
  );
  return Number(row?.n);
}

/** Row counts of every table: a refused invitation must leave all of them unchanged. */
async function counts(): Promise<Record<string, number>> {
  const tables = await harness.database.queryAsOwner<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
    );
    result[table_name] = Number(row?.n);
  }
  return result;
}

/**
 * Closes a harness whose database the test closed itself: `harness.close()` would close it again (and,
 * on PostgreSQL, never drop the test database), so the app is closed and the database dropped here.
 */
async function closerFor(target: Harness): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const [row] = serverUrl
    ? await target.database.queryAsOwner<{ name: string }>(sql`select current_database() as name`)
    : [];
  return async () => {
    await target.app.close();
    if (serverUrl && row?.name) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists ${admin.escapeIdentifier(row.name)} with (force)`);
      } finally {
        await admin.end();
      }
    }
  };
}
