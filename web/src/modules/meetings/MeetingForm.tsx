import { useMutation, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  Heading,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LocationListItem, primarySectors } from '../../../../contracts/locations.ts';
import {
  type MeetingDetail,
  type MeetingKind,
  meetingDetailSchema,
  meetingInputSchema,
  meetingKinds,
  meetingStatuses,
} from '../../../../contracts/meetings.ts';
import { requestFormOptionsSchema } from '../../../../contracts/requests.ts';
import { api, apiRequest } from '../../app/api.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { Form } from '../../ui/Form.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useAllLocations } from '../admin/locations.ts';
import { useExpertiseTags } from '../team/team.api.ts';
import {
  MeetingParticipants,
  type ParticipantRow,
  useSuggestedParticipants,
} from './MeetingParticipants.tsx';

type MeetingStatus = (typeof meetingStatuses)[number];

type FormState = {
  kind: MeetingKind | '';
  locationId: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  online: boolean;
  status: MeetingStatus;
  agenda: string;
  minutes: string;
  /** Null until the user changes the list: the suggestion for the kind and school is shown. */
  participants: ParticipantRow[] | null;
  expectedRequests: string;
  wantedTagIds: string[];
  agreements: string;
  outsideParties: string;
  overrideReason: string;
};

function stateOf(meeting: MeetingDetail): FormState {
  return {
    kind: meeting.kind,
    locationId: meeting.location.id,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place ?? '',
    online: meeting.online,
    status: meeting.status,
    agenda: meeting.agenda ?? '',
    minutes: meeting.minutes ?? '',
    participants: meeting.participants.map((participant) => ({
      key: participant.id,
      userId: participant.userId,
      name: participant.name,
      role: participant.role,
      attended: participant.attended,
    })),
    expectedRequests: meeting.expectedRequests === null ? '' : String(meeting.expectedRequests),
    wantedTagIds: meeting.wantedTags.map((tag) => tag.id),
    agreements: meeting.agreements ?? '',
    outsideParties: meeting.outsideParties ?? '',
    overrideReason: meeting.overrideReason ?? '',
  };
}

function emptyState(kind: MeetingKind | '', locationId: string): FormState {
  return {
    kind,
    locationId,
    date: '',
    startTime: '',
    endTime: '',
    place: '',
    online: false,
    status: 'planned',
    agenda: '',
    minutes: '',
    participants: null,
    expectedRequests: '',
    wantedTagIds: [],
    agreements: '',
    outsideParties: '',
    overrideReason: '',
  };
}

/** The input as the API takes it: empty texts as null, the kind's own fields only for that kind. */
function inputOf(state: FormState, participants: ParticipantRow[]) {
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  const orUndefined = (value: string) => (value === '' ? undefined : value);
  return {
    kind: orUndefined(state.kind),
    locationId: orUndefined(state.locationId),
    date: orUndefined(state.date),
    startTime: orUndefined(state.startTime),
    endTime: orUndefined(state.endTime),
    place: orNull(state.place),
    online: state.online,
    status: state.status,
    agenda: orNull(state.agenda),
    minutes: orNull(state.minutes),
    participants: participants.map((row) => ({
      userId: row.userId,
      name: row.name,
      role: orUndefined(row.role),
      attended: row.attended,
    })),
    expectedRequests:
      state.kind === 'annual_talk' && state.expectedRequests.trim() !== ''
        ? Number(state.expectedRequests.trim())
        : null,
    wantedTagIds: state.kind === 'annual_talk' ? state.wantedTagIds : [],
    agreements: state.kind === 'annual_talk' ? orNull(state.agreements) : null,
    outsideParties: state.kind === 'interim' ? orNull(state.outsideParties) : null,
    overrideReason: state.kind === 'sot' ? orNull(state.overrideReason) : null,
  };
}

/** Validation errors thrown by the form itself, or what the API answered. */
function errorsOf(error: unknown): FormErrors {
  return !(error instanceof Error) && 'fields' in (error as object)
    ? (error as FormErrors)
    : formErrorsFrom(error);
}

/** The primary schools (bo, sbo, so) the user may plan for: the locations they can see, active today. */
function useMeetingSchools() {
  const session = useSignedInSession();
  const locations = useAllLocations(hasPermission(session, 'locations.read'));
  return useMemo(
    () =>
      (locations.data ?? [])
        .filter(
          (location) =>
            primarySectors.includes(location.sector) &&
            // The list's rows carry `active`, though the shared hook types them as plain locations.
            (location as Partial<LocationListItem>).active !== false,
        )
        .map((location) => ({ value: location.id, label: `${location.name}, ${location.place}` })),
    [locations.data],
  );
}

/**
 * The expertise tags to choose from: the team's list for those who may read it, else the list the
 * request form offers the school; tags already chosen keep their names either way.
 */
function useTagChoices(enabled: boolean, chosen: Array<{ id: string; name: string }>) {
  const session = useSignedInSession();
  const canReadTeam = hasPermission(session, 'team.read');
  const teamTags = useExpertiseTags(enabled && canReadTeam);
  const formOptions = useQuery({
    queryKey: ['requests', 'form-options'],
    enabled: enabled && !canReadTeam && hasPermission(session, 'requests.create'),
    queryFn: ({ signal }) => api.get('/api/requests/form-options', requestFormOptionsSchema, signal),
  });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const tag of [
      ...chosen,
      ...(teamTags.data?.items ?? []),
      ...(formOptions.data?.expertiseTags ?? []),
    ])
      names.set(tag.id, tag.name);
    return [...names]
      .map(([id, name]) => ({ id, name }))
      .sort((first, second) => first.name.localeCompare(second.name));
  }, [chosen, teamTags.data, formOptions.data]);
}

type MeetingFormProps = {
  /** Null for a new meeting. */
  meeting: MeetingDetail | null;
  /** Kind and school asked for in the address of a new meeting (`?soort=…&school=…`). */
  initialKind?: MeetingKind | '';
  initialLocationId?: string;
  /** Show the saved message from the start: the meeting was just planned on the new-meeting page. */
  savedBefore?: boolean;
  onSaved: (meeting: MeetingDetail) => void;
};

/**
 * One form to plan a meeting and, afterwards, record it (R11–R13): kind and school when new, date and
 * times in Amsterdam, place, the participants, agenda and minutes, the annual talk's outcome, the
 * interim meeting's outside parties, and the reason for a fifth SOT.
 */
export function MeetingForm({
  meeting,
  initialKind = '',
  initialLocationId = '',
  savedBefore = false,
  onSaved,
}: MeetingFormProps) {
  const { t } = useTranslation('meetings');
  // Sections are not named regions: their headings would otherwise also match the fields' labels.
  const ids = { kind: useId(), tags: useId() };
  const [state, setState] = useState<FormState>(() =>
    meeting ? stateOf(meeting) : emptyState(initialKind, initialLocationId),
  );
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(savedBefore);
  const isNew = meeting === null;
  const schools = useMeetingSchools();
  // One school to choose from: it is the choice.
  const locationId = state.locationId || (isNew && schools.length === 1 ? (schools[0]?.value ?? '') : '');
  const suggested = useSuggestedParticipants(isNew ? state.kind : '', locationId, state.date);
  const participants = state.participants ?? (isNew ? suggested : []);
  const tags = useTagChoices(state.kind === 'annual_talk', meeting?.wantedTags ?? []);

  const set = <Key extends keyof FormState>(key: Key, value: FormState[Key]) =>
    setState((current) => ({ ...current, [key]: value }));
  const message = (path: string) => moduleMessageFor('meetings', errors, path);

  const save = useMutation({
    mutationFn: async () => {
      setSaved(false);
      const checked = validate(meetingInputSchema, inputOf({ ...state, locationId }, participants));
      if (!checked.ok) throw checked.errors;
      return meeting
        ? apiRequest('PUT', `/api/meetings/${meeting.id}`, {
            body: checked.value,
            schema: meetingDetailSchema,
          })
        : api.post('/api/meetings', checked.value, meetingDetailSchema);
    },
    onSuccess: (detail) => {
      setErrors(noFormErrors);
      if (meeting) {
        setState(stateOf(detail));
        setSaved(true);
      }
      onSaved(detail);
    },
    onError: (error) => setErrors(errorsOf(error)),
  });

  const shownFields = [
    ...(isNew ? ['kind', 'locationId'] : []),
    'date',
    'startTime',
    'endTime',
    'place',
    'status',
    'outsideParties',
    'overrideReason',
    'participants',
    ...participants.flatMap((_row, index) => [`participants.${index}.name`, `participants.${index}.role`]),
    'agenda',
    'minutes',
    'expectedRequests',
    'wantedTagIds',
    'agreements',
  ];
  const kindError = message('kind');
  const tagsError = message('wantedTagIds');

  return (
    <Form errors={errors} fields={shownFields} onSubmit={() => save.mutate()}>
      <section className="passend-section">
        <Heading level={2}>{t('form.planningHeading')}</Heading>
        {isNew && (
          <Fieldset
            invalid={Boolean(kindError)}
            aria-describedby={kindError ? `${ids.kind}-error` : undefined}
          >
            <FieldsetLegend>{t('form.kind')}</FieldsetLegend>
            {kindError && <FormFieldErrorMessage id={`${ids.kind}-error`}>{kindError}</FormFieldErrorMessage>}
            {meetingKinds.map((kind) => (
              <FormField
                key={kind}
                type="radio"
                input={
                  <RadioButton
                    id={`${ids.kind}-${kind}`}
                    name="kind"
                    value={kind}
                    checked={state.kind === kind}
                    invalid={Boolean(kindError)}
                    aria-describedby={`${ids.kind}-${kind}-description`}
                    onChange={() => set('kind', kind)}
                  />
                }
                label={
                  <FormLabel htmlFor={`${ids.kind}-${kind}`} type="radio">
                    {t(`kinds.${kind}`)}
                  </FormLabel>
                }
                description={
                  <span id={`${ids.kind}-${kind}-description`} className="utrecht-form-field-description">
                    {t(`form.kindHints.${kind}`)}
                  </span>
                }
              />
            ))}
          </Fieldset>
        )}
        {isNew && schools.length === 0 && <Paragraph>{t('form.noSchools')}</Paragraph>}
        {isNew && schools.length > 0 && (
          <SelectField
            name="locationId"
            label={t('form.school')}
            placeholder={t('form.chooseSchool')}
            value={locationId}
            onChange={(value) => set('locationId', value)}
            choices={schools}
            error={message('locationId')}
          />
        )}
        <TextField
          name="date"
          type="date"
          label={t('form.date')}
          value={state.date}
          onChange={(value) => set('date', value)}
          error={message('date')}
        />
        <TextField
          name="startTime"
          type="time"
          label={t('form.startTime')}
          description={t('form.timeHint')}
          value={state.startTime}
          onChange={(value) => set('startTime', value)}
          error={message('startTime')}
        />
        <TextField
          name="endTime"
          type="time"
          label={t('form.endTime')}
          value={state.endTime}
          onChange={(value) => set('endTime', value)}
          error={message('endTime')}
        />
        <TextField
          name="place"
          label={t('form.place')}
          description={t('form.placeHint')}
          required={false}
          maxLength={200}
          value={state.place}
          onChange={(value) => set('place', value)}
          error={message('place')}
        />
        <FormFieldCheckbox
          name="online"
          label={t('form.online')}
          checked={state.online}
          onChange={(event) => set('online', event.target.checked)}
        />
        {!isNew && (
          <SelectField
            name="status"
            label={t('form.status')}
            placeholder={t('form.chooseStatus')}
            value={state.status}
            onChange={(value) => value && set('status', value as MeetingStatus)}
            choices={meetingStatuses.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
            error={message('status')}
          />
        )}
        {state.kind === 'interim' && (
          <TextField
            name="outsideParties"
            label={t('form.outsideParties')}
            description={t('form.outsidePartiesHint')}
            required={false}
            maxLength={500}
            value={state.outsideParties}
            onChange={(value) => set('outsideParties', value)}
            error={message('outsideParties')}
          />
        )}
        {state.kind === 'sot' && (
          <FormFieldTextarea
            name="overrideReason"
            label={t('form.overrideReason')}
            description={t('form.overrideReasonHint')}
            rows={2}
            maxLength={1000}
            value={state.overrideReason}
            onChange={(event) => set('overrideReason', event.target.value)}
            invalid={Boolean(message('overrideReason'))}
            errorMessage={message('overrideReason')}
          />
        )}
      </section>

      <MeetingParticipants
        rows={participants}
        onChange={(rows) => set('participants', rows)}
        kind={state.kind}
        recording={!isNew}
        errors={errors}
      />

      <section className="passend-section">
        <Heading level={2}>{t('form.contentHeading')}</Heading>
        <FormFieldTextarea
          name="agenda"
          label={t('form.agenda')}
          rows={5}
          maxLength={10_000}
          value={state.agenda}
          onChange={(event) => set('agenda', event.target.value)}
          invalid={Boolean(message('agenda'))}
          errorMessage={message('agenda')}
        />
        {meeting?.minutesHidden ? (
          <Paragraph>{t('form.minutesHidden')}</Paragraph>
        ) : (
          <FormFieldTextarea
            name="minutes"
            label={t('form.minutes')}
            description={t('form.minutesHint')}
            rows={8}
            maxLength={20_000}
            value={state.minutes}
            onChange={(event) => set('minutes', event.target.value)}
            invalid={Boolean(message('minutes'))}
            errorMessage={message('minutes')}
          />
        )}
      </section>

      {state.kind === 'annual_talk' && (
        <section className="passend-section">
          <Heading level={2}>{t('form.outcomeHeading')}</Heading>
          <TextField
            name="expectedRequests"
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            step={1}
            label={t('form.expectedRequests')}
            description={t('form.expectedRequestsHint')}
            required={false}
            value={state.expectedRequests}
            onChange={(value) => set('expectedRequests', value)}
            error={message('expectedRequests')}
          />
          {tags.length === 0 ? (
            <Paragraph>{t('form.noTags')}</Paragraph>
          ) : (
            <Fieldset
              invalid={Boolean(tagsError)}
              aria-describedby={tagsError ? `${ids.tags}-error` : undefined}
            >
              <FieldsetLegend>{t('form.wantedTags')}</FieldsetLegend>
              {tagsError && (
                <FormFieldErrorMessage id={`${ids.tags}-error`}>{tagsError}</FormFieldErrorMessage>
              )}
              {tags.map((tag) => (
                <FormFieldCheckbox
                  key={tag.id}
                  name="wantedTagIds"
                  value={tag.id}
                  label={tag.name}
                  checked={state.wantedTagIds.includes(tag.id)}
                  onChange={(event) =>
                    set(
                      'wantedTagIds',
                      event.target.checked
                        ? [...state.wantedTagIds, tag.id]
                        : state.wantedTagIds.filter((id) => id !== tag.id),
                    )
                  }
                />
              ))}
            </Fieldset>
          )}
          <FormFieldTextarea
            name="agreements"
            label={t('form.agreements')}
            rows={5}
            maxLength={10_000}
            value={state.agreements}
            onChange={(event) => set('agreements', event.target.value)}
            invalid={Boolean(message('agreements'))}
            errorMessage={message('agreements')}
          />
        </section>
      )}

      {saved && <Paragraph role="status">{t('form.saved')}</Paragraph>}
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={save.isPending}>
          {isNew ? t('form.create') : t('form.save')}
        </PrimaryActionButton>
      </ButtonGroup>
    </Form>
  );
}
