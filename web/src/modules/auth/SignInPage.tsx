import { useQueryClient } from '@tanstack/react-query';
import { Alert, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { type SessionState, sessionStateSchema, signInInputSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import type { FlowState } from '../../app/gates.tsx';
import { replaceSession } from '../../app/session.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** `/inloggen`: e-mail and password; the gate then moves on to the TOTP step. */
export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const flow = useLocation().state as FlowState;
  const form = useContractForm({
    schema: signInInputSchema,
    initial: { email: '', password: '' },
    send: (input) => api.post<SessionState>('/api/auth/sign-in', input, sessionStateSchema),
    onSuccess: (session) => replaceSession(queryClient, session),
    onError: () => form.set('password', ''),
  });

  return (
    <div className="passend-narrow">
      <PageHeading>{t('signIn.title')}</PageHeading>
      {flow?.signedOut && !form.errors.form && <Alert type="ok">{t('app.signedOut')}</Alert>}
      <Paragraph>{t('signIn.intro')}</Paragraph>
      <ContractForm form={form}>
        <TextField
          type="email"
          label={t('signIn.email')}
          autoComplete="username"
          spellCheck={false}
          {...form.field('email')}
        />
        <TextField
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          {...form.field('password')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('signIn.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
      <Paragraph>
        <RouterLink to="/wachtwoord-vergeten">{t('signIn.forgotPassword')}</RouterLink>
      </Paragraph>
    </div>
  );
}
