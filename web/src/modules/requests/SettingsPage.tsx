import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormFieldCheckbox,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consentSettingsSchema } from '../../../../contracts/requests.ts';
import { api, apiRequest } from '../../app/api.ts';
import { formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** `/instellingen`: the partnership's settings; for now whether one parent's consent suffices (R8). */
export function SettingsPage() {
  const { t } = useTranslation('requests');
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings', 'consent'],
    queryFn: ({ signal }) => api.get('/api/settings/consent', consentSettingsSchema, signal),
  });
  const [oneParentSuffices, setOneParentSuffices] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setOneParentSuffices(settings.data.oneParentSuffices);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      apiRequest('PUT', '/api/settings/consent', {
        body: { oneParentSuffices },
        schema: consentSettingsSchema,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(['settings', 'consent'], data);
      setSaved(true);
    },
  });
  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <Paragraph>{t('settings.intro')}</Paragraph>
      {settings.data ? (
        <Form
          errors={save.error ? formErrorsFrom(save.error) : noFormErrors}
          fields={[]}
          onSubmit={() => save.mutate()}
        >
          <FormFieldCheckbox
            name="oneParentSuffices"
            label={t('settings.oneParentSuffices')}
            description={t('settings.oneParentSufficesHint')}
            checked={oneParentSuffices}
            onChange={(event) => {
              setSaved(false);
              setOneParentSuffices(event.target.checked);
            }}
          />
          {saved && <Paragraph role="status">{t('settings.saved')}</Paragraph>}
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={save.isPending}>
              {t('settings.save')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      ) : (
        <Paragraph role="status">{t('common.loading')}</Paragraph>
      )}
    </>
  );
}
