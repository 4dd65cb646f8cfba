import { useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { locationPairSchema } from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PairMemberText, PairStatusText } from './PairCell.tsx';
import { teamKeys } from './team.api.ts';
import './team.css';

/**
 * The current pair of a primary school and its contact person (R5), for the school detail page.
 * Needs the pairs.read permission; the caller shows it only for primary locations.
 */
export function PairSummary({
  locationId,
  showHistoryLink = true,
}: {
  locationId: string;
  showHistoryLink?: boolean;
}) {
  const { t } = useTranslation('team');
  const headingId = useId();
  const pair = useQuery({
    queryKey: teamKeys.pairsOfLocation(locationId),
    queryFn: ({ signal }) => api.get(`/api/locations/${locationId}/pair`, locationPairSchema, signal),
  });
  return (
    <section className="passend-section passend-pair-summary" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('pairSummary.heading')}</Heading2>
      {pair.isError && <ErrorAlert errors={formErrorsFrom(pair.error)} />}
      {pair.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
      {pair.data && (
        <>
          {pair.data.status === 'missing' ? (
            <Paragraph>
              <PairStatusText status="missing" /> {t('pairSummary.missing')}
            </Paragraph>
          ) : (
            <>
              {pair.data.status === 'incomplete' && (
                <Paragraph>
                  <PairStatusText status="incomplete" /> {t('pairSummary.incomplete')}
                </Paragraph>
              )}
              <dl>
                <dt>{t('teamRoles.behavioural_scientist')}</dt>
                <dd>
                  <PairMemberText member={pair.data.behaviouralScientist} />
                </dd>
                <dt>{t('teamRoles.inclusion_adviser')}</dt>
                <dd>
                  <PairMemberText member={pair.data.inclusionAdviser} />
                </dd>
              </dl>
            </>
          )}
          {showHistoryLink && (
            <Paragraph>
              <RouterLink to={`/koppelingen/${locationId}`}>{t('pairSummary.history')}</RouterLink>
            </Paragraph>
          )}
        </>
      )}
    </section>
  );
}
