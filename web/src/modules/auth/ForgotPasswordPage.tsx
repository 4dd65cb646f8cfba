import { useMutation } from '@tanstack/react-query';
import { Alert, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgotPasswordInputSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, messageFor, noFormErrors, validate } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** `/wachtwoord-vergeten`: asks for a reset link; the answer never tells whether the address exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const request = useMutation({
    mutationFn: (input: { email: string }) => api.post('/api/auth/password/forgot', input),
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const submit = () => {
    if (request.isPending) return;
    const result = validate(forgotPasswordInputSchema, { email });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    request.mutate(result.value);
  };

  return (
    <div className="passend-narrow">
      <PageHeading>{t('forgot.title')}</PageHeading>
      {request.isSuccess ? (
        <Alert type="ok">{t('forgot.sent')}</Alert>
      ) : (
        <>
          <Paragraph>{t('forgot.intro')}</Paragraph>
          <Form errors={errors} fields={['email']} onSubmit={submit}>
            <TextField
              name="email"
              type="email"
              label={t('forgot.email')}
              autoComplete="username"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={messageFor(t, errors, 'email')}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={request.isPending}>
                {t('forgot.submit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </Form>
        </>
      )}
      <Paragraph>
        <RouterLink to="/inloggen">{t('common.backToSignIn')}</RouterLink>
      </Paragraph>
    </div>
  );
}
