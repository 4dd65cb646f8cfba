import {
  Button,
  Document,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { type MouseEvent, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useInRouterContext } from 'react-router';
import type { SessionState } from '../../../contracts/auth.ts';
import type { Locale } from '../../../contracts/fields.ts';
import { accessibilityStatementPath } from '../../../contracts/public.ts';
import { PageHeading } from '../ui/PageHeading.tsx';
import { RouterLink } from '../ui/RouterLink.tsx';
import { useAdoptAccountLocale, useChooseLocale } from './locale.ts';
import { PhoneMenu, useIsNarrow, WideNavigation } from './Navigation.tsx';
import { RouteNotice } from './notice.tsx';
import { UnexpectedError } from './StatusPages.tsx';
import { useSession } from './session.ts';
import { useSignOut } from './signOut.ts';

const mainId = 'main-content';
const locales: Locale[] = ['nl', 'en'];

function focusMain(event: MouseEvent<HTMLAnchorElement>): void {
  // Focus the main landmark without changing the URL (the router would treat a hash as navigation).
  event.preventDefault();
  const main = document.getElementById(mainId);
  main?.focus();
  main?.scrollIntoView();
}

function LanguageSwitch({ session }: { session: SessionState | undefined }) {
  const { t, i18n } = useTranslation();
  const chooseLocale = useChooseLocale(session);
  const [saveFailed, setSaveFailed] = useState(false);
  const choose = (locale: Locale) => {
    setSaveFailed(false);
    chooseLocale(locale).catch(() => setSaveFailed(true));
  };
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset. */}
      <div className="passend-language-switch" role="group" aria-label={t('language.label')}>
        {locales.map((locale) => (
          <Button
            key={locale}
            type="button"
            lang={locale}
            appearance="subtle-button"
            pressed={i18n.language === locale}
            onClick={() => choose(locale)}
          >
            {t(`language.${locale}`)}
          </Button>
        ))}
      </div>
      {saveFailed && (
        <p role="status" className="passend-meta">
          {t('language.saveFailed')}
        </p>
      )}
    </>
  );
}

/**
 * The user menu: the user's name, *Mijn account* once signed in, and signing out (also half-way
 * through signing in, between password and code, when there is no menu yet).
 */
function UserMenu({ name, withAccount }: { name: string; withAccount: boolean }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <div className="passend-user">
      <span className="passend-user__name">{t('app.signedInAs', { name })}</span>
      {withAccount && (
        <NavLink to="/account" className="utrecht-link utrecht-link--html-a passend-user__account">
          {t('nav.account')}
        </NavLink>
      )}
      <Button
        type="button"
        appearance="secondary-action-button"
        busy={signOut.isPending}
        onClick={() => !signOut.isPending && signOut.mutate()}
      >
        {t('app.signOut')}
      </Button>
    </div>
  );
}

function Header({ session }: { session: SessionState | undefined }) {
  const { t } = useTranslation();
  const isNarrow = useIsNarrow();
  const signedIn = session?.state === 'signed_in' ? session : null;
  const userName = session && session.state !== 'anonymous' ? session.user.name : null;
  return (
    <PageHeader className="passend-header">
      {session?.demo && <p className="passend-demo-banner">{t('app.demoBanner')}</p>}
      <div className="passend-container passend-header__bar">
        <div className="passend-brand">
          <RouterLink to="/" className="passend-brand__name">
            {t('app.name')}
          </RouterLink>
          {signedIn && <span className="passend-brand__tenant">{signedIn.tenant.name}</span>}
        </div>
        {signedIn && isNarrow ? (
          <PhoneMenu
            session={signedIn}
            accountTools={
              <>
                <UserMenu name={signedIn.user.name} withAccount />
                <LanguageSwitch session={session} />
              </>
            }
          />
        ) : (
          <div className="passend-header__tools">
            <LanguageSwitch session={session} />
            {userName && <UserMenu name={userName} withAccount={signedIn !== null} />}
          </div>
        )}
      </div>
      {signedIn && !isNarrow && <WideNavigation session={signedIn} />}
    </PageHeader>
  );
}

/** The frame of every page: skip link, header with language switch and navigation, main, footer. */
export function ShellLayout({
  session,
  children,
}: {
  session: SessionState | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Document className="passend-theme utrecht-document--surface passend-root">
      <SkipLink href={`#${mainId}`} onClick={focusMain}>
        {t('app.skipLink')}
      </SkipLink>
      <Header session={session} />
      <main id={mainId} tabIndex={-1} className="passend-main">
        <PageContent>{children}</PageContent>
      </main>
      <PageFooter className="passend-footer">
        <div className="passend-container">
          <Paragraph>{t('app.footer')}</Paragraph>
          <Paragraph>
            <FooterLink to={accessibilityStatementPath}>{t('app.accessibilityStatement')}</FooterLink>
          </Paragraph>
        </div>
      </PageFooter>
    </Document>
  );
}

/**
 * A link in the footer: through the router where there is one, a plain link where the footer stands
 * alone (an error page outside the router).
 */
function FooterLink({ to, children }: { to: string; children: ReactNode }) {
  if (useInRouterContext()) return <RouterLink to={to}>{children}</RouterLink>;
  return (
    <a className="utrecht-link utrecht-link--html-a" href={to}>
      {children}
    </a>
  );
}

/** While the session or a screen's code loads: a placeholder heading and a status message. */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading placeholder>{t('app.loadingTitle')}</PageHeading>
      <Paragraph role="status">{t('app.loading')}</Paragraph>
    </>
  );
}

/** The root route: loads the session, then shows the page the router picked. */
export function AppShell() {
  const sessionQuery = useSession();
  const session = sessionQuery.data;
  useAdoptAccountLocale(session);

  let content: ReactNode;
  if (session) {
    content = (
      <>
        <RouteNotice />
        {/* A screen loads its code on first visit (app/lazy.tsx); meanwhile the page says so. */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </>
    );
  } else if (sessionQuery.isError) {
    content = <UnexpectedError error={sessionQuery.error} />;
  } else {
    content = <PageLoading />;
  }
  return <ShellLayout session={session}>{content}</ShellLayout>;
}
