import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { type SessionState, sessionStateSchema, signInInputSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, messageFor, noFormErrors, validate } from '../../app/forms.ts';
import type { FlowState } from '../../app/gates.tsx';
import { replaceSession } from '../../app/session.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** `/inloggen`: e-mail and password; the gate then moves on to the TOTP step. */
export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const flow = useLocation().state as FlowState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const signIn = useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api.post<SessionState>('/api/auth/sign-in', input, sessionStateSchema),
    onSuccess: (session) => replaceSession(queryClient, session),
    onError: (error) => {
      setPassword('');
      setErrors(formErrorsFrom(error));
    },
  });

  const submit = () => {
    if (signIn.isPending) return;
    const result = validate(signInInputSchema, { email, password });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    signIn.mutate(result.value);
  };

  return (
    <div className="passend-narrow">
      <PageHeading>{t('signIn.title')}</PageHeading>
      {flow?.signedOut && !errors.form && <Alert type="ok">{t('app.signedOut')}</Alert>}
      <Paragraph>{t('signIn.intro')}</Paragraph>
      <Form errors={errors} fields={['email', 'password']} onSubmit={submit}>
        <TextField
          name="email"
          type="email"
          label={t('signIn.email')}
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={messageFor(t, errors, 'email')}
        />
        <TextField
          name="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={messageFor(t, errors, 'password')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={signIn.isPending}>
            {t('signIn.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
      <Paragraph>
        <RouterLink to="/wachtwoord-vergeten">{t('signIn.forgotPassword')}</RouterLink>
      </Paragraph>
    </div>
  );
}
