import { useTranslation } from 'react-i18next';
import type { ExpertisePointWarning } from '../../../../contracts/expertise-points.ts';

/** The warning of a location in words with an icon, so it never depends on colour alone (E1). */
export function WarningStatus({ warning }: { warning: ExpertisePointWarning | null }) {
  const { t } = useTranslation('expertisePoints');
  return (
    <span className={`passend-ep-status passend-ep-status--${warning ? 'warning' : 'ok'}`}>
      <span className="passend-ep-status__icon" aria-hidden="true">
        {warning ? '⚠' : '✓'}
      </span>
      {warning ? t(`warning.${warning}`) : t('warning.ok')}
    </span>
  );
}
