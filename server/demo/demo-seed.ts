import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Role, TeamRole } from '../../contracts/roles.ts';
import type { AppServices } from '../app.ts';
import type { Config } from '../config.ts';
import { type DatabaseClient, isUniqueViolation, queryRows } from '../db/client.ts';
import { serverModules } from '../modules/index.ts';
import { locations, schoolBoards } from '../modules/schools/schools.schema.ts';
import { roleAssignments, users } from '../platform/auth/auth.schema.ts';
import {
  createTotpSecret,
  decryptSecret,
  deriveKeys,
  encryptSecret,
  hashPassword,
} from '../platform/auth/credentials.ts';
import { tenants } from '../platform/tenants/tenants.schema.ts';
import { addTenant } from '../platform/tenants/tenants.service.ts';
import { seedDemoMyWork } from './demo-my-work.ts';
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

type DemoUser = {
  email: string;
  name: string;
  role: Role;
  teamRole?: TeamRole;
  location?: string;
  /** The code of the school board the role is held for (the boards come with the organisation). */
  board?: string;
};

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
  // The board of OBS De Regenboog and Daltonschool De Wilgen, among others.
  { email: 'bestuur@demo.passend.test', name: 'Willemijn van Straaten', role: 'board', board: '41801' },
];

/** Demo data by default on the embedded database only; on a server only when SEED_DEMO asks for it. */
export function shouldSeedDemo(config: Pick<Config, 'seedDemo' | 'database'>): boolean {
  return config.seedDemo ?? config.database.kind === 'pglite';
}

/** A demo account's address and TOTP secret. */
export type DemoAccount = { email: string; secret: string };

/** Options of the seed. */
export type DemoSeedOptions = {
  /** Called once, just before seeding starts (a first start says what takes a moment). */
  beforeSeeding?: () => void;
  /**
   * Called after each step of the seed (`accounts`, `organisation`, then each module's name) inside
   * its one transaction. Tests throw here to prove that an interrupted seed leaves nothing behind.
   */
  afterStep?: (step: string) => void | Promise<void>;
};

/**
 * Seeds the demo partnership when the database holds no partnership at all, all of it in one
 * transaction: a start stopped at any moment leaves no demo, and the next start seeds it again.
 * Returns the accounts and their TOTP secrets, or null when nothing was seeded.
 */
export async function seedDemoIfEmpty(
  database: DatabaseClient,
  services: AppServices,
  config: Config,
  options: DemoSeedOptions = {},
): Promise<DemoAccount[] | null> {
  const [existing] = await database.withoutTenant(({ db }) =>
    queryRows<{ any: boolean }>(db, sql`select exists(select 1 from passend_tenant_ids()) as any`),
  );
  if (existing?.any) return null;
  options.beforeSeeding?.();
  try {
    const { secrets } = await seedDemoPartnership(
      database,
      services,
      config,
      { name: 'Samenwerkingsverband Passend Onderwijs Vallei en Rijn (demo)', slug: 'demo' },
      options,
    );
    return secrets;
  } catch (error) {
    // Another instance on the same server seeded it first (its slug is taken): the demo is there.
    if (isUniqueViolation(error, 'tenants_slug_unique')) return null;
    throw error;
  }
}

/**
 * Seeds one demo partnership with every demo account and the demo data of every module, in one
 * transaction; returns its id and the accounts' TOTP secrets. The fuzz test seeds two (renaming the
 * first one's addresses).
 */
export async function seedDemoPartnership(
  database: DatabaseClient,
  services: AppServices,
  config: Config,
  partnership: { name: string; slug: string },
  options: Pick<DemoSeedOptions, 'afterStep'> = {},
): Promise<{ tenantId: string; secrets: DemoAccount[] }> {
  const keys = deriveKeys(config.secret);
  const admin = demoUsers[0] as DemoUser;
  // Hashed before the transaction: argon2 takes a while and holds nothing.
  const passwordHash = await hashPassword(demoPassword);
  const secrets: DemoAccount[] = [];
  const afterStep = options.afterStep ?? (() => {});
  const tenantId = await database.withTenant(crypto.randomUUID(), async (transaction) => {
    const { db } = transaction;
    const { tenantId, adminId } = await addTenant(
      transaction,
      services.auth,
      { ...partnership, adminEmail: admin.email, adminName: admin.name, isDemo: true },
      { invite: false },
    );
    const teamUserIds: Record<TeamRole, string[]> = { behavioural_scientist: [], inclusion_adviser: [] };
    const boardUsers: Array<{ userId: string; board: string }> = [];
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
      if (demoUser.board) {
        boardUsers.push({ userId: user.id, board: demoUser.board });
        continue;
      }
      await db.insert(roleAssignments).values({
        tenantId,
        userId: user.id,
        role: demoUser.role,
        teamRole: demoUser.teamRole ?? null,
        locationId: locationIdOf(demoUser.location),
      });
      if (demoUser.teamRole) teamUserIds[demoUser.teamRole].push(user.id);
    }
    await afterStep('accounts');
    await seedDemoOrganisation(transaction, { tenantId, passwordHash, teamUserIds });
    // A board role names its school board, which exists only now.
    for (const { userId, board } of boardUsers) {
      const [row] = await db
        .select({ id: schoolBoards.id })
        .from(schoolBoards)
        .where(eq(schoolBoards.code, board));
      if (!row) throw new Error('demo school board missing');
      await db.insert(roleAssignments).values({ tenantId, userId, role: 'board', boardId: row.id });
    }
    await afterStep('organisation');
    // Then each module's demo data, in the order the composition lists the modules.
    for (const module of serverModules) {
      if (!module.demo) continue;
      await module.demo(transaction, { tenantId, clock: services.kernel.clock });
      await afterStep(module.name);
    }
    await seedDemoMyWork(transaction, tenantId, services.kernel.clock);
    await afterStep('my-work');
    return tenantId;
  });
  return { tenantId, secrets };
}

/** The demo accounts with their TOTP secrets (none when the database holds no demo partnership). */
export async function readDemoSecrets(database: DatabaseClient, config: Config): Promise<DemoAccount[]> {
  const keys = deriveKeys(config.secret);
  const [demo] = await database.withoutTenant(({ db }) =>
    queryRows<{ id: string | null }>(db, sql`select passend_demo_tenant() as id`),
  );
  const tenantId = demo?.id;
  if (!tenantId) return [];
  const accounts = await database.withTenant(tenantId, async ({ db }) => {
    const [tenant] = await db.select({ isDemo: tenants.isDemo }).from(tenants);
    if (!tenant?.isDemo) return [];
    const rows = await db
      .select({ email: users.email, totpSecret: users.totpSecret })
      .from(users)
      .where(and(sql`${users.totpSecret} is not null`));
    return rows.map((row) => ({ email: row.email, secret: decryptSecret(keys, row.totpSecret as string) }));
  });
  // In the order of the README's table (one account per role), then any added in the app.
  const rank = (email: string) => {
    const index = demoUsers.findIndex((user) => user.email === email);
    return index === -1 ? demoUsers.length : index;
  };
  return accounts.sort((a, b) => rank(a.email) - rank(b.email) || a.email.localeCompare(b.email));
}

/** Where a running Passend keeps the demo accounts for `npm run passend -- demo-codes` (embedded only). */
export function demoAccountsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-accounts.json');
}

/**
 * Writes the demo accounts and their TOTP secrets into the embedded database's data directory (only the
 * owner may read it), so that `demo-codes` works while Passend holds the database; without a demo
 * the file is removed. Written whole or not at all (a new file renamed over the old one).
 */
export function writeDemoAccountsFile(dataDir: string, accounts: DemoAccount[]): void {
  const file = demoAccountsFile(dataDir);
  if (accounts.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  const fresh = `${file}.${process.pid}.new`;
  writeFileSync(fresh, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(fresh, 0o600);
  renameSync(fresh, file);
}

/** The demo accounts a running Passend wrote into its data directory, or null when there is no such file. */
export function readDemoAccountsFile(dataDir: string): DemoAccount[] | null {
  const file = demoAccountsFile(dataDir);
  if (!existsSync(file)) return null;
  const { accounts } = JSON.parse(readFileSync(file, 'utf8')) as { accounts: DemoAccount[] };
  return accounts;
}

/** The start banner of the demo: where it runs, the password, and each account's TOTP secret. */
export function describeDemoAccounts(accounts: DemoAccount[], baseUrl: string): string {
  const lines = accounts.map(({ email, secret }) => `  ${email.padEnd(40)} ${secret}`);
  return [
    `Passend runs with the demo partnership (fictional data) at ${baseUrl}`,
    'Every demo account has the password:',
    `  ${demoPassword}`,
    'TOTP secrets (add one to an authenticator app, or run `npm run passend -- demo-codes` for the current codes):',
    ...lines,
  ].join('\n');
}
