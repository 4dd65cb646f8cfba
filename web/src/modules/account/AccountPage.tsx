import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changePasswordInputSchema,
  resetMfaInputSchema,
  type SessionState,
  sessionStateSchema,
} from '../../../../contracts/auth.ts';
import type { Locale } from '../../../../contracts/fields.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  messageFor,
  noFormErrors,
  validate,
  withFieldIssues,
} from '../../app/forms.ts';
import { useChooseLocale } from '../../app/locale.ts';
import { replaceSession, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { mismatchIssue, PasswordFields, repeatPath } from '../auth/PasswordFields.tsx';

function ChangePassword() {
  const { t } = useTranslation();
  const headingId = useId();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const change = useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post('/api/account/password', input),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const submit = () => {
    if (change.isPending) return;
    const result = validate(changePasswordInputSchema, { currentPassword, newPassword });
    const mismatch = mismatchIssue('newPassword', newPassword, repeat);
    if (!result.ok || mismatch.length) {
      return setErrors(withFieldIssues(result.ok ? noFormErrors : result.errors, mismatch));
    }
    setErrors(noFormErrors);
    change.reset();
    change.mutate(result.value);
  };

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('account.passwordTitle')}</Heading2>
      {change.isSuccess && <Alert type="ok">{t('account.passwordChanged')}</Alert>}
      <Form
        errors={errors}
        fields={['currentPassword', 'newPassword', repeatPath('newPassword')]}
        onSubmit={submit}
        aria-labelledby={headingId}
      >
        <TextField
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={messageFor(t, errors, 'currentPassword')}
        />
        <PasswordFields
          name="newPassword"
          label={t('account.newPassword')}
          repeatLabel={t('account.newPasswordRepeat')}
          value={newPassword}
          repeat={repeat}
          onChange={setNewPassword}
          onRepeatChange={setRepeat}
          errors={errors}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={change.isPending}>
            {t('account.passwordSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function ResetMfa() {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const reset = useMutation({
    mutationFn: (input: { password: string }) =>
      api.post<SessionState>('/api/account/mfa/reset', input, sessionStateSchema),
    // The session is now `mfa_enrol`: the gates take the user to the enrol screen.
    onSuccess: (session) => replaceSession(queryClient, session),
    onError: (error) => {
      setPassword('');
      setErrors(formErrorsFrom(error));
    },
  });

  const submit = () => {
    if (reset.isPending) return;
    const result = validate(resetMfaInputSchema, { password });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    reset.mutate(result.value);
  };

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('account.mfaTitle')}</Heading2>
      <Paragraph>{t('account.mfaIntro')}</Paragraph>
      <Form errors={errors} fields={['password']} onSubmit={submit} aria-labelledby={headingId}>
        <TextField
          name="password"
          type="password"
          label={t('account.mfaPassword')}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={messageFor(t, errors, 'password')}
        />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={reset.isPending}>
            {t('account.mfaSubmit')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function LanguagePreference() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const headingId = useId();
  const radioId = useId();
  const chooseLocale = useChooseLocale(session);
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'nl');
  const save = useMutation({ mutationFn: (choice: Locale) => chooseLocale(choice) });
  const locales: Locale[] = ['nl', 'en'];

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('account.languageTitle')}</Heading2>
      <Paragraph>{t('account.languageIntro')}</Paragraph>
      {save.isSuccess && <Alert type="ok">{t('account.languageSaved')}</Alert>}
      {save.isError && <ErrorAlert errors={formErrorsFrom(save.error)} />}
      <form
        noValidate
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending) save.mutate(locale);
        }}
      >
        <Fieldset>
          <FieldsetLegend>{t('account.languageLegend')}</FieldsetLegend>
          {locales.map((choice) => (
            <FormField
              key={choice}
              type="radio"
              input={
                <RadioButton
                  id={`${radioId}-${choice}`}
                  name="locale"
                  value={choice}
                  checked={locale === choice}
                  onChange={() => setLocale(choice)}
                />
              }
              label={
                <FormLabel htmlFor={`${radioId}-${choice}`} type="radio" lang={choice}>
                  {t(`language.${choice}`)}
                </FormLabel>
              }
            />
          ))}
        </Fieldset>
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('account.languageSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </form>
    </section>
  );
}

/** `/account`: own details, password, MFA reset and language. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user, tenant } = useSignedInSession();
  const { number } = useFormatters();
  const detailsId = useId();

  return (
    <div className="passend-narrow">
      <PageHeading>{t('account.title')}</PageHeading>
      <section className="passend-section" aria-labelledby={detailsId}>
        <Heading2 id={detailsId}>{t('account.detailsTitle')}</Heading2>
        <DataList appearance="rows">
          <DataListItem>
            <DataListKey>{t('account.name')}</DataListKey>
            <DataListValue>{user.name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('account.email')}</DataListKey>
            <DataListValue className="passend-break-anywhere">{user.email}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('account.partnership')}</DataListKey>
            <DataListValue>{tenant.name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('account.recoveryCodesLeft')}</DataListKey>
            <DataListValue>{number(user.recoveryCodesLeft)}</DataListValue>
          </DataListItem>
        </DataList>
      </section>
      <ChangePassword />
      <ResetMfa />
      <LanguagePreference />
    </div>
  );
}
