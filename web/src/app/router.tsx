import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../modules/account/AccountPage.tsx';
import { OutboxPage } from '../modules/admin/OutboxPage.tsx';
import { UsersPage } from '../modules/admin/UsersPage.tsx';
import { EnrolPage } from '../modules/auth/EnrolPage.tsx';
import { ForgotPasswordPage } from '../modules/auth/ForgotPasswordPage.tsx';
import { InvitationPage } from '../modules/auth/InvitationPage.tsx';
import { RecoveryCodePage } from '../modules/auth/RecoveryCodePage.tsx';
import { ResetPasswordPage } from '../modules/auth/ResetPasswordPage.tsx';
import { SignInPage } from '../modules/auth/SignInPage.tsx';
import { TotpPage } from '../modules/auth/TotpPage.tsx';
import { HomePage } from '../modules/home/HomePage.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { EnrolGate, PermissionGate, StateGate } from './gates.tsx';
import { webModules } from './registry.ts';
import { AppShell } from './Shell.tsx';
import { NotFoundPage } from './StatusPages.tsx';

/** All screens, by Dutch address; gates send each session state to its own step. */
export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <AppShell />,
      errorElement: <ErrorPage standalone />,
      children: [
        {
          // Errors inside a page keep the header and navigation.
          errorElement: <ErrorPage />,
          children: [
            {
              element: <StateGate allow={['anonymous']} />,
              children: [{ path: 'inloggen', element: <SignInPage /> }],
            },
            {
              element: <StateGate allow={['mfa_challenge']} />,
              children: [
                { path: 'inloggen/code', element: <TotpPage /> },
                { path: 'inloggen/herstelcode', element: <RecoveryCodePage /> },
              ],
            },
            {
              path: 'mfa-instellen',
              element: (
                <EnrolGate>
                  <EnrolPage />
                </EnrolGate>
              ),
            },
            { path: 'wachtwoord-vergeten', element: <ForgotPasswordPage /> },
            { path: 'wachtwoord-herstellen', element: <ResetPasswordPage /> },
            { path: 'uitnodiging', element: <InvitationPage /> },
            ...webModules.flatMap((module) => module.publicRoutes ?? []),
            {
              element: <StateGate allow={['signed_in']} />,
              children: [
                { index: true, element: <HomePage /> },
                { path: 'account', element: <AccountPage /> },
                {
                  path: 'beheer/gebruikers',
                  element: (
                    <PermissionGate action="users.read">
                      <UsersPage />
                    </PermissionGate>
                  ),
                },
                ...webModules.flatMap((module) => module.signedInRoutes ?? []),
                {
                  path: 'beheer/postvak',
                  element: (
                    <PermissionGate action="outbox.read">
                      <OutboxPage />
                    </PermissionGate>
                  ),
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
