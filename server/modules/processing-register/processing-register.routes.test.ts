import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessingRegister } from '../../../contracts/processing-register.ts';
import type { Role } from '../../../contracts/roles.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

let harness: Harness;
let tenantId: string;
const clients = new Map<Role, TestClient>();
let officerId: string;

beforeAll(async () => {
  harness = await createHarness();
  ({ tenantId } = await harness.createTenant(['a']));
  for (const role of ['privacy_officer', 'coordinator', 'functional_admin', 'team_member'] as const) {
    const user = await harness.createUser(tenantId, [{ role }]);
    if (role === 'privacy_officer') officerId = user.userId;
    clients.set(role, await harness.signedIn(user));
  }
});
afterAll(() => harness.close());

function client(role: Role): TestClient {
  return clients.get(role) as TestClient;
}

describe('the processing register (issue 15, point 5)', () => {
  it('is read by the privacy officer, the staff office and the functional admin, nobody else', async () => {
    for (const role of ['privacy_officer', 'coordinator', 'functional_admin'] as const)
      expect((await client(role).get('/api/processing-register')).statusCode, role).toBe(200);
    expect((await client('team_member').get('/api/processing-register')).statusCode).toBe(403);
  });

  it('P4: tells the retention period the partnership chose, and follows a change of it', async () => {
    const before = (
      await client('privacy_officer').get('/api/processing-register')
    ).json() as ProcessingRegister;
    const file = () => before.entries.find((entry) => entry.id === 'request_file');
    expect(file()?.retention.kinds).toContainEqual({ kind: 'request_file', amount: 24, unit: 'months' });
    await harness.database.queryAsOwner(
      sql`insert into retention_periods (tenant_id, kind, amount, updated_by_user_id)
          values (${tenantId}, 'request_file', 36, ${officerId})`,
    );
    const after = (
      await client('privacy_officer').get('/api/processing-register')
    ).json() as ProcessingRegister;
    const changed = after.entries.find((entry) => entry.id === 'request_file');
    expect(changed?.retention.kinds).toContainEqual({ kind: 'request_file', amount: 36, unit: 'months' });
    expect(changed?.retention.text).toContain('36 maanden');
    expect(after.entries.find((entry) => entry.id === 'trajectory')?.retention.text).toContain('24 maanden');
  });

  it('names the partnership and says where the data is stored', async () => {
    const register = (
      await client('coordinator').get('/api/processing-register')
    ).json() as ProcessingRegister;
    const [tenant] = await harness.database.queryAsOwner<{ name: string }>(
      sql`select name from tenants where id = ${tenantId}`,
    );
    expect(register.partnershipName).toBe(tenant?.name);
    expect(register.entries.every((entry) => entry.storage.includes('PostgreSQL'))).toBe(true);
    expect(register.entries.find((entry) => entry.id === 'audit_trail')?.tables).toEqual(['audit_events']);
  });

  it('gives the register as a PDF, in Dutch and in English', async () => {
    const response = await client('privacy_officer').get('/api/processing-register/pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/pdf');
    expect(String(response.headers['content-disposition'])).toContain('verwerkingsregister.pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await client('team_member').get('/api/processing-register/pdf')).statusCode).toBe(403);

    expect((await client('functional_admin').patch('/api/account', { locale: 'en' })).statusCode).toBe(204);
    const english = (
      await client('functional_admin').get('/api/processing-register')
    ).json() as ProcessingRegister;
    expect(english.entries.find((entry) => entry.id === 'request_file')?.name).toBe(
      'File of a support request',
    );
  });
});
