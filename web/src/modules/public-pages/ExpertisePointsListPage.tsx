import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { publicExpertisePointListSchema } from '../../../../contracts/public.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PublicPageState } from './PublicStates.tsx';
import { usePublicPage } from './usePublicPage.ts';

/** `/p/:slug/expertisepunten`: the secondary schools with an expertise point, public (E1, E10). */
export function ExpertisePointsListPage() {
  const { t } = useTranslation('publicPages');
  const { slug = '' } = useParams();
  const list = usePublicPage(
    ['expertise-points', slug],
    `/api/public/${encodeURIComponent(slug)}/expertise-points`,
    publicExpertisePointListSchema,
  );
  if (!list.data) {
    return (
      <PublicPageState loadingTitle={t('points.loadingTitle')} notFound={list.notFound} error={list.error} />
    );
  }
  return (
    <>
      <PageHeading>{t('points.title', { partnership: list.data.partnershipName })}</PageHeading>
      <Paragraph lead>{t('points.intro')}</Paragraph>
      <section className="passend-section">
        <Heading2>{t('points.listTitle')}</Heading2>
        {list.data.expertisePoints.length === 0 ? (
          <Paragraph>{t('points.empty')}</Paragraph>
        ) : (
          <ul className="passend-public-list">
            {list.data.expertisePoints.map((point) => (
              <li key={point.locationId}>
                <RouterLink to={`/p/${slug}/expertisepunten/${point.locationId}`}>
                  {t('points.school', { name: point.name, place: point.place })}
                </RouterLink>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Paragraph>
        <RouterLink to={`/p/${slug}/team`}>{t('points.teamLink')}</RouterLink>
      </Paragraph>
    </>
  );
}
