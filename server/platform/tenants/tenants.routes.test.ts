import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import { createTenant } from './tenants.service.ts';

let harness: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

describe('partnerships (CLI create-tenant)', () => {
  it('creates a partnership whose first functional admin is invited by mail', async () => {
    const created = await createTenant(harness.database, harness.services.auth, {
      name: 'SWV Eem en Gelderse Vallei',
      slug: 'eem-vallei',
      adminEmail: 'Beheer@Eem-Vallei.test',
      adminName: 'Karin Post',
    });
    expect(created.invitationLink).toMatch(/^http:\/\/localhost:3000\/uitnodiging#token=/);
    const mail = await smtp.waitForMail('beheer@eem-vallei.test');
    expect(mail.text).toContain(created.invitationLink);
    expect(mail.subject).not.toContain('Karin');
    const rows = await harness.database.withTenant(created.tenantId, ({ db }) =>
      queryRows(db, sql`select u.status, r.role from users u join role_assignments r on r.user_id = u.id`),
    );
    expect(rows).toEqual([{ status: 'invited', role: 'functional_admin' }]);
    const audit = await harness.database.queryAsOwner<{ event: string }>(
      sql`select event from audit_events where tenant_id = ${created.tenantId}`,
    );
    expect(audit.map((row) => row.event)).toContain('tenant.created');
  });

  it('refuses a malformed slug or e-mail address and a slug in use, writing nothing', async () => {
    const base = { name: 'SWV Test', slug: 'test-swv', adminEmail: 'a@b.test', adminName: 'A' };
    await expect(
      createTenant(harness.database, harness.services.auth, { ...base, slug: 'Met Spaties' }),
    ).rejects.toThrow();
    await expect(
      createTenant(harness.database, harness.services.auth, { ...base, adminEmail: 'geen-adres' }),
    ).rejects.toThrow();
    await expect(
      createTenant(harness.database, harness.services.auth, { ...base, slug: 'eem-vallei' }),
    ).rejects.toThrow();
    const [row] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from users where email = 'a@b.test'`,
    );
    expect(Number(row?.n)).toBe(0);
  });
});
