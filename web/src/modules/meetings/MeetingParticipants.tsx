import { useQuery } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  Heading,
  Paragraph,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { locationDetailSchema } from '../../../../contracts/locations.ts';
import { type MeetingKind, type ParticipantRole, participantRoles } from '../../../../contracts/meetings.ts';
import { locationPairSchema } from '../../../../contracts/team.ts';
import { api, withQuery } from '../../app/api.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import type { ContractFormState } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { schoolsKeys } from '../schools/schools.api.ts';
import { meetingKeys } from './meetings.api.ts';

/** One row of the participants editor; `userId` is kept when the person is a Passend user. */
export type ParticipantRow = {
  key: string;
  userId: string | null;
  name: string;
  role: ParticipantRole | '';
  attended: boolean | null;
};

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Who takes part in a new meeting, as a starting point: for an annual talk the school's contact
 * person and the IB (R11) — the signed-in user when they are one of them; for an SOT the contact
 * person (R12) and the signed-in user; for an interim meeting the signed-in user. The contact person
 * comes from the school's pair on the meeting's date, the IB from the school's staff.
 */
export function useSuggestedParticipants(kind: MeetingKind | '', locationId: string, date: string) {
  const session = useSignedInSession();
  const onDate = isoDatePattern.test(date) ? date : undefined;
  const pair = useQuery({
    queryKey: meetingKeys.pair(locationId, onDate),
    enabled: Boolean(locationId) && kind !== 'interim' && hasPermission(session, 'pairs.read'),
    queryFn: ({ signal }) =>
      api.get(withQuery(`/api/locations/${locationId}/pair`, { date: onDate }), locationPairSchema, signal),
    // While the pair on a newly typed date loads, the same school's pair stays suggested (it rarely
    // differs), rather than an empty row that a quick submit would refuse.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === locationId ? previous : undefined,
  });
  const location = useQuery({
    queryKey: schoolsKeys.detail(locationId),
    enabled: Boolean(locationId) && kind === 'annual_talk' && hasPermission(session, 'locations.read'),
    queryFn: ({ signal }) => api.get(`/api/locations/${locationId}`, locationDetailSchema, signal),
  });
  return useMemo((): ParticipantRow[] => {
    if (!kind || !locationId) return [];
    const me = session.user;
    const myRole = (role: string) =>
      me.roles.some((assignment) => assignment.role === role && assignment.locationId === locationId);
    const contact = [pair.data?.behaviouralScientist, pair.data?.inclusionAdviser].find(
      (member) => member?.isContact,
    );
    const rows: ParticipantRow[] = [];
    const add = (key: string, userId: string | null, name: string, role: ParticipantRole) => {
      if (userId && rows.some((row) => row.userId === userId)) return;
      rows.push({ key: `suggested-${key}`, userId, name, role, attended: null });
    };
    if (kind === 'annual_talk' || kind === 'sot') {
      if (contact) add('contact', contact.userId, contact.name, 'contact_person');
      else if (kind === 'annual_talk') add('contact', null, '', 'contact_person');
    }
    if (kind === 'annual_talk') {
      const otherIb = location.data?.staff.find((member) => member.role === 'internal_coordinator');
      if (myRole('internal_coordinator')) add('ib', me.id, me.name, 'internal_coordinator');
      else if (otherIb) add('ib', otherIb.userId, otherIb.name, 'internal_coordinator');
      else add('ib', null, '', 'internal_coordinator');
      return rows;
    }
    // An SOT or an interim meeting: the one who plans it takes part, in the role they have there.
    if (myRole('internal_coordinator')) add('me', me.id, me.name, 'internal_coordinator');
    else if (myRole('director')) add('me', me.id, me.name, 'director');
    else if (contact?.userId === me.id) add('me', me.id, me.name, 'contact_person');
    else if (me.roles.some((assignment) => assignment.role === 'team_member'))
      add('me', me.id, me.name, 'team_member');
    return rows;
  }, [kind, locationId, pair.data, location.data, session.user]);
}

type MeetingParticipantsProps = {
  rows: ParticipantRow[];
  onChange: (rows: ParticipantRow[]) => void;
  kind: MeetingKind | '';
  /** After the meeting: who attended. */
  recording: boolean;
  /** The meeting's form: the rules and messages of each row's fields, by their path in the contract. */
  form: Pick<ContractFormState<unknown>, 'field' | 'message'>;
};

/** The participants: name, role and (when recording) attendance per row; rows can be added and removed. */
export function MeetingParticipants({ rows, onChange, kind, recording, form }: MeetingParticipantsProps) {
  const { t } = useTranslation('meetings');
  const errorId = useId();
  const focusKey = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const change = (index: number, changes: Partial<ParticipantRow>) =>
    onChange(rows.map((row, position) => (position === index ? { ...row, ...changes } : row)));
  const listError = form.message('participants');

  return (
    <section className="passend-section">
      <Heading level={2}>{t('form.participantsHeading')}</Heading>
      {kind === 'annual_talk' && <Paragraph>{t('form.participantsAnnualTalk')}</Paragraph>}
      {kind === 'sot' && <Paragraph>{t('form.participantsSot')}</Paragraph>}
      {kind === 'interim' && <Paragraph>{t('form.participantsInterim')}</Paragraph>}
      {listError && <FormFieldErrorMessage id={errorId}>{listError}</FormFieldErrorMessage>}
      {rows.length === 0 && <Paragraph>{t('form.noParticipants')}</Paragraph>}
      {rows.map((row, index) => {
        const number = index + 1;
        const path = `participants.${index}`;
        return (
          <Fieldset
            key={row.key}
            className="passend-fieldset-card"
            aria-describedby={listError ? errorId : undefined}
          >
            <FieldsetLegend>{t('form.participantLegend', { number })}</FieldsetLegend>
            <TextField
              label={t('form.participantName', { number })}
              autoComplete="off"
              // The rules and message of the row's path; the value is the row's, shown or suggested.
              {...form.field(`${path}.name`)}
              value={row.name}
              onChange={(name) => change(index, { name })}
              inputRef={(element) => {
                if (element && focusKey.current === row.key) {
                  focusKey.current = null;
                  element.focus();
                }
              }}
            />
            <SelectField
              label={t('form.participantRole', { number })}
              placeholder={t('form.chooseRole')}
              choices={participantRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.field(`${path}.role`, 'choice')}
              value={row.role}
              onChange={(role) => change(index, { role: role as ParticipantRole | '' })}
            />
            {recording && (
              <CheckboxField
                name={`${path}.attended`}
                label={t('form.participantAttended', { number })}
                checked={row.attended === true}
                onChange={(attended) => change(index, { attended })}
                error={form.message(`${path}.attended`)}
              />
            )}
            <ButtonGroup>
              <SecondaryActionButton
                type="button"
                onClick={() => {
                  onChange(rows.filter((_row, position) => position !== index));
                  addButton.current?.focus();
                }}
              >
                {t('form.removeParticipant', { number })}
              </SecondaryActionButton>
            </ButtonGroup>
          </Fieldset>
        );
      })}
      {rows.length < 40 && (
        <ButtonGroup>
          <Button
            ref={addButton}
            appearance="secondary-action-button"
            type="button"
            // A problem with the list as a whole (the annual talk's contact person and IB) leads here.
            data-field="participants"
            aria-describedby={listError ? errorId : undefined}
            onClick={() => {
              const key = crypto.randomUUID();
              focusKey.current = key;
              onChange([...rows, { key, userId: null, name: '', role: '', attended: null }]);
            }}
          >
            {t('form.addParticipant')}
          </Button>
        </ButtonGroup>
      )}
    </section>
  );
}
