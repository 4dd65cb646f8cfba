import { useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changePasswordInputSchema,
  resetMfaInputSchema,
  sessionStateSchema,
  updateAccountInputSchema,
} from '../../../../contracts/auth.ts';
import type { Locale } from '../../../../contracts/fields.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { roleAssignmentLabel } from '../../app/labels.ts';
import { useChooseLocale } from '../../app/locale.ts';
import { replaceSession, useSignedInSession } from '../../app/session.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { mismatchIssue, repeatPath } from '../auth/PasswordFields.tsx';

const locales: Locale[] = ['nl', 'en'];

function ChangePassword() {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useContractForm({
    schema: changePasswordInputSchema,
    initial: { currentPassword: '', newPassword: '', [repeatPath('newPassword')]: '' } as Record<
      string,
      string
    >,
    toInput: (values) => ({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    // Typed twice so a typing error does not lock the user out; only the browser checks the repeat.
    check: (values) =>
      mismatchIssue('newPassword', values.newPassword ?? '', values[repeatPath('newPassword')] ?? ''),
    send: (input) => api.post('/api/account/password', input),
    onSuccess: () => {
      form.reset();
    },
    successNotice: t('account.passwordChanged'),
  });

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('account.passwordTitle')}</Heading2>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          {...form.field('currentPassword')}
        />
        <TextField
          type="password"
          label={t('account.newPassword')}
          description={t('common.passwordHint')}
          autoComplete="new-password"
          {...form.field('newPassword')}
        />
        <TextField
          type="password"
          label={t('account.newPasswordRepeat')}
          autoComplete="new-password"
          {...form.field(repeatPath('newPassword'))}
          required
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('account.passwordSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

function ResetMfa() {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: resetMfaInputSchema,
    initial: { password: '' },
    // The old app and recovery codes stop working at once: asked first.
    confirm: () => ({
      title: t('account.mfaConfirmTitle'),
      body: t('account.mfaConfirmBody'),
      confirmLabel: t('account.mfaConfirmYes'),
    }),
    send: (input) => api.post('/api/account/mfa/reset', input, sessionStateSchema),
    // The session is now `mfa_enrol`: the gates take the user to the enrol screen.
    onSuccess: (session) => replaceSession(queryClient, session),
  });

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('account.mfaTitle')}</Heading2>
      <Paragraph>{t('account.mfaIntro')}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField
          type="password"
          label={t('account.mfaPassword')}
          autoComplete="current-password"
          {...form.field('password')}
        />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={form.pending}>
            {t('account.mfaSubmit')}
          </SecondaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

function LanguagePreference() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const headingId = useId();
  const chooseLocale = useChooseLocale(session);
  const form = useContractForm({
    schema: updateAccountInputSchema,
    initial: { locale: i18n.language === 'en' ? 'en' : 'nl' },
    send: (input) => chooseLocale(input.locale),
    // Said in the language just chosen: the page has switched by the time it is saved.
    successNotice: () => i18n.t('account.languageSaved'),
  });

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('account.languageTitle')}</Heading2>
      <Paragraph>{t('account.languageIntro')}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        <RadioGroupField
          legend={t('account.languageLegend')}
          choices={locales.map((locale) => ({ value: locale, label: t(`language.${locale}`), lang: locale }))}
          {...form.field('locale', 'choice')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('account.languageSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

/** `/account`: own details and roles, password, MFA reset and language. */
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
            <DataListKey>{t('account.roles')}</DataListKey>
            <DataListValue>
              {user.roles.length === 0 ? (
                t('account.noRoles')
              ) : (
                <UnorderedList>
                  {user.roles.map((assignment) => (
                    <UnorderedListItem
                      key={`${assignment.role}-${assignment.teamRole}-${assignment.locationId}`}
                    >
                      {roleAssignmentLabel(t, assignment)}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
            </DataListValue>
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
