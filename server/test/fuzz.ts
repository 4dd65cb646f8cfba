/**
 * The fuzz of every route (issue 13, "the guard"): reads the OpenAPI description of the app and sends
 * every operation valid and malformed input — as signed-in users of two partnerships' worth of demo
 * data and anonymously — from a seeded generator, so a run makes the same requests each time. Shared by
 * `server/platform/http/fuzz.routes.test.ts` (a few thousand requests) and `bench/fuzz.bench.ts`
 * (100,000).
 */
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Role } from '../../contracts/roles.ts';
import { addDays, todayInAmsterdam } from '../../contracts/school-year.ts';
import { demoPassword, seedDemoPartnership } from '../demo/demo-seed.ts';
import { type Action, isPublicAction, policies } from '../platform/access/policies.ts';
import { roleAssignments } from '../platform/auth/auth.schema.ts';
import { badInputBackstopMessage } from '../platform/http/error-handler.ts';
import { csrfCookie, csrfHeader } from '../platform/http/request-context.ts';
import { createHarness, type Harness } from './harness.ts';

// ——— The harness and what its log says ———————————————————————————————————————————————

/** What the fuzz reads from the app's log: 500s with their SQLSTATE, and how often the backstop fired. */
export type FuzzLog = {
  failures: Map<string, { code: string | null; type: string | null }>;
  backstops: Map<string, string | null>;
};

/** A test app whose warnings and errors the fuzz reads (500s by request id, the backstop's firings). */
export async function createFuzzHarness(): Promise<{ harness: Harness; log: FuzzLog }> {
  const log: FuzzLog = { failures: new Map(), backstops: new Map() };
  const harness = await createHarness(
    { logLevel: 'warn' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as {
          msg?: string;
          reqId?: string;
          failure?: { code?: string | null; type?: string | null };
        };
        if (!entry.reqId) return;
        if (entry.msg === badInputBackstopMessage)
          log.backstops.set(entry.reqId, entry.failure?.code ?? null);
        else if (entry.msg === 'request failed')
          log.failures.set(entry.reqId, {
            code: entry.failure?.code ?? null,
            type: entry.failure?.type ?? null,
          });
      },
    },
  );
  return { harness, log };
}

// ——— The world: two seeded partnerships and the fuzzing users —————————————————————————

/** Who sends a request: a user of partnership A by role, or nobody. */
export type ActorName = 'office' | 'ib' | 'team' | 'vso' | 'care' | 'anonymous';
const signedInActors: Array<{ name: Exclude<ActorName, 'anonymous'>; email: string; roles: Role[] }> = [
  // The staff office, who is also functional admin: organisation, hours, meetings, users, settings.
  { name: 'office', email: 'stafbureau@demo.passend.test', roles: ['coordinator', 'functional_admin'] },
  // A primary school's internal coordinator: files requests, consent, the thread.
  { name: 'ib', email: 'ib@demo.passend.test', roles: ['internal_coordinator'] },
  // A team member: assigned requests, time registration.
  { name: 'team', email: 'gedragswetenschapper@demo.passend.test', roles: ['team_member'] },
  // The expertise point of a secondary school: attendance, homework, OPP, records.
  { name: 'vso', email: 'docentvso@demo.passend.test', roles: ['vso_teacher'] },
  { name: 'care', email: 'zorgcoordinator@demo.passend.test', roles: ['care_coordinator'] },
];
const actorNames: ActorName[] = ['office', 'ib', 'team', 'vso', 'care', 'anonymous'];

/** Ids of one partnership per table (at most `poolSize` of each), and every id of partnership B. */
export type FuzzWorld = {
  harness: Harness;
  clients: Record<ActorName, FuzzClient>;
  own: { tenantId: string; slug: string; ids: Map<string, string[]> };
  other: { tenantId: string; slug: string; ids: Map<string, string[]>; allIds: Set<string> };
  /** The Passend import template with its example row, the base of valid-looking CSV files. */
  templateCsv: string;
  /** Per operation ("GET /api/users"), the actors the policy lets through: most requests go as one of them. */
  permitted: Map<string, ActorName[]>;
  /** Per user, the ids they were shown by the lists and details they may read: ids that reach deeper. */
  seen: Map<ActorName, Set<string>>;
};

// Ids per table kept for paths and bodies: all of a small table, enough of a large one.
const poolSize = 400;

/**
 * Seeds the demo data twice — partnership B first (its addresses renamed), then A — and signs in the
 * fuzzing users of A. The office user gets the functional admin role as well.
 */
export async function createFuzzWorld(harness: Harness): Promise<FuzzWorld> {
  const other = await seedDemoPartnership(harness.database, harness.services, harness.config, {
    name: 'SWV Buiten (fuzz)',
    slug: 'fuzz-b',
  });
  // Addresses are unique over all partnerships: B's accounts move aside before A is seeded.
  await harness.database.queryAsOwner(
    sql`update users set email = 'b.' || email where tenant_id = ${other.tenantId}::uuid`,
  );
  const own = await seedDemoPartnership(harness.database, harness.services, harness.config, {
    name: 'SWV Eigen (fuzz)',
    slug: 'fuzz-a',
  });
  const secretOf = (email: string) => own.secrets.find((entry) => entry.email === email)?.secret ?? '';
  const clients = { anonymous: new FuzzClient(harness, 'anonymous') } as Record<ActorName, FuzzClient>;
  const actorIds: string[] = [];
  for (const [index, actor] of signedInActors.entries()) {
    const client = new FuzzClient(harness, actor.name);
    const userId = await client.signIn(actor.email, secretOf(actor.email), `192.0.2.${index + 1}`);
    actorIds.push(userId);
    if (actor.name === 'office')
      await harness.database.withTenant(own.tenantId, ({ db }) =>
        db.insert(roleAssignments).values({ tenantId: own.tenantId, userId, role: 'functional_admin' }),
      );
    clients[actor.name] = client;
  }
  const template = await clients.office.send({ method: 'GET', url: '/api/locations/import/template.csv' });
  const ownIds = await idsOf(harness, own.tenantId, actorIds);
  return {
    harness,
    clients,
    // The fuzzing users stay out of the pools: changing their own roles would end the run's reach.
    own: { tenantId: own.tenantId, slug: 'fuzz-a', ids: ownIds },
    other: {
      tenantId: other.tenantId,
      slug: 'fuzz-b',
      ids: await idsOf(harness, other.tenantId, []),
      allIds: await allIdsOf(harness, other.tenantId),
    },
    templateCsv: template.body,
    permitted: permittedActors(harness),
    seen: await idsSeenBy(clients, ownIds),
  };
}

/**
 * What each user is shown: every list they may read, then one detail per kind of row they saw. The
 * generator prefers these ids, so a request names something the user may act on and reaches the rules.
 */
async function idsSeenBy(
  clients: Record<ActorName, FuzzClient>,
  ownIds: Map<string, string[]>,
): Promise<Map<ActorName, Set<string>>> {
  const document = (await clients.anonymous.send({ method: 'GET', url: '/api/openapi.json' })).json();
  const reads = operationsOf(document).filter(
    (operation) => operation.method === 'GET' && !operation.isDownload && !operation.endsSession,
  );
  const seen = new Map<ActorName, Set<string>>();
  for (const actor of signedInActors) {
    const ids = new Set<string>();
    const read = async (url: string) => {
      const response = await clients[actor.name].send({ method: 'GET', url });
      if (response.statusCode === 200) for (const id of uuidsIn(response.body)) ids.add(id.toLowerCase());
    };
    for (const operation of reads.filter((entry) => entry.pathParams.length === 0))
      await read(operation.path);
    for (const operation of reads.filter((entry) => entry.pathParams.length === 1)) {
      const [parameter] = operation.pathParams;
      const table = parameter ? pathTables[segmentBefore(operation.path, parameter.name)] : undefined;
      const id = (ownIds.get(table ?? '') ?? []).find((candidate) => ids.has(candidate));
      if (parameter && id) await read(operation.path.replace(`{${parameter.name}}`, id));
    }
    seen.set(actor.name, ids);
  }
  return seen;
}

/** Per operation, the actors whose roles the route's action grants (everyone for a public action). */
function permittedActors(harness: Harness): Map<string, ActorName[]> {
  const permitted = new Map<string, ActorName[]>();
  for (const route of harness.routes) {
    if (!route.action || !route.url.startsWith('/api/')) continue;
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const action = route.action as Action;
    const policy = policies[action];
    const actors: ActorName[] = isPublicAction(action)
      ? actorNames
      : signedInActors
          .filter((actor) =>
            actor.roles.some((role) => 'grants' in policy && policy.grants && role in policy.grants),
          )
          .map((actor) => actor.name);
    permitted.set(`${route.method} ${path}`, actors);
  }
  return permitted;
}

/** Tables with an `id` and a `tenant_id`: the rows a path or body can name. */
async function tenantTables(harness: Harness): Promise<string[]> {
  const rows = await harness.database.queryAsOwner<{ table_name: string }>(sql`
    select c.table_name from information_schema.columns c
    join information_schema.columns t on t.table_name = c.table_name and t.table_schema = c.table_schema
      and t.column_name = 'tenant_id'
    where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid'
    order by c.table_name`);
  return rows.map((row) => row.table_name);
}

async function idsOf(harness: Harness, tenantId: string, excluded: string[]): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  for (const table of await tenantTables(harness)) {
    // In the order the seed wrote them, not by the random ids: the same seed picks the same rows.
    const rows = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id::text as id from ${sql.identifier(table)} where tenant_id = ${tenantId}::uuid
          order by ctid limit ${poolSize + excluded.length}`,
    );
    ids.set(
      table,
      rows
        .map((row) => row.id)
        .filter((id) => !excluded.includes(id))
        .slice(0, poolSize),
    );
  }
  return ids;
}

async function allIdsOf(harness: Harness, tenantId: string): Promise<Set<string>> {
  const all = new Set<string>([tenantId]);
  for (const table of await tenantTables(harness)) {
    const rows = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id::text as id from ${sql.identifier(table)} where tenant_id = ${tenantId}::uuid`,
    );
    for (const row of rows) all.add(row.id);
  }
  return all;
}

// ——— Sending ———————————————————————————————————————————————————————————————————————

/** One request as the generator made it. */
export type FuzzRequest = {
  operation: string;
  actor: ActorName;
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was sent, shortened, for the report of a failure. */
  summary: string;
  /** The path template and the values put in it, so a request can be sent again with another id. */
  path: string;
  pathValues: Record<string, string>;
  query: string;
};

const fixedCsrf = 'fuzz-csrf-token-0123456789';
let addressCounter = 0;

/** A cookie-keeping client that sends from a new address each time (rate limits are per address). */
export class FuzzClient {
  private readonly cookies = new Map<string, string>([[csrfCookie, fixedCsrf]]);

  constructor(
    private readonly harness: Harness,
    readonly name: ActorName,
  ) {}

  /** Signs in with the demo password and TOTP; returns the user's id. */
  async signIn(email: string, secret: string, remoteAddress: string): Promise<string> {
    const json = { 'content-type': 'application/json' };
    const first = await this.send({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: json,
      payload: JSON.stringify({ email, password: demoPassword }),
      remoteAddress,
    });
    if (first.statusCode !== 200) throw new Error(`fuzz sign-in of ${this.name} failed: ${first.body}`);
    const second = await this.send({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: json,
      payload: JSON.stringify({ code: await generate({ secret }) }),
      remoteAddress,
    });
    if (second.statusCode !== 200) throw new Error(`fuzz MFA of ${this.name} failed: ${second.body}`);
    const session = await this.send({ method: 'GET', url: '/api/session', remoteAddress });
    return (session.json() as { user: { id: string } }).user.id;
  }

  async send(request: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer;
    remoteAddress?: string;
  }): Promise<LightMyRequestResponse> {
    addressCounter += 1;
    const response = await this.harness.app.inject({
      method: request.method as 'GET',
      url: request.url,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
      remoteAddress:
        request.remoteAddress ??
        `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`,
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        [csrfHeader]: fixedCsrf,
        ...request.headers,
      },
    });
    for (const cookie of response.cookies) {
      // The CSRF cookie stays fixed; the session cookie follows what the server sets or clears.
      if (cookie.name === csrfCookie) continue;
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
}

// ——— The operations of the OpenAPI description ———————————————————————————————————————

type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
  $ref?: string;
};

/** One operation: method, path template, parameters and the body it takes. */
export type Operation = {
  name: string;
  method: string;
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  queryParams: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body: { contentType: 'application/json' | 'multipart/form-data'; schema: JsonSchema } | null;
  /** Ends or changes the session of whoever calls it: sent anonymously, and by the users only at the end. */
  endsSession: boolean;
  /** A download (PDF, spreadsheet, CSV, calendar): a 200 without a JSON schema. */
  isDownload: boolean;
};

// Sign-out, password and MFA changes, and the sign-in flow itself act on the caller's session.
const sessionEnding = /^\/api\/(auth\/|account\/password|account\/mfa)/;

/** The operations of the app's OpenAPI description, in its order. */
export function operationsOf(document: {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}): Operation[] {
  const resolve = (schema: JsonSchema | undefined): JsonSchema => {
    if (!schema?.$ref) return schema ?? {};
    const name = schema.$ref.split('/').at(-1) ?? '';
    return resolve(document.components?.schemas?.[name]);
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, raw] of Object.entries(methods)) {
      const operation = raw as {
        parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses?: Record<string, { content?: unknown }>;
      };
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => ({ name: parameter.name, schema: resolve(parameter.schema) })),
        queryParams: parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => ({
            name: parameter.name,
            schema: resolve(parameter.schema),
            required: parameter.required ?? false,
          })),
        body:
          contentType === 'application/json' || contentType === 'multipart/form-data'
            ? { contentType, schema: resolve(content[contentType]?.schema) }
            : null,
        endsSession: sessionEnding.test(path),
        isDownload: method === 'get' && !!operation.responses?.['200'] && !operation.responses['200'].content,
      });
    }
  }
  return operations;
}

// ——— Where ids come from ———————————————————————————————————————————————————————————

/** The table a path parameter names, by the path segment before it. */
const pathTables: Record<string, string> = {
  users: 'users',
  team: 'users',
  locations: 'locations',
  budgets: 'locations',
  'expertise-points': 'locations',
  absences: 'team_member_absences',
  'expertise-tags': 'expertise_tags',
  requests: 'support_requests',
  consents: 'request_people',
  attachments: 'request_attachments',
  meetings: 'meetings',
  'meeting-action-items': 'meeting_action_items',
  'homework-items': 'homework_items',
  trajectories: 'trajectories',
  signals: 'trajectories',
  'trajectory-contacts': 'trajectory_contacts',
  'zat-referrals': 'zat_referrals',
  'attendance-visits': 'attendance_visits',
  'homework-sessions': 'homework_sessions',
  'opp-versions': 'opp_versions',
  'opp-parent-links': 'opp_parent_links',
  'opp-consents': 'opp_consents',
  allocations: 'allocations',
  'time-entries': 'time_entries',
  'legal-holds': 'legal_holds',
  outbox: 'outbox_mails',
  notifications: 'notifications',
  pupils: 'pupils',
};

/** The table a uuid field of a body or query names, by the field's name. */
const fieldTables: Record<string, string> = {
  locationId: 'locations',
  userId: 'users',
  requestId: 'support_requests',
  boardId: 'school_boards',
  tagId: 'expertise_tags',
  tagIds: 'expertise_tags',
  expertiseTagIds: 'expertise_tags',
  wantedTagIds: 'expertise_tags',
  personId: 'request_people',
  followedUpInMeetingId: 'meetings',
  pupilId: 'pupils',
  sourcePupilId: 'pupils',
  id: 'request_people',
};

function tableOfField(name: string): string | null {
  if (fieldTables[name]) return fieldTables[name];
  if (/UserIds?$/.test(name)) return 'users';
  return null;
}

/** Path parameters whose segment names no table: the test fails until one is added above. */
export function unmappedPathParams(operations: Operation[]): string[] {
  const missing: string[] = [];
  for (const operation of operations)
    for (const parameter of operation.pathParams) {
      if (parameter.schema.format !== 'uuid') continue;
      const segment = segmentBefore(operation.path, parameter.name);
      if (!pathTables[segment]) missing.push(`${operation.name} {${parameter.name}} after /${segment}/`);
    }
  return missing;
}

function segmentBefore(path: string, parameter: string): string {
  const segments = path.split('/');
  const index = segments.indexOf(`{${parameter}}`);
  return segments[index - 1] ?? '';
}

// ——— The generator ——————————————————————————————————————————————————————————————————

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** Strings no text field should choke on: NUL, other controls, lone surrogates, bidi marks, 10k characters. */
export const nastyStrings: readonly string[] = [
  '\u0000',
  'Fleur\u0000Jansen',
  '\u0000\u0000\u0000',
  '\u0007\u001b[31mrood',
  'regel\nregel',
  'tab\there',
  '\r\n',
  '\u007f',
  '\u0085\u009b',
  '\ud800',
  'a\udfff',
  'x\ud83d',
  '\ude00y',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\ufeff',
  '\u2028\u2029',
  '\ufffe\uffff',
  'Zoë 😀 عائشة',
  'a'.repeat(10_000),
  '€'.repeat(5_000),
  '',
  ' ',
  "'; drop table users; --",
  '%',
  '_',
  '\\',
  '%00',
  '../../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt is the point
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  'null',
  '0',
  '-1',
  '1e400',
  'true',
];

/** Numbers at and beyond every edge: negative, fractional, huge, tiny. */
export const nastyNumbers: readonly number[] = [
  -1,
  -0.5,
  0,
  0.5,
  1.0000001,
  0.001,
  99.999,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  1e308,
  -1e308,
  5e-324,
  12345.678,
];

/** Dates out of range and dates that do not exist. */
export const nastyDates: readonly string[] = [
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '2101-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-1-1',
  '20260101',
  '2026-01-01T00:00:00Z',
  'infinity',
  '-infinity',
  'epoch',
  'today',
  '',
];

/** Path segments that are not ids. */
const nastyPathSegments: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '%00',
  'a%00b',
  '..',
  '%2e%2e',
  '%2F',
  'null',
  'undefined',
  '-1',
  '1e400',
  '1.5',
  'x'.repeat(300),
  '%ED%A0%80',
  '%ZZ',
  '%',
  "'or'1'='1",
];

/** Bodies that are not the JSON they claim to be, with their content type. */
const brokenJsonBodies: ReadonlyArray<{ payload: string; contentType: string }> = [
  { payload: '{', contentType: 'application/json' },
  { payload: '{"a":1,', contentType: 'application/json' },
  { payload: '', contentType: 'application/json' },
  { payload: 'null', contentType: 'application/json' },
  { payload: '[]', contentType: 'application/json' },
  { payload: '"text"', contentType: 'application/json' },
  { payload: '42', contentType: 'application/json' },
  { payload: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
  { payload: '{"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'application/json' },
  { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
  { payload: `{"a":"${'x'.repeat(70 * 1024)}"}`, contentType: 'application/json' },
  { payload: '{"a":1e400}', contentType: 'application/json' },
  { payload: '{"a":"\\u0000"}', contentType: 'application/json' },
  { payload: '{"a":"\\ud800"}', contentType: 'application/json' },
  { payload: '\ufeff{}', contentType: 'application/json' },
  { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { payload: '<a/>', contentType: 'application/xml' },
  { payload: '{}', contentType: 'text/plain' },
  { payload: '{}', contentType: 'application/json; charset=latin1' },
  { payload: '{}', contentType: 'application/json; charset=utf-16' },
];

/** Multipart bodies that are broken in some way, with their content type. */
function brokenMultipartBodies(random: Random): Array<{ payload: string | Buffer; contentType: string }> {
  const boundary = `fuzz${random.int(0, 1e6)}`;
  return [
    { payload: 'kind=message&body=Hallo', contentType: 'multipart/form-data' },
    { payload: `--${boundary}\r\n`, contentType: 'multipart/form-data' },
    {
      payload: `--other\r\nContent-Disposition: form-data; name="body"\r\n\r\nHallo\r\n--other--\r\n`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    },
    {
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    },
    {
      payload: `--${boundary}\r\nContent-Disposition\r\n\r\nHallo\r\n--${boundary}--\r\n`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    },
    { payload: `--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { payload: '', contentType: `multipart/form-data; boundary=${boundary}` },
    {
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--${boundary}--\r\n`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    },
    {
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="\u0000.pdf"\r\n\r\n%PDF\r\n--${boundary}--\r\n`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    },
    {
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n${'y'.repeat(20_000)}\r\n--${boundary}--\r\n`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    },
    { payload: 'x', contentType: 'multipart/form-data; boundary=' },
    { payload: 'x', contentType: `multipart/form-data; boundary="${'b'.repeat(100)}"` },
    { payload: 'x', contentType: 'multipart/mixed; boundary=abc' },
  ];
}

/** The kinds of request the generator makes, each a way to be wrong (or, for `valid`, right). */
export const requestKinds = [
  'valid',
  'valid',
  'valid',
  'nasty_string',
  'nasty_string',
  'nasty_number',
  'nasty_date',
  'wrong_type',
  'extra_field',
  'missing_field',
  'foreign_id',
  'foreign_id',
  'not_an_id',
  'broken_body',
  'broken_multipart',
  'nasty_query',
] as const;
export type RequestKind = (typeof requestKinds)[number];

type Place = { container: Record<string, unknown> | unknown[]; key: string | number; schema: JsonSchema };

/** Makes requests for the operations: `count` of them, the same for the same seed. */
export class RequestGenerator {
  private readonly random: Random;
  private readonly today = todayInAmsterdam();
  private emailCounter = 0;
  private readonly validDownloads = new Map<string, number>();
  // Who the request being made is for: ids are chosen from what they were shown.
  private actor: ActorName = 'anonymous';

  constructor(
    private readonly world: FuzzWorld,
    seed: number,
  ) {
    this.random = new Random(seed);
  }

  /**
   * `count` requests: operations in turn, each with the kinds in turn, mostly as a user the policy
   * lets through. The session-ending operations go anonymously here; `finale` sends them as the users.
   */
  *requests(operations: Operation[], count: number): Generator<FuzzRequest> {
    for (let index = 0; index < count; index += 1) {
      const operation = operations[index % operations.length] as Operation;
      const round = Math.floor(index / operations.length);
      const kind = requestKinds[(round + index) % requestKinds.length] as RequestKind;
      const actor = operation.endsSession ? 'anonymous' : this.actorFor(operation);
      yield this.request(operation, kind, actor);
    }
  }

  /** The session-ending operations (sign-out, password, MFA) by every signed-in user: the run's last. */
  *finale(operations: Operation[]): Generator<FuzzRequest> {
    for (const actor of actorNames.filter((name) => name !== 'anonymous'))
      for (const operation of operations.filter((entry) => entry.endsSession))
        for (const kind of ['valid', 'nasty_string', 'broken_body'] as const)
          yield this.request(operation, kind, actor);
  }

  /**
   * The requests that succeeded, sent again with each uuid of the body and the path replaced: once by
   * a made-up id and once by an id of partnership B of the same kind. A success is a request the rules
   * let through, so the only thing that differs is the id: the systematic half of "every id a client
   * sends is proven visible to the actor before it is stored" (finding 4).
   */
  *idSweep(successes: FuzzRequest[]): Generator<FuzzRequest> {
    for (const success of successes) {
      const body = jsonOf(success);
      for (const { path, name } of body !== null ? this.uuidPlaces(body) : [])
        for (const variant of ['made_up_id', 'foreign_id'] as const) {
          const copy = JSON.parse(JSON.stringify(body)) as unknown;
          const id =
            variant === 'made_up_id'
              ? crypto.randomUUID()
              : this.idFrom(this.world.other.ids, tableOfField(name));
          setAt(copy, path, id);
          const payload = JSON.stringify(copy);
          yield { ...success, kind: variant, payload, summary: JSON.stringify(payload.slice(0, 300)) };
        }
      for (const [name, value] of Object.entries(success.pathValues)) {
        if (!isUuid(value)) continue;
        const table = pathTables[segmentBefore(success.path, name)] ?? null;
        const pathValues = { ...success.pathValues, [name]: this.idFrom(this.world.other.ids, table) };
        yield {
          ...success,
          kind: 'foreign_id',
          pathValues,
          url: `${fillPath(success.path, pathValues)}${success.query}`,
        };
      }
    }
  }

  /** Where a body holds uuids: the path to each and the name of its field. */
  private uuidPlaces(body: unknown): Array<{ path: Array<string | number>; name: string }> {
    const places: Array<{ path: Array<string | number>; name: string }> = [];
    const visit = (value: unknown, path: Array<string | number>, name: string) => {
      if (typeof value === 'string' && isUuid(value) && name !== 'idempotencyKey')
        places.push({ path, name });
      else if (Array.isArray(value))
        for (const [index, item] of value.entries()) visit(item, [...path, index], name);
      else if (isRecord(value))
        for (const [key, item] of Object.entries(value)) visit(item, [...path, key], key);
    };
    visit(body, [], '');
    return places;
  }

  /** Mostly someone the policy lets through, so the input reaches the service; sometimes anyone. */
  private actorFor(operation: Operation): ActorName {
    const permitted = this.world.permitted.get(operation.name) ?? [];
    return permitted.length > 0 && this.random.chance(0.8)
      ? this.random.pick(permitted)
      : this.random.pick(actorNames);
  }

  /** One request of a kind for an operation, as an actor. */
  request(
    operation: Operation,
    kind: RequestKind,
    actor: ActorName,
    options: { everyProperty?: boolean; path?: Record<string, string> } = {},
  ): FuzzRequest {
    this.actor = actor;
    const pathValues: Record<string, string> = {};
    for (const parameter of operation.pathParams)
      pathValues[parameter.name] =
        options.path?.[parameter.name] ?? this.pathValue(operation, parameter.name, parameter.schema);
    const query: Record<string, unknown> = {};
    for (const parameter of operation.queryParams)
      if (parameter.required || this.random.chance(0.4))
        query[parameter.name] = this.valueOf(parameter.schema, parameter.name, 0);

    let body: unknown;
    if (operation.body) body = this.valueOf(operation.body.schema, '', 0, true, options.everyProperty);
    let payload: string | Buffer | undefined;
    let contentType: string | undefined;
    let applied = kind;
    switch (kind) {
      case 'valid':
        break;
      case 'nasty_string':
      case 'nasty_number':
      case 'nasty_date':
      case 'wrong_type':
      case 'foreign_id': {
        const place = this.placeFor(kind, body, query);
        if (place) this.mutate(place, kind);
        else if (kind === 'foreign_id' && operation.pathParams.length > 0) {
          const parameter = this.random.pick(operation.pathParams);
          const table = pathTables[segmentBefore(operation.path, parameter.name)];
          pathValues[parameter.name] = this.idFrom(this.world.other.ids, table ?? null);
        } else applied = 'valid';
        break;
      }
      case 'extra_field':
        if (isRecord(body)) body[this.random.pick(['extra', 'isAdmin', 'tenantId', 'id', '__proto__'])] = 1;
        else query[this.random.pick(['extra', 'tenantId', 'sort'])] = 'x';
        break;
      case 'missing_field': {
        const required = operation.body?.schema.required ?? [];
        if (isRecord(body) && required.length > 0) delete body[this.random.pick(required)];
        else applied = 'valid';
        break;
      }
      case 'not_an_id':
        if (operation.pathParams.length > 0) {
          const parameter = this.random.pick(operation.pathParams);
          pathValues[parameter.name] = this.random.pick(nastyPathSegments);
        } else applied = 'valid';
        break;
      case 'broken_body': {
        const broken = this.random.pick(brokenJsonBodies);
        payload = broken.payload;
        contentType = broken.contentType;
        break;
      }
      case 'broken_multipart': {
        const broken = this.random.pick(brokenMultipartBodies(this.random));
        payload = broken.payload;
        contentType = broken.contentType;
        break;
      }
      case 'nasty_query': {
        const names = operation.queryParams.map((parameter) => parameter.name);
        const name = names.length > 0 ? this.random.pick(names) : 'q';
        query[name] = this.random.chance(0.2)
          ? [this.random.pick(nastyStrings), 'b']
          : this.random.pick([...nastyStrings, ...nastyDates, ...nastyNumbers.map(String)]);
        break;
      }
    }

    // Rendering the same document again finds nothing new: each download is rendered a few times,
    // after that its path names something else (another partnership's row, or no id at all).
    if (operation.isDownload && operation.pathParams.length > 0) {
      const made = this.validDownloads.get(operation.name) ?? 0;
      this.validDownloads.set(operation.name, made + 1);
      if (made >= 3) {
        const parameter = this.random.pick(operation.pathParams);
        const table = pathTables[segmentBefore(operation.path, parameter.name)] ?? null;
        pathValues[parameter.name] = this.random.chance(0.5)
          ? this.idFrom(this.world.other.ids, table)
          : this.random.pick(nastyPathSegments);
      }
    }

    if (payload === undefined && operation.body) {
      if (operation.body.contentType === 'multipart/form-data') {
        const form = this.multipartOf(operation, body);
        payload = form.payload;
        contentType = form.contentType;
      } else {
        payload = JSON.stringify(body);
        contentType = 'application/json';
      }
    }
    const url = `${fillPath(operation.path, pathValues)}${queryString(query)}`;
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    const shown =
      typeof payload === 'string' ? payload : payload ? `<${payload.length} bytes multipart>` : '';
    return {
      operation: operation.name,
      actor,
      kind: applied,
      method: operation.method,
      url,
      path: operation.path,
      pathValues,
      query: queryString(query),
      headers,
      ...(payload !== undefined ? { payload } : {}),
      summary: `${JSON.stringify(shown.slice(0, 300))}${shown.length > 300 ? ` (+${shown.length - 300})` : ''}`,
    };
  }

  private pathValue(operation: Operation, name: string, schema: JsonSchema): string {
    if (name === 'slug')
      return this.random.pick([this.world.own.slug, this.world.own.slug, this.world.other.slug, 'onbekend']);
    if (schema.format === 'uuid') {
      const table = pathTables[segmentBefore(operation.path, name)] ?? null;
      return this.random.chance(0.9) ? this.ownId(table) : crypto.randomUUID();
    }
    return encodeURIComponent(String(this.valueOf(schema, name, 0)));
  }

  /** A valid-looking value for a schema: the deep path through the routes. */
  private valueOf(
    schema: JsonSchema,
    name: string,
    depth: number,
    everyProperty = false,
    everyNestedProperty = false,
  ): unknown {
    if (schema.anyOf || schema.oneOf) {
      const branches = (schema.anyOf ?? schema.oneOf ?? []).filter((branch) => branch.type !== 'null');
      const hasNull = (schema.anyOf ?? schema.oneOf ?? []).some((branch) => branch.type === 'null');
      if (hasNull && this.random.chance(0.15)) return null;
      return this.valueOf(this.random.pick(branches.length > 0 ? branches : [{}]), name, depth);
    }
    if (schema.allOf) return this.valueOf(Object.assign({}, ...schema.allOf), name, depth);
    if (schema.nullable && this.random.chance(0.15)) return null;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return this.random.pick(schema.enum);
    const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
    switch (type) {
      case 'object': {
        const result: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(schema.properties ?? {}))
          if (
            schema.required?.includes(key) ||
            everyProperty ||
            everyNestedProperty ||
            this.random.chance(0.5)
          )
            result[key] = this.valueOf(property, key, depth + 1, false, everyNestedProperty);
        return result;
      }
      case 'array': {
        const minimum = schema.minItems ?? 0;
        const maximum = Math.min(schema.maxItems ?? 3, minimum + 3, depth > 2 ? minimum : 99);
        const length = everyNestedProperty
          ? Math.max(minimum, 1)
          : this.random.int(minimum, Math.max(minimum, maximum));
        return Array.from({ length }, () =>
          this.valueOf(schema.items ?? {}, name, depth + 1, false, everyNestedProperty),
        );
      }
      case 'integer':
      case 'number':
        return this.numberOf(schema, type === 'integer');
      case 'boolean':
        return this.random.chance(0.5);
      case 'string':
        return this.stringOf(schema, name);
      default:
        return 'x';
    }
  }

  private numberOf(schema: JsonSchema, integer: boolean): number {
    const minimum = typeof schema.minimum === 'number' ? schema.minimum : 0;
    const maximum = typeof schema.maximum === 'number' ? schema.maximum : minimum + 100;
    if (minimum >= 1990 && maximum <= 2100) return this.random.int(2024, 2027);
    const top = Math.min(maximum, minimum + (this.random.chance(0.8) ? 10 : maximum - minimum));
    const value = minimum + this.random.next() * (top - minimum);
    return integer ? Math.round(value) : Math.round(value * 4) / 4;
  }

  private stringOf(schema: JsonSchema, name: string): string {
    if (schema.format === 'uuid') {
      if (name === 'idempotencyKey') return crypto.randomUUID();
      return this.random.chance(0.9) ? this.ownId(tableOfField(name)) : crypto.randomUUID();
    }
    if (schema.format === 'date') {
      // Birth dates of pupils; otherwise mostly the recent past, which most rules want, sometimes ahead.
      if (/birth/i.test(name)) return addDays(this.today, -this.random.int(6 * 365, 14 * 365));
      return addDays(this.today, this.random.chance(0.8) ? -this.random.int(0, 120) : this.random.int(1, 30));
    }
    if (schema.format === 'date-time') return new Date().toISOString();
    if (schema.format === 'email' || /email/i.test(name))
      return `fuzz${++this.emailCounter}.${this.random.int(0, 1e9)}@school.test`;
    if (schema.format === 'binary') return 'file';
    const pattern = schema.pattern ?? '';
    if (pattern.includes('[0-5]\\d$'))
      return `${String(this.random.int(8, 16)).padStart(2, '0')}:${this.random.pick(['00', '15', '30', '45'])}`;
    if (pattern.includes('-W')) return `2026-W${String(this.random.int(1, 52)).padStart(2, '0')}`;
    if (pattern.includes('^\\d{4}-(0[1-9]|1[0-2])$')) return this.today.slice(0, 7);
    if (pattern.includes('^(0[1-9]|1[0-2])-(0[1-9]'))
      return `${String(this.random.int(1, 12)).padStart(2, '0')}-15`;
    if (pattern.includes('^\\d{6}$')) return String(this.random.int(0, 999_999)).padStart(6, '0');
    if (pattern.includes('[+\\d]')) return '06 12345678';
    if (pattern.includes('[a-z0-9]+(-[a-z0-9]+)*')) return this.world.own.slug;
    if (name === 'brin') return `${this.random.int(10, 99)}AB`;
    if (name === 'locationCode') return String(this.random.int(0, 99)).padStart(2, '0');
    if (name === 'postalCode') return '3511 AB';
    if (/password/i.test(name)) return `fuzz-Wachtwoord-${this.random.int(0, 1e9)}-lang-genoeg`;
    if (name === 'token') return `fuzz${'x'.repeat(this.random.int(20, 60))}`;
    if (name === 'recoveryCode') return `fuzz${'x'.repeat(this.random.int(4, 20))}`;
    if (name === 'dataUrl') return 'data:image/png;base64,iVBORw0KGgo=';
    const minimum = schema.minLength ?? 0;
    const maximum = schema.maxLength ?? 40;
    const words = ['Overleg', 'groep 7', 'Zoë', 'de Vries', 'Utrecht', 'plan', 'rust in de klas', 'Fleur'];
    let text = this.random.pick(words);
    while (text.length < minimum) text += ` ${this.random.pick(words)}`;
    return text.slice(0, Math.max(minimum, Math.min(maximum, text.length)));
  }

  /** An id of partnership A from the table: mostly one the current user was shown. */
  private ownId(table: string | null): string {
    const pool = table ? (this.world.own.ids.get(table) ?? []) : [...this.world.own.ids.values()].flat();
    const seen = this.world.seen.get(this.actor);
    const shown = seen ? pool.filter((id) => seen.has(id)) : [];
    if (shown.length > 0 && this.random.chance(0.75)) return this.random.pick(shown);
    return pool.length > 0 ? this.random.pick(pool) : crypto.randomUUID();
  }

  private idFrom(ids: Map<string, string[]>, table: string | null): string {
    const pool = table ? (ids.get(table) ?? []) : [...ids.values()].flat();
    return pool.length > 0 ? this.random.pick(pool) : crypto.randomUUID();
  }

  /** A place in the body or query where a mutation of this kind applies. */
  private placeFor(kind: RequestKind, body: unknown, query: Record<string, unknown>): Place | null {
    const places: Place[] = [];
    const visit = (container: Record<string, unknown> | unknown[], key: string | number, value: unknown) => {
      places.push({ container, key, schema: {} });
      if (Array.isArray(value)) for (const [index, item] of value.entries()) visit(value, index, item);
      else if (isRecord(value)) for (const [child, item] of Object.entries(value)) visit(value, child, item);
    };
    if (isRecord(body)) for (const [key, value] of Object.entries(body)) visit(body, key, value);
    for (const [key, value] of Object.entries(query)) visit(query, key, value);
    const fits = places.filter(({ container, key }) => {
      const value = (container as Record<string | number, unknown>)[key];
      if (kind === 'nasty_string') return typeof value === 'string';
      if (kind === 'nasty_number') return typeof value === 'number';
      if (kind === 'nasty_date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
      if (kind === 'foreign_id') return typeof value === 'string' && isUuid(value);
      return true;
    });
    return fits.length > 0 ? this.random.pick(fits) : null;
  }

  private mutate({ container, key }: Place, kind: RequestKind): void {
    const target = container as Record<string | number, unknown>;
    const current = target[key];
    switch (kind) {
      case 'nasty_string':
        target[key] = this.random.pick(nastyStrings);
        break;
      case 'nasty_number':
        target[key] = this.random.pick(nastyNumbers);
        break;
      case 'nasty_date':
        target[key] = this.random.pick(nastyDates);
        break;
      case 'foreign_id': {
        const name = typeof key === 'string' ? key : '';
        target[key] = this.idFrom(this.world.other.ids, tableOfField(name));
        break;
      }
      default: {
        const others: unknown[] = [null, true, 0, -1, 'x', [], {}, [current], { value: current }, 1.5];
        target[key] = this.random.pick(others);
      }
    }
  }

  /** A multipart form for an upload route: its text fields and a file that may or may not fit. */
  private multipartOf(operation: Operation, body: unknown): { payload: Buffer; contentType: string } {
    const boundary = `----fuzz${this.random.int(0, 1e9)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(isRecord(body) ? body : {})) {
      if (name === 'file' || value === null || value === undefined) continue;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${text}\r\n`),
      );
    }
    if (!isRecord(body) || body.file !== undefined || this.random.chance(0.3)) {
      const file = this.fileFor(operation);
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
        file.content,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  private fileFor(operation: Operation): { name: string; type: string; content: Buffer } {
    if (operation.path.startsWith('/api/locations/import')) {
      const rows = this.world.templateCsv.split('\n');
      const choice = this.random.int(0, 4);
      const nasty = this.random.pick(nastyStrings).replaceAll(';', ',');
      const content =
        choice === 0
          ? this.world.templateCsv
          : choice === 1
            ? [rows[0], (rows[1] ?? '').replace(/;[^;]*;/, `;${nasty};`)].join('\n')
            : choice === 2
              ? `${this.world.templateCsv}\n${'x;'.repeat(this.random.int(1, 20))}`
              : choice === 3
                ? '\u0000\u0001binary'
                : `${rows[0]}\n${(rows[1] ?? '').replaceAll(/\d{4}-\d{4}/g, this.random.pick(nastyDates))}`;
      return { name: 'scholen.csv', type: 'text/csv', content: Buffer.from(content, 'utf8') };
    }
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    return this.random.pick([
      { name: 'verslag.pdf', type: 'application/pdf', content: pdf },
      { name: 'programma.exe', type: 'application/octet-stream', content: Buffer.from('MZ\u0090\u0000') },
      { name: 'leeg.pdf', type: 'application/pdf', content: Buffer.alloc(0) },
      { name: '..\\..\\win.ini', type: 'application/pdf', content: pdf },
      { name: `${'n'.repeat(400)}.pdf`, type: 'application/pdf', content: pdf },
      { name: 'foto.png', type: 'image/png', content: pdf },
    ]);
  }
}

/** The JSON body a request sent, or null (none, multipart, or not JSON at all). */
function jsonOf(request: FuzzRequest): unknown {
  if (request.headers['content-type'] !== 'application/json' || typeof request.payload !== 'string')
    return null;
  try {
    return JSON.parse(request.payload) as unknown;
  } catch {
    return null;
  }
}

function setAt(target: unknown, path: Array<string | number>, value: unknown): void {
  let current = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) current = current[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last !== undefined) current[last] = value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? 'x');
}

/** A query string that survives values no URL encoder takes (a lone surrogate becomes U+FFFD bytes). */
function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query))
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      parts.push(`${encodeQuery(name)}=${encodeQuery(item === null ? '' : String(item))}`);
    }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function encodeQuery(text: string): string {
  // Raw escapes like %00 in the dictionary go through as written; everything else is encoded.
  if (/^%[0-9A-F]{2}/i.test(text)) return text;
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

// ——— Judging the answers ————————————————————————————————————————————————————————————

/** What went wrong with one answer. */
export type FuzzProblem = {
  problem: 'server_error' | 'leak' | 'other_partnership' | 'error_shape';
  request: FuzzRequest;
  status: number;
  detail: string;
};

const stackTrace = /\bat [\w$.<>[\]]+ \(|\bat (?:file:|node:)|\n\s+at \S/;
const filePath = /\/(?:work|home|usr|tmp|app|root)\/|node_modules|file:\/\/|\.[cm]?[tj]s:\d+/;
const databaseText =
  /violates (?:foreign key|unique|check|not-null) constraint|duplicate key value|invalid input (?:syntax|value)|syntax error at or near|relation "|column "[^"]*" (?:of|does)|SQLSTATE|PGlite|pg_catalog|DrizzleQueryError|Failed query:/i;
const frameworkText = /FST_[A-Z_]+|ZodError|SyntaxError: |TypeError: |RangeError: |ECONNREFUSED/;
const textTypes = /^(?:application\/json|text\/|application\/problem\+json)/;

/** The uuids in a text. */
function uuidsIn(text: string): string[] {
  return text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
}

/** The problems with one answer: a 5xx, internals in the body, another partnership's ids, a wrong error shape. */
export function problemsOf(
  world: FuzzWorld,
  request: FuzzRequest,
  response: LightMyRequestResponse,
): FuzzProblem[] {
  const problems: FuzzProblem[] = [];
  const status = response.statusCode;
  const contentType = String(response.headers['content-type'] ?? '');
  const at = (problem: FuzzProblem['problem'], detail: string) =>
    problems.push({ problem, request, status, detail });
  if (status >= 500) at('server_error', response.body.slice(0, 200));
  if (textTypes.test(contentType)) {
    const body = response.body;
    for (const [name, pattern] of [
      ['stack trace', stackTrace],
      ['file path', filePath],
      ['database text', databaseText],
      ['framework text', frameworkText],
    ] as const) {
      const match = pattern.exec(body);
      if (match) at('leak', `${name}: …${body.slice(Math.max(0, match.index - 60), match.index + 80)}…`);
    }
    if (status >= 200 && status < 300 && !request.url.startsWith('/api/public/')) {
      const foreign = uuidsIn(body).filter((id) => world.other.allIds.has(id.toLowerCase()));
      if (foreign.length > 0)
        at('other_partnership', `ids of partnership B in the answer: ${foreign.slice(0, 3).join(', ')}`);
    }
  }
  if (status >= 400) {
    const shape = errorShapeOf(response);
    if (shape) at('error_shape', shape);
  }
  return problems;
}

/** Why an error answer is not the one JSON error shape, or null when it is. */
function errorShapeOf(response: LightMyRequestResponse): string | null {
  if (!String(response.headers['content-type'] ?? '').startsWith('application/json'))
    return `content type ${response.headers['content-type']}`;
  try {
    const body = response.json() as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
      return `body ${response.body.slice(0, 100)}`;
    if (/^(?:errors|validation)\./.test(body.error.message)) return `untranslated ${body.error.message}`;
  } catch {
    return `not JSON: ${response.body.slice(0, 100)}`;
  }
  return null;
}

// ——— The run ———————————————————————————————————————————————————————————————————————

/** A problem as the run keeps it, with the SQLSTATE the log gave a 500. */
export type FoundProblem = FuzzProblem & { sqlState: string | null };

/** What a run saw: requests per status and kind, the problems, the backstop's firings, the time. */
export type FuzzReport = {
  requests: number;
  operations: number;
  byStatus: Map<number, number>;
  byKind: Map<string, number>;
  /** The first problems (at most `keptProblems`); `problemCount` counts them all. */
  problems: FoundProblem[];
  problemCount: number;
  /** Known gaps by operation, problem and SQLSTATE, with how often each was seen. */
  backstops: Array<{ request: FuzzRequest; sqlState: string | null }>;
  backstopCount: number;
  /** Milliseconds spent per operation, to see where a run's time goes. */
  timeByOperation: Map<string, number>;
  /** Requests that succeeded (2xx), at most a few per operation and user: the id sweep sends them again. */
  successes: FuzzRequest[];
  elapsedMs: number;
};

const keptProblems = 200;
// Successes kept per operation and user for the id sweep, and tries to find one where the mix had none.
const successesKept = 3;
const successTries = 12;

/**
 * Sends one part of the fuzz and judges every answer: the generated mix, the id sweep, or the
 * session-ending operations as the users.
 */
export async function runFuzz(
  world: FuzzWorld,
  log: FuzzLog,
  options: {
    seed: number;
    count: number;
    /**
     * `mix` (the default): `count` generated requests; `ids`: the id sweep over the successes in
     * `replay` (and, for a write with ids that had none, a few tries to find one); `finale`: the
     * session-ending operations as the users, last.
     */
    part?: 'mix' | 'ids' | 'finale';
    replay?: FuzzRequest[];
    onProgress?: (report: FuzzReport) => void;
  },
): Promise<FuzzReport> {
  const started = performance.now();
  const document = (await world.clients.anonymous.send({ method: 'GET', url: '/api/openapi.json' })).json();
  const operations = operationsOf(document);
  const generator = new RequestGenerator(world, options.seed);
  const report: FuzzReport = {
    requests: 0,
    operations: operations.length,
    byStatus: new Map(),
    byKind: new Map(),
    problems: [],
    problemCount: 0,
    backstops: [],
    backstopCount: 0,
    timeByOperation: new Map(),
    successes: [],
    elapsedMs: 0,
  };
  const successesPer = new Map<string, number>();
  const add = <Key>(map: Map<Key, number>, key: Key, amount = 1) =>
    map.set(key, (map.get(key) ?? 0) + amount);

  /** Sends one request, counts it, keeps it when it succeeded, and judges the answer. */
  const send = async (request: FuzzRequest): Promise<number> => {
    const sent = performance.now();
    const response = await world.clients[request.actor].send(request);
    add(report.timeByOperation, request.operation, performance.now() - sent);
    report.requests += 1;
    add(report.byStatus, response.statusCode);
    add(report.byKind, request.kind);
    const succeeded = response.statusCode >= 200 && response.statusCode < 300;
    if (succeeded && request.kind === 'valid' && request.actor !== 'anonymous') {
      const key = `${request.operation} ${request.actor}`;
      if ((successesPer.get(key) ?? 0) < successesKept) {
        add(successesPer, key);
        report.successes.push(request);
      }
    }
    const requestId = requestIdOf(response);
    const sqlState = requestId ? (log.failures.get(requestId)?.code ?? null) : null;
    if (requestId && log.backstops.has(requestId)) {
      report.backstopCount += 1;
      if (report.backstops.length < keptProblems)
        report.backstops.push({ request, sqlState: log.backstops.get(requestId) ?? null });
    }
    for (const problem of problemsOf(world, request, response)) {
      report.problemCount += 1;
      if (report.problems.length < keptProblems) report.problems.push({ ...problem, sqlState });
    }
    if (requestId) {
      log.failures.delete(requestId);
      log.backstops.delete(requestId);
    }
    if (options.onProgress && report.requests % 5000 === 0) {
      report.elapsedMs = performance.now() - started;
      options.onProgress(report);
    }
    return response.statusCode;
  };

  if (options.part === 'ids') {
    const successes = [...(options.replay ?? [])];
    // A write that carries ids and had no success in the mix gets a few tries to find one.
    for (const operation of operations.filter((entry) => entry.body && hasIdField(entry.body.schema)))
      for (const actor of (world.permitted.get(operation.name) ?? []).filter(
        (name) => name !== 'anonymous',
      )) {
        if (successes.some((entry) => entry.operation === operation.name && entry.actor === actor)) continue;
        for (let attempt = 0; attempt < successTries; attempt += 1) {
          const request = generator.request(operation, 'valid', actor, { everyProperty: true });
          const status = await send(request);
          if (status >= 200 && status < 300) {
            successes.push(request);
            break;
          }
        }
      }
    for (const request of generator.idSweep(successes)) await send(request);
  } else {
    const requests =
      options.part === 'finale'
        ? generator.finale(operations)
        : generator.requests(operations, options.count);
    for (const request of requests) await send(request);
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** Whether a body schema has a uuid field (other than an idempotency key) anywhere in it. */
function hasIdField(schema: JsonSchema, name = ''): boolean {
  if (schema.format === 'uuid') return name !== 'idempotencyKey';
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (branches.some((branch) => hasIdField(branch, name))) return true;
  if (schema.items && hasIdField(schema.items, name)) return true;
  return Object.entries(schema.properties ?? {}).some(([key, property]) => hasIdField(property, key));
}

function requestIdOf(response: LightMyRequestResponse): string | null {
  if (!String(response.headers['content-type'] ?? '').startsWith('application/json')) return null;
  try {
    return (response.json() as { error?: { requestId?: string } }).error?.requestId ?? null;
  } catch {
    return null;
  }
}

/** Several runs' reports as one (the bench adds the id sweep and the finale to the mix). */
export function mergeReports(reports: FuzzReport[]): FuzzReport {
  const sum = <Key>(maps: Array<Map<Key, number>>) => {
    const total = new Map<Key, number>();
    for (const map of maps) for (const [key, count] of map) total.set(key, (total.get(key) ?? 0) + count);
    return total;
  };
  return {
    requests: reports.reduce((total, report) => total + report.requests, 0),
    operations: Math.max(...reports.map((report) => report.operations)),
    byStatus: sum(reports.map((report) => report.byStatus)),
    byKind: sum(reports.map((report) => report.byKind)),
    problems: reports.flatMap((report) => report.problems).slice(0, keptProblems),
    problemCount: reports.reduce((total, report) => total + report.problemCount, 0),
    backstops: reports.flatMap((report) => report.backstops).slice(0, keptProblems),
    backstopCount: reports.reduce((total, report) => total + report.backstopCount, 0),
    timeByOperation: sum(reports.map((report) => report.timeByOperation)),
    successes: reports.flatMap((report) => report.successes),
    elapsedMs: reports.reduce((total, report) => total + report.elapsedMs, 0),
  };
}

/** The number of answers with a 5xx status. */
export function serverErrorsOf(report: FuzzReport): number {
  return [...report.byStatus].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
}

/** One problem on one line: what was sent, by whom, and what came back. */
export function describeProblem(entry: FoundProblem): string {
  const { request } = entry;
  return `${entry.problem} ${entry.status}${entry.sqlState ? ` (${entry.sqlState})` : ''}: ${request.method} ${request.url.slice(0, 160)} as ${request.actor}, ${request.kind}, body ${request.summary.slice(0, 200)} — ${entry.detail.slice(0, 200)}`;
}

/** The run as text: requests per status and kind, 5xx, the backstop's count, the first problems. */
export function formatReport(report: FuzzReport, shown = 15): string {
  const statuses = [...report.byStatus].sort(([a], [b]) => a - b);
  const kinds = [...report.byKind].sort(([a], [b]) => a.localeCompare(b));
  const seconds = report.elapsedMs / 1000;
  const lines = [
    `${report.requests} requests over ${report.operations} operations in ${seconds.toFixed(1)} s (${(report.requests / seconds).toFixed(0)} per second)`,
    `per status: ${statuses.map(([status, count]) => `${status} × ${count}`).join(', ')}`,
    `per kind: ${kinds.map(([kind, count]) => `${kind} × ${count}`).join(', ')}`,
    `5xx: ${serverErrorsOf(report)}`,
    `backstop (a data exception answered 400): ${report.backstopCount}`,
    `problems: ${report.problemCount}`,
    `slowest operations (total ms): ${[...report.timeByOperation]
      .sort(([, a], [, b]) => b - a)
      .slice(0, 6)
      .map(([operation, ms]) => `${operation} ${Math.round(ms)}`)
      .join(', ')}`,
  ];
  for (const entry of report.problems.slice(0, shown)) lines.push(`  ${describeProblem(entry)}`);
  for (const entry of report.backstops.slice(0, shown))
    lines.push(
      `  backstop (${entry.sqlState}): ${entry.request.method} ${entry.request.url.slice(0, 160)}, body ${entry.request.summary.slice(0, 200)}`,
    );
  return lines.join('\n');
}

/** Builds the harness and the world, for the test and the bench alike. */
export async function prepareFuzz(): Promise<{ world: FuzzWorld; log: FuzzLog }> {
  const { harness, log } = await createFuzzHarness();
  const world = await createFuzzWorld(harness);
  return { world, log };
}
