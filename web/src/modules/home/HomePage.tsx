import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type MyWorkItem, myWorkSchema } from '../../../../contracts/my-work.ts';
import { type Notification, notificationPageSchema } from '../../../../contracts/notifications.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import './home.css';

/** The query keys of the start page. */
export const homeKeys = {
  myWork: () => ['my-work'] as const,
  notifications: () => ['notifications'] as const,
};

/** `/`: "Mijn werk" — what waits for the signed-in person, with links to the lists, and their notifications. */
export function HomePage() {
  const { t } = useTranslation('home');
  const session = useSignedInSession();
  const headingId = useId();
  const work = useQuery({
    queryKey: homeKeys.myWork(),
    queryFn: ({ signal }) => api.get('/api/my-work', myWorkSchema, signal),
  });

  return (
    <>
      <PageHeading>{t('greeting', { name: session.user.name })}</PageHeading>
      <Paragraph appearance="lead">{t('partnership', { tenant: session.tenant.name })}</Paragraph>
      {work.data?.recoveryCodesLeft !== undefined && (
        <Alert type="warning" role="status">
          <Paragraph>{t('recoveryCodes', { count: work.data.recoveryCodesLeft })}</Paragraph>
          <Paragraph>
            <RouterLink to="/account">{t('account')}</RouterLink>
          </Paragraph>
        </Alert>
      )}
      <section aria-labelledby={headingId}>
        <Heading2 id={headingId}>{t('todoTitle')}</Heading2>
        {/* Filing a request starts here for whoever may file one (the IB, the director). */}
        {hasPermission(session, 'requests.create') && (
          <Paragraph>
            <RouterLink to="/hulpvragen/nieuw">{t('newRequest')}</RouterLink>
          </Paragraph>
        )}
        {/* The figures, for whoever reads them; a school board has no other work here. */}
        {hasPermission(session, 'reports.read') && (
          <Paragraph>
            <RouterLink to="/cijfers">{t('figures')}</RouterLink>
          </Paragraph>
        )}
        {work.isPending ? (
          <Paragraph role="status">{t('loading')}</Paragraph>
        ) : work.isError ? (
          <Alert type="error">
            <Paragraph>{t('loadFailed')}</Paragraph>
          </Alert>
        ) : work.data.items.length === 0 ? (
          <Paragraph>{t('empty')}</Paragraph>
        ) : (
          <ul className="passend-my-work">
            {work.data.items.map((item) => (
              <MyWorkRow key={item.kind} item={item} />
            ))}
          </ul>
        )}
      </section>
      <NotificationList />
    </>
  );
}

function MyWorkRow({ item }: { item: MyWorkItem }) {
  const { t } = useTranslation('home');
  const isWarning = item.severity === 'warning';
  return (
    <li className={`passend-my-work__item${isWarning ? ' passend-my-work__item--warning' : ''}`}>
      {/* A warning says so in words (and with a sign), not by its colour only. */}
      {isWarning && (
        <span className="passend-my-work__attention">
          <span aria-hidden="true">⚠ </span>
          {t('attention')}{' '}
        </span>
      )}
      <RouterLink to={item.to}>{t(`kind.${item.kind}`, { count: item.count })}</RouterLink>
    </li>
  );
}

function NotificationList() {
  const { t } = useTranslation('home');
  const format = useFormatters();
  const headingId = useId();
  const queryClient = useQueryClient();
  const notifications = useQuery({
    queryKey: homeKeys.notifications(),
    queryFn: ({ signal }) => api.get('/api/notifications?pageSize=10', notificationPageSchema, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: homeKeys.notifications() });
  const markOne = useMutation({
    mutationFn: (notification: Notification) => api.post(`/api/notifications/${notification.id}/read`),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.post('/api/notifications/read'),
    onSuccess: refresh,
  });
  const data = notifications.data;

  return (
    <section aria-labelledby={headingId}>
      <Heading2 id={headingId}>
        {t('notifications.title')}
        {data && data.unread > 0 && (
          <span className="passend-my-work__unread">
            {' '}
            ({t('notifications.unread', { count: data.unread })})
          </span>
        )}
      </Heading2>
      {notifications.isPending ? (
        <Paragraph role="status">{t('loading')}</Paragraph>
      ) : !data ? (
        <Alert type="error">
          <Paragraph>{t('loadFailed')}</Paragraph>
        </Alert>
      ) : data.items.length === 0 ? (
        <Paragraph>{t('notifications.none')}</Paragraph>
      ) : (
        <>
          {data.unread > 0 && (
            <Paragraph>
              <Button
                appearance="secondary-action-button"
                busy={markAll.isPending}
                onClick={() => markAll.mutate()}
              >
                {t('notifications.markAllRead')}
              </Button>
            </Paragraph>
          )}
          <UnorderedList className="passend-notifications">
            {data.items.map((notification) => (
              <UnorderedListItem
                key={notification.id}
                className={notification.readAt ? undefined : 'passend-notifications__unread'}
              >
                {!notification.readAt && <strong>{t('notifications.new')}: </strong>}
                <RouterLink
                  to={notification.link}
                  // Following a notification reads it.
                  onClick={notification.readAt ? undefined : () => markOne.mutate(notification)}
                >
                  {t(`notifications.kind.${notification.kind}`)}
                </RouterLink>{' '}
                <span className="passend-notifications__time">{format.dateTime(notification.createdAt)}</span>
                {!notification.readAt && (
                  <>
                    {' '}
                    <Button
                      appearance="subtle-button"
                      busy={markOne.isPending && markOne.variables?.id === notification.id}
                      onClick={() => markOne.mutate(notification)}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  </>
                )}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}
