import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInvitationInputSchema,
  changePasswordInputSchema,
  forgotPasswordInputSchema,
  invitationInspectInputSchema,
  invitationSchema,
  mfaEnrolmentSchema,
  recoveryCodesSchema,
  recoveryInputSchema,
  resetMfaInputSchema,
  resetPasswordInputSchema,
  sessionStateSchema,
  signInInputSchema,
  totpInputSchema,
  updateAccountInputSchema,
} from '../../../contracts/auth.ts';
import type { Config } from '../../config.ts';
import { clearSessionCookie, metaOf, sessionOf, setSessionCookie } from '../http/request-context.ts';
import type { AuthService, SessionIssued } from './auth.service.ts';

const emptyBodySchema = z.strictObject({});
// Per client address, on top of the per-account lock: slows down guessing across many accounts.
const authRateLimit = { max: 20, timeWindow: '1 minute' };

/** HTTP routes of sign-in, MFA, password reset, invitations and the own account. */
export function authRoutes(auth: AuthService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const issue = (reply: Parameters<typeof setSessionCookie>[0], issued: SessionIssued) => {
      setSessionCookie(reply, config, issued.token);
      return issued.state;
    };

    app.get(
      '/api/session',
      {
        config: { action: 'session.read' },
        schema: {
          summary: 'Where the browser stands in the sign-in flow',
          response: { 200: sessionStateSchema },
        },
      },
      (request) => auth.describeSession(request.session),
    );
    app.post(
      '/api/auth/sign-in',
      {
        config: { action: 'auth.sign_in', rateLimit: authRateLimit },
        schema: {
          summary: 'Sign in with e-mail address and password',
          body: signInInputSchema,
          response: { 200: sessionStateSchema },
        },
      },
      async (request, reply) =>
        issue(reply, await auth.signIn(request.body.email, request.body.password, metaOf(request))),
    );
    app.post(
      '/api/auth/mfa/verify',
      {
        config: { action: 'auth.sign_in', rateLimit: authRateLimit },
        schema: {
          summary: 'Second step: a code from the authenticator app',
          body: totpInputSchema,
          response: { 200: sessionStateSchema },
        },
      },
      async (request, reply) =>
        issue(reply, await auth.verifyMfa(request.session, request.body.code, metaOf(request))),
    );
    app.post(
      '/api/auth/mfa/recover',
      {
        config: { action: 'auth.sign_in', rateLimit: authRateLimit },
        schema: {
          summary: 'Second step: a recovery code',
          body: recoveryInputSchema,
          response: { 200: sessionStateSchema },
        },
      },
      async (request, reply) =>
        issue(reply, await auth.recover(request.session, request.body.recoveryCode, metaOf(request))),
    );
    app.post(
      '/api/auth/mfa/enrol/start',
      {
        config: { action: 'auth.sign_in' },
        schema: {
          summary: 'Start setting up two-step verification',
          body: emptyBodySchema,
          response: { 200: mfaEnrolmentSchema },
        },
      },
      (request) => auth.startEnrolment(request.session),
    );
    app.post(
      '/api/auth/mfa/enrol/confirm',
      {
        config: { action: 'auth.sign_in', rateLimit: authRateLimit },
        schema: {
          summary: 'Confirm two-step verification with a first code',
          body: totpInputSchema,
          response: { 200: recoveryCodesSchema },
        },
      },
      async (request, reply) => {
        const issued = await auth.confirmEnrolment(request.session, request.body.code, metaOf(request));
        setSessionCookie(reply, config, issued.token);
        return { recoveryCodes: issued.recoveryCodes };
      },
    );
    app.post(
      '/api/auth/sign-out',
      {
        config: { action: 'auth.sign_out' },
        schema: { summary: 'Sign out', body: emptyBodySchema.optional() },
      },
      async (request, reply) => {
        await auth.signOut(request.session, metaOf(request));
        clearSessionCookie(reply, config);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/auth/password/forgot',
      {
        config: { action: 'auth.password_reset', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: { summary: 'Ask for a password reset link', body: forgotPasswordInputSchema },
      },
      async (request, reply) => {
        auth.requestPasswordReset(request.body.email, metaOf(request));
        return reply.status(202).send();
      },
    );
    app.post(
      '/api/auth/password/reset',
      {
        config: { action: 'auth.password_reset', rateLimit: authRateLimit },
        schema: { summary: 'Set a new password with a reset link', body: resetPasswordInputSchema },
      },
      async (request, reply) => {
        await auth.resetPassword(request.body.token, request.body.password, metaOf(request));
        clearSessionCookie(reply, config);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/auth/invitation/inspect',
      {
        config: { action: 'auth.invitation', rateLimit: authRateLimit },
        schema: {
          summary: 'Whose account an invitation link sets up',
          body: invitationInspectInputSchema,
          response: { 200: invitationSchema },
        },
      },
      (request) => auth.inspectInvitation(request.body.token),
    );
    app.post(
      '/api/auth/invitation/accept',
      {
        config: { action: 'auth.invitation', rateLimit: authRateLimit },
        schema: {
          summary: 'Accept an invitation: set a password',
          body: acceptInvitationInputSchema,
          response: { 200: sessionStateSchema },
        },
      },
      async (request, reply) =>
        issue(reply, await auth.acceptInvitation(request.body.token, request.body.password, metaOf(request))),
    );

    app.post(
      '/api/account/password',
      {
        config: { action: 'account.manage' },
        schema: { summary: 'Change the own password', body: changePasswordInputSchema },
      },
      async (request, reply) => {
        const { currentPassword, newPassword } = request.body;
        await auth.changePassword(sessionOf(request), currentPassword, newPassword, metaOf(request));
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/account/mfa/reset',
      {
        config: { action: 'account.manage' },
        schema: {
          summary: 'Set up two-step verification again',
          body: resetMfaInputSchema,
          response: { 200: sessionStateSchema },
        },
      },
      async (request, reply) =>
        issue(reply, await auth.resetMfa(sessionOf(request), request.body.password, metaOf(request))),
    );
    app.patch(
      '/api/account',
      {
        config: { action: 'account.manage' },
        schema: { summary: 'Change the own language', body: updateAccountInputSchema },
      },
      async (request, reply) => {
        await auth.changeLocale(sessionOf(request), request.body.locale, metaOf(request));
        return reply.status(204).send();
      },
    );
  };
}
