import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  mentorOptionsSchema,
  signalDiscussWith,
  signalInputSchema,
  signalSources,
  trajectoryDetailSchema,
} from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { useSignedInSession } from '../../app/session.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { PupilPicker } from '../pupils/PupilPicker.tsx';
import { trajectoryKeys } from './trajectories.api.ts';

type SignalValues = {
  source: string;
  locationId: string;
  /** The pupil picked from the school's register (Y1), or '' when typed. */
  pupilId: string;
  pupilFirstName: string;
  pupilLastName: string;
  pupilClass: string;
  pupilBirthDate: string;
  mentorUserId: string;
  observed: string;
  since: string;
  tried: string;
  discussWith: string;
};

/**
 * `/signalen/nieuw`: a teacher records a concern about a pupil and picks with whom to discuss it; a
 * mentor may record that the parents raised it (E9).
 */
export function SignalFormPage() {
  const { t } = useTranslation('trajectories');
  const session = useSignedInSession();
  const navigateWithNotice = useNavigateWithNotice();
  const queryClient = useQueryClient();
  const locations = [
    ...new Map(
      session.user.roles
        .filter((role) => role.locationId && role.locationName)
        .map((role) => [role.locationId as string, role.locationName as string]),
    ),
  ];
  const isMentor = session.user.roles.some((role) => role.role === 'mentor');
  const form = useContractForm({
    schema: signalInputSchema,
    initial: (): SignalValues => ({
      source: 'teacher',
      locationId: locations.length === 1 ? (locations[0]?.[0] ?? '') : '',
      pupilId: '',
      pupilFirstName: '',
      pupilLastName: '',
      pupilClass: '',
      pupilBirthDate: '',
      mentorUserId: '',
      observed: '',
      since: '',
      tried: '',
      discussWith: '',
    }),
    toInput: (values) => ({
      ...values,
      locationId: values.locationId || undefined,
      pupilId: values.pupilId || null,
      pupilBirthDate: values.pupilBirthDate || null,
      mentorUserId: values.mentorUserId || undefined,
      discussWith: values.discussWith || undefined,
    }),
    namespace: 'trajectories',
    send: (input) => api.post('/api/trajectories', input, trajectoryDetailSchema),
    onSuccess: async (detail) => {
      await queryClient.invalidateQueries({ queryKey: trajectoryKeys.lists() });
      navigateWithNotice(
        detail.view === 'file' ? `/trajecten/${detail.id}` : `/signalen/${detail.id}`,
        t('saved.signal'),
      );
    },
  });
  const locationId = form.values.locationId;
  const mentors = useQuery({
    queryKey: trajectoryKeys.mentors(locationId),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/signal-mentors', { locationId }), mentorOptionsSchema, signal),
    enabled: Boolean(locationId),
  });
  const label = (name: keyof SignalValues) => t(`fields.${name}`);

  return (
    <>
      <PageHeading>{t('signal.title')}</PageHeading>
      <Paragraph>{t('signal.intro')}</Paragraph>
      <ContractForm form={form}>
        {isMentor && (
          <RadioGroupField
            legend={label('source')}
            choices={signalSources.map((source) => ({ value: source, label: t(`sources.${source}`) }))}
            {...form.field('source', 'choice')}
          />
        )}
        <SelectField
          label={label('locationId')}
          placeholder={t('form.choose')}
          choices={locations.map(([id, name]) => ({ value: id, label: name }))}
          {...form.field('locationId', 'choice')}
          // Another location has other mentors: the chosen one no longer applies.
          onChange={(next) =>
            form.update((values) => ({ ...values, locationId: next, mentorUserId: '', pupilId: '' }))
          }
        />
        <PupilPicker
          locationId={locationId}
          pickedId={form.values.pupilId || null}
          onPick={(picked) => {
            // The register keeps one name; the signal keeps first and last name: the first word, then the rest.
            const [firstName = '', ...rest] = picked.name.split(/\s+/);
            form.update((values) => ({
              ...values,
              pupilId: picked.id,
              pupilFirstName: firstName,
              pupilLastName: rest.join(' '),
              pupilBirthDate: picked.birthDate ?? '',
              pupilClass: picked.className ?? values.pupilClass,
              mentorUserId: picked.mentor?.id ?? values.mentorUserId,
            }));
          }}
          onClear={() => form.update((values) => ({ ...values, pupilId: '' }))}
        />
        <TextField label={label('pupilFirstName')} autoComplete="off" {...form.field('pupilFirstName')} />
        <TextField label={label('pupilLastName')} autoComplete="off" {...form.field('pupilLastName')} />
        <TextField label={label('pupilClass')} autoComplete="off" {...form.field('pupilClass')} />
        <TextField type="date" label={label('pupilBirthDate')} {...form.field('pupilBirthDate')} />
        <SelectField
          label={label('mentorUserId')}
          placeholder={t('form.choose')}
          busy={mentors.isFetching}
          choices={(mentors.data ?? []).map((mentor) => ({ value: mentor.id, label: mentor.name }))}
          {...form.field('mentorUserId', 'choice')}
        />
        <TextAreaField
          label={label('observed')}
          description={t('signal.observedHint')}
          {...form.field('observed')}
        />
        <TextField label={label('since')} {...form.field('since')} />
        <TextAreaField label={label('tried')} {...form.field('tried')} />
        <SelectField
          label={label('discussWith')}
          description={t('signal.discussWithHint')}
          placeholder={t('form.choose')}
          choices={signalDiscussWith.map((option) => ({ value: option, label: t(`discussWith.${option}`) }))}
          {...form.field('discussWith', 'choice')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('signal.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
