import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { type SessionState, sessionStateSchema } from '../../../../contracts/auth.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, fieldError, formErrorsFrom, messageFor, noFormErrors } from '../../app/forms.ts';
import { useLoadedSession } from '../../app/gates.tsx';
import { replaceSession } from '../../app/session.ts';
import { useSignOut } from '../../app/signOut.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { normaliseTotpCode, TotpCodeField } from './TotpCodeField.tsx';

/** `/inloggen/code`: the second step, a code from the authenticator app. */
export function TotpPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useLoadedSession();
  const location = useLocation();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const name = session.state === 'mfa_challenge' ? session.user.name : '';

  const verify = useMutation({
    mutationFn: (input: { code: string }) =>
      api.post<SessionState>('/api/auth/mfa/verify', input, sessionStateSchema),
    onSuccess: (next) => replaceSession(queryClient, next),
    onError: (error) => {
      setCode('');
      setErrors(formErrorsFrom(error));
    },
  });

  const submit = () => {
    if (verify.isPending) return;
    const normalised = normaliseTotpCode(code);
    if (!normalised) return setErrors(fieldError('code', code.trim() ? 'code_format' : 'required'));
    setErrors(noFormErrors);
    verify.mutate({ code: normalised });
  };

  return (
    <div className="passend-narrow">
      <PageHeading>{t('totp.title')}</PageHeading>
      <Paragraph>{t('totp.intro', { name })}</Paragraph>
      <Form errors={errors} fields={['code']} onSubmit={submit}>
        <TotpCodeField
          label={t('totp.code')}
          description={t('totp.codeHint')}
          value={code}
          onChange={setCode}
          error={messageFor(t, errors, 'code')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={verify.isPending}>
            {t('totp.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
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
