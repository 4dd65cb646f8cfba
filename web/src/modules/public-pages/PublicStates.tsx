import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** Loading, not found or failed, for a public page whose data has not arrived. */
export function PublicPageState({
  loadingTitle,
  notFound,
  error,
}: {
  loadingTitle: string;
  notFound: boolean;
  error: unknown;
}) {
  const { t } = useTranslation('publicPages');
  const { t: tCore } = useTranslation();
  if (notFound) {
    return (
      <div className="passend-narrow">
        <PageHeading>{t('notFound.title')}</PageHeading>
        <Paragraph>{t('notFound.text')}</Paragraph>
      </div>
    );
  }
  if (error) {
    return (
      <>
        <PageHeading>{loadingTitle}</PageHeading>
        <ErrorAlert errors={formErrorsFrom(error)} />
      </>
    );
  }
  return (
    <>
      <PageHeading placeholder>{loadingTitle}</PageHeading>
      <Paragraph role="status">{tCore('app.loading')}</Paragraph>
    </>
  );
}
