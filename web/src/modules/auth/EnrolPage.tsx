import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { mfaEnrolmentSchema, recoveryCodesSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { saveTextFile } from '../../app/download.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useLoadedSession } from '../../app/gates.tsx';
import { sessionQueryKey } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { setPendingRecoveryCodes, usePendingRecoveryCodes } from './pendingRecoveryCodes.ts';
import { TotpCodeField, useTotpCodeForm } from './TotpCodeField.tsx';

/** Splits the base32 secret into groups of four for reading and typing. */
function groupsOf(secret: string, size = 4): string[] {
  return secret.match(new RegExp(`.{1,${size}}`, 'g')) ?? [];
}

function RecoveryCodes({ codes, name }: { codes: string[]; name: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const queryClient = useQueryClient();

  const download = () => {
    const lines = [
      t('enrol.fileTitle', { name }),
      t('enrol.fileNote', { date: dateTime(new Date()) }),
      '',
      ...codes,
    ];
    saveTextFile(`${lines.join('\r\n')}\r\n`, t('enrol.downloadFileName'), 'text/plain;charset=utf-8');
  };

  const finish = async () => {
    setPendingRecoveryCodes(null);
    await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  };

  return (
    <div className="passend-narrow">
      <PageHeading key="codes">{t('enrol.codesTitle')}</PageHeading>
      <Paragraph>{t('enrol.codesIntro')}</Paragraph>
      <Alert type="warning">{t('enrol.codesOnce')}</Alert>
      <Heading2>{t('enrol.codesLabel')}</Heading2>
      <ol className="passend-recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <ButtonGroup>
        <SecondaryActionButton type="button" onClick={download}>
          {t('enrol.download')}
        </SecondaryActionButton>
        <PrimaryActionButton type="button" onClick={() => void finish()}>
          {t('enrol.continue')}
        </PrimaryActionButton>
      </ButtonGroup>
    </div>
  );
}

/** `/mfa-instellen`: set up TOTP (QR code or typed key), confirm with a code, then show recovery codes once. */
export function EnrolPage() {
  const { t } = useTranslation();
  const session = useLoadedSession();
  const pending = usePendingRecoveryCodes();
  const name = session.state === 'signed_in' || session.state === 'mfa_enrol' ? session.user.name : '';

  // A query, not an effect: deduplicated (also under strict mode), so one secret is shown and confirmed.
  const enrolment = useQuery({
    queryKey: ['mfa', 'enrolment'],
    queryFn: () => api.post('/api/auth/mfa/enrol/start', {}, mfaEnrolmentSchema),
    enabled: !pending,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  const form = useTotpCodeForm({
    send: (input) => api.post('/api/auth/mfa/enrol/confirm', input, recoveryCodesSchema),
    onSuccess: ({ recoveryCodes }) => setPendingRecoveryCodes({ codes: recoveryCodes, name }),
  });

  if (pending) return <RecoveryCodes codes={pending.codes} name={pending.name} />;

  return (
    <div className="passend-narrow">
      <PageHeading key="enrol">{t('enrol.title')}</PageHeading>
      <Paragraph>{t('enrol.intro', { name })}</Paragraph>
      <Heading2>{t('enrol.step1Title')}</Heading2>
      <Paragraph>{t('enrol.step1')}</Paragraph>
      <Heading2>{t('enrol.step2Title')}</Heading2>
      {enrolment.isPending && <Paragraph role="status">{t('enrol.starting')}</Paragraph>}
      {enrolment.isError && <ErrorAlert errors={formErrorsFrom(enrolment.error)} />}
      {enrolment.data && (
        <>
          <Paragraph>{t('enrol.step2')}</Paragraph>
          <img className="passend-qr" src={enrolment.data.qrCodeDataUrl} alt={t('enrol.qrAlt')} />
          <Paragraph>{t('enrol.manual')}</Paragraph>
          {/* The key as one string (copyable, readable by tests); groups of four only visually. */}
          <p className="passend-secret" data-testid="totp-secret" translate="no">
            {groupsOf(enrolment.data.secret).map((group, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: groups are positional.
              <span key={index}>{group}</span>
            ))}
          </p>
          <Heading2>{t('enrol.step3Title')}</Heading2>
          <ContractForm form={form}>
            <TotpCodeField
              label={t('enrol.code')}
              description={t('enrol.codeHint')}
              value={form.values.code}
              onChange={(code) => form.set('code', code)}
              error={form.message('code')}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={form.pending}>
                {t('enrol.submit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </ContractForm>
        </>
      )}
    </div>
  );
}
