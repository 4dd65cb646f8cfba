import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type MailStatus,
  mailStatusSchema,
  type OutboxMail,
  outboxMailSchema,
  outboxPageSchema,
} from '../../../../contracts/outbox.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LinkifiedText } from '../../ui/LinkifiedText.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { adminKeys } from './admin.keys.ts';

const demoPageSize = 10;
const pageSize = 25;
const filterStatuses: MailStatus[] = ['queued', 'failed', 'sent'];

/**
 * `/beheer/postvak`: without a mail server (the embedded demo) the mail Passend kept instead of
 * sending, links clickable; with one, the outgoing mail and how its delivery stands.
 */
export function OutboxPage() {
  const session = useSignedInSession();
  return session.outboxEnabled ? <DemoOutbox /> : <OutgoingMail />;
}

/** The demo outbox: every mail with its text, because in the demo the app is the mailbox. */
function DemoOutbox() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const list = useListParams({});
  const page = list.page;

  const outbox = useQuery({
    queryKey: adminKeys.outboxList({ page, pageSize: demoPageSize }),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/outbox', { page, pageSize: demoPageSize }), outboxPageSchema, signal),
    placeholderData: keepPreviousData,
    // New mail arrives while the user works through an invitation in another tab.
    refetchOnWindowFocus: 'always',
  });

  return (
    <>
      <PageHeading>{t('outbox.title')}</PageHeading>
      <Alert type="info">{t('outbox.notice')}</Alert>
      {outbox.isPending && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {outbox.isError && <ErrorAlert errors={formErrorsFrom(outbox.error)} />}
      {outbox.data && outbox.data.items.length === 0 && <Paragraph>{t('outbox.empty')}</Paragraph>}
      {outbox.data?.items.map((mail) => (
        <article key={mail.id} className="passend-card" aria-labelledby={`mail-${mail.id}`}>
          <Heading2 id={`mail-${mail.id}`}>{mail.subject}</Heading2>
          <Paragraph className="passend-meta">
            {t('outbox.to')}: <span className="passend-break-anywhere">{mail.to}</span>
            <br />
            {t('outbox.createdAt')}: <time dateTime={mail.createdAt}>{dateTime(mail.createdAt)}</time>
          </Paragraph>
          <pre className="passend-mail-text">
            <LinkifiedText text={mail.text ?? ''} />
          </pre>
        </article>
      ))}
      {outbox.data && (
        <Pagination
          page={outbox.data.page}
          pageSize={outbox.data.pageSize}
          total={outbox.data.total}
          onPageChange={list.setPage}
        />
      )}
    </>
  );
}

/**
 * Outgoing mail with a mail server: address, subject and delivery status, never the text (it may hold
 * someone else's reset link), and a retry for mail that could not be delivered.
 */
function OutgoingMail() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const canRetry = hasPermission(session, 'outbox.retry');
  const list = useListParams({ status: '' });
  const page = list.page;
  const status = mailStatusSchema.safeParse(list.filters.status).data;
  const [retried, setRetried] = useState<OutboxMail | null>(null);

  const mails = useQuery({
    queryKey: adminKeys.outboxList({ page, pageSize, status }),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/outbox', { page, pageSize, status }), outboxPageSchema, signal),
    placeholderData: keepPreviousData,
  });

  const retry = useMutation({
    mutationFn: (mail: OutboxMail) => api.post(`/api/outbox/${mail.id}/retry`, {}, outboxMailSchema),
    onSuccess: async (mail) => {
      setRetried(mail);
      await queryClient.invalidateQueries({ queryKey: adminKeys.outbox });
    },
  });

  const statusDetail = (mail: OutboxMail) => {
    if (mail.status === 'sent' && mail.sentAt) return t('outbox.sentAt', { time: dateTime(mail.sentAt) });
    if (mail.status === 'queued' && mail.nextAttemptAt)
      return t('outbox.nextAttempt', { time: dateTime(mail.nextAttemptAt) });
    return null;
  };

  const errorOf = (code: string) => {
    const [name = ''] = code.split(' ');
    const key = `outbox.errorCodes.${name}`;
    return `${t(key, { defaultValue: t('outbox.errorCodes.UNKNOWN') })} (${code})`;
  };

  const columns: Column<OutboxMail>[] = [
    {
      key: 'to',
      header: t('outbox.to'),
      cell: (mail) => <span className="passend-break-anywhere">{mail.to}</span>,
      rowHeader: true,
    },
    { key: 'subject', header: t('outbox.subject'), cell: (mail) => mail.subject },
    {
      key: 'createdAt',
      header: t('outbox.createdAt'),
      cell: (mail) => <time dateTime={mail.createdAt}>{dateTime(mail.createdAt)}</time>,
      nowrap: true,
    },
    {
      key: 'status',
      header: t('outbox.columnStatus'),
      cell: (mail) => {
        const detail = statusDetail(mail);
        return (
          <>
            {t(`outbox.status.${mail.status}`)}
            {/* One attempt for a sent mail goes without saying. */}
            {(mail.status === 'sent' ? mail.attempts > 1 : mail.attempts > 0) && (
              <>
                <br />
                <span className="passend-meta">{t('outbox.attempts', { count: mail.attempts })}</span>
              </>
            )}
            {detail && (
              <>
                <br />
                <span className="passend-meta">{detail}</span>
              </>
            )}
          </>
        );
      },
      keepWithTitle: true,
    },
    {
      key: 'lastError',
      header: t('outbox.lastError'),
      cell: (mail) => (mail.lastError ? errorOf(mail.lastError) : '—'),
    },
    ...(canRetry
      ? [
          {
            key: 'actions',
            header: t('outbox.columnActions'),
            cell: (mail: OutboxMail) =>
              mail.status === 'failed' && (
                <Button
                  appearance="secondary-action-button"
                  type="button"
                  aria-label={t('outbox.retryFor', { to: mail.to })}
                  disabled={retry.isPending}
                  onClick={() => {
                    setRetried(null);
                    retry.mutate(mail);
                  }}
                >
                  {t('outbox.retry')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading>{t('outbox.mailTitle')}</PageHeading>
      <Paragraph>{t('outbox.mailIntro')}</Paragraph>
      {retried && (
        <Alert type="ok" role="status">
          {t('outbox.retried', { to: retried.to })}
        </Alert>
      )}
      {retry.isError && <ErrorAlert errors={formErrorsFrom(retry.error)} />}
      <ListToolbar onClear={status ? list.clear : undefined}>
        <SelectField
          name="status"
          label={t('outbox.statusFilter')}
          placeholder={t('outbox.statusAll')}
          required={false}
          value={status ?? ''}
          onChange={(value) => list.setFilters({ status: value })}
          choices={filterStatuses.map((value) => ({ value, label: t(`outbox.status.${value}`) }))}
        />
      </ListToolbar>
      {mails.isError && <ErrorAlert errors={formErrorsFrom(mails.error)} />}
      {mails.isPending && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {mails.data && (
        <>
          <DataTable
            caption={t('outbox.tableCaption')}
            columns={columns}
            rows={mails.data.items}
            rowKey={(mail) => mail.id}
            empty={status ? t('outbox.emptyWithStatus') : t('outbox.empty')}
            busy={mails.isFetching}
          />
          <Pagination
            page={mails.data.page}
            pageSize={mails.data.pageSize}
            total={mails.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </>
  );
}
