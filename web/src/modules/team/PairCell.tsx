import { useTranslation } from 'react-i18next';
import type { PairPeriodView } from '../../../../contracts/team.ts';

/** A member of a pair in a table cell, with "(contactpersoon)" in words. */
export function PairMemberText({ member }: { member: PairPeriodView | null }) {
  const { t } = useTranslation('team');
  if (!member) return <>{t('pairs.nobody')}</>;
  return (
    <>
      {member.name}
      {member.isContact && <> ({t('pairs.contact')})</>}
    </>
  );
}

/** The status of a pair as text with a visual mark; never colour alone. */
export function PairStatusText({ status }: { status: 'complete' | 'incomplete' | 'missing' }) {
  const { t } = useTranslation('team');
  return (
    <span className={`passend-pair-status passend-pair-status--${status}`}>{t(`pairStatus.${status}`)}</span>
  );
}
