import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** `/cijfers`: the school year's figures (S1). */
export function FiguresPage() {
  const { t } = useTranslation('reports');
  return <PageHeading>{t('figures.title')}</PageHeading>;
}
