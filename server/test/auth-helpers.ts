import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { type Harness, TestClient, testPassword } from './harness.ts';

let addressCounter = 0;

/** A client address no other client in this test process has used (the auth routes rate-limit per address). */
export function freshAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** A browser-like client whose requests come from one client address (own rate-limit bucket). */
export function clientAt(harness: Harness, remoteAddress: string = freshAddress()): TestClient {
  const app = {
    inject: (options: Record<string, unknown>) => harness.app.inject({ ...options, remoteAddress }),
  } as unknown as Harness['app'];
  return new TestClient(app);
}

/** A TOTP code for now, or for a later time step (`stepsAhead`, within the server's one-step drift). */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** Signs in with password and TOTP from a fresh address; `stepsAhead: 1` allows a second sign-in in one step. */
export async function signInFully(
  harness: Harness,
  user: { email: string; secret: string },
  options: { stepsAhead?: number; password?: string; address?: string } = {},
): Promise<TestClient> {
  const client = clientAt(harness, options.address);
  const first = await client.post('/api/auth/sign-in', {
    email: user.email,
    password: options.password ?? testPassword,
  });
  if (first.statusCode !== 200) throw new Error(`sign-in failed: ${first.body}`);
  const second = await client.post('/api/auth/mfa/verify', {
    code: await totpCode(user.secret, options.stepsAhead ?? 0),
  });
  if (second.statusCode !== 200) throw new Error(`mfa failed: ${second.body}`);
  return client;
}

/** A client that presents a given session token (and nothing else but a CSRF cookie). */
export function clientWithToken(harness: Harness, token: string): TestClient {
  const client = clientAt(harness);
  client.cookies.set('passend_session', token);
  return client;
}

export type AuditRow = {
  event: string;
  actor_user_id: string | null;
  object_type: string | null;
  object_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: unknown;
  full_row: string;
};

/** The audit events about or by a user, oldest first, read as the owner (past row-level security). */
export function auditOf(harness: Harness, userId: string): Promise<AuditRow[]> {
  return harness.database.queryAsOwner<AuditRow>(sql`
    select a.event, a.actor_user_id::text as actor_user_id, a.object_type, a.object_id, a.request_id,
      a.ip, a.details, row_to_json(a)::text as full_row
    from audit_events a
    where a.actor_user_id = ${userId} or a.object_id = ${userId}
    order by a.id`);
}

/** The token after `#token=` in a mail's text. */
export function tokenFromMail(text: string | undefined, pathBeforeHash: string): string {
  const match = new RegExp(`${pathBeforeHash.replace(/[/]/g, '\\/')}#token=([A-Za-z0-9._-]+)`).exec(
    text ?? '',
  );
  if (!match?.[1]) throw new Error(`no ${pathBeforeHash} link in mail: ${text}`);
  return match[1];
}

/** Parses the JSON body of a response. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
export function json<T = any>(response: { body: string }): T {
  return JSON.parse(response.body) as T;
}
