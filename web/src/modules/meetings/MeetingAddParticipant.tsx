import { useQuery } from '@tanstack/react-query';
import { ButtonGroup, Heading, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId } from 'react';
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
import { ContractForm } from '../../ui/Form.tsx';
import { type ContractFormState, useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { meetingKeys } from './meetings.api.ts';

const candidatesSchema = z.array(participantCandidateSchema);

type AdditionValues = { userId: string; role: string };

/**
 * Lets someone who is inside a meeting add a colleague with an account: a step of its own, asked
 * once more, because that colleague reads the minutes from then on.
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
  const candidates = useQuery({
    queryKey: meetingKeys.candidates(meeting.id),
    queryFn: ({ signal }) =>
      api.get(`/api/meetings/${meeting.id}/participant-candidates`, candidatesSchema, signal),
  });
  const nameOf = (userId: string) =>
    candidates.data?.find((candidate) => candidate.userId === userId)?.name ?? '';
  const form: ContractFormState<AdditionValues> = useContractForm({
    schema: participantAdditionSchema,
    namespace: 'meetings',
    initial: { userId: '', role: '' },
    toInput: (values) => ({ userId: values.userId || undefined, role: values.role || undefined }),
    confirm: (input) => ({
      title: t('addParticipant.confirmTitle', { name: nameOf(input.userId) }),
      body: t('addParticipant.confirmBody', { name: nameOf(input.userId) }),
      confirmLabel: t('addParticipant.confirm'),
    }),
    send: (input) => api.post(`/api/meetings/${meeting.id}/participants`, input, meetingDetailSchema),
    successNotice: () => t('addParticipant.added', { name: nameOf(form.values.userId) }),
    onSuccess: (detail) => {
      form.reset({ userId: '', role: '' });
      void candidates.refetch();
      onAdded(detail);
    },
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
      {candidates.data && choices.length === 0 && !form.notice ? (
        <Paragraph>{t('addParticipant.none')}</Paragraph>
      ) : (
        <ContractForm form={form} aria-labelledby={headingId}>
          {choices.length > 0 || !candidates.data ? (
            <>
              <SelectField
                label={t('addParticipant.person')}
                placeholder={t('addParticipant.personPlaceholder')}
                choices={choices}
                busy={candidates.isPending}
                {...form.field('userId', 'choice')}
              />
              <SelectField
                label={t('addParticipant.role')}
                placeholder={t('addParticipant.rolePlaceholder')}
                choices={participantRoles
                  .filter((candidate) => candidate !== 'outside_party')
                  .map((candidate) => ({ value: candidate, label: t(`roles.${candidate}`) }))}
                {...form.field('role', 'choice')}
              />
              <ButtonGroup>
                <PrimaryActionButton type="submit" busy={form.pending}>
                  {t('addParticipant.submit')}
                </PrimaryActionButton>
              </ButtonGroup>
            </>
          ) : (
            <Paragraph>{t('addParticipant.none')}</Paragraph>
          )}
        </ContractForm>
      )}
    </section>
  );
}
