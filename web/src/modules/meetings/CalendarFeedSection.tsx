import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Heading, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CalendarFeedStatus, calendarFeedStatusSchema } from '../../../../contracts/meetings.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { meetingKeys } from './meetings.api.ts';

type FeedAction = 'create' | 'renew' | 'revoke';

/**
 * The personal calendar feed: a secret link of one's meetings for a calendar app. The link is shown
 * once, when it is made; renewing makes a new one and stops the old; revoking stops it. Both of those
 * cannot be undone (a calendar app subscribed to the old link stops updating), so they ask first.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [shown, setShown] = useState<CalendarFeedStatus | null>(null);
  const [asked, setAsked] = useState<Exclude<FeedAction, 'create'> | null>(null);
  const [revoked, setRevoked] = useState(false);
  const revokedRef = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const allowed = hasPermission(session, 'calendar.feed');
  const status = useQuery({
    queryKey: meetingKeys.calendarFeed,
    enabled: allowed,
    queryFn: ({ signal }) => api.get('/api/calendar-feed', calendarFeedStatusSchema, signal),
  });
  const change = useMutation({
    mutationFn: (action: FeedAction) =>
      action === 'revoke'
        ? api.delete('/api/calendar-feed', calendarFeedStatusSchema)
        : api.post('/api/calendar-feed', {}, calendarFeedStatusSchema),
    onSuccess: (result, action) => {
      setShown(result.url ? result : null);
      setRevoked(action === 'revoke');
      queryClient.setQueryData(meetingKeys.calendarFeed, result);
    },
    onSettled: () => setAsked(null),
  });
  // The revoke button is gone with the link: the keyboard user hears what happened where focus lands.
  useEffect(() => {
    if (revoked) revokedRef.current?.focus();
  }, [revoked]);
  if (!allowed) return null;
  const active = status.data?.active ?? false;
  const ask = (action: Exclude<FeedAction, 'create'>, button: HTMLElement) => {
    opener.current = button;
    change.reset();
    setAsked(action);
  };
  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('feed.title')}
      </Heading>
      <Paragraph>{t('feed.intro')}</Paragraph>
      {status.error && <ErrorAlert errors={formErrorsFrom(status.error)} />}
      {change.error && <ErrorAlert errors={formErrorsFrom(change.error)} />}
      {shown?.url && (
        <>
          <TextField name="feedUrl" label={t('feed.link')} value={shown.url} readOnly onChange={() => {}} />
          <Paragraph role="status">{t('feed.copyNow')}</Paragraph>
        </>
      )}
      {revoked && (
        <Paragraph role="status" ref={revokedRef} tabIndex={-1}>
          {t('feed.revoked')}
        </Paragraph>
      )}
      {!shown && active && status.data?.createdAt && (
        <Paragraph>{t('feed.active', { date: format.date(status.data.createdAt) })}</Paragraph>
      )}
      {!active && !shown && !revoked && <Paragraph>{t('feed.none')}</Paragraph>}
      <ButtonGroup>
        <SecondaryActionButton
          type="button"
          busy={change.isPending && change.variables !== 'revoke'}
          onClick={(event) => (active ? ask('renew', event.currentTarget) : change.mutate('create'))}
        >
          {t(active ? 'feed.renew' : 'feed.create')}
        </SecondaryActionButton>
        {active && (
          <SecondaryActionButton
            type="button"
            busy={change.isPending && change.variables === 'revoke'}
            onClick={(event) => ask('revoke', event.currentTarget)}
          >
            {t('feed.revoke')}
          </SecondaryActionButton>
        )}
      </ButtonGroup>
      {asked && (
        <ConfirmDialog
          title={t(asked === 'renew' ? 'feed.renewTitle' : 'feed.revokeTitle')}
          confirmLabel={t(asked === 'renew' ? 'feed.renewConfirm' : 'feed.revokeConfirm')}
          cancelLabel={t('common.cancel', { ns: 'translation' })}
          danger={asked === 'revoke'}
          busy={change.isPending}
          onConfirm={() => change.mutate(asked)}
          onCancel={() => {
            setAsked(null);
            opener.current?.focus();
          }}
        >
          <Paragraph>{t(asked === 'renew' ? 'feed.renewQuestion' : 'feed.revokeQuestion')}</Paragraph>
        </ConfirmDialog>
      )}
    </section>
  );
}
