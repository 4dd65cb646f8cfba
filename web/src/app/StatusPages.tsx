import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../ui/PageHeading.tsx';
import { RouterLink } from '../ui/RouterLink.tsx';
import { isApiError } from './api.ts';
import { formMessage } from './forms.ts';

/** For unknown addresses. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="passend-narrow">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <RouterLink to="/">{t('common.backToHome')}</RouterLink>
      </Paragraph>
    </div>
  );
}

/** For pages the user's roles do not reach. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div className="passend-narrow">
      <PageHeading>{t('forbidden.title')}</PageHeading>
      <Paragraph>{t('forbidden.text')}</Paragraph>
      <Paragraph>
        <RouterLink to="/">{t('common.backToHome')}</RouterLink>
      </Paragraph>
    </div>
  );
}

/** What the user sees of an unexpected error: a plain explanation and a reference, never a stack trace. */
export function UnexpectedError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const requestId = isApiError(error) ? error.requestId : undefined;
  // A known API condition (no connection, database down) says what is going on; anything else stays generic.
  const known = isApiError(error) && error.code !== 'internal' ? formMessage(t, { code: error.code }) : null;
  return (
    <div className="passend-narrow">
      <PageHeading>{t('errorPage.title')}</PageHeading>
      {known && <Paragraph>{known}</Paragraph>}
      <Paragraph>{t('errorPage.text')}</Paragraph>
      {requestId && <Paragraph>{t('common.errorReference', { requestId })}</Paragraph>}
      <ButtonGroup>
        <Button type="button" appearance="primary-action-button" onClick={() => window.location.reload()}>
          {t('errorPage.reload')}
        </Button>
      </ButtonGroup>
      <Paragraph>
        <RouterLink to="/">{t('common.backToHome')}</RouterLink>
      </Paragraph>
    </div>
  );
}

/** A part of the app could not be loaded, most likely because a new version was deployed: reload. */
export function NewVersionPage() {
  const { t } = useTranslation();
  return (
    <div className="passend-narrow">
      <PageHeading>{t('errorPage.newVersionTitle')}</PageHeading>
      <Paragraph>{t('errorPage.newVersionText')}</Paragraph>
      <ButtonGroup>
        <Button type="button" appearance="primary-action-button" onClick={() => window.location.reload()}>
          {t('errorPage.reload')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
