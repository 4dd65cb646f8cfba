import { and, eq, sql } from 'drizzle-orm';
import type { Role, TeamRole } from '../../contracts/roles.ts';
import type { AppServices } from '../app.ts';
import type { Config } from '../config.ts';
import { type DatabaseClient, queryRows } from '../db/client.ts';
import { serverModules } from '../modules/index.ts';
import { locations } from '../modules/schools/schools.schema.ts';
import { roleAssignments, users } from '../platform/auth/auth.schema.ts';
import {
  createTotpSecret,
  decryptSecret,
  deriveKeys,
  encryptSecret,
  hashPassword,
} from '../platform/auth/credentials.ts';
import { tenants } from '../platform/tenants/tenants.schema.ts';
import { createTenant } from '../platform/tenants/tenants.service.ts';
import { seedDemoOrganisation } from './demo-organisation.ts';

/** The one password of every demo account (fictional data only). */
export const demoPassword = 'Passend-demo-2026';

type DemoLocation = {
  key: string;
  name: string;
  brin: string;
  locationCode: string;
  sector: 'bo' | 'sbo' | 'vo' | 'vso';
  place: string;
};

const demoLocations: DemoLocation[] = [
  {
    key: 'regenboog',
    name: 'OBS De Regenboog',
    brin: '27XA',
    locationCode: '00',
    sector: 'bo',
    place: 'Veenendaal',
  },
  { key: 'kompas', name: 'CBS Het Kompas', brin: '14QR', locationCode: '00', sector: 'bo', place: 'Rhenen' },
  {
    key: 'wilgen',
    name: 'Daltonschool De Wilgen',
    brin: '09KL',
    locationCode: '01',
    sector: 'bo',
    place: 'Wageningen',
  },
  { key: 'wissel', name: 'SBO De Wissel', brin: '31ZD', locationCode: '00', sector: 'sbo', place: 'Ede' },
  {
    key: 'rijnstroom',
    name: 'Rijnstroom College',
    brin: '20VB',
    locationCode: '00',
    sector: 'vo',
    place: 'Rhenen',
  },
  {
    key: 'dijkgraaf',
    name: 'Vallei Lyceum, locatie Dijkgraaf',
    brin: '18MN',
    locationCode: '02',
    sector: 'vo',
    place: 'Wageningen',
  },
  { key: 'kaap', name: 'VSO De Kaap', brin: '05HT', locationCode: '00', sector: 'vso', place: 'Ede' },
];

type DemoUser = { email: string; name: string; role: Role; teamRole?: TeamRole; location?: string };

/** One account per role; the README lists them. */
export const demoUsers: DemoUser[] = [
  { email: 'beheer@demo.passend.test', name: 'Hans Meijer', role: 'functional_admin' },
  { email: 'stafbureau@demo.passend.test', name: 'Marieke de Vries', role: 'coordinator' },
  { email: 'privacy@demo.passend.test', name: 'Ingrid Smits', role: 'privacy_officer' },
  {
    email: 'gedragswetenschapper@demo.passend.test',
    name: 'Jeroen Bakker',
    role: 'team_member',
    teamRole: 'behavioural_scientist',
  },
  {
    email: 'begeleider@demo.passend.test',
    name: 'Fatima el Amrani',
    role: 'team_member',
    teamRole: 'inclusion_adviser',
  },
  {
    email: 'ib@demo.passend.test',
    name: 'Annelies Visser',
    role: 'internal_coordinator',
    location: 'regenboog',
  },
  { email: 'directie@demo.passend.test', name: 'Peter Jansen', role: 'director', location: 'regenboog' },
  { email: 'leerkracht@demo.passend.test', name: 'Sanne Mulder', role: 'teacher', location: 'regenboog' },
  {
    email: 'zorgcoordinator@demo.passend.test',
    name: 'Ruud Smit',
    role: 'care_coordinator',
    location: 'rijnstroom',
  },
  {
    email: 'teamleider@demo.passend.test',
    name: 'Esther van Dijk',
    role: 'team_leader',
    location: 'rijnstroom',
  },
  { email: 'mentor@demo.passend.test', name: 'Bram Hendriks', role: 'mentor', location: 'rijnstroom' },
  { email: 'docent@demo.passend.test', name: 'Kees van Vliet', role: 'teacher', location: 'rijnstroom' },
  {
    email: 'docentvso@demo.passend.test',
    name: 'Lotte de Boer',
    role: 'vso_teacher',
    location: 'rijnstroom',
  },
];

/** Demo data by default on the embedded database only; on a server only when SEED_DEMO asks for it. */
export function shouldSeedDemo(config: Pick<Config, 'seedDemo' | 'database'>): boolean {
  return config.seedDemo ?? config.database.kind === 'pglite';
}

/**
 * Seeds the demo partnership when the database holds no partnership at all. Returns what to print
 * (accounts and their TOTP secrets), or null when nothing was seeded.
 */
export async function seedDemoIfEmpty(database: DatabaseClient, services: AppServices, config: Config) {
  const [existing] = await database.withoutTenant(({ db }) =>
    queryRows<{ any: boolean }>(db, sql`select exists(select 1 from passend_tenant_ids()) as any`),
  );
  if (existing?.any) return null;
  const { secrets } = await seedDemoPartnership(database, services, config, {
    name: 'Samenwerkingsverband Passend Onderwijs Vallei en Rijn (demo)',
    slug: 'demo',
  });
  return describeDemoAccounts(secrets);
}

/**
 * Seeds one demo partnership with every demo account and the demo data of every module; returns its
 * id and the accounts' TOTP secrets. The fuzz test seeds two (renaming the first one's addresses).
 */
export async function seedDemoPartnership(
  database: DatabaseClient,
  services: AppServices,
  config: Config,
  partnership: { name: string; slug: string },
): Promise<{ tenantId: string; secrets: Array<{ email: string; secret: string }> }> {
  const keys = deriveKeys(config.secret);
  const admin = demoUsers[0] as DemoUser;
  const { tenantId, adminId } = await createTenant(
    database,
    services.auth,
    { ...partnership, adminEmail: admin.email, adminName: admin.name, isDemo: true },
    { invite: false },
  );
  const passwordHash = await hashPassword(demoPassword);
  const secrets: Array<{ email: string; secret: string }> = [];
  await database.withTenant(tenantId, async (transaction) => {
    const { db } = transaction;
    const teamUserIds: Record<TeamRole, string[]> = { behavioural_scientist: [], inclusion_adviser: [] };
    const inserted = await db
      .insert(locations)
      .values(demoLocations.map(({ key: _key, ...location }) => ({ tenantId, ...location })))
      .returning({ id: locations.id, brin: locations.brin });
    const locationIdOf = (key: string | undefined) => {
      const brin = demoLocations.find((location) => location.key === key)?.brin;
      return inserted.find((row) => row.brin === brin)?.id ?? null;
    };
    for (const demoUser of demoUsers) {
      const { secret } = createTotpSecret(demoUser.email);
      secrets.push({ email: demoUser.email, secret });
      const enrolled = {
        status: 'active' as const,
        passwordHash,
        totpSecret: encryptSecret(keys, secret),
        mfaEnrolledAt: new Date(),
      };
      if (demoUser === admin) {
        await db.update(users).set(enrolled).where(eq(users.id, adminId));
        continue;
      }
      const [user] = await db
        .insert(users)
        .values({ tenantId, email: demoUser.email, name: demoUser.name, ...enrolled })
        .returning({ id: users.id });
      if (!user) throw new Error('insert returned nothing');
      await db.insert(roleAssignments).values({
        tenantId,
        userId: user.id,
        role: demoUser.role,
        teamRole: demoUser.teamRole ?? null,
        locationId: locationIdOf(demoUser.location),
      });
      if (demoUser.teamRole) teamUserIds[demoUser.teamRole].push(user.id);
    }
    await seedDemoOrganisation(transaction, { tenantId, passwordHash, teamUserIds });
    // Then each module's demo data, in the order the composition lists the modules.
    for (const module of serverModules)
      await module.demo?.(transaction, { tenantId, clock: services.kernel.clock });
  });
  return { tenantId, secrets };
}

/** The demo accounts with their TOTP secrets and current codes (`npm run passend -- demo-codes`). */
export async function readDemoSecrets(database: DatabaseClient, config: Config) {
  const keys = deriveKeys(config.secret);
  const [demo] = await database.withoutTenant(({ db }) =>
    queryRows<{ id: string | null }>(db, sql`select passend_demo_tenant() as id`),
  );
  const tenantId = demo?.id;
  if (!tenantId) return [];
  return database.withTenant(tenantId, async ({ db }) => {
    const [tenant] = await db.select({ isDemo: tenants.isDemo }).from(tenants);
    if (!tenant?.isDemo) return [];
    const rows = await db
      .select({ email: users.email, totpSecret: users.totpSecret })
      .from(users)
      .where(and(sql`${users.totpSecret} is not null`));
    return rows.map((row) => ({ email: row.email, secret: decryptSecret(keys, row.totpSecret as string) }));
  });
}

/** A printable table of demo accounts. */
export function describeDemoAccounts(secrets: Array<{ email: string; secret: string }>): string {
  const lines = secrets.map(({ email, secret }) => `  ${email.padEnd(40)} ${secret}`);
  return [
    'Demo data created (fictional). Every demo account has the password:',
    `  ${demoPassword}`,
    'TOTP secrets (add one to an authenticator app, or run `npm run passend -- demo-codes` for current codes):',
    ...lines,
  ].join('\n');
}
