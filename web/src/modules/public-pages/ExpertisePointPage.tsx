import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  baseOfferItems,
  homeworkOfferItems,
  publicExpertisePointSchema,
} from '../../../../contracts/public.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PublicPageState } from './PublicStates.tsx';
import { usePublicPage } from './usePublicPage.ts';

const howItems = ['lessons', 'homework', 'contact'] as const;

/**
 * `/p/:slug/expertisepunten/:locationId`: what the expertise point offers at this school, in plain
 * Dutch (E2–E5, E7 always, E8 only where offered, E10).
 */
export function ExpertisePointPage() {
  const { t } = useTranslation('publicPages');
  const { slug = '', locationId = '' } = useParams();
  const point = usePublicPage(
    ['expertise-point', slug, locationId],
    `/api/public/${encodeURIComponent(slug)}/expertise-points/${encodeURIComponent(locationId)}`,
    publicExpertisePointSchema,
  );
  if (!point.data) {
    return (
      <PublicPageState loadingTitle={t('point.loadingTitle')} notFound={point.notFound} error={point.error} />
    );
  }
  const { data } = point;
  const base = baseOfferItems.filter((item) => data.offer.includes(item));
  const extra = homeworkOfferItems.filter((item) => data.offer.includes(item));
  return (
    <>
      <PageHeading>{t('point.title', { name: data.name })}</PageHeading>
      <Paragraph lead>{t('point.lead', { name: data.name, place: data.place })}</Paragraph>
      <section className="passend-section">
        <Heading2>{t('point.whereTitle')}</Heading2>
        <dl className="passend-public-facts">
          <dt>{t('point.room')}</dt>
          <dd>{data.room}</dd>
          <dt>{t('point.openingHours')}</dt>
          <dd>{data.openingHours}</dd>
        </dl>
      </section>
      <section className="passend-section">
        <Heading2>{t('point.forWhomTitle')}</Heading2>
        <Paragraph>{t('point.forWhom')}</Paragraph>
        <Heading2>{t('point.howTitle')}</Heading2>
        <ul className="passend-public-list">
          {howItems.map((item) => (
            <li key={item}>{t(`point.how.${item}`)}</li>
          ))}
        </ul>
      </section>
      <section className="passend-section">
        <Heading2>{t('point.offerTitle')}</Heading2>
        <ul className="passend-public-list">
          {base.map((item) => (
            <li key={item}>{t(`offer.${item}`)}</li>
          ))}
        </ul>
        {extra.length > 0 && (
          <>
            <Heading2>{t('point.extraTitle')}</Heading2>
            <Paragraph>{t('point.extraIntro')}</Paragraph>
            <ul className="passend-public-list">
              {extra.map((item) => (
                <li key={item}>{t(`offer.${item}`)}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      {data.publicDescription && (
        <section className="passend-section">
          <Heading2>{t('point.descriptionTitle')}</Heading2>
          <Paragraph className="passend-public-description">{data.publicDescription}</Paragraph>
        </section>
      )}
      <section className="passend-section">
        <Heading2>{t('point.startTitle')}</Heading2>
        <Paragraph>{t('point.start')}</Paragraph>
      </section>
      <Paragraph>
        <RouterLink to={`/p/${slug}/expertisepunten`}>{t('point.back')}</RouterLink>
      </Paragraph>
    </>
  );
}
