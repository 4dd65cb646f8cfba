import { eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Role, TeamRole } from '../../contracts/roles.ts';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { locations, schoolBoards } from '../modules/schools/schools.schema.ts';
import { roleAssignments, users } from '../platform/auth/auth.schema.ts';
import { createTotpSecret, deriveKeys, encryptSecret, hashPassword } from '../platform/auth/credentials.ts';
import { csrfCookie, csrfHeader, sessionCookie } from '../platform/http/request-context.ts';
import { settableClock } from '../platform/kernel/clock.ts';
import { tenants } from '../platform/tenants/tenants.schema.ts';
import { openTestDatabase } from './database.ts';
import { multipartBody, type TestFile } from './multipart.ts';

export const testPassword = 'correct-horse-battery-staple';

/** Settings for a test app; no environment is read. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    database: { kind: 'pglite', dataDir: null },
    dataDir: '/nonexistent',
    port: 0,
    host: '127.0.0.1',
    baseUrl: 'http://localhost:3000',
    secureCookies: false,
    smtpUrl: null,
    mailFrom: 'Passend <noreply@passend.test>',
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    secret: 'test-secret-that-is-long-enough-for-hkdf-0123456789',
    logLevel: 'silent',
    logFormat: 'json',
    logRequests: true,
    seedDemo: false,
    trustProxy: false,
    benchRoutes: false,
    testClock: false,
    // The job platform (pg-boss) starts only for tests that ask: createHarness({ jobs: true }).
    jobs: false,
    ...overrides,
  };
}

/**
 * One test file's app on its own database, with factories for partnerships, locations and users.
 * Jobs are off unless `overrides` says `jobs: true`.
 */
export async function createHarness(
  overrides: Partial<Config> = {},
  logStream?: { write(line: string): void },
) {
  const { database, connection, drop } = await openTestDatabase();
  const config = testConfig({ database: connection, ...overrides });
  // Follows the wall clock until a test sets the date (the domain reads time only from it).
  const clock = settableClock();
  const { app, services, routes } = await buildApp({ config, database, logStream, clock });
  await app.ready();
  const keys = deriveKeys(config.secret);
  let passwordHash: string | null = null;

  const harness = {
    app,
    clock,
    database,
    services,
    routes,
    config,
    async close() {
      await app.close();
      await drop();
    },

    /** A partnership with the given locations (by key). */
    async createTenant(locationKeys: string[] = ['a', 'b']) {
      const tenantId = crypto.randomUUID();
      const locationIds: Record<string, string> = {};
      await database.withTenant(tenantId, async ({ db }) => {
        await db
          .insert(tenants)
          .values({ id: tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: `SWV ${tenantId.slice(0, 4)}` });
        for (const [index, key] of locationKeys.entries()) {
          const [row] = await db
            .insert(locations)
            .values({
              tenantId,
              brin: `${10 + index}AB`,
              locationCode: '00',
              name: `School ${key}`,
              sector: index % 2 === 0 ? 'bo' : 'vo',
              place: 'Utrecht',
            })
            .returning({ id: locations.id });
          if (row) locationIds[key] = row.id;
        }
      });
      return { tenantId, locationIds };
    },

    /** A school board of a partnership, made the board of the given locations; returns its id. */
    async createSchoolBoard(tenantId: string, locationIds: string[], name = 'Stichting Test') {
      return database.withTenant(tenantId, async ({ db }) => {
        const [board] = await db
          .insert(schoolBoards)
          .values({ tenantId, code: crypto.randomUUID().slice(0, 8), name })
          .returning({ id: schoolBoards.id });
        if (!board) throw new Error('no school board');
        if (locationIds.length > 0)
          await db.update(locations).set({ boardId: board.id }).where(inArray(locations.id, locationIds));
        return board.id;
      });
    },

    /** An active user with password `testPassword` and TOTP enrolled; returns the TOTP secret too. */
    async createUser(
      tenantId: string,
      assignments: Array<{ role: Role; teamRole?: TeamRole; locationId?: string; boardId?: string }>,
      options: { email?: string; enrolled?: boolean } = {},
    ) {
      passwordHash ??= await hashPassword(testPassword);
      const email = options.email ?? `${crypto.randomUUID().slice(0, 12)}@school.test`;
      const { secret } = createTotpSecret(email);
      const enrolled = options.enrolled ?? true;
      const userId = await database.withTenant(tenantId, async ({ db }) => {
        const [user] = await db
          .insert(users)
          .values({
            tenantId,
            email,
            name: `Gebruiker ${email.slice(0, 4)}`,
            status: 'active',
            passwordHash,
            totpSecret: enrolled ? encryptSecret(keys, secret) : null,
            mfaEnrolledAt: enrolled ? new Date() : null,
          })
          .returning({ id: users.id });
        if (!user) throw new Error('no user');
        if (assignments.length > 0) {
          await db.insert(roleAssignments).values(
            assignments.map((assignment) => ({
              tenantId,
              userId: user.id,
              role: assignment.role,
              teamRole: assignment.teamRole ?? null,
              locationId: assignment.locationId ?? null,
              boardId: assignment.boardId ?? null,
            })),
          );
        }
        return user.id;
      });
      return { userId, email, secret };
    },

    /** A browser-like client: keeps cookies and sends the CSRF header on every state-changing call. */
    client(): TestClient {
      return new TestClient(app);
    },

    /** A client signed in with password and TOTP. */
    async signedIn(user: { email: string; secret: string }): Promise<TestClient> {
      const client = new TestClient(app);
      const first = await client.post('/api/auth/sign-in', { email: user.email, password: testPassword });
      if (first.statusCode !== 200) throw new Error(`sign-in failed: ${first.body}`);
      const second = await client.post('/api/auth/mfa/verify', {
        code: await generate({ secret: user.secret }),
      });
      if (second.statusCode !== 200) throw new Error(`mfa failed: ${second.body}`);
      return client;
    },

    /** Sets a user's columns directly (e.g. to age a session or unlock), as the app role. */
    async updateUser(tenantId: string, userId: string, values: Partial<typeof users.$inferInsert>) {
      await database.withTenant(tenantId, ({ db }) =>
        db.update(users).set(values).where(eq(users.id, userId)),
      );
    },
  };
  return harness;
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
type TestApp = Awaited<ReturnType<typeof buildApp>>['app'];

/** Cookie-keeping client over `app.inject`. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: TestApp) {}

  get(url: string, headers: Record<string, string> = {}) {
    return this.request('GET', url, undefined, headers);
  }

  post(url: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.request('POST', url, body, headers);
  }

  patch(url: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.request('PATCH', url, body, headers);
  }

  put(url: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.request('PUT', url, body, headers);
  }

  delete(url: string, headers: Record<string, string> = {}) {
    return this.request('DELETE', url, undefined, headers);
  }

  /** Posts a multipart/form-data form (text fields and at most one file) as a browser would. */
  upload(url: string, fields: Record<string, string | undefined>, file?: TestFile) {
    const { payload, contentType } = multipartBody(fields, file);
    return this.raw('POST', url, payload, { 'content-type': contentType });
  }

  /** Sends a raw payload (e.g. malformed JSON) with the cookies and CSRF header. */
  async raw(
    method: 'POST' | 'PATCH',
    url: string,
    payload: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    await this.ensureCsrf();
    return this.remember(
      await this.app.inject({
        method,
        url,
        payload,
        headers: {
          'content-type': 'application/json',
          cookie: this.cookieHeader(),
          [csrfHeader]: this.cookies.get(csrfCookie) ?? '',
          ...headers,
        },
      }),
    );
  }

  get sessionToken(): string | undefined {
    return this.cookies.get(sessionCookie);
  }

  private async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body: unknown,
    headers: Record<string, string>,
  ) {
    if (method !== 'GET') await this.ensureCsrf();
    const response = await this.app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as object } : {}),
      headers: {
        cookie: this.cookieHeader(),
        ...(method !== 'GET' ? { [csrfHeader]: this.cookies.get(csrfCookie) ?? '' } : {}),
        ...headers,
      },
    });
    return this.remember(response);
  }

  private async ensureCsrf() {
    if (!this.cookies.has(csrfCookie)) await this.get('/healthz');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
