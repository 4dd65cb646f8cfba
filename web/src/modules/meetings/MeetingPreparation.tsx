import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../../contracts/meetings.ts';
import { requestStatuses, requestTypes } from '../../../../contracts/requests.ts';
import { useFormatters } from '../../app/format.ts';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';

type PreparedRequest = NonNullable<MeetingDetail['preparation']>['requests'][number];

/**
 * What an annual talk starts from (R11): the school's requests of the school year (number, status and
 * type; no pupil data) and its hours, allocated and used.
 */
export function MeetingPreparation({
  preparation,
}: {
  preparation: NonNullable<MeetingDetail['preparation']>;
}) {
  const { t } = useTranslation('meetings');
  const { t: requestsT } = useTranslation('requests');
  const format = useFormatters();
  const headingId = useId();
  const statusLabel = (status: string) => {
    const known = requestStatuses.find((candidate) => candidate === status);
    return known ? requestsT(`status.${known}`) : status;
  };
  const typeLabel = (type: string | null) => {
    const known = requestTypes.find((candidate) => candidate === type);
    return known ? requestsT(`types.${known}`) : (type ?? '—');
  };
  const { allocated, used } = preparation.hours;
  const columns: Column<PreparedRequest>[] = [
    {
      key: 'reference',
      header: t('detail.reference'),
      cell: (request) => request.reference,
      rowHeader: true,
      nowrap: true,
    },
    {
      key: 'status',
      header: t('detail.requestStatus'),
      cell: (request) => statusLabel(request.status),
      keepWithTitle: true,
    },
    { key: 'type', header: t('detail.requestType'), cell: (request) => typeLabel(request.type) },
  ];
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('detail.preparationHeading')}
      </Heading>
      <Paragraph>{t('detail.preparationIntro')}</Paragraph>
      {preparation.requests.length === 0 ? (
        <Paragraph>{t('detail.noRequests')}</Paragraph>
      ) : (
        <DataTable
          caption={t('detail.requestsCaption')}
          columns={columns}
          rows={preparation.requests}
          rowKey={(request) => request.reference}
          empty={t('detail.noRequests')}
        />
      )}
      <Paragraph>
        {allocated === null
          ? t('detail.hoursNoAllocation', { used: format.number(used) })
          : t('detail.hours', { used: format.number(used), allocated: format.number(allocated) })}
      </Paragraph>
    </section>
  );
}
