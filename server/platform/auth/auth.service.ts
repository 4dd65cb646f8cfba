import { and, asc, count, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { SessionState } from '../../../contracts/auth.ts';
import type { Locale } from '../../../contracts/fields.ts';
import type { Config } from '../../config.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import { type Actor, permittedActions } from '../access/policies.ts';
import { reachOf } from '../access/reach.ts';
import { type AuditActor, type AuditEvent, type RequestMeta, recordAudit } from '../audit/audit.ts';
import { RuleViolation, Unauthenticated, ValidationFailed } from '../http/errors.ts';
import { translate } from '../i18n/messages.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import { tenants } from '../tenants/tenants.schema.ts';
import { recoveryCodes, roleAssignments, sessions, users, userTokens } from './auth.schema.ts';
import {
  checkTotp,
  createRecoveryCodes,
  createToken,
  createTotpSecret,
  decryptSecret,
  encryptSecret,
  findPasswordProblem,
  hashPassword,
  hashRecoveryCode,
  type Keys,
  parseToken,
  verifyPassword,
} from './credentials.ts';
import {
  actorFromReach,
  reachStatement,
  SessionCache,
  sessionCheckStatement,
  sessionsFromCheck,
} from './session-check.ts';

export const maximumFailedAttempts = 5;
export const lockMinutes = 15;
export const passwordResetValidityMinutes = 60;
export const invitationValidityDays = 7;
// Writing last_seen_at on every request would turn each read into a write; a minute is precise
// enough for a 30-minute idle timeout.
const lastSeenPrecisionMs = 60_000;

export type SessionStage = 'mfa_enrol' | 'mfa_challenge' | 'full';

/** What the request knows once its session cookie is resolved. */
export type SessionContext = {
  sessionId: string;
  tenantId: string;
  userId: string;
  stage: SessionStage;
  locale: Locale;
  /** Only for a full session (both factors passed). */
  actor: Actor | null;
};

export type { RequestMeta };

/** A command that (re)issues the session cookie returns its new token with the new state. */
export type SessionIssued = { token: string; state: SessionState };

type Dependencies = {
  database: DatabaseClient;
  /** Today's date decides which pairs a team member serves (R5). */
  clock: Clock;
  keys: Keys;
  mailer: Mailer;
  config: Config;
  /** Where a failure of work done after the answer goes (the log; never with personal data). */
  onBackgroundError?: (error: unknown) => void;
};

// The partnership of an address that has no account: none has this id, so row-level security shows
// nothing, and the unknown address takes the same steps as a known one.
const noPartnership = '00000000-0000-0000-0000-000000000000';

type UserRow = typeof users.$inferSelect;

/** Sign-in with password and TOTP, sessions, recovery codes, password reset, invitations, own account. */
export class AuthService {
  // Work that runs after its request was answered; awaited before the database closes.
  private readonly background = new Set<Promise<unknown>>();
  // The same work by purpose and address: one piece at a time each, and a right password waits for
  // the count of the wrong ones before it (A1).
  private readonly backgroundByKey = new Map<string, Promise<unknown>>();

  // Full sessions for half a minute (less than the last-seen precision, so a session in use keeps
  // being marked as seen); see SessionCache for why it is never the last word.
  private readonly sessionCache = new SessionCache(30_000);

  constructor(private readonly deps: Dependencies) {}

  /**
   * The session behind a cookie for a protected route's early checks: from the short-lived cache when
   * it is there, else from the database. The use case checks it again in its own transaction.
   */
  async resolveSessionCached(cookieValue: string | undefined): Promise<SessionContext | null> {
    const parsed = parseToken(this.deps.keys, cookieValue);
    if (!parsed) return null;
    const cached = this.sessionCache.get(parsed.hash, Date.now());
    if (cached && cached.tenantId === parsed.tenantId) return cached;
    return this.resolveSession(cookieValue);
  }

  /** The actor of a full session: its roles and, for a team member, the schools they serve today. */
  private async loadActor(transaction: Transaction, userId: string): Promise<Actor> {
    const rows = await queryRows<unknown>(
      transaction.db,
      sql.raw(reachStatement(userId, this.deps.clock.today())),
    );
    return actorFromReach({ userId, tenantId: transaction.tenantId as string }, rows);
  }

  /** The statement that checks sessions as they are now (see session-check.ts). */
  sessionsCheckFor(sessionIds: string[], today: string): string {
    return sessionCheckStatement(sessionIds, today, this.deps.config.sessionIdleMinutes);
  }

  /** The sessions as the check found them; those that no longer hold are forgotten here. */
  sessionsFromCheck(sessions: SessionContext[], rows: unknown[]): Map<string, SessionContext> {
    const current = sessionsFromCheck(sessions, rows);
    for (const session of sessions)
      if (!current.has(session.sessionId)) this.sessionCache.forget(session.sessionId);
    return current;
  }

  /** Resolves once the work started after an answer (see `requestPasswordReset`) has finished. */
  async whenIdle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** Finds the live session behind a cookie value; expired or idle sessions are removed. */
  async resolveSession(cookieValue: string | undefined): Promise<SessionContext | null> {
    const parsed = parseToken(this.deps.keys, cookieValue);
    if (!parsed) return null;
    return this.deps.database.withTenant(parsed.tenantId, async (transaction) => {
      const { db } = transaction;
      const [row] = await db
        .select({
          id: sessions.id,
          userId: sessions.userId,
          stage: sessions.stage,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          locale: users.locale,
          status: users.status,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, parsed.hash));
      if (!row) return null;
      const now = Date.now();
      const idleLimit = row.lastSeenAt.getTime() + this.deps.config.sessionIdleMinutes * 60_000;
      if (now >= row.expiresAt.getTime() || now >= idleLimit || row.status === 'disabled') {
        await db.delete(sessions).where(eq(sessions.id, row.id));
        return null;
      }
      if (now - row.lastSeenAt.getTime() > lastSeenPrecisionMs) {
        await db
          .update(sessions)
          .set({ lastSeenAt: new Date(now) })
          .where(eq(sessions.id, row.id));
      }
      const actor = row.stage === 'full' ? await this.loadActor(transaction, row.userId) : null;
      const session: SessionContext = {
        sessionId: row.id,
        tenantId: parsed.tenantId,
        userId: row.userId,
        stage: row.stage,
        locale: row.locale,
        actor,
      };
      if (actor) this.sessionCache.set(parsed.hash, session, now);
      return session;
    });
  }

  /** The state the web app routes by. */
  async describeSession(session: SessionContext | null): Promise<SessionState> {
    const demo = await this.isDemo(session);
    if (!session) return { state: 'anonymous', demo };
    return this.deps.database.withTenant(session.tenantId, (transaction) =>
      this.describeInTransaction(transaction, session.userId, session.stage, demo),
    );
  }

  /**
   * First factor: e-mail and password. The same answer, after the same steps, for unknown, wrong,
   * locked and ended accounts: one lookup of the partnership, one of the user (none for an unknown
   * address), one password check outside any transaction; a wrong password is counted after the
   * answer (A1), so its writes do not tell that the address has an account.
   */
  async signIn(email: string, password: string, meta: RequestMeta): Promise<SessionIssued> {
    const address = email.toLowerCase();
    const tenantId = (await this.tenantOfEmail(address)) ?? noPartnership;
    const found = await this.deps.database.withTenant(tenantId, (transaction) =>
      this.findUserByEmail(transaction, address),
    );
    const usable = found?.status === 'active' && !isLocked(found);
    const valid = await verifyPassword(usable ? found.passwordHash : null, password);
    if (!found || !usable) throw new Unauthenticated('invalid_credentials');
    const failureKey = `sign-in:${address}`;
    if (!valid) {
      // A failure never waits for anything, or a wait would tell that the address has an account.
      this.afterAnswer(failureKey, () =>
        this.deps.database.withTenant(tenantId, (transaction) =>
          this.registerFailure(transaction, found, meta),
        ),
      );
      throw new Unauthenticated('invalid_credentials');
    }
    // The right password: the count of earlier wrong ones is in first, so a lock they caused holds.
    await this.backgroundByKey.get(failureKey);
    const outcome = await this.deps.database.withTenant(tenantId, async (transaction) => {
      // Ended or locked meanwhile: the same answer as a wrong password.
      const user = await this.findUser(transaction, found.id);
      if (user?.status !== 'active' || isLocked(user)) return null;
      // A1: the count stays until the second factor passes too, or the codes could be guessed forever.
      await this.audit(transaction, user.id, meta, 'auth.signed_in');
      const stage: SessionStage = user.mfaEnrolledAt ? 'mfa_challenge' : 'mfa_enrol';
      return this.issueSession(transaction, user.id, stage, null);
    });
    if (!outcome) throw new Unauthenticated('invalid_credentials');
    return outcome;
  }

  /** Second factor: a TOTP code from the authenticator app. */
  async verifyMfa(session: SessionContext | null, code: string, meta: RequestMeta): Promise<SessionIssued> {
    const current = requireStage(session, ['mfa_challenge']);
    const outcome = await this.deps.database.withTenant(current.tenantId, async (transaction) => {
      const user = await this.findUser(transaction, current.userId);
      if (!user?.totpSecret || isLocked(user)) return null;
      const check = await checkTotp(decryptSecret(this.deps.keys, user.totpSecret), code, user.totpLastStep);
      if (check.outcome !== 'valid') {
        // A replay counts like a wrong code: the limit on attempts stays the same for both.
        await this.registerFailure(transaction, user, meta);
        return check.outcome;
      }
      await transaction.db
        .update(users)
        .set({ failedSignIns: 0, totpLastStep: check.step })
        .where(eq(users.id, user.id));
      await this.audit(transaction, user.id, meta, 'auth.mfa_verified');
      return this.issueSession(transaction, user.id, 'full', current.sessionId);
    });
    if (outcome === 'replayed') throw new Unauthenticated('code_already_used');
    if (outcome === null || outcome === 'wrong') throw new Unauthenticated('invalid_code');
    return outcome;
  }

  /** Second factor by one of the ten one-time recovery codes. */
  async recover(
    session: SessionContext | null,
    recoveryCode: string,
    meta: RequestMeta,
  ): Promise<SessionIssued> {
    const current = requireStage(session, ['mfa_challenge']);
    const outcome = await this.deps.database.withTenant(current.tenantId, async (transaction) => {
      const user = await this.findUser(transaction, current.userId);
      if (!user || isLocked(user)) return null;
      const [used] = await transaction.db
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(recoveryCodes.userId, user.id),
            eq(recoveryCodes.codeHash, hashRecoveryCode(this.deps.keys, recoveryCode)),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      if (!used) {
        await this.registerFailure(transaction, user, meta);
        return null;
      }
      await transaction.db.update(users).set({ failedSignIns: 0 }).where(eq(users.id, user.id));
      await this.audit(transaction, user.id, meta, 'auth.recovery_code_used', {
        type: 'recovery_code',
        id: used.id,
      });
      return this.issueSession(transaction, user.id, 'full', current.sessionId);
    });
    if (!outcome) throw new Unauthenticated('invalid_code');
    return outcome;
  }

  /** Starts TOTP enrolment: a new secret, kept pending until a code proves the app has it. */
  async startEnrolment(session: SessionContext | null) {
    const current = requireStage(session, ['mfa_enrol']);
    return this.deps.database.withTenant(current.tenantId, async (transaction) => {
      const user = await this.findUser(transaction, current.userId);
      if (!user) throw new Unauthenticated();
      const { secret, uri } = createTotpSecret(user.email);
      await transaction.db
        .update(users)
        .set({ totpPendingSecret: encryptSecret(this.deps.keys, secret) })
        .where(eq(users.id, user.id));
      return {
        secret,
        otpauthUrl: uri,
        qrCodeDataUrl: await QRCode.toDataURL(uri, { margin: 2, width: 240 }),
      };
    });
  }

  /** Completes enrolment with a first code; issues ten recovery codes and a full session. */
  async confirmEnrolment(session: SessionContext | null, code: string, meta: RequestMeta) {
    const current = requireStage(session, ['mfa_enrol']);
    const outcome = await this.deps.database.withTenant(current.tenantId, async (transaction) => {
      const user = await this.findUser(transaction, current.userId);
      if (!user?.totpPendingSecret) return null;
      const check = await checkTotp(decryptSecret(this.deps.keys, user.totpPendingSecret), code, null);
      if (check.outcome !== 'valid') return null;
      await transaction.db
        .update(users)
        .set({
          totpSecret: user.totpPendingSecret,
          totpPendingSecret: null,
          totpLastStep: check.step,
          mfaEnrolledAt: new Date(),
          status: 'active',
          failedSignIns: 0,
        })
        .where(eq(users.id, user.id));
      const codes = createRecoveryCodes();
      await transaction.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await transaction.db.insert(recoveryCodes).values(
        codes.map((plain) => ({
          tenantId: current.tenantId,
          userId: user.id,
          codeHash: hashRecoveryCode(this.deps.keys, plain),
        })),
      );
      await this.audit(transaction, user.id, meta, 'auth.mfa_enrolled');
      const issued = await this.issueSession(transaction, user.id, 'full', current.sessionId);
      return { ...issued, recoveryCodes: codes };
    });
    if (!outcome) throw new ValidationFailed([{ path: 'code', code: 'invalid_code' }]);
    return outcome;
  }

  /** Ends the session. */
  async signOut(session: SessionContext | null, meta: RequestMeta): Promise<void> {
    if (!session) return;
    this.sessionCache.forget(session.sessionId);
    await this.deps.database.withTenant(session.tenantId, async (transaction) => {
      await transaction.db.delete(sessions).where(eq(sessions.id, session.sessionId));
      await this.audit(transaction, session.userId, meta, 'auth.signed_out');
    });
  }

  /**
   * Asks for a reset link. Returns at once, whether or not the address has an account: the lookup,
   * the link and the mail happen after the answer, so its timing tells nothing (finding 10).
   */
  requestPasswordReset(email: string, meta: RequestMeta): void {
    const address = email.toLowerCase();
    this.afterAnswer(`reset:${address}`, () => this.sendPasswordReset(address, meta));
  }

  private async sendPasswordReset(email: string, meta: RequestMeta): Promise<void> {
    const tenantId = await this.tenantOfEmail(email);
    if (!tenantId) return;
    await this.deps.database.withTenant(tenantId, async (transaction) => {
      const user = await this.findUserByEmail(transaction, email);
      if (user?.status !== 'active') return;
      const { token, hash } = createToken(this.deps.keys, tenantId);
      await transaction.db.insert(userTokens).values({
        tenantId,
        userId: user.id,
        purpose: 'password_reset',
        tokenHash: hash,
        expiresAt: new Date(Date.now() + passwordResetValidityMinutes * 60_000),
      });
      await this.audit(transaction, user.id, meta, 'auth.password_reset_requested');
      await this.deps.mailer.send(transaction, {
        to: user.email,
        subject: translate(user.locale, 'mail.passwordReset.subject'),
        text: translate(user.locale, 'mail.passwordReset.body', {
          link: `${this.deps.config.baseUrl}/wachtwoord-herstellen#token=${token}`,
          minutes: passwordResetValidityMinutes,
        }),
      });
    });
  }

  /**
   * Runs work after the answer has gone, one piece at a time per key; a failure is logged, never
   * answered. `whenIdle` waits for it (closing the app, tests, the timing benchmark).
   */
  private afterAnswer(key: string, work: () => Promise<unknown>): void {
    const previous = this.backgroundByKey.get(key) ?? Promise.resolve();
    const running: Promise<unknown> = previous
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(work)
      .catch((error: unknown) => this.deps.onBackgroundError?.(error))
      .finally(() => {
        this.background.delete(running);
        if (this.backgroundByKey.get(key) === running) this.backgroundByKey.delete(key);
      });
    this.background.add(running);
    this.backgroundByKey.set(key, running);
  }

  /** Sets a new password through a reset link; every session of the user ends. */
  async resetPassword(token: string, password: string, meta: RequestMeta): Promise<void> {
    assertStrongPassword(password, 'password');
    await this.redeemToken(token, 'password_reset', async (transaction, user) => {
      await transaction.db
        .update(users)
        // A1: neither the count nor a lock ends here; a reset link proves the mailbox, not the second factor.
        .set({ passwordHash: await hashPassword(password) })
        .where(eq(users.id, user.id));
      await transaction.db.delete(sessions).where(eq(sessions.userId, user.id));
      await retireTokens(transaction, user.id, ['password_reset']);
      await this.audit(transaction, user.id, meta, 'auth.password_reset');
    });
  }

  /** What an invitation link is for, so the invitee sees whose account they are setting up. */
  async inspectInvitation(token: string) {
    const parsed = parseToken(this.deps.keys, token);
    if (!parsed) throw new RuleViolation('invalid_token', 422);
    return this.deps.database.withTenant(parsed.tenantId, async ({ db }) => {
      const [row] = await db
        .select({ name: users.name, email: users.email, tenantName: tenants.name })
        .from(userTokens)
        .innerJoin(users, eq(users.id, userTokens.userId))
        .innerJoin(tenants, eq(tenants.id, userTokens.tenantId))
        .where(and(...liveTokenConditions(parsed.hash, 'invitation')));
      if (!row) throw new RuleViolation('invalid_token', 422);
      return row;
    });
  }

  /** Accepts an invitation: sets the password and starts a session that must enrol TOTP next. */
  async acceptInvitation(token: string, password: string, meta: RequestMeta): Promise<SessionIssued> {
    assertStrongPassword(password, 'password');
    return this.redeemToken(token, 'invitation', async (transaction, user) => {
      await transaction.db
        .update(users)
        .set({ passwordHash: await hashPassword(password), status: 'active' })
        .where(eq(users.id, user.id));
      await this.audit(transaction, user.id, meta, 'auth.invitation_accepted');
      return this.issueSession(transaction, user.id, 'mfa_enrol', null);
    });
  }

  /** Creates an invitation link for a user and mails it (used by user administration and the CLI). */
  async sendInvitation(transaction: Transaction, user: { id: string; email: string; locale: Locale }) {
    if (!transaction.tenantId) throw new Error('invitations belong to a partnership');
    const { token, hash } = createToken(this.deps.keys, transaction.tenantId);
    await transaction.db.insert(userTokens).values({
      tenantId: transaction.tenantId,
      userId: user.id,
      purpose: 'invitation',
      tokenHash: hash,
      expiresAt: new Date(Date.now() + invitationValidityDays * 24 * 3_600_000),
    });
    const [tenant] = await transaction.db.select({ name: tenants.name }).from(tenants);
    const link = `${this.deps.config.baseUrl}/uitnodiging#token=${token}`;
    await this.deps.mailer.send(transaction, {
      to: user.email,
      subject: translate(user.locale, 'mail.invitation.subject'),
      text: translate(user.locale, 'mail.invitation.body', {
        link,
        partnership: tenant?.name ?? '',
        days: invitationValidityDays,
      }),
    });
    return link;
  }

  /** Changes the own password after checking the current one; other sessions end. */
  async changePassword(
    session: SessionContext,
    currentPassword: string,
    newPassword: string,
    meta: RequestMeta,
  ) {
    assertStrongPassword(newPassword, 'newPassword');
    await this.deps.database.withTenant(session.tenantId, async (transaction) => {
      const user = await this.requirePassword(
        transaction,
        session.userId,
        currentPassword,
        'currentPassword',
      );
      await transaction.db
        .update(users)
        .set({ passwordHash: await hashPassword(newPassword) })
        .where(eq(users.id, user.id));
      await transaction.db
        .delete(sessions)
        .where(and(eq(sessions.userId, user.id), ne(sessions.id, session.sessionId)));
      // A2: a reset link asked for before the change would undo it.
      await retireTokens(transaction, user.id, ['password_reset']);
      await this.audit(transaction, user.id, meta, 'auth.password_changed');
    });
  }

  /** Removes the own TOTP (after the password) so a new phone can be enrolled. */
  async resetMfa(session: SessionContext, password: string, meta: RequestMeta): Promise<SessionIssued> {
    return this.deps.database.withTenant(session.tenantId, async (transaction) => {
      const user = await this.requirePassword(transaction, session.userId, password, 'password');
      await transaction.db
        .update(users)
        .set({ totpSecret: null, totpPendingSecret: null, mfaEnrolledAt: null, totpLastStep: null })
        .where(eq(users.id, user.id));
      await transaction.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await transaction.db
        .delete(sessions)
        .where(and(eq(sessions.userId, user.id), ne(sessions.id, session.sessionId)));
      await this.audit(transaction, user.id, meta, 'auth.mfa_reset');
      return this.issueSession(transaction, user.id, 'mfa_enrol', session.sessionId);
    });
  }

  /** Stores the interface language of the signed-in user. */
  async changeLocale(session: SessionContext, locale: Locale, meta: RequestMeta): Promise<void> {
    await this.deps.database.withTenant(session.tenantId, async (transaction) => {
      await transaction.db.update(users).set({ locale }).where(eq(users.id, session.userId));
      await this.audit(transaction, session.userId, meta, 'account.locale_changed');
    });
    // Answers given before a use case (a validation error) take the language from the cached session.
    this.sessionCache.forgetUser(session.userId);
  }

  private async redeemToken<T>(
    token: string,
    purpose: 'password_reset' | 'invitation',
    work: (transaction: Transaction, user: UserRow) => Promise<T>,
  ): Promise<T> {
    const parsed = parseToken(this.deps.keys, token);
    if (!parsed) throw new RuleViolation('invalid_token', 422);
    return this.deps.database.withTenant(parsed.tenantId, async (transaction) => {
      // Marking it used in the same statement that finds it: two requests cannot both use one token.
      const [claimed] = await transaction.db
        .update(userTokens)
        .set({ usedAt: new Date() })
        .where(and(...liveTokenConditions(parsed.hash, purpose)))
        .returning({ userId: userTokens.userId });
      const user = claimed ? await this.findUser(transaction, claimed.userId) : null;
      // An invitation only finishes an account that was never activated: it must not reset one in use.
      const allowed = purpose === 'invitation' ? user?.status === 'invited' : user?.status === 'active';
      if (!user || !allowed) throw new RuleViolation('invalid_token', 422);
      return work(transaction, user);
    });
  }

  private async requirePassword(transaction: Transaction, userId: string, password: string, field: string) {
    const user = await this.findUser(transaction, userId);
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      throw new ValidationFailed([{ path: field, code: 'wrong_password' }]);
    }
    return user;
  }

  /** A1: every failed step (password, code, recovery code) counts; the fifth in a row locks. */
  private async registerFailure(transaction: Transaction, user: UserRow, meta: RequestMeta) {
    // Counted in the database, not from the row read earlier: parallel guesses cannot overwrite each
    // other. A guess that arrives while the account is locked (a lock set meanwhile) is not counted.
    const [counted] = await transaction.db
      .update(users)
      .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
      .where(and(eq(users.id, user.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`))))
      .returning({ failures: users.failedSignIns });
    if (!counted) return;
    const failures = counted.failures;
    if (failures >= maximumFailedAttempts) {
      await transaction.db
        .update(users)
        .set({ failedSignIns: 0, lockedUntil: new Date(Date.now() + lockMinutes * 60_000) })
        .where(eq(users.id, user.id));
      // Half-finished sign-ins of a locked account are worthless; full sessions stay.
      await transaction.db
        .delete(sessions)
        .where(and(eq(sessions.userId, user.id), ne(sessions.stage, 'full')));
      await this.audit(transaction, user.id, meta, 'auth.account_locked');
      await this.deps.mailer.send(transaction, {
        to: user.email,
        subject: translate(user.locale, 'mail.accountLocked.subject'),
        text: translate(user.locale, 'mail.accountLocked.body', { minutes: lockMinutes }),
      });
      return;
    }
    await this.audit(transaction, user.id, meta, 'auth.sign_in_failed', null, { attempt: failures });
  }

  // A new token at every step up (password → code → full): a token seen before sign-in is worthless after.
  private async issueSession(
    transaction: Transaction,
    userId: string,
    stage: SessionStage,
    replacedSessionId: string | null,
  ): Promise<SessionIssued> {
    const tenantId = transaction.tenantId as string;
    if (replacedSessionId) await transaction.db.delete(sessions).where(eq(sessions.id, replacedSessionId));
    const { token, hash } = createToken(this.deps.keys, tenantId);
    await transaction.db.insert(sessions).values({
      tenantId,
      userId,
      tokenHash: hash,
      stage,
      expiresAt: new Date(Date.now() + this.deps.config.sessionAbsoluteHours * 3_600_000),
    });
    const demo = await this.isDemoTenant(transaction);
    return { token, state: await this.describeInTransaction(transaction, userId, stage, demo) };
  }

  private async describeInTransaction(
    transaction: Transaction,
    userId: string,
    stage: SessionStage,
    demo: boolean,
  ): Promise<SessionState> {
    const { db } = transaction;
    const user = await this.findUser(transaction, userId);
    if (!user) return { state: 'anonymous', demo };
    if (stage !== 'full') return { state: stage, demo, user: { name: user.name } };
    const assignments = await db
      .select({
        role: roleAssignments.role,
        teamRole: roleAssignments.teamRole,
        locationId: roleAssignments.locationId,
        // By name: the platform knows the table, not the module that owns it.
        locationName: sql<
          string | null
        >`(select l.name from locations l where l.id = ${roleAssignments.locationId})`,
        boardId: roleAssignments.boardId,
        boardName: sql<
          string | null
        >`(select b.name from school_boards b where b.id = ${roleAssignments.boardId})`,
      })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, userId))
      .orderBy(asc(roleAssignments.createdAt));
    const [tenant] = await db.select({ id: tenants.id, name: tenants.name }).from(tenants);
    const [codes] = await db
      .select({ left: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    const actor = await this.loadActor(transaction, userId);
    return {
      state: 'signed_in',
      demo,
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        locale: user.locale,
        roles: assignments,
        recoveryCodesLeft: Number(codes?.left ?? 0),
      },
      tenant: { id: tenant?.id ?? '', name: tenant?.name ?? '' },
      permissions: permittedActions(actor),
      reach: await reachOf(transaction, actor),
      outboxEnabled: !this.deps.mailer.hasMailServer,
    };
  }

  private async isDemo(session: SessionContext | null): Promise<boolean> {
    if (session)
      return this.deps.database.withTenant(session.tenantId, (transaction) => this.isDemoTenant(transaction));
    return this.deps.database.withoutTenant(async ({ db }) => {
      const [row] = await queryRows<{ demo: boolean }>(db, sql`select passend_has_demo_tenant() as demo`);
      return row?.demo === true;
    });
  }

  private async isDemoTenant({ db }: Transaction): Promise<boolean> {
    const [tenant] = await db.select({ isDemo: tenants.isDemo }).from(tenants);
    return tenant?.isDemo === true;
  }

  /** Whether an address already has an account in any partnership (addresses are unique overall). */
  async isEmailInUse(email: string): Promise<boolean> {
    return (await this.tenantOfEmail(email)) !== null;
  }

  private async tenantOfEmail(email: string): Promise<string | null> {
    return this.deps.database.withoutTenant(async ({ db }) => {
      const [row] = await queryRows<{ tenant_id: string | null }>(
        db,
        sql`select passend_tenant_of_email(${email}) as tenant_id`,
      );
      return row?.tenant_id ?? null;
    });
  }

  private async findUser({ db }: Transaction, userId: string): Promise<UserRow | null> {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    return user ?? null;
  }

  private async findUserByEmail({ db }: Transaction, email: string): Promise<UserRow | null> {
    const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return user ?? null;
  }

  private audit(
    transaction: Transaction,
    userId: string,
    meta: RequestMeta,
    event: AuditEvent,
    object: { type: string; id: string } | null = null,
    details: Record<string, number> | null = null,
  ) {
    const actor: AuditActor = { userId, roles: [], requestId: meta.requestId, ip: meta.ip };
    return recordAudit(transaction, actor, event, object ?? { type: 'user', id: userId }, details);
  }
}

function isLocked(user: UserRow): boolean {
  return !!user.lockedUntil && user.lockedUntil.getTime() > Date.now();
}

function requireStage(session: SessionContext | null, stages: SessionStage[]): SessionContext {
  if (!session || !stages.includes(session.stage)) throw new Unauthenticated();
  return session;
}

function assertStrongPassword(password: string, field: string): void {
  const problem = findPasswordProblem(password);
  if (problem) throw new ValidationFailed([{ path: field, code: problem, params: { minimum: 12 } }]);
}

/** Marks every unused link of these purposes used, so none of them works any more (A2, P7). */
export async function retireTokens(
  { db }: Transaction,
  userId: string,
  purposes: Array<'password_reset' | 'invitation'>,
): Promise<number> {
  const retired = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(eq(userTokens.userId, userId), inArray(userTokens.purpose, purposes), isNull(userTokens.usedAt)),
    )
    .returning({ id: userTokens.id });
  return retired.length;
}

function liveTokenConditions(hash: string, purpose: 'password_reset' | 'invitation') {
  return [
    eq(userTokens.tokenHash, hash),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, sql`now()`),
  ];
}
