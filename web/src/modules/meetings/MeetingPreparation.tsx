import {
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../../contracts/meetings.ts';
import { requestStatuses, requestTypes } from '../../../../contracts/requests.ts';
import { useFormatters } from '../../app/format.ts';
import { ScrollTable } from '../../ui/ScrollTable.tsx';

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
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('detail.preparationHeading')}
      </Heading>
      <Paragraph>{t('detail.preparationIntro')}</Paragraph>
      {preparation.requests.length === 0 ? (
        <Paragraph>{t('detail.noRequests')}</Paragraph>
      ) : (
        <ScrollTable caption={t('detail.requestsCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('detail.reference')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('detail.requestStatus')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('detail.requestType')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {preparation.requests.map((request) => (
              <TableRow key={request.reference}>
                <TableHeaderCell scope="row">{request.reference}</TableHeaderCell>
                <TableCell>{statusLabel(request.status)}</TableCell>
                <TableCell>{typeLabel(request.type)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
      <Paragraph>
        {allocated === null
          ? t('detail.hoursNoAllocation', { used: format.number(used) })
          : t('detail.hours', { used: format.number(used), allocated: format.number(allocated) })}
      </Paragraph>
    </section>
  );
}
