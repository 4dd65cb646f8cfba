import { useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { type SessionState, sessionStateSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { useLoadedSession } from '../../app/gates.tsx';
import { replaceSession } from '../../app/session.ts';
import { useSignOut } from '../../app/signOut.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TotpCodeField, useTotpCodeForm } from './TotpCodeField.tsx';

/** `/inloggen/code`: the second step, a code from the authenticator app. */
export function TotpPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useLoadedSession();
  const location = useLocation();
  const signOut = useSignOut();
  const name = session.state === 'mfa_challenge' ? session.user.name : '';
  const form = useTotpCodeForm({
    send: (input) => api.post<SessionState>('/api/auth/mfa/verify', input, sessionStateSchema),
    onSuccess: (next) => replaceSession(queryClient, next),
  });

  return (
    <div className="passend-narrow">
      <PageHeading>{t('totp.title')}</PageHeading>
      <Paragraph>{t('totp.intro', { name })}</Paragraph>
      <ContractForm form={form}>
        <TotpCodeField
          label={t('totp.code')}
          description={t('totp.codeHint')}
          value={form.values.code}
          onChange={(code) => form.set('code', code)}
          error={form.message('code')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('totp.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
      <Paragraph>
        <RouterLink to="/inloggen/herstelcode" state={location.state}>
          {t('totp.useRecoveryCode')}
        </RouterLink>
      </Paragraph>
      <ButtonGroup>
        <SecondaryActionButton type="button" busy={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('totp.cancel')}
        </SecondaryActionButton>
      </ButtonGroup>
    </div>
  );
}
