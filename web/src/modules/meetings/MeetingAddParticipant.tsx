import { useMutation, useQuery } from '@tanstack/react-query';
import { ButtonGroup, Heading, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type MeetingDetail,
  meetingDetailSchema,
  participantAdditionSchema,
  participantCandidateSchema,
  participantRoles,
} from '../../../../contracts/meetings.ts';
import { api } from '../../app/api.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

const candidatesSchema = z.array(participantCandidateSchema);

/**
 * Lets someone who is inside a meeting add a colleague with an account: a step of its own, because
 * that colleague reads the minutes from then on.
 */
export function MeetingAddParticipant({
  meeting,
  onAdded,
}: {
  meeting: MeetingDetail;
  onAdded: (meeting: MeetingDetail) => void;
}) {
  const { t } = useTranslation('meetings');
  const headingId = useId();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [addedName, setAddedName] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ['meetings', meeting.id, 'participant-candidates'],
    queryFn: ({ signal }) =>
      api.get(`/api/meetings/${meeting.id}/participant-candidates`, candidatesSchema, signal),
  });
  const add = useMutation({
    mutationFn: async () => {
      setAddedName(null);
      const checked = validate(participantAdditionSchema, {
        userId: userId || undefined,
        role: role || undefined,
      });
      if (!checked.ok) throw checked.errors;
      return api.post(`/api/meetings/${meeting.id}/participants`, checked.value, meetingDetailSchema);
    },
    onSuccess: (detail) => {
      setAddedName(candidates.data?.find((candidate) => candidate.userId === userId)?.name ?? '');
      setErrors(noFormErrors);
      setUserId('');
      setRole('');
      void candidates.refetch();
      onAdded(detail);
    },
    onError: (error) =>
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      ),
  });
  const choices = (candidates.data ?? []).map((candidate) => ({
    value: candidate.userId,
    label: candidate.name,
  }));
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('addParticipant.heading')}
      </Heading>
      <Paragraph>{t('addParticipant.intro')}</Paragraph>
      {addedName !== null && (
        <Paragraph role="status">{t('addParticipant.added', { name: addedName })}</Paragraph>
      )}
      {candidates.data && choices.length === 0 ? (
        <Paragraph>{t('addParticipant.none')}</Paragraph>
      ) : (
        <Form errors={errors} fields={['userId', 'role']} onSubmit={() => add.mutate()}>
          <SelectField
            name="userId"
            label={t('addParticipant.person')}
            placeholder={t('addParticipant.personPlaceholder')}
            value={userId}
            onChange={setUserId}
            choices={choices}
            busy={candidates.isPending}
            error={moduleMessageFor('meetings', errors, 'userId')}
          />
          <SelectField
            name="role"
            label={t('addParticipant.role')}
            placeholder={t('addParticipant.rolePlaceholder')}
            value={role}
            onChange={setRole}
            choices={participantRoles
              .filter((candidate) => candidate !== 'outside_party')
              .map((candidate) => ({ value: candidate, label: t(`roles.${candidate}`) }))}
            error={moduleMessageFor('meetings', errors, 'role')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={add.isPending}>
              {t('addParticipant.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      )}
    </section>
  );
}
