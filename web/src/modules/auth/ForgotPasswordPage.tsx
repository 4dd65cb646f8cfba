import { Alert, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { forgotPasswordInputSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** `/wachtwoord-vergeten`: asks for a reset link; the answer never tells whether the address exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useContractForm({
    schema: forgotPasswordInputSchema,
    initial: { email: '' },
    send: (input) => api.post('/api/auth/password/forgot', input),
  });

  return (
    <div className="passend-narrow">
      <PageHeading>{t('forgot.title')}</PageHeading>
      {form.succeeded ? (
        <Alert type="ok">{t('forgot.sent')}</Alert>
      ) : (
        <>
          <Paragraph>{t('forgot.intro')}</Paragraph>
          <ContractForm form={form}>
            <TextField
              type="email"
              label={t('forgot.email')}
              autoComplete="username"
              spellCheck={false}
              {...form.field('email')}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={form.pending}>
                {t('forgot.submit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </ContractForm>
        </>
      )}
      <Paragraph>
        <RouterLink to="/inloggen">{t('common.backToSignIn')}</RouterLink>
      </Paragraph>
    </div>
  );
}
