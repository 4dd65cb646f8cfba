import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicPrivacyStatement, PublicTeamMember } from '../../../contracts/public.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { expertiseTags, schoolTeamAssignments, teamMembers, teamMemberTags } from '../team/team.schema.ts';

let harness: Harness;
let own: { tenantId: string; slug: string; locationIds: Record<string, string> };
let other: { tenantId: string; slug: string; locationIds: Record<string, string> };
const userIds: Record<string, string> = {};
const photo = 'data:image/png;base64,iVBORw0KGgo=';

async function slugOf(tenantId: string) {
  const [row] = await harness.database.queryAsOwner<{ slug: string }>(
    sql`select slug from tenants where id = ${tenantId}`,
  );
  return row?.slug ?? '';
}

async function createNamedUser(
  tenantId: string,
  key: string,
  name: string,
  assignment: Parameters<Harness['createUser']>[1],
) {
  const user = await harness.createUser(tenantId, assignment);
  await harness.updateUser(tenantId, user.userId, { name });
  userIds[key] = user.userId;
  return user.userId;
}

function memberNamed(members: PublicTeamMember[], name: string) {
  return members.find((member) => member.name === name);
}

beforeAll(async () => {
  harness = await createHarness();
  // createTenant alternates sectors: even positions bo, odd positions vo.
  const ownTenant = await harness.createTenant([
    'primary',
    'secondary',
    'primary2',
    'homework',
    'primary3',
    'bare',
  ]);
  own = {
    ...ownTenant,
    slug: await slugOf(ownTenant.tenantId),
    locationIds: ownTenant.locationIds as Record<string, string>,
  };
  const otherTenant = await harness.createTenant(['foreignPrimary', 'foreignSecondary']);
  other = {
    ...otherTenant,
    slug: await slugOf(otherTenant.tenantId),
    locationIds: otherTenant.locationIds as Record<string, string>,
  };
  const ownId = own.tenantId;
  await createNamedUser(ownId, 'anna', 'Anna de Vries', [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  await createNamedUser(ownId, 'bram', 'Bram Jansen', [
    { role: 'team_member', teamRole: 'inclusion_adviser' },
  ]);
  await createNamedUser(ownId, 'carla', 'Carla Vertrokken', [
    { role: 'team_member', teamRole: 'inclusion_adviser' },
  ]);
  await createNamedUser(ownId, 'daan', 'Daan Koster', [
    { role: 'team_member', teamRole: 'inclusion_adviser' },
  ]);
  await createNamedUser(ownId, 'eva', 'Eva Coördinator', [{ role: 'coordinator' }]);
  await createNamedUser(other.tenantId, 'zoe', 'Zoë Anders', [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  const today = harness.clock.today();
  await harness.database.withTenant(ownId, async ({ db }) => {
    const tags = await db
      .insert(expertiseTags)
      .values([
        { tenantId: ownId, name: 'Autisme' },
        { tenantId: ownId, name: 'Groepsdynamica' },
      ])
      .returning({ id: expertiseTags.id, name: expertiseTags.name });
    const tagId = (name: string) => tags.find((tag) => tag.name === name)?.id ?? '';
    await db.insert(teamMembers).values([
      // Anna shows expertise and schools, but not her photo.
      { tenantId: ownId, userId: userIds.anna ?? '', photoDataUrl: photo, showPhoto: false },
      // Bram shows only his photo.
      {
        tenantId: ownId,
        userId: userIds.bram ?? '',
        showExpertise: false,
        showSchools: false,
        showPhoto: true,
        photoDataUrl: photo,
      },
      { tenantId: ownId, userId: userIds.carla ?? '', status: 'left', leftOn: '2024-07-31' },
    ]);
    await db.insert(teamMemberTags).values([
      { tenantId: ownId, userId: userIds.anna ?? '', tagId: tagId('Autisme') },
      { tenantId: ownId, userId: userIds.bram ?? '', tagId: tagId('Groepsdynamica') },
    ]);
    await db.insert(schoolTeamAssignments).values([
      {
        tenantId: ownId,
        locationId: own.locationIds.primary ?? '',
        userId: userIds.anna ?? '',
        teamRole: 'behavioural_scientist',
        isContact: true,
        validFrom: '2020-08-01',
      },
      {
        tenantId: ownId,
        locationId: own.locationIds.primary ?? '',
        userId: userIds.bram ?? '',
        teamRole: 'inclusion_adviser',
        isContact: false,
        validFrom: '2020-08-01',
      },
      // Daan served another school until today (exclusive end): no longer shown.
      {
        tenantId: ownId,
        locationId: own.locationIds.primary2 ?? '',
        userId: userIds.daan ?? '',
        teamRole: 'inclusion_adviser',
        isContact: true,
        validFrom: '2020-08-01',
        validTo: today,
      },
    ]);
    await db.insert(expertisePoints).values([
      {
        tenantId: ownId,
        locationId: own.locationIds.secondary ?? '',
        room: 'Lokaal 0.12',
        openingHours: 'Elke schooldag',
        publicDescription: 'Kom gerust langs.',
      },
      {
        tenantId: ownId,
        locationId: own.locationIds.homework ?? '',
        room: 'Lokaal 2.04',
        openingHours: 'Ma–vr',
        offersHomeworkSupport: true,
      },
    ]);
  });
  await harness.database.withTenant(other.tenantId, ({ db }) =>
    db.insert(expertisePoints).values({
      tenantId: other.tenantId,
      locationId: other.locationIds.foreignSecondary ?? '',
      room: 'Geheim lokaal',
      openingHours: 'Nooit',
    }),
  );
});
afterAll(() => harness.close());

describe('public team page', () => {
  it('R15: lists the active team members without a session, with name and team role', async () => {
    const response = await harness.client().get(`/api/public/${own.slug}/team`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { partnershipName: string; members: PublicTeamMember[] };
    expect(body.partnershipName).toMatch(/^SWV /);
    expect(body.members.map((member) => member.name)).toEqual([
      'Anna de Vries',
      'Bram Jansen',
      'Daan Koster',
    ]);
    expect(memberNamed(body.members, 'Bram Jansen')?.teamRole).toBe('inclusion_adviser');
  });

  it('R15: shows only what each member chose: Bram hides expertise and schools, Anna her photo', async () => {
    const response = await harness.client().get(`/api/public/${own.slug}/team`);
    const members = response.json().members as PublicTeamMember[];
    expect(memberNamed(members, 'Anna de Vries')).toMatchObject({
      expertise: ['Autisme'],
      schools: [{ name: 'School primary', place: 'Utrecht' }],
      photoDataUrl: null,
    });
    expect(memberNamed(members, 'Bram Jansen')).toMatchObject({
      expertise: null,
      schools: null,
      photoDataUrl: photo,
    });
    expect(response.body).not.toContain('Groepsdynamica');
    // No profile yet: expertise and schools show (none today), the photo does not.
    expect(memberNamed(members, 'Daan Koster')).toMatchObject({
      expertise: [],
      schools: [],
      photoDataUrl: null,
    });
  });

  it('R15: hides members who left and people who are not team members; never an e-mail address', async () => {
    const response = await harness.client().get(`/api/public/${own.slug}/team`);
    expect(response.body).not.toContain('Carla');
    expect(response.body).not.toContain('Eva');
    expect(response.body).not.toContain('@');
    expect(response.body).not.toContain('email');
  });

  it('P6: another partnership’s slug shows only that partnership; an unknown slug is not found', async () => {
    const response = await harness.client().get(`/api/public/${other.slug}/team`);
    expect(response.statusCode).toBe(200);
    expect(response.json().members.map((member: PublicTeamMember) => member.name)).toEqual(['Zoë Anders']);
    expect(response.body).not.toContain('Anna');
    expect((await harness.client().get('/api/public/bestaat-niet/team')).statusCode).toBe(404);
  });
});

describe('public expertise-point pages', () => {
  it('E10: lists the secondary locations with an expertise point, without a session', async () => {
    const response = await harness.client().get(`/api/public/${own.slug}/expertise-points`);
    expect(response.statusCode).toBe(200);
    expect(response.json().expertisePoints).toEqual([
      { locationId: own.locationIds.homework, name: 'School homework', place: 'Utrecht' },
      { locationId: own.locationIds.secondary, name: 'School secondary', place: 'Utrecht' },
    ]);
    expect(response.body).not.toContain('Geheim');
  });

  it('E4/E7/E8: every point offers the base offer and homework help; structuring and support only where offered', async () => {
    const plain = await harness
      .client()
      .get(`/api/public/${own.slug}/expertise-points/${own.locationIds.secondary}`);
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toMatchObject({
      name: 'School secondary',
      room: 'Lokaal 0.12',
      publicDescription: 'Kom gerust langs.',
    });
    expect(plain.json().offer).toContain('quiet_place');
    expect(plain.json().offer).toContain('homework_help');
    expect(plain.json().offer).not.toContain('homework_planning');
    expect(plain.json().offer).not.toContain('homework_support');
    const homework = await harness
      .client()
      .get(`/api/public/${own.slug}/expertise-points/${own.locationIds.homework}`);
    expect(homework.json().offer).toEqual(
      expect.arrayContaining(['quiet_place', 'homework_planning', 'homework_support']),
    );
  });

  it('E10/P6: 404 for a location without point, a primary school, or another partnership’s location', async () => {
    const status = async (slug: string, locationId: string | undefined) =>
      (await harness.client().get(`/api/public/${slug}/expertise-points/${locationId}`)).statusCode;
    expect(await status(own.slug, own.locationIds.bare)).toBe(404);
    expect(await status(own.slug, own.locationIds.primary)).toBe(404);
    expect(await status(own.slug, other.locationIds.foreignSecondary)).toBe(404);
    expect(await status(other.slug, own.locationIds.secondary)).toBe(404);
    expect(await status('bestaat-niet', own.locationIds.secondary)).toBe(404);
  });
});

describe('the privacy statement (issue 15, point 6)', () => {
  it('is public, per partnership, with the periods of its retention schedule and its privacy officer', async () => {
    const officer = await createNamedUser(own.tenantId, 'officer', 'Fatima Privacy', [
      { role: 'privacy_officer' },
    ]);
    const ended = await createNamedUser(own.tenantId, 'oldOfficer', 'Oud Privacy', [
      { role: 'privacy_officer' },
    ]);
    await harness.updateUser(own.tenantId, ended, { status: 'disabled' });
    await harness.database.queryAsOwner(
      sql`insert into retention_periods (tenant_id, kind, amount, updated_by_user_id)
          values (${own.tenantId}, 'trajectory', 36, ${officer})`,
    );
    const response = await harness.client().get(`/api/public/${own.slug}/privacy-statement`);
    expect(response.statusCode).toBe(200);
    const statement = response.json() as PublicPrivacyStatement;
    const [tenant] = await harness.database.queryAsOwner<{ name: string }>(
      sql`select name from tenants where id = ${own.tenantId}`,
    );
    expect(statement.partnershipName).toBe(tenant?.name);
    expect(statement.retention).toEqual(
      expect.arrayContaining([
        { kind: 'request_file', amount: 24, unit: 'months' },
        { kind: 'trajectory', amount: 36, unit: 'months' },
        { kind: 'audit_event', amount: 60, unit: 'months' },
        { kind: 'mail_and_link', amount: 30, unit: 'days' },
      ]),
    );
    expect(statement.privacyOfficers.map((person) => person.name)).toEqual(['Fatima Privacy']);
    // The other partnership has its own statement: the standard periods, nobody of this one.
    const foreign = (await harness.client().get(`/api/public/${other.slug}/privacy-statement`)).json();
    expect(foreign.retention).toContainEqual({ kind: 'trajectory', amount: 24, unit: 'months' });
    expect(JSON.stringify(foreign)).not.toContain('Fatima');
  });

  it('answers 404 for a partnership that does not exist', async () => {
    expect((await harness.client().get('/api/public/bestaat-niet/privacy-statement')).statusCode).toBe(404);
  });
});
