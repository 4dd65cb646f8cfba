import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ConsentSettings,
  consentSettingsInputSchema,
  consentSettingsSchema,
} from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { requestKeys } from './requests.api.ts';

/** `/instellingen`: the partnership's settings; for now whether one parent's consent suffices (R8). */
export function SettingsPage() {
  const { t } = useTranslation('requests');
  const settings = useQuery({
    queryKey: requestKeys.consentSettings(),
    queryFn: ({ signal }) => api.get('/api/settings/consent', consentSettingsSchema, signal),
  });
  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <Paragraph>{t('settings.intro')}</Paragraph>
      {settings.isError && <ErrorAlert errors={formErrorsFrom(settings.error)} />}
      {settings.data && <ConsentSettingsForm settings={settings.data} />}
      {settings.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
    </>
  );
}

function ConsentSettingsForm({ settings }: { settings: ConsentSettings }) {
  const { t } = useTranslation('requests');
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: consentSettingsInputSchema,
    initial: { oneParentSuffices: settings.oneParentSuffices },
    send: (input) => api.put('/api/settings/consent', input, consentSettingsSchema),
    onSuccess: (saved) => {
      queryClient.setQueryData(requestKeys.consentSettings(), saved);
    },
    successNotice: t('settings.saved'),
  });
  return (
    <ContractForm form={form}>
      <CheckboxField
        label={t('settings.oneParentSuffices')}
        description={t('settings.oneParentSufficesHint')}
        {...form.checkbox('oneParentSuffices')}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {t('settings.save')}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
