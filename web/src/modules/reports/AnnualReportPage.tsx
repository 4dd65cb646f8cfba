import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** `/jaarverslag`: the annual report (S2). */
export function AnnualReportPage() {
  const { t } = useTranslation('reports');
  return <PageHeading>{t('annualReport.title')}</PageHeading>;
}
