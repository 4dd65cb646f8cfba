import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { PublicTeam } from '../../../contracts/public.ts';
import type { TeamMemberDetail } from '../../../contracts/team.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

// A real 1×1 PNG.
const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const png = `data:image/png;base64,${pngBase64}`;

let harness: Harness;
let tenantId: string;
let slug: string;
let coordinator: TestClient;
let member: TestClient;
let memberId: string;
let colleagueId: string;

const putPhoto = (client: TestClient, userId: string, dataUrl: string) =>
  client.put(`/api/team/${userId}/photo`, { dataUrl });

function fieldCodes(body: string) {
  return (JSON.parse(body) as ErrorResponse).error.fields?.map((field) => [field.path, field.code]);
}

async function publicPhotoOf(userId: string) {
  const response = await harness.app.inject({ method: 'GET', url: `/api/public/${slug}/team` });
  expect(response.statusCode).toBe(200);
  return (response.json() as PublicTeam).members.find((entry) => entry.id === userId)?.photoDataUrl;
}

beforeAll(async () => {
  harness = await createHarness();
  tenantId = (await harness.createTenant(['school'])).tenantId;
  const [tenant] = await harness.database.queryAsOwner<{ slug: string }>(
    sql`select slug from tenants where id = ${tenantId}`,
  );
  slug = tenant?.slug ?? '';
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  const scientist = await harness.createUser(tenantId, [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  memberId = scientist.userId;
  await harness.updateUser(tenantId, memberId, { name: 'Anna de Gedragsdeskundige' });
  member = await harness.signedIn(scientist);
  colleagueId = (await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]))
    .userId;
});
afterAll(() => harness.close());

describe('team member photo', () => {
  it('R15: a member sets their own photo (a real PNG); the profile shows it and it is audited', async () => {
    const response = await putPhoto(member, memberId, png);
    expect(response.statusCode).toBe(204);
    const detail = (await member.get(`/api/team/${memberId}`)).json() as TeamMemberDetail;
    expect(detail.hasPhoto).toBe(true);
    expect(detail.photoDataUrl).toBe(png);
    expect(detail.publicProfile.showPhoto).toBe(false);
    const audit = await harness.database.queryAsOwner<{ event: string; details: unknown }>(
      sql`select event, details from audit_events where tenant_id = ${tenantId} and object_id = ${memberId}
          and event = 'team.public_profile_changed'`,
    );
    expect(audit).toEqual([{ event: 'team.public_profile_changed', details: { photo: 'set' } }]);
  });

  it('R15: refuses a text file labelled image/png, and a label other than JPEG, PNG or WebP', async () => {
    const text = Buffer.from('Dit is geen foto, maar tekst.').toString('base64');
    const labelled = await putPhoto(member, memberId, `data:image/png;base64,${text}`);
    expect(labelled.statusCode).toBe(400);
    expect(fieldCodes(labelled.body)).toEqual([['dataUrl', 'photo_type']]);
    // The PNG bytes under a JPEG label: the label must match the bytes.
    const mislabelled = await putPhoto(member, memberId, `data:image/jpeg;base64,${pngBase64}`);
    expect(fieldCodes(mislabelled.body)).toEqual([['dataUrl', 'photo_type']]);
    const gif = await putPhoto(member, memberId, `data:image/gif;base64,${pngBase64}`);
    expect(fieldCodes(gif.body)).toEqual([['dataUrl', 'photo_type']]);
    const message = (JSON.parse(labelled.body) as ErrorResponse).error.fields?.[0]?.message;
    expect(message).not.toBe('');
    // The earlier photo stays.
    expect(((await member.get(`/api/team/${memberId}`)).json() as TeamMemberDetail).photoDataUrl).toBe(png);
  });

  it('R15: refuses a photo over 200 KB, even when it is a real PNG', async () => {
    const large = Buffer.concat([Buffer.from(pngBase64, 'base64'), Buffer.alloc(200 * 1024)]);
    const response = await putPhoto(member, memberId, `data:image/png;base64,${large.toString('base64')}`);
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response.body)).toEqual([['dataUrl', 'photo_too_large']]);
    // Exactly 200 KB is still allowed.
    const limit = Buffer.concat([
      Buffer.from(pngBase64, 'base64'),
      Buffer.alloc(200 * 1024 - Buffer.from(pngBase64, 'base64').length),
    ]);
    expect(
      (await putPhoto(member, memberId, `data:image/png;base64,${limit.toString('base64')}`)).statusCode,
    ).toBe(204);
    expect((await putPhoto(member, memberId, png)).statusCode).toBe(204);
  });

  it("R15: a team member may not set or remove another member's photo (not found for them); a coordinator may", async () => {
    expect((await putPhoto(member, colleagueId, png)).statusCode).toBe(404);
    expect((await member.delete(`/api/team/${colleagueId}/photo`)).statusCode).toBe(404);
    expect((await putPhoto(coordinator, colleagueId, png)).statusCode).toBe(204);
    const detail = (await coordinator.get(`/api/team/${colleagueId}`)).json() as TeamMemberDetail;
    expect(detail.hasPhoto).toBe(true);
    expect((await coordinator.delete(`/api/team/${colleagueId}/photo`)).statusCode).toBe(204);
    const after = (await coordinator.get(`/api/team/${colleagueId}`)).json() as TeamMemberDetail;
    expect(after).toMatchObject({ hasPhoto: false, photoDataUrl: null });
  });

  it('R15: the public team page shows the photo only when the member chose showPhoto', async () => {
    expect(await publicPhotoOf(memberId)).toBeNull();
    const shown = await member.patch(`/api/team/${memberId}/public-profile`, { showPhoto: true });
    expect(shown.statusCode).toBe(200);
    expect(await publicPhotoOf(memberId)).toBe(png);
    await member.patch(`/api/team/${memberId}/public-profile`, { showPhoto: false });
    expect(await publicPhotoOf(memberId)).toBeNull();
    // Removing the photo while showPhoto is on leaves nothing to show.
    await member.patch(`/api/team/${memberId}/public-profile`, { showPhoto: true });
    expect((await member.delete(`/api/team/${memberId}/photo`)).statusCode).toBe(204);
    expect(await publicPhotoOf(memberId)).toBeNull();
  });
});
