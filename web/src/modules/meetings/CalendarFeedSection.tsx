import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Heading, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CalendarFeedStatus, calendarFeedStatusSchema } from '../../../../contracts/meetings.ts';
import { api, apiRequest } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * The personal calendar feed: a secret link of one's meetings for a calendar app. The link is shown
 * once, when it is made; renewing makes a new one and stops the old; revoking stops it.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<CalendarFeedStatus | null>(null);
  const allowed = hasPermission(session, 'calendar.feed');
  const status = useQuery({
    queryKey: ['calendar-feed'],
    enabled: allowed,
    queryFn: ({ signal }) => api.get('/api/calendar-feed', calendarFeedStatusSchema, signal),
  });
  const change = useMutation({
    mutationFn: (action: 'create' | 'revoke') =>
      action === 'create'
        ? api.post('/api/calendar-feed', {}, calendarFeedStatusSchema)
        : apiRequest('DELETE', '/api/calendar-feed', { schema: calendarFeedStatusSchema }),
    onSuccess: (result) => {
      setShown(result.url ? result : null);
      queryClient.setQueryData(['calendar-feed'], result);
    },
  });
  if (!allowed) return null;
  const active = status.data?.active ?? false;
  return (
    <section aria-labelledby="calendar-feed-heading">
      <Heading level={2} id="calendar-feed-heading">
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
      {!shown && active && status.data?.createdAt && (
        <Paragraph>{t('feed.active', { date: format.date(status.data.createdAt) })}</Paragraph>
      )}
      {!active && !shown && <Paragraph>{t('feed.none')}</Paragraph>}
      <ButtonGroup>
        <SecondaryActionButton
          type="button"
          busy={change.isPending && change.variables === 'create'}
          onClick={() => change.mutate('create')}
        >
          {t(active ? 'feed.renew' : 'feed.create')}
        </SecondaryActionButton>
        {active && (
          <SecondaryActionButton
            type="button"
            busy={change.isPending && change.variables === 'revoke'}
            onClick={() => change.mutate('revoke')}
          >
            {t('feed.revoke')}
          </SecondaryActionButton>
        )}
      </ButtonGroup>
    </section>
  );
}
