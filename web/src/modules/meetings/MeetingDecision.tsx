import { ButtonGroup, Heading, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  interimDecisionInputSchema,
  type MeetingDetail,
  meetingDetailSchema,
} from '../../../../contracts/meetings.ts';
import { api } from '../../app/api.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';

/**
 * The team's decision on an interim meeting with outside parties (R13): it attends only when that
 * matters for the support, with the reason. Everyone who reads the meeting sees the recorded decision;
 * the team (and the staff office) can record or change it.
 */
export function MeetingDecision({
  meeting,
  onDecided,
}: {
  meeting: MeetingDetail;
  onDecided: (meeting: MeetingDetail) => void;
}) {
  const { t } = useTranslation('meetings');
  const headingId = useId();
  const canDecide = meeting.commands.includes('decide');
  const form = useContractForm({
    schema: interimDecisionInputSchema,
    namespace: 'meetings',
    initial: { decision: meeting.decision ?? '', reason: meeting.decisionReason ?? '' },
    toInput: (values) => ({ decision: values.decision || undefined, reason: values.reason.trim() || null }),
    // Attending needs the reason it matters for the support; declining does not.
    check: (values) =>
      values.decision === 'attend' && values.reason.trim() === ''
        ? [{ path: 'reason', code: 'attend_reason_required' }]
        : [],
    send: (input) => api.post(`/api/meetings/${meeting.id}/decision`, input, meetingDetailSchema),
    successNotice: t('decision.saved'),
    onSuccess: onDecided,
  });

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('decision.heading')}
      </Heading>
      <Paragraph>{t('decision.intro')}</Paragraph>
      <Paragraph>
        {t('decision.current', {
          decision: meeting.decision ? t(`decision.${meeting.decision}`) : t('decision.none'),
        })}
      </Paragraph>
      {meeting.decisionReason && (
        <Paragraph>{t('decision.currentReason', { reason: meeting.decisionReason })}</Paragraph>
      )}
      {canDecide && (
        <ContractForm form={form} aria-labelledby={headingId}>
          <RadioGroupField
            legend={t('decision.legend')}
            choices={(['attend', 'decline'] as const).map((value) => ({
              value,
              label: t(`decision.${value}`),
            }))}
            {...form.field('decision', 'choice')}
          />
          <TextAreaField
            label={t('decision.reason')}
            description={t('decision.reasonHint')}
            rows={3}
            {...form.field('reason')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('decision.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </section>
  );
}
