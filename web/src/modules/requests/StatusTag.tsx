import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '../../../../contracts/requests.ts';

/** A request's status as a tag: text always, colour only as an extra cue. */
export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation('requests');
  return <span className={`passend-status-tag passend-status-tag--${status}`}>{t(`status.${status}`)}</span>;
}
