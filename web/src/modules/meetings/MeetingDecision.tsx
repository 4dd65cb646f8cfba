import { useMutation } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  Heading,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  interimDecisionInputSchema,
  type MeetingDetail,
  meetingDetailSchema,
} from '../../../../contracts/meetings.ts';
import { api } from '../../app/api.ts';
import {
  type FormErrors,
  fieldError,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';

type Decision = 'attend' | 'decline';

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
  const radiosId = useId();
  const [decision, setDecision] = useState<Decision | ''>(meeting.decision ?? '');
  const [reason, setReason] = useState(meeting.decisionReason ?? '');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const canDecide = meeting.commands.includes('decide');

  const save = useMutation({
    mutationFn: async () => {
      setSaved(false);
      const checked = validate(interimDecisionInputSchema, {
        decision: decision || undefined,
        reason: reason.trim() || null,
      });
      if (!checked.ok) throw checked.errors;
      if (checked.value.decision === 'attend' && !checked.value.reason)
        throw fieldError('reason', 'attend_reason_required');
      return api.post(`/api/meetings/${meeting.id}/decision`, checked.value, meetingDetailSchema);
    },
    onSuccess: (detail) => {
      setErrors(noFormErrors);
      setSaved(true);
      onDecided(detail);
    },
    onError: (error) =>
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      ),
  });
  const decisionError = moduleMessageFor('meetings', errors, 'decision');
  const reasonError = moduleMessageFor('meetings', errors, 'reason');

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
        <Form errors={errors} fields={['decision', 'reason']} onSubmit={() => save.mutate()}>
          <Fieldset
            invalid={Boolean(decisionError)}
            aria-describedby={decisionError ? `${radiosId}-error` : undefined}
          >
            <FieldsetLegend>{t('decision.legend')}</FieldsetLegend>
            {decisionError && (
              <FormFieldErrorMessage id={`${radiosId}-error`}>{decisionError}</FormFieldErrorMessage>
            )}
            {(['attend', 'decline'] as const).map((value) => (
              <FormField
                key={value}
                type="radio"
                input={
                  <RadioButton
                    id={`${radiosId}-${value}`}
                    name="decision"
                    value={value}
                    checked={decision === value}
                    invalid={Boolean(decisionError)}
                    onChange={() => setDecision(value)}
                  />
                }
                label={
                  <FormLabel htmlFor={`${radiosId}-${value}`} type="radio">
                    {t(`decision.${value}`)}
                  </FormLabel>
                }
              />
            ))}
          </Fieldset>
          <FormFieldTextarea
            name="reason"
            label={t('decision.reason')}
            description={t('decision.reasonHint')}
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            invalid={Boolean(reasonError)}
            errorMessage={reasonError}
          />
          {saved && <Paragraph role="status">{t('decision.saved')}</Paragraph>}
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={save.isPending}>
              {t('decision.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      )}
    </section>
  );
}
