import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyStatementPath } from '../../../../contracts/public.ts';
import { type ConsentPage as ConsentPageView, consentPageSchema } from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FileReaders } from '../../ui/FileReaders.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useTokenFromHash } from '../auth/tokenFromHash.ts';
import { requestKeys } from './requests.api.ts';
import './requests.css';

/**
 * `/toestemming#token=…`: a parent or pupil reads what is asked and agrees, refuses or withdraws,
 * without an account (R8, R9, P3). Plain language (B1); a child-friendly version for the pupil.
 */
export function ConsentPage() {
  const { t } = useTranslation('requests');
  const token = useTokenFromHash();
  const [page, setPage] = useState<ConsentPageView | null>(null);
  const view = useQuery({
    queryKey: requestKeys.consentPage(token ?? ''),
    queryFn: () => api.post('/api/consent/view', { token }, consentPageSchema),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const current = page ?? view.data ?? null;
  if (!token) {
    return (
      <>
        <PageHeading>{t('consentPage.title')}</PageHeading>
        <Alert type="error">
          <Paragraph>{t('consentPage.noToken')}</Paragraph>
        </Alert>
      </>
    );
  }
  if (view.isError) {
    return (
      <>
        <PageHeading>{t('consentPage.title')}</PageHeading>
        <ErrorAlert errors={formErrorsFrom(view.error)} />
        <Paragraph>{t('consentPage.askSchool')}</Paragraph>
      </>
    );
  }
  if (!current) return <Paragraph role="status">{t('common.loading')}</Paragraph>;
  return <ConsentView token={token} page={current} onChange={setPage} />;
}

function ConsentView({
  token,
  page,
  onChange,
}: {
  token: string;
  page: ConsentPageView;
  onChange: (page: ConsentPageView) => void;
}) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  // Refusing and withdrawing stop the team: each is asked once more before it is sent.
  const [asking, setAsking] = useState<'refuse' | 'withdraw' | null>(null);
  const answer = useMutation({
    mutationFn: (decision: 'given' | 'refused') =>
      api.post('/api/consent/answer', { token, decision }, consentPageSchema),
    onSuccess: onChange,
  });
  const withdraw = useMutation({
    mutationFn: () => api.post('/api/consent/withdraw', { token }, consentPageSchema),
    onSuccess: onChange,
  });
  const prefix = page.audience === 'pupil' ? 'consentPage.pupil' : 'consentPage.parent';
  const values = {
    school: page.schoolName,
    partnership: page.partnershipName,
    pupil: page.pupilFirstName,
    name: page.audience === 'pupil' ? page.pupilFirstName : page.personName,
    period:
      page.retentionMonths % 12 === 0
        ? t('consentPage.period.years', { count: page.retentionMonths / 12 })
        : t('consentPage.period.months', { count: page.retentionMonths }),
    type: t(`types.${page.requestType}`),
  };
  const error = answer.error ?? withdraw.error;
  return (
    <div className="passend-consent-page">
      <PageHeading>{t(`${prefix}.title`, values)}</PageHeading>
      <Paragraph lead>{t(`${prefix}.greeting`, values)}</Paragraph>
      <Heading level={2}>{t(`${prefix}.whatHeading`)}</Heading>
      <Paragraph>{t(`${prefix}.what`, values)}</Paragraph>
      <Paragraph>{t(`${prefix}.notPupil`, values)}</Paragraph>
      <Heading level={2}>{t(`${prefix}.whoHeading`)}</Heading>
      {page.teamMembers.length > 0 ? (
        <UnorderedList>
          {page.teamMembers.map((member) => (
            <UnorderedListItem key={member.name}>
              {member.name}, {t(`teamRole.${member.teamRole}`)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t(`${prefix}.whoUnknown`)}</Paragraph>
      )}
      <Heading level={2}>{t(`${prefix}.dataHeading`)}</Heading>
      <Paragraph>{t(`${prefix}.data`, values)}</Paragraph>
      <Heading level={2}>{t(`${prefix}.keepHeading`)}</Heading>
      <Paragraph>{t(`${prefix}.keep`, values)}</Paragraph>
      {page.readers && (
        <FileReaders
          readers={page.readers}
          heading={t(`${prefix}.readersHeading`)}
          intro={t(`${prefix}.readersIntro`, values)}
          none={t(`${prefix}.readersNone`)}
          school={page.schoolName}
          partnership={page.partnershipName}
        />
      )}
      <Heading level={2}>{t(`${prefix}.choiceHeading`)}</Heading>
      <Paragraph>{t(`${prefix}.choice`, values)}</Paragraph>
      {error && <ErrorAlert errors={formErrorsFrom(error)} />}
      {page.decision && (
        <Alert type={page.decision === 'given' ? 'ok' : 'info'}>
          <Paragraph role="status">{t(`${prefix}.answered.${page.decision}`, values)}</Paragraph>
        </Alert>
      )}
      {page.canAnswer && (
        <>
          <Paragraph>{t(`${prefix}.validUntil`, { date: format.date(page.expiresAt) })}</Paragraph>
          <ButtonGroup>
            <PrimaryActionButton
              type="button"
              busy={answer.isPending && answer.variables === 'given'}
              onClick={() => answer.mutate('given')}
            >
              {t('consentPage.agree')}
            </PrimaryActionButton>
            <SecondaryActionButton
              type="button"
              busy={answer.isPending && answer.variables === 'refused'}
              onClick={() => setAsking('refuse')}
            >
              {t('consentPage.refuse')}
            </SecondaryActionButton>
          </ButtonGroup>
        </>
      )}
      {page.canWithdraw && (
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            busy={withdraw.isPending}
            onClick={() => setAsking('withdraw')}
          >
            {t('consentPage.withdraw')}
          </SecondaryActionButton>
        </ButtonGroup>
      )}
      {asking === 'refuse' && (
        <ConfirmDialog
          title={t(`${prefix}.refuseTitle`)}
          confirmLabel={t(`${prefix}.refuseYes`)}
          cancelLabel={t('consentPage.refuseNo')}
          onConfirm={() => {
            setAsking(null);
            answer.mutate('refused');
          }}
          onCancel={() => setAsking(null)}
        >
          <Paragraph>{t(`${prefix}.refuseConfirm`)}</Paragraph>
        </ConfirmDialog>
      )}
      {asking === 'withdraw' && (
        <ConfirmDialog
          title={t(`${prefix}.withdrawTitle`)}
          confirmLabel={t('consentPage.withdrawYes')}
          cancelLabel={t('consentPage.withdrawNo')}
          danger
          onConfirm={() => {
            setAsking(null);
            withdraw.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          <Paragraph>{t(`${prefix}.withdrawConfirm`)}</Paragraph>
        </ConfirmDialog>
      )}
      <Heading level={2}>{t(`${prefix}.privacyHeading`)}</Heading>
      <Paragraph>
        <a
          className="utrecht-link utrecht-link--html-a"
          href={privacyStatementPath(page.partnershipSlug, page.audience)}
        >
          {t(`${prefix}.privacyLink`, values)}
        </a>
      </Paragraph>
      <Paragraph appearance="small">{t('consentPage.textVersion', { version: page.textVersion })}</Paragraph>
    </div>
  );
}
