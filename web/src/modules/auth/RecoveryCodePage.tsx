import { useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { recoveryInputSchema, type SessionState, sessionStateSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { replaceSession } from '../../app/session.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** `/inloggen/herstelcode`: the second step with a one-time recovery code instead of the app. */
export function RecoveryCodePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const form = useContractForm({
    schema: recoveryInputSchema,
    initial: { recoveryCode: '' },
    send: (input) => api.post<SessionState>('/api/auth/mfa/recover', input, sessionStateSchema),
    onSuccess: (next) => replaceSession(queryClient, next),
  });

  return (
    <div className="passend-narrow">
      <PageHeading>{t('recovery.title')}</PageHeading>
      <Paragraph>{t('recovery.intro')}</Paragraph>
      <ContractForm form={form}>
        <TextField
          label={t('recovery.code')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...form.field('recoveryCode')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('recovery.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
      <Paragraph>
        <RouterLink to="/inloggen/code" state={location.state}>
          {t('recovery.useApp')}
        </RouterLink>
      </Paragraph>
    </div>
  );
}
