import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { recoveryInputSchema, type SessionState, sessionStateSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, messageFor, noFormErrors, validate } from '../../app/forms.ts';
import { replaceSession } from '../../app/session.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** `/inloggen/herstelcode`: the second step with a one-time recovery code instead of the app. */
export function RecoveryCodePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const [recoveryCode, setRecoveryCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const recover = useMutation({
    mutationFn: (input: { recoveryCode: string }) =>
      api.post<SessionState>('/api/auth/mfa/recover', input, sessionStateSchema),
    onSuccess: (next) => replaceSession(queryClient, next),
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const submit = () => {
    if (recover.isPending) return;
    const result = validate(recoveryInputSchema, { recoveryCode });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    recover.mutate(result.value);
  };

  return (
    <div className="passend-narrow">
      <PageHeading>{t('recovery.title')}</PageHeading>
      <Paragraph>{t('recovery.intro')}</Paragraph>
      <Form errors={errors} fields={['recoveryCode']} onSubmit={submit}>
        <TextField
          name="recoveryCode"
          label={t('recovery.code')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={recoveryCode}
          onChange={setRecoveryCode}
          error={messageFor(t, errors, 'recoveryCode')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={recover.isPending}>
            {t('recovery.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
      <Paragraph>
        <RouterLink to="/inloggen/code" state={location.state}>
          {t('recovery.useApp')}
        </RouterLink>
      </Paragraph>
    </div>
  );
}
