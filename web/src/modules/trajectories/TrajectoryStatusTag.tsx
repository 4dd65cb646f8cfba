import { useTranslation } from 'react-i18next';
import './trajectories.css';
import type { TrajectoryStatus } from '../../../../contracts/trajectories.ts';

/** A trajectory's status as a tag: text always, colour only as an extra cue. */
export function TrajectoryStatusTag({ status }: { status: TrajectoryStatus }) {
  const { t } = useTranslation('trajectories');
  return (
    <span className={`passend-status-tag passend-trajectory-status--${status}`}>
      {t(`statuses.${status}`)}
    </span>
  );
}
