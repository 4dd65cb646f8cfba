import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../../contracts/meetings.ts';
import { useFormatters } from '../../app/format.ts';
import { useDecisionLabel, useMeetingPlace } from './MeetingLabels.ts';

/** A meeting as a list of facts, for those who may read it but not change it. */
export function MeetingSummary({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const place = useMeetingPlace();
  const decision = useDecisionLabel();
  const headingId = useId();
  const fact = (label: string, value: ReactNode) => (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue multiline={typeof value === 'string'}>{value || '—'}</DataListValue>
    </DataListItem>
  );
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('detail.factsHeading')}
      </Heading>
      <DataList aria-labelledby={headingId}>
        {fact(t('detail.kind'), t(`kinds.${meeting.kind}`))}
        {fact(t('detail.school'), meeting.location.name)}
        {fact(
          t('detail.date'),
          t('detail.when', {
            date: format.date(meeting.date),
            start: meeting.startTime,
            end: meeting.endTime,
          }),
        )}
        {fact(t('detail.place'), place(meeting))}
        {fact(t('detail.status'), t(`statuses.${meeting.status}`))}
        {meeting.kind === 'interim' && fact(t('detail.outsideParties'), meeting.outsideParties)}
        {meeting.kind === 'interim' && fact(t('detail.decision'), decision(meeting))}
        {meeting.kind === 'sot' &&
          meeting.overrideReason &&
          fact(t('detail.overrideReason'), meeting.overrideReason)}
        {fact(
          t('form.participantsHeading'),
          meeting.participants.length > 0 && (
            <UnorderedList>
              {meeting.participants.map((participant) => (
                <UnorderedListItem key={participant.id}>
                  {t('detail.participant', { name: participant.name, role: t(`roles.${participant.role}`) })}
                  {participant.attended === true && ` (${t('detail.attended')})`}
                  {participant.attended === false && ` (${t('detail.absent')})`}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ),
        )}
        {fact(t('detail.agenda'), meeting.agenda)}
        {fact(t('detail.minutes'), meeting.minutesHidden ? t('form.minutesHidden') : meeting.minutes)}
        {meeting.kind === 'annual_talk' && (
          <>
            {fact(
              t('detail.expectedRequests'),
              meeting.expectedRequests === null ? null : format.number(meeting.expectedRequests),
            )}
            {fact(t('detail.wantedTags'), meeting.wantedTags.map((tag) => tag.name).join(', '))}
            {fact(t('detail.agreements'), meeting.agreements)}
          </>
        )}
      </DataList>
    </section>
  );
}
