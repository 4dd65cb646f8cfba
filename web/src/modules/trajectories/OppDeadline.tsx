import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { supportStartInputSchema, type TrajectoryDetail } from '../../../../contracts/trajectories.ts';
import { useFormatters } from '../../app/format.ts';
import { type StepField, StepForm } from './StepForm.tsx';

type OppDeadline = NonNullable<TrajectoryDetail['oppDeadline']>;

const dayMs = 86_400_000;

/** Whole days from one calendar date to another (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / dayMs);
}

/**
 * The last day to adopt the OPP (E13) as the summary of the pupil's file shows it on every part: the
 * date, how many days are left once it is near, or when the OPP was adopted.
 */
export function OppDeadlineValue({ deadline, today }: { deadline: OppDeadline; today: string }) {
  const { t } = useTranslation('trajectories');
  const format = useFormatters();
  const date = format.date(deadline.deadline);
  const adopted = deadline.firstAdoptedOn ? format.date(deadline.firstAdoptedOn) : '';
  switch (deadline.state) {
    case 'near': {
      const count = daysBetween(today, deadline.deadline);
      return count <= 0
        ? t('oppDeadline.states.nearToday', { date })
        : t('oppDeadline.states.near', { date, count });
    }
    case 'overdue':
    case 'adopted_in_time':
    case 'adopted_late':
      return t(`oppDeadline.states.${deadline.state}`, { date, adopted });
    default:
      return t('oppDeadline.states.open', { date });
  }
}

/** A warning above the file while the OPP's six weeks (E13) are nearly or wholly gone and it is not adopted. */
export function OppDeadlineWarning({ deadline }: { deadline: OppDeadline }) {
  const { t } = useTranslation('trajectories');
  const format = useFormatters();
  if (deadline.state === 'overdue') return <Alert type="warning">{t('oppDeadline.overdueWarning')}</Alert>;
  if (deadline.state === 'near')
    return (
      <Alert type="warning">{t('oppDeadline.nearWarning', { date: format.date(deadline.deadline) })}</Alert>
    );
  return null;
}

const supportStartFields: StepField[] = [{ name: 'supportStartedOn', kind: 'date', optional: true }];

/**
 * When extra support started (E13), which the six weeks run from: the date set, or the decision's. Who
 * may decide on the trajectory may set it while the pupil is eligible or active.
 */
export function SupportStart({
  detail,
  deadline,
  canEdit,
  onSaved,
}: {
  detail: TrajectoryDetail;
  deadline: OppDeadline;
  canEdit: boolean;
  onSaved: (detail: TrajectoryDetail) => void;
}) {
  const { t } = useTranslation('trajectories');
  const format = useFormatters();
  const start = format.date(deadline.supportStartedOn);
  return (
    <>
      <Paragraph>
        {t('oppDeadline.start')}:{' '}
        {deadline.startIsSet ? start : t('oppDeadline.startFromDecision', { date: start })}
      </Paragraph>
      <Paragraph>{t('oppDeadline.explain')}</Paragraph>
      {canEdit && (
        <details>
          <summary>{t('oppDeadline.change')}</summary>
          <StepForm
            key={`support-start-${deadline.supportStartedOn}-${deadline.startIsSet}`}
            trajectoryId={detail.id}
            step="support-start"
            schema={supportStartInputSchema}
            fields={supportStartFields}
            initial={{ supportStartedOn: deadline.startIsSet ? deadline.supportStartedOn : '' }}
            submitLabel={t('actions.saveSupportStart')}
            onSaved={onSaved}
          />
        </details>
      )}
    </>
  );
}
