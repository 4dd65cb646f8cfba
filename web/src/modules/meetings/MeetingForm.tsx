import { useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  Heading,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type MeetingDetail,
  type MeetingKind,
  meetingDetailSchema,
  meetingInputSchema,
  meetingKinds,
  meetingStatuses,
} from '../../../../contracts/meetings.ts';
import { requestFormOptionsSchema } from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxField, RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { type ContractFormState, useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useExpertiseTags } from '../team/team.api.ts';
import {
  MeetingParticipants,
  type ParticipantRow,
  useSuggestedParticipants,
} from './MeetingParticipants.tsx';
import { meetingKeys, useMeetingSchools } from './meetings.api.ts';

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

/**
 * The expertise tags to choose from: the team's list for those who may read it, else the list the
 * request form offers the school; tags already chosen keep their names either way.
 */
function useTagChoices(enabled: boolean, chosen: Array<{ id: string; name: string }>) {
  const session = useSignedInSession();
  const canReadTeam = hasPermission(session, 'team.read');
  const teamTags = useExpertiseTags(enabled && canReadTeam);
  const formOptions = useQuery({
    queryKey: meetingKeys.requestFormOptions,
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
  onSaved,
}: MeetingFormProps) {
  const { t } = useTranslation('meetings');
  const tagsId = useId();
  const isNew = meeting === null;
  const schools = useMeetingSchools();
  const form: ContractFormState<FormState> = useContractForm({
    schema: meetingInputSchema,
    namespace: 'meetings',
    initial: () => (meeting ? stateOf(meeting) : emptyState(initialKind, initialLocationId)),
    toInput: (values) => inputOf({ ...values, locationId }, participants),
    send: (input) =>
      meeting
        ? api.put(`/api/meetings/${meeting.id}`, input, meetingDetailSchema)
        : api.post('/api/meetings', input, meetingDetailSchema),
    // A new meeting moves on to its own page, which says it was planned.
    successNotice: meeting ? t('form.saved') : undefined,
    onSuccess: (detail) => {
      if (meeting) form.reset(stateOf(detail));
      onSaved(detail);
    },
  });
  const state = form.values;
  // One school to choose from: it is the choice.
  const locationId = state.locationId || (isNew && schools.length === 1 ? (schools[0]?.value ?? '') : '');
  const suggested = useSuggestedParticipants(isNew ? state.kind : '', locationId, state.date);
  const participants = state.participants ?? (isNew ? suggested : []);
  const tags = useTagChoices(state.kind === 'annual_talk', meeting?.wantedTags ?? []);
  const tagsError = form.message('wantedTagIds');

  return (
    <ContractForm form={form}>
      <section className="passend-section">
        <Heading level={2}>{t('form.planningHeading')}</Heading>
        {isNew && (
          <RadioGroupField
            legend={t('form.kind')}
            choices={meetingKinds.map((kind) => ({
              value: kind,
              label: t(`kinds.${kind}`),
              description: t(`form.kindHints.${kind}`),
            }))}
            {...form.field('kind', 'choice')}
          />
        )}
        {isNew && schools.length === 0 && <Paragraph>{t('form.noSchools')}</Paragraph>}
        {isNew && schools.length > 0 && (
          <SelectField
            label={t('form.school')}
            placeholder={t('form.chooseSchool')}
            choices={schools}
            {...form.field('locationId', 'choice')}
            value={locationId}
          />
        )}
        <TextField type="date" label={t('form.date')} {...form.field('date')} />
        <TextField
          type="time"
          label={t('form.startTime')}
          description={t('form.timeHint')}
          {...form.field('startTime')}
        />
        <TextField type="time" label={t('form.endTime')} {...form.field('endTime')} />
        <TextField label={t('form.place')} description={t('form.placeHint')} {...form.field('place')} />
        <CheckboxField label={t('form.online')} {...form.checkbox('online')} />
        {!isNew && (
          <SelectField
            label={t('form.status')}
            placeholder={t('form.chooseStatus')}
            choices={meetingStatuses.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
            {...form.field('status', 'choice')}
          />
        )}
        {state.kind === 'interim' && (
          <TextAreaField
            label={t('form.outsideParties')}
            description={t('form.outsidePartiesHint')}
            rows={2}
            {...form.field('outsideParties')}
          />
        )}
        {state.kind === 'sot' && (
          <TextAreaField
            label={t('form.overrideReason')}
            description={t('form.overrideReasonHint')}
            rows={2}
            {...form.field('overrideReason')}
          />
        )}
      </section>

      <MeetingParticipants
        rows={participants}
        onChange={(rows) => form.set('participants', rows)}
        kind={state.kind}
        recording={!isNew}
        form={form}
      />

      <section className="passend-section">
        <Heading level={2}>{t('form.contentHeading')}</Heading>
        <TextAreaField label={t('form.agenda')} rows={5} {...form.field('agenda')} />
        {meeting?.minutesHidden ? (
          <Paragraph>{t('form.minutesHidden')}</Paragraph>
        ) : (
          <TextAreaField
            label={t('form.minutes')}
            description={t('form.minutesHint')}
            rows={8}
            {...form.field('minutes')}
          />
        )}
      </section>

      {state.kind === 'annual_talk' && (
        <section className="passend-section">
          <Heading level={2}>{t('form.outcomeHeading')}</Heading>
          <TextField
            type="number"
            inputMode="numeric"
            step={1}
            label={t('form.expectedRequests')}
            description={t('form.expectedRequestsHint')}
            {...form.field('expectedRequests')}
          />
          {tags.length === 0 ? (
            <Paragraph>{t('form.noTags')}</Paragraph>
          ) : (
            <Fieldset
              invalid={Boolean(tagsError)}
              aria-describedby={tagsError ? `${tagsId}-error` : undefined}
            >
              <FieldsetLegend>{t('form.wantedTags')}</FieldsetLegend>
              {tagsError && <FormFieldErrorMessage id={`${tagsId}-error`}>{tagsError}</FormFieldErrorMessage>}
              {tags.map((tag) => (
                <CheckboxField
                  key={tag.id}
                  name="wantedTagIds"
                  label={tag.name}
                  checked={state.wantedTagIds.includes(tag.id)}
                  onChange={(checked) =>
                    form.set(
                      'wantedTagIds',
                      checked
                        ? [...state.wantedTagIds, tag.id]
                        : state.wantedTagIds.filter((id) => id !== tag.id),
                    )
                  }
                />
              ))}
            </Fieldset>
          )}
          <TextAreaField label={t('form.agreements')} rows={5} {...form.field('agreements')} />
        </section>
      )}

      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {isNew ? t('form.create') : t('form.save')}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
