import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../modules/auth/SignInPage.tsx';
import { TotpPage } from '../modules/auth/TotpPage.tsx';
import { HomePage } from '../modules/home/HomePage.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { EnrolGate, PermissionGate, StateGate } from './gates.tsx';
import { lazyPage } from './lazy.tsx';
import { webModules } from './registry.ts';
import { AppShell } from './Shell.tsx';
import { NotFoundPage } from './StatusPages.tsx';

// Sign-in, its code step and the start page come with the shell; every other screen loads when first
// shown (app/lazy.tsx), so the first load stays small.
const AccountPage = lazyPage(() => import('../modules/account/AccountPage.tsx'), 'AccountPage');
const OutboxPage = lazyPage(() => import('../modules/admin/OutboxPage.tsx'), 'OutboxPage');
const UsersPage = lazyPage(() => import('../modules/admin/UsersPage.tsx'), 'UsersPage');
const EnrolPage = lazyPage(() => import('../modules/auth/EnrolPage.tsx'), 'EnrolPage');
const ForgotPasswordPage = lazyPage(
  () => import('../modules/auth/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const InvitationPage = lazyPage(() => import('../modules/auth/InvitationPage.tsx'), 'InvitationPage');
const ResetPasswordPage = lazyPage(
  () => import('../modules/auth/ResetPasswordPage.tsx'),
  'ResetPasswordPage',
);
const RecoveryCodePage = lazyPage(() => import('../modules/auth/RecoveryCodePage.tsx'), 'RecoveryCodePage');

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
