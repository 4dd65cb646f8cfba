import fc from 'fast-check';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  checkTotp,
  createRecoveryCodes,
  createToken,
  createTotpSecret,
  decryptSecret,
  deriveKeys,
  encryptSecret,
  findPasswordProblem,
  hashPassword,
  hashRecoveryCode,
  hashToken,
  isSameHash,
  parseToken,
  verifyPassword,
} from './credentials.ts';

const keys = deriveKeys('credentials-test-secret-that-is-long-enough-0123');
const otherKeys = deriveKeys('another-secret-that-is-also-long-enough-456789');
const tenantId = '6f1c2a4e-8b3d-4c5e-9f70-123456789abc';

describe('findPasswordProblem', () => {
  it('refuses fewer than 12 characters and accepts exactly 12', () => {
    expect(findPasswordProblem('')).toBe('too_short');
    expect(findPasswordProblem('zq8!Lm3#vT0')).toBe('too_short');
    expect(findPasswordProblem('zq8!Lm3#vT0p')).toBeNull();
  });

  it('refuses common passwords, whatever their case', () => {
    expect(findPasswordProblem('qwerty123456')).toBe('password_too_common');
    expect(findPasswordProblem('Wachtwoord1234')).toBe('password_too_common');
    expect(findPasswordProblem('WELKOMWELKOM')).toBe('password_too_common');
  });

  it('refuses one repeated character and counting sequences', () => {
    expect(findPasswordProblem('aaaaaaaaaaaa')).toBe('password_too_common');
    expect(findPasswordProblem('AAAAAAAAAAAAAAAA')).toBe('password_too_common');
    expect(findPasswordProblem('123456789012')).toBe('password_too_common');
  });

  it('accepts a strong passphrase', () => {
    expect(findPasswordProblem('paarse-olifant-fietst-naar-zee')).toBeNull();
    expect(findPasswordProblem('correct-horse-battery-staple')).toBeNull();
  });

  it('counts characters as code points, not UTF-16 units', () => {
    const smiley = '\u{1F600}';
    expect(smiley.repeat(6)).toHaveLength(12); // 12 UTF-16 units …
    expect(findPasswordProblem(smiley.repeat(6))).toBe('too_short'); // … but only 6 characters
    expect(findPasswordProblem(`${smiley}${'\u{1F431}'}`.repeat(6))).toBeNull(); // 12 emoji
    expect(findPasswordProblem(`${smiley}${'\u{1F431}'}`.repeat(5) + smiley)).toBe('too_short'); // 11 emoji
  });
});

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('paarse-olifant-fietst-naar-zee');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain('paarse-olifant');
    expect(await verifyPassword(stored, 'paarse-olifant-fietst-naar-zee')).toBe(true);
    expect(await verifyPassword(stored, 'paarse-olifant-fietst-naar-zeE')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same-password-twice'),
      hashPassword('same-password-twice'),
    ]);
    expect(first).not.toBe(second);
  });

  it('refuses without a stored hash, and with a garbage hash', async () => {
    expect(await verifyPassword(null, 'anything-at-all-here')).toBe(false);
    expect(await verifyPassword(null, 'passend-timing-equaliser')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});

describe('tokens', () => {
  it('createToken and parseToken round-trip the partnership and the stored hash', () => {
    const { token, hash } = createToken(keys, tenantId);
    expect(token.startsWith(`${tenantId}.`)).toBe(true);
    expect(hash).not.toContain(token.split('.')[1]);
    expect(parseToken(keys, token)).toEqual({ tenantId, hash });
  });

  it('property: parseToken(createToken(x)) always gives the same partnership and hash', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const { token, hash } = createToken(keys, id);
        expect(parseToken(keys, token)).toEqual({ tenantId: id.toLowerCase(), hash });
      }),
      { numRuns: 200 },
    );
  });

  it('a tampered token has a different hash; another secret gives another hash', () => {
    const { token, hash } = createToken(keys, tenantId);
    const last = token.at(-1);
    const tampered = `${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    const parsed = parseToken(keys, tampered);
    expect(parsed?.tenantId).toBe(tenantId);
    expect(parsed?.hash).not.toBe(hash);
    expect(parseToken(otherKeys, token)?.hash).not.toBe(hash);
  });

  it('a token naming an upper-case partnership id yields the lower-case id', () => {
    const { token } = createToken(keys, tenantId);
    const upper = `${tenantId.toUpperCase()}${token.slice(tenantId.length)}`;
    expect(parseToken(keys, upper)?.tenantId).toBe(tenantId);
  });

  it('malformed tokens give null', () => {
    const { token } = createToken(keys, tenantId);
    const random = token.split('.')[1] ?? '';
    const malformed = [
      undefined,
      '',
      'abc',
      tenantId,
      `${tenantId}.`,
      `.${random}`,
      `${tenantId}.${random}x`,
      `${tenantId}.${random.slice(1)}`,
      `${tenantId}.${random.slice(1)}=`,
      `${tenantId}.${random.slice(1)}+`,
      `not-a-uuid-at-all-0000-000000000000.${random}`,
      `${tenantId}x.${random}`,
      ` ${token}`,
      `${token}\n`,
      `${token}.${random}`,
    ];
    for (const candidate of malformed)
      expect({ candidate, parsed: parseToken(keys, candidate) }).toEqual({ candidate, parsed: null });
  });

  it('hashToken is deterministic and isSameHash compares exactly', () => {
    expect(hashToken(keys, 'x')).toBe(hashToken(keys, 'x'));
    expect(isSameHash('abc', 'abc')).toBe(true);
    expect(isSameHash('abc', 'abd')).toBe(false);
    expect(isSameHash('abc', 'abcd')).toBe(false);
    expect(isSameHash('', '')).toBe(true);
  });
});

describe('recovery codes', () => {
  const format = /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/;

  it('are ten distinct codes like xxxx-xxxx-xxxx without 0, o, 1, l or i', () => {
    for (let round = 0; round < 20; round += 1) {
      const codes = createRecoveryCodes();
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) {
        expect(code).toMatch(format);
        expect(code).not.toMatch(/[01oli]/);
      }
    }
  });

  it('the stored form ignores case, spaces and dashes', () => {
    const [code = ''] = createRecoveryCodes(1);
    const hash = hashRecoveryCode(keys, code);
    expect(hashRecoveryCode(keys, code.toUpperCase())).toBe(hash);
    expect(hashRecoveryCode(keys, code.replaceAll('-', ''))).toBe(hash);
    expect(hashRecoveryCode(keys, ` ${code.replaceAll('-', ' ')} `)).toBe(hash);
    expect(hashRecoveryCode(keys, code.slice(0, -1))).not.toBe(hash);
    expect(hashRecoveryCode(otherKeys, code)).not.toBe(hash);
  });

  it('property: any casing and any spacing or dashes of a code gives the same stored form', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
        fc.array(fc.constantFrom('', ' ', '-', '  ', '\t', '--'), { minLength: 15, maxLength: 15 }),
        (upper, separators) => {
          const [code = ''] = createRecoveryCodes(1);
          const plain = code.replaceAll('-', '');
          const typed = [...plain]
            .map(
              (character, index) =>
                `${separators[index]}${upper[index] ? character.toUpperCase() : character}`,
            )
            .join('');
          expect(hashRecoveryCode(keys, `${typed}${separators[14]}`)).toBe(hashRecoveryCode(keys, code));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('TOTP secret encryption', () => {
  it('round-trips and never stores the plain secret', () => {
    const { secret } = createTotpSecret('x@school.test');
    const stored = encryptSecret(keys, secret);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(keys, stored)).toBe(secret);
    expect(encryptSecret(keys, secret)).not.toBe(stored); // a fresh IV each time
  });

  it('a tampered ciphertext or tag is refused', () => {
    const stored = encryptSecret(keys, 'JBSWY3DPEHPK3PXP');
    const [iv = '', tag = '', body = ''] = stored.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    expect(() => decryptSecret(keys, [iv, tag, flip(body)].join('.'))).toThrow();
    expect(() => decryptSecret(keys, [iv, flip(tag), body].join('.'))).toThrow();
    expect(() => decryptSecret(keys, [flip(iv), tag, body].join('.'))).toThrow();
    expect(() => decryptSecret(keys, 'garbage')).toThrow();
  });

  it('another secret cannot decrypt', () => {
    const stored = encryptSecret(keys, 'JBSWY3DPEHPK3PXP');
    expect(() => decryptSecret(otherKeys, stored)).toThrow();
  });
});

describe('checkTotp', () => {
  const codeAt = (secret: string, offsetSeconds: number) =>
    generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

  const stepOf = (check: Awaited<ReturnType<typeof checkTotp>>) =>
    check.outcome === 'valid' ? check.step : null;

  it('accepts the current code and returns its time step', async () => {
    const { secret, uri } = createTotpSecret('x@school.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const step = stepOf(await checkTotp(secret, await codeAt(secret, 0), null));
    expect(step).not.toBeNull();
    expect(Math.abs((step ?? 0) - Math.floor(Date.now() / 30_000))).toBeLessThanOrEqual(1);
  });

  it('refuses a wrong code, a code from long ago and non-digits', async () => {
    const { secret } = createTotpSecret('x@school.test');
    const valid = new Set(await Promise.all([-30, 0, 30].map((offset) => codeAt(secret, offset))));
    let wrong = 0;
    while (valid.has(String(wrong).padStart(6, '0'))) wrong += 1;
    const wrongOutcome = { outcome: 'wrong' };
    expect(await checkTotp(secret, String(wrong).padStart(6, '0'), null)).toEqual(wrongOutcome);
    const old = await codeAt(secret, -300);
    if (!valid.has(old)) expect(await checkTotp(secret, old, null)).toEqual(wrongOutcome);
    expect(await checkTotp(secret, 'abcdef', null)).toEqual(wrongOutcome);
    expect(await checkTotp(secret, '', null)).toEqual(wrongOutcome);
    // A wrong code stays wrong after a used step: it is never called a replay.
    expect(await checkTotp(secret, String(wrong).padStart(6, '0'), Number.MAX_SAFE_INTEGER)).toEqual(
      wrongOutcome,
    );
  });

  it('calls a right code of a used time step a replay, and accepts a later one', async () => {
    const { secret } = createTotpSecret('x@school.test');
    const code = await codeAt(secret, 0);
    const step = stepOf(await checkTotp(secret, code, null));
    expect(step).not.toBeNull();
    expect(await checkTotp(secret, code, step)).toEqual({ outcome: 'replayed' });
    // The previous period's code is as used as this one once this step was used.
    const previous = await generate({ secret, epoch: ((step ?? 0) - 1) * 30 });
    if (previous !== code) expect(await checkTotp(secret, previous, step)).toEqual({ outcome: 'replayed' });
    // The next period's code (within the one-step drift) is still accepted after this step.
    const next = await generate({ secret, epoch: ((step ?? 0) + 1) * 30 });
    expect(await checkTotp(secret, next, step)).toEqual({ outcome: 'valid', step: (step ?? 0) + 1 });
  });
});
