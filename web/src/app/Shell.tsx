import {
  Button,
  Document,
  NavList,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import i18next from 'i18next';
import { type MouseEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import type { SessionState } from '../../../contracts/auth.ts';
import type { Locale } from '../../../contracts/fields.ts';
import { PageHeading } from '../ui/PageHeading.tsx';
import { NavItem, RouterLink } from '../ui/RouterLink.tsx';
import { useAdoptAccountLocale, useChooseLocale } from './locale.ts';
import type { ModuleNavItem } from './modules.ts';
import { RouteNotice } from './notice.tsx';
import { webModules } from './registry.ts';
import { UnexpectedError } from './StatusPages.tsx';
import { hasPermission, useSession } from './session.ts';
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

// Module labels are keys chosen at run time, so they bypass the typed catalogue keys.
function translateModuleLabel(item: ModuleNavItem): string {
  const translate = i18next.t as unknown as (key: string, options: { ns: string }) => string;
  return translate(item.labelKey, { ns: item.namespace });
}

function Navigation({ session }: { session: Extract<SessionState, { state: 'signed_in' }> }) {
  const { t } = useTranslation();
  return (
    <nav className="passend-nav" aria-label={t('nav.label')}>
      <div className="passend-container">
        <NavList>
          <NavItem to="/" end>
            {t('nav.home')}
          </NavItem>
          {webModules
            .flatMap((module) => module.navItems ?? [])
            .filter((item) => hasPermission(session, item.action))
            .map((item) => (
              <NavItem key={item.to} to={item.to}>
                {translateModuleLabel(item)}
              </NavItem>
            ))}
          {hasPermission(session, 'users.read') && (
            <NavItem to="/beheer/gebruikers">{t('nav.users')}</NavItem>
          )}
          {hasPermission(session, 'outbox.read') && (
            <NavItem to="/beheer/postvak">
              {session.outboxEnabled ? t('nav.outbox') : t('nav.outgoingMail')}
            </NavItem>
          )}
          <NavItem to="/account">{t('nav.account')}</NavItem>
        </NavList>
      </div>
    </nav>
  );
}

function Header({ session }: { session: SessionState | undefined }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
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
        <div className="passend-header__tools">
          <LanguageSwitch session={session} />
          {userName && (
            <div className="passend-user">
              <span className="passend-user__name">{t('app.signedInAs', { name: userName })}</span>
              <Button
                type="button"
                appearance="secondary-action-button"
                busy={signOut.isPending}
                onClick={() => !signOut.isPending && signOut.mutate()}
              >
                {t('app.signOut')}
              </Button>
            </div>
          )}
        </div>
      </div>
      {signedIn && <Navigation session={signedIn} />}
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
        </div>
      </PageFooter>
    </Document>
  );
}

/** The root route: loads the session, then shows the page the router picked. */
export function AppShell() {
  const { t } = useTranslation();
  const sessionQuery = useSession();
  const session = sessionQuery.data;
  useAdoptAccountLocale(session);

  let content: ReactNode;
  if (session) {
    content = (
      <>
        <RouteNotice />
        <Outlet />
      </>
    );
  } else if (sessionQuery.isError) {
    content = <UnexpectedError error={sessionQuery.error} />;
  } else {
    content = (
      <>
        <PageHeading placeholder>{t('app.loadingTitle')}</PageHeading>
        <Paragraph role="status">{t('app.loading')}</Paragraph>
      </>
    );
  }
  return <ShellLayout session={session}>{content}</ShellLayout>;
}
