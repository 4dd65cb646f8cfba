import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  acceptInvitationInputSchema,
  invitationSchema,
  type SessionState,
  sessionStateSchema,
} from '../../../../contracts/auth.ts';
import { api, isApiError } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { replaceSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { mismatchIssue, NewPasswordFields } from './PasswordFields.tsx';
import { useTokenFromHash } from './tokenFromHash.ts';

/** `/uitnodiging#token=…`: shows who is invited where, sets a password, then on to MFA enrolment. */
export function InvitationPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const token = useTokenFromHash();

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post('/api/auth/invitation/inspect', { token }, invitationSchema),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const form = useContractForm({
    schema: acceptInvitationInputSchema,
    initial: { password: '', passwordRepeat: '' },
    toInput: ({ password }) => ({ token, password }),
    check: ({ password, passwordRepeat }) => mismatchIssue('password', password, passwordRepeat),
    send: (input) => api.post<SessionState>('/api/auth/invitation/accept', input, sessionStateSchema),
    onSuccess: async (session) => {
      // The cache holds the new session at once, so the enrol gate lets the user in.
      const refreshed = replaceSession(queryClient, session);
      await navigate('/mfa-instellen', { replace: true });
      await refreshed;
    },
  });

  let body: ReactNode;
  if (!token) {
    body = <Alert type="error">{t('invitation.missingToken')}</Alert>;
  } else if (invitation.isPending) {
    body = <Paragraph role="status">{t('invitation.checking')}</Paragraph>;
  } else if (invitation.isError) {
    body = isApiError(invitation.error, 'invalid_token', 'not_found', 'validation_failed') ? (
      <Alert type="error">{t('invitation.invalid')}</Alert>
    ) : (
      <ErrorAlert errors={formErrorsFrom(invitation.error)} />
    );
  } else {
    const { name, email, tenantName } = invitation.data;
    body = (
      <>
        <Paragraph>{t('invitation.intro')}</Paragraph>
        <DataList aria-label={t('invitation.detailsLabel')}>
          <DataListItem>
            <DataListKey>{t('invitation.name')}</DataListKey>
            <DataListValue>{name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('invitation.email')}</DataListKey>
            <DataListValue>{email}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('invitation.partnership')}</DataListKey>
            <DataListValue>{tenantName}</DataListValue>
          </DataListItem>
        </DataList>
        <ContractForm form={form}>
          {/* Lets password managers store the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
          <NewPasswordFields
            name="password"
            label={t('invitation.password')}
            repeatLabel={t('invitation.passwordRepeat')}
            form={form}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('invitation.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      </>
    );
  }

  return (
    <div className="passend-narrow">
      <PageHeading>{t('invitation.title')}</PageHeading>
      {body}
    </div>
  );
}
