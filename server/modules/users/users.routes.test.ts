import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { UserPage } from '../../../contracts/users.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

let harness: Harness;
let admin: TestClient;

const fieldPaths = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => field.path);

beforeAll(async () => {
  harness = await createHarness();
  const { tenantId, locationIds } = await harness.createTenant(['school']);
  const adminUser = await harness.createUser(tenantId, [{ role: 'functional_admin' }], {
    email: 'beheer@swv.test',
  });
  await harness.updateUser(tenantId, adminUser.userId, { name: 'Fenna Beheer' });
  admin = await harness.signedIn(adminUser);
  // Two users with one name: only the id tells them apart in the order.
  const people = [
    { name: 'Sanne de Vries', email: 'z.devries@school.test', status: 'active' as const },
    { name: 'Sanne de Vries', email: 'a.devries@school.test', status: 'invited' as const },
    { name: 'Ahmed Yilmaz', email: 'm.yilmaz@school.test', status: 'disabled' as const },
    { name: 'Lotte Bakker', email: 'b.bakker@school.test', status: 'active' as const },
  ];
  for (const person of people) {
    const { userId } = await harness.createUser(
      tenantId,
      [{ role: 'teacher', locationId: locationIds.school }],
      {
        email: person.email,
      },
    );
    await harness.updateUser(tenantId, userId, { name: person.name, status: person.status });
  }
});
afterAll(() => harness.close());

type Row = { id: string; name: string; email: string; status: string };

async function list(sort?: string): Promise<Row[]> {
  const response = await admin.get(
    `/api/users?pageSize=100${sort ? `&sort=${encodeURIComponent(sort)}` : ''}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as UserPage).items.map(({ id, name, email, status }) => ({
    id,
    name,
    email,
    status,
  }));
}

const byText = (value: (row: Row) => string) => (first: Row, second: Row) =>
  value(first) < value(second) ? -1 : value(first) > value(second) ? 1 : 0;

describe('the order of the user list (issue 16: a sortable list sorts on the server)', () => {
  it('lists by name unless asked otherwise; equal names by id; descending is the exact reverse', async () => {
    const byName = await list('name');
    expect(byName).toHaveLength(5);
    expect(byName).toEqual(
      [...byName].sort(
        (first, second) => byText((row) => row.name)(first, second) || byText((row) => row.id)(first, second),
      ),
    );
    expect(await list()).toEqual(byName);
    expect(await list('-name')).toEqual([...byName].reverse());
  });

  it('sorts by e-mail address and by status, status ties by name then id', async () => {
    const byEmail = await list('email');
    expect(byEmail.map((row) => row.email)).toEqual(byEmail.map((row) => row.email).sort());
    expect(await list('-email')).toEqual([...byEmail].reverse());
    const byStatus = await list('status');
    expect(byStatus).toEqual(
      [...byStatus].sort(
        (first, second) =>
          byText((row) => row.status)(first, second) ||
          byText((row) => row.name)(first, second) ||
          byText((row) => row.id)(first, second),
      ),
    );
    expect(byStatus.map((row) => row.status)).toEqual(['active', 'active', 'active', 'disabled', 'invited']);
    expect((await list('-status')).map((row) => row.status)).toEqual([
      'invited',
      'disabled',
      'active',
      'active',
      'active',
    ]);
  });

  it('refuses a sort key it does not know, naming the parameter', async () => {
    for (const sort of ['roles', 'name;drop', '-password', 'NAME']) {
      const response = await admin.get(`/api/users?sort=${encodeURIComponent(sort)}`);
      expect(response.statusCode, sort).toBe(400);
      expect(fieldPaths(response)).toEqual(['sort']);
    }
  });
});
