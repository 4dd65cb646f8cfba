import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  mentorOptionsSchema,
  type SignalSource,
  signalDiscussWith,
  signalSources,
  trajectoryDetailSchema,
} from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, moduleMessageFor, noFormErrors } from '../../app/forms.ts';
import { useSignedInSession } from '../../app/session.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

const fieldNames = [
  'source',
  'locationId',
  'pupilFirstName',
  'pupilLastName',
  'pupilClass',
  'pupilBirthDate',
  'mentorUserId',
  'observed',
  'since',
  'tried',
  'discussWith',
];

/**
 * `/signalen/nieuw`: a teacher records a concern about a pupil and picks with whom to discuss it; a
 * mentor may record that the parents raised it (E9).
 */
export function SignalFormPage() {
  const { t } = useTranslation('trajectories');
  const session = useSignedInSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sourceId = useId();
  const locations = [
    ...new Map(
      session.user.roles
        .filter((role) => role.locationId && role.locationName)
        .map((role) => [role.locationId as string, role.locationName as string]),
    ),
  ];
  const isMentor = session.user.roles.some((role) => role.role === 'mentor');
  const [values, setValues] = useState<Record<string, string>>({
    source: 'teacher',
    locationId: locations.length === 1 ? (locations[0]?.[0] ?? '') : '',
    discussWith: '',
  });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const set = (name: string) => (value: string) => setValues((current) => ({ ...current, [name]: value }));
  const value = (name: string) => values[name] ?? '';
  const errorOf = (name: string) => moduleMessageFor('trajectories', errors, name);
  const mentors = useQuery({
    queryKey: ['trajectories', 'mentors', values.locationId],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/signal-mentors', { locationId: values.locationId }),
        mentorOptionsSchema,
        signal,
      ),
    enabled: Boolean(values.locationId),
  });
  const save = useMutation({
    mutationFn: () =>
      api.post(
        '/api/trajectories',
        {
          ...values,
          pupilBirthDate: value('pupilBirthDate') || null,
          discussWith: value('discussWith') || undefined,
          locationId: value('locationId') || undefined,
          mentorUserId: value('mentorUserId') || undefined,
        },
        trajectoryDetailSchema,
      ),
    onSuccess: async (detail) => {
      await queryClient.invalidateQueries({ queryKey: ['trajectories', 'list'] });
      navigate(detail.view === 'file' ? `/trajecten/${detail.id}` : `/signalen/${detail.id}`);
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const text = (name: string, options: { optional?: boolean; type?: string } = {}) => (
    <TextField
      name={name}
      type={options.type ?? 'text'}
      label={t(`fields.${name}` as 'fields.observed')}
      required={!options.optional}
      value={value(name)}
      onChange={set(name)}
      error={errorOf(name)}
    />
  );
  const area = (name: string, description?: string) => (
    <FormFieldTextarea
      name={name}
      label={t(`fields.${name}` as 'fields.observed')}
      description={description}
      rows={4}
      maxLength={4000}
      value={value(name)}
      onChange={(event) => set(name)(event.target.value)}
      invalid={Boolean(errorOf(name))}
      errorMessage={errorOf(name)}
    />
  );
  const sourceError = errorOf('source');

  return (
    <>
      <PageHeading>{t('signal.title')}</PageHeading>
      <Paragraph>{t('signal.intro')}</Paragraph>
      <Form errors={errors} fields={fieldNames} onSubmit={() => save.mutate()}>
        {isMentor && (
          <Fieldset
            invalid={Boolean(sourceError)}
            aria-describedby={sourceError ? `${sourceId}-error` : undefined}
          >
            <FieldsetLegend>{t('fields.source')}</FieldsetLegend>
            {sourceError && (
              <FormFieldErrorMessage id={`${sourceId}-error`}>{sourceError}</FormFieldErrorMessage>
            )}
            {signalSources.map((source: SignalSource) => (
              <FormField
                key={source}
                type="radio"
                input={
                  <RadioButton
                    id={`${sourceId}-${source}`}
                    name="source"
                    checked={value('source') === source}
                    onChange={() => set('source')(source)}
                  />
                }
                label={
                  <FormLabel htmlFor={`${sourceId}-${source}`} type="radio">
                    {t(`sources.${source}`)}
                  </FormLabel>
                }
              />
            ))}
          </Fieldset>
        )}
        <SelectField
          name="locationId"
          label={t('fields.locationId')}
          placeholder={t('form.choose')}
          value={value('locationId')}
          onChange={(locationId) => setValues((current) => ({ ...current, locationId, mentorUserId: '' }))}
          choices={locations.map(([id, name]) => ({ value: id, label: name }))}
          error={errorOf('locationId')}
        />
        {text('pupilFirstName')}
        {text('pupilLastName')}
        {text('pupilClass')}
        {text('pupilBirthDate', { optional: true, type: 'date' })}
        <SelectField
          name="mentorUserId"
          label={t('fields.mentorUserId')}
          placeholder={t('form.choose')}
          busy={mentors.isFetching}
          value={value('mentorUserId')}
          onChange={set('mentorUserId')}
          choices={(mentors.data ?? []).map((mentor) => ({ value: mentor.id, label: mentor.name }))}
          error={errorOf('mentorUserId')}
        />
        {area('observed', t('signal.observedHint'))}
        {text('since', { optional: true })}
        {area('tried')}
        <SelectField
          name="discussWith"
          label={t('fields.discussWith')}
          description={t('signal.discussWithHint')}
          placeholder={t('form.choose')}
          value={value('discussWith')}
          onChange={set('discussWith')}
          choices={signalDiscussWith.map((option) => ({ value: option, label: t(`discussWith.${option}`) }))}
          error={errorOf('discussWith')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('signal.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
