import { useMutation } from '@tanstack/react-query';
import { Alert, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resetPasswordInputSchema } from '../../../../contracts/auth.ts';
import { api, isApiError } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate, withFieldIssues } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { mismatchIssue, PasswordFields, repeatPath } from './PasswordFields.tsx';
import { useTokenFromHash } from './tokenFromHash.ts';

/** `/wachtwoord-herstellen#token=…`: choose a new password from the mail link. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useTokenFromHash();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const reset = useMutation({
    mutationFn: (input: { token: string; password: string }) => api.post('/api/auth/password/reset', input),
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const submit = () => {
    if (reset.isPending || !token) return;
    const result = validate(resetPasswordInputSchema, { token, password });
    const mismatch = mismatchIssue('password', password, repeat);
    if (!result.ok || mismatch.length) {
      return setErrors(withFieldIssues(result.ok ? noFormErrors : result.errors, mismatch));
    }
    setErrors(noFormErrors);
    reset.mutate(result.value);
  };

  const tokenRejected = isApiError(reset.error, 'invalid_token');

  return (
    <div className="passend-narrow">
      <PageHeading>{t('reset.title')}</PageHeading>
      {reset.isSuccess ? (
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
          <Form errors={errors} fields={['password', repeatPath('password')]} onSubmit={submit}>
            <PasswordFields
              name="password"
              label={t('reset.password')}
              repeatLabel={t('reset.passwordRepeat')}
              value={password}
              repeat={repeat}
              onChange={setPassword}
              onRepeatChange={setRepeat}
              errors={errors}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={reset.isPending}>
                {t('reset.submit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </Form>
        </>
      )}
      {(!token || tokenRejected) && !reset.isSuccess && (
        <Paragraph>
          <RouterLink to="/wachtwoord-vergeten">{t('reset.requestNew')}</RouterLink>
        </Paragraph>
      )}
    </div>
  );
}
