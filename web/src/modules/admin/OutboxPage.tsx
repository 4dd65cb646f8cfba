import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { outboxPageSchema } from '../../../../contracts/outbox.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LinkifiedText } from '../../ui/LinkifiedText.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';

const pageSize = 10;

/** `/beheer/postvak`: mail the demo would have sent, with its links clickable. */
export function OutboxPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = Number(searchParams.get('pagina'));
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1;

  const outbox = useQuery({
    queryKey: ['outbox', { page, pageSize }],
    queryFn: ({ signal }) => api.get(withQuery('/api/outbox', { page, pageSize }), outboxPageSchema, signal),
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
          onPageChange={(next) => setSearchParams(next > 1 ? { pagina: String(next) } : {})}
        />
      )}
    </>
  );
}
