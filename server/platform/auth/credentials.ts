import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';

/** Keys derived from the one persistent secret; each purpose gets its own key. */
export type Keys = { tokenKey: Buffer; totpKey: Buffer };

/** Derives the keys for token hashing and TOTP-secret encryption from SESSION_SECRET. */
export function deriveKeys(secret: string): Keys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'passend', purpose, 32));
  return { tokenKey: derive('tokens'), totpKey: derive('totp') };
}

// Argon2id with OWASP's second recommended setting (19 MiB, 2 passes).
const argon2Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const dummyHash = argon2Hash('passend-timing-equaliser', argon2Options);

export const minimumPasswordLength = 12;

const localCommonPasswords = [
  'wachtwoord123',
  'wachtwoord1234',
  'welkom123456',
  'welkomwelkom',
  'passendonderwijs',
  'passend123456',
  'zomer2026zomer',
  'voetbal123456',
];
const commonPasswords = new Set([...dictionary['passwords-common'], ...localCommonPasswords]);

/** Returns the rule a new password breaks, or null when it is acceptable. */
export function findPasswordProblem(password: string): 'too_short' | 'password_too_common' | null {
  if ([...password].length < minimumPasswordLength) return 'too_short';
  const normalised = password.toLowerCase();
  if (
    commonPasswords.has(normalised) ||
    /^(.)\1+$/.test(normalised) ||
    /^(0123456789|1234567890)+/.test(normalised)
  )
    return 'password_too_common';
  return null;
}

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, argon2Options);
}

/**
 * Verifies a password; without a stored hash it still spends the same time, so unknown and known
 * accounts cannot be told apart by timing.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await argon2Verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2Verify(storedHash, password).catch(() => false);
}

/** A random single-use token that names its partnership, so lookup needs no cross-tenant query. */
export function createToken(keys: Keys, tenantId: string): { token: string; hash: string } {
  const token = `${tenantId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(keys, token) };
}

/** The partnership and stored hash of a presented token, or null when it is malformed. */
export function parseToken(keys: Keys, token: string | undefined): { tenantId: string; hash: string } | null {
  if (!token) return null;
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/i.exec(
    token,
  );
  if (!match?.[1]) return null;
  return { tenantId: match[1].toLowerCase(), hash: hashToken(keys, token) };
}

/** HMAC of a token: the database never holds a usable token. */
export function hashToken(keys: Keys, token: string): string {
  return createHmac('sha256', keys.tokenKey).update(token).digest('base64url');
}

/** A new TOTP secret (base32) with its otpauth:// URI for authenticator apps. */
export function createTotpSecret(accountLabel: string): { secret: string; uri: string } {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: 'Passend', label: accountLabel, secret }) };
}

/**
 * What a typed TOTP code turned out to be: right (with its time step), right but of a time step that
 * was already used (a replay), or wrong.
 */
export type TotpCheck = { outcome: 'valid'; step: number } | { outcome: 'replayed' } | { outcome: 'wrong' };

/**
 * Checks a TOTP code, allowing one period of clock drift. A right code of a time step at or before
 * `lastUsedStep` is a replay: refused, but told apart from a wrong code, since whoever typed it already
 * knows it was right and only needs to wait for the next one.
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastUsedStep: number | null,
): Promise<TotpCheck> {
  try {
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
    if (!result.valid || !('timeStep' in result)) return { outcome: 'wrong' };
    if (lastUsedStep !== null && result.timeStep <= lastUsedStep) return { outcome: 'replayed' };
    return { outcome: 'valid', step: result.timeStep };
  } catch {
    return { outcome: 'wrong' };
  }
}

/** Encrypts a TOTP secret for storage (AES-256-GCM). */
export function encryptSecret(keys: Keys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.totpKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/** Decrypts a stored TOTP secret. */
export function decryptSecret(keys: Keys, stored: string): string {
  const [iv, tag, body] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed secret');
  const decipher = createDecipheriv('aes-256-gcm', keys.totpKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

// No 0/o, 1/l/i: the codes are copied by hand from paper.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten one-time recovery codes like `k7mp-x2qa-9dtr`. */
export function createRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const characters = Array.from({ length: 12 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]);
    return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
  });
}

/** The stored form of a recovery code: spacing, dashes and case do not matter when typed. */
export function hashRecoveryCode(keys: Keys, code: string): string {
  return hashToken(keys, `recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}

/** Constant-time comparison of two hashes. */
export function isSameHash(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}
