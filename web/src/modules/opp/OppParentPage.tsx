import { useQuery } from '@tanstack/react-query';
import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { oppParentViewSchema } from '../../../../contracts/opp.ts';
import { privacyStatementPath } from '../../../../contracts/public.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FileReaders } from '../../ui/FileReaders.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useTokenFromHash } from '../auth/tokenFromHash.ts';
import { OppContentView } from './OppContentView.tsx';
import { oppKeys } from './opp.api.ts';

/**
 * `/opp-inzage#token=…`: the parents read their child's adopted OPP through their personal link,
 * without an account (E9). Read-only, the latest adopted version and nothing else of the file. The
 * token stays in the fragment, so it never reaches a server log.
 */
export function OppParentPage() {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const token = useTokenFromHash();
  const view = useQuery({
    queryKey: oppKeys.parentView(token),
    queryFn: () => api.post('/api/public/opp', { token }, oppParentViewSchema),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!token || view.isError)
    return (
      <>
        <PageHeading>{t('oppPublic.titleUnknown')}</PageHeading>
        {view.isError ? (
          <ErrorAlert errors={formErrorsFrom(view.error)} />
        ) : (
          <Alert type="error">
            <Paragraph>{t('oppPublic.noToken')}</Paragraph>
          </Alert>
        )}
        <Paragraph>{t('oppPublic.askMentor')}</Paragraph>
      </>
    );
  if (!view.data)
    return (
      <>
        <PageHeading placeholder>{t('oppPublic.titleUnknown')}</PageHeading>
        <Paragraph role="status">{t('oppPage.loading')}</Paragraph>
      </>
    );
  const page = view.data;
  return (
    <>
      <PageHeading>{t('oppPublic.title', { name: page.pupilFirstName })}</PageHeading>
      <Paragraph lead>
        {t('oppPublic.intro', {
          school: page.schoolName,
          partnership: page.partnershipName,
          version: page.version,
          date: format.date(page.adoptedOn),
        })}
      </Paragraph>
      <Paragraph>{t('oppPublic.readOnly')}</Paragraph>
      <OppContentView content={page} level={2} showHomework={Boolean(page.homeworkAgreement)} />
      <FileReaders
        readers={page.readers}
        heading={t('oppPublic.readersHeading')}
        intro={t('oppPublic.readersIntro', { name: page.pupilFirstName })}
        none={t('oppPublic.readersNone')}
        school={page.schoolName}
        partnership={page.partnershipName}
      />
      <Heading2>{t('oppPublic.privacyHeading')}</Heading2>
      <Paragraph>
        <a
          className="utrecht-link utrecht-link--html-a"
          href={privacyStatementPath(page.partnershipSlug, 'parent')}
        >
          {t('oppPublic.privacyLink', { partnership: page.partnershipName })}
        </a>
      </Paragraph>
      <Paragraph appearance="small">
        {t('oppPublic.validUntil', { date: format.date(page.linkExpiresAt) })}
      </Paragraph>
    </>
  );
}
