import { Alert, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { resetPasswordInputSchema } from '../../../../contracts/auth.ts';
import { api, isApiError } from '../../app/api.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { mismatchIssue, NewPasswordFields } from './PasswordFields.tsx';
import { useTokenFromHash } from './tokenFromHash.ts';

/** `/wachtwoord-herstellen#token=…`: choose a new password from the mail link. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useTokenFromHash();
  const form = useContractForm({
    schema: resetPasswordInputSchema,
    initial: { password: '', passwordRepeat: '' },
    toInput: ({ password }) => ({ token, password }),
    check: ({ password, passwordRepeat }) => mismatchIssue('password', password, passwordRepeat),
    send: (input) => api.post('/api/auth/password/reset', input),
  });

  const tokenRejected = isApiError(form.failure, 'invalid_token');

  return (
    <div className="passend-narrow">
      <PageHeading>{t('reset.title')}</PageHeading>
      {form.succeeded ? (
        <>
          <Alert type="ok">{t('reset.done')}</Alert>
          <Paragraph>
            <RouterLink to="/inloggen">{t('signIn.title')}</RouterLink>
          </Paragraph>
        </>
      ) : !token ? (
        <Alert type="error">{t('reset.missingToken')}</Alert>
      ) : (
        <>
          <Paragraph>{t('reset.intro')}</Paragraph>
          <ContractForm form={form}>
            <NewPasswordFields
              name="password"
              label={t('reset.password')}
              repeatLabel={t('reset.passwordRepeat')}
              form={form}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={form.pending}>
                {t('reset.submit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </ContractForm>
        </>
      )}
      {(!token || tokenRejected) && !form.succeeded && (
        <Paragraph>
          <RouterLink to="/wachtwoord-vergeten">{t('reset.requestNew')}</RouterLink>
        </Paragraph>
      )}
    </div>
  );
}
