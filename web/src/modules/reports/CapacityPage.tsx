import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** `/vraag-en-capaciteit`: demand against capacity (S4). */
export function CapacityPage() {
  const { t } = useTranslation('reports');
  return <PageHeading>{t('capacity.title')}</PageHeading>;
}
