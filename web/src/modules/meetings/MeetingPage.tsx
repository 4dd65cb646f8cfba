import { useQuery } from '@tanstack/react-query';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { type MeetingDetail, meetingDetailSchema, meetingKinds } from '../../../../contracts/meetings.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { MeetingActionItems } from './MeetingActionItems.tsx';
import { MeetingAddParticipant } from './MeetingAddParticipant.tsx';
import { MeetingDecision } from './MeetingDecision.tsx';
import { MeetingForm } from './MeetingForm.tsx';
import { MeetingPreparation } from './MeetingPreparation.tsx';
import { MeetingSummary } from './MeetingSummary.tsx';
import { meetingKeys, useReplaceMeeting } from './meetings.api.ts';

/** `/overleg/nieuw` and `/overleg/:meetingId`: plan a meeting, then prepare, record and follow it up. */
export function MeetingPage() {
  const { meetingId } = useParams();
  return meetingId ? <ExistingMeeting key={meetingId} meetingId={meetingId} /> : <NewMeeting />;
}

function BackLink() {
  const { t } = useTranslation('meetings');
  return (
    <Paragraph>
      <RouterLink to="/overleg">{t('detail.back')}</RouterLink>
    </Paragraph>
  );
}

/** A new meeting; `?soort=sot&school=<id>` chooses the kind and school beforehand. */
function NewMeeting() {
  const { t } = useTranslation('meetings');
  const navigateWithNotice = useNavigateWithNotice();
  const replace = useReplaceMeeting();
  const [params] = useSearchParams();
  const kind = meetingKinds.find((candidate) => candidate === params.get('soort')) ?? '';
  return (
    <>
      <PageHeading>{t('form.newTitle')}</PageHeading>
      <Paragraph>{t('form.newIntro')}</Paragraph>
      <BackLink />
      <MeetingForm
        meeting={null}
        initialKind={kind}
        initialLocationId={params.get('school') ?? ''}
        onSaved={(meeting) => {
          replace(meeting);
          navigateWithNotice(`/overleg/${meeting.id}`, t('form.planned'));
        }}
      />
    </>
  );
}

function ExistingMeeting({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('meetings');
  const detail = useQuery({
    queryKey: meetingKeys.detail(meetingId),
    queryFn: ({ signal }) => api.get(`/api/meetings/${meetingId}`, meetingDetailSchema, signal),
  });
  if (detail.isError) {
    return (
      <>
        <PageHeading>{t('detail.titleUnknown')}</PageHeading>
        <ErrorAlert errors={formErrorsFrom(detail.error)} />
        <BackLink />
      </>
    );
  }
  if (!detail.data) {
    return (
      <>
        <PageHeading placeholder>{t('detail.titleUnknown')}</PageHeading>
        <Paragraph role="status">{t('list.loading')}</Paragraph>
      </>
    );
  }
  return <MeetingView meeting={detail.data} />;
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const replace = useReplaceMeeting();
  // Bumped when a participant is added beside the form: the form starts again from the meeting, or
  // its next save would leave the new participant out.
  const [participantsAdded, setParticipantsAdded] = useState(0);
  const canEdit = meeting.commands.includes('edit');
  // Saving sends the whole meeting, minutes included: one who cannot read them would erase them.
  const editable = canEdit;
  return (
    <>
      <PageHeading>
        {t('detail.title', { kind: t(`kinds.${meeting.kind}`), school: meeting.location.name })}
      </PageHeading>
      <Paragraph>
        {t('detail.when', {
          date: format.date(meeting.date),
          start: meeting.startTime,
          end: meeting.endTime,
        })}{' '}
        · {t(`statuses.${meeting.status}`)}
      </Paragraph>
      <Paragraph>
        <a
          className="utrecht-link utrecht-link--html-a"
          href={`/api/meetings/${meeting.id}/calendar.ics`}
          download
        >
          {t('detail.calendar')}
        </a>
      </Paragraph>
      <BackLink />
      {!editable && (
        <Alert type="info">
          <Paragraph>{canEdit ? t('detail.minutesHiddenReadOnly') : t('detail.readOnly')}</Paragraph>
        </Alert>
      )}
      {meeting.preparation && <MeetingPreparation preparation={meeting.preparation} />}
      {editable ? (
        <MeetingForm key={participantsAdded} meeting={meeting} onSaved={replace} />
      ) : (
        <MeetingSummary meeting={meeting} />
      )}
      {meeting.kind === 'interim' && <MeetingDecision meeting={meeting} onDecided={replace} />}
      {meeting.commands.includes('add_participant') && (
        <MeetingAddParticipant
          meeting={meeting}
          onAdded={(changed) => {
            replace(changed);
            setParticipantsAdded((count) => count + 1);
          }}
        />
      )}
      <MeetingActionItems meeting={meeting} />
    </>
  );
}
