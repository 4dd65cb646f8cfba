import { useQuery } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { accessSignalListSchema, accessSignalQuerySchema } from '../../../../contracts/privacy.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { privacyKeys } from './privacy.api.ts';

/**
 * `/privacy/signals`: the privacy officer's list of unusual access — many files within an hour, reads
 * outside working hours — for a period (the last 30 days by default). Each row leads to the audit
 * trail of that person on that day.
 */
export function AccessSignalsPage() {
  const { t } = useTranslation('privacy');
  const format = useFormatters();
  const list = useListParams({ van: '', tot: '' });
  const query = { from: list.filters.van || undefined, to: list.filters.tot || undefined };
  const signals = useQuery({
    queryKey: privacyKeys.accessSignals(query),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/privacy/access-signals', query), accessSignalListSchema, signal),
  });
  const period = useContractForm({
    schema: accessSignalQuerySchema,
    initial: { from: list.filters.van, to: list.filters.tot },
    namespace: 'privacy',
    toInput: (values) => ({ from: values.from || undefined, to: values.to || undefined }),
    send: async (input) => list.setFilters({ van: input.from ?? '', tot: input.to ?? '' }),
  });
  return (
    <>
      <PageHeading>{t('privacy.signals.title')}</PageHeading>
      <Paragraph>{t('privacy.signals.intro')}</Paragraph>
      <search aria-label={t('privacy.signals.period')}>
        <ContractForm form={period} className="passend-toolbar">
          <TextField type="date" label={t('privacy.auditTrail.from')} {...period.field('from')} />
          <TextField type="date" label={t('privacy.auditTrail.to')} {...period.field('to')} />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('privacy.auditTrail.submit')}</SecondaryActionButton>
          </ButtonGroup>
        </ContractForm>
      </search>
      {signals.isError && <ErrorAlert errors={formErrorsFrom(signals.error)} />}
      {signals.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {signals.data && (
        <>
          {signals.data.truncated && <Paragraph>{t('privacy.signals.truncated')}</Paragraph>}
          <DataTable
            caption={t('privacy.signals.caption', {
              from: format.date(signals.data.from),
              to: format.date(signals.data.to),
            })}
            rows={signals.data.items}
            rowKey={(item) => `${item.kind}-${item.actor.id}-${item.firstAt}`}
            empty={t('privacy.signals.none')}
            columns={[
              {
                key: 'day',
                header: t('privacy.signals.columnDay'),
                rowHeader: true,
                nowrap: true,
                cell: (item) => format.date(item.on),
              },
              {
                key: 'who',
                header: t('privacy.auditTrail.columnWho'),
                cell: (item) => (
                  <>
                    {item.actor.name}
                    <br />
                    <span className="passend-meta passend-break-anywhere">{item.actor.email}</span>
                  </>
                ),
              },
              {
                key: 'what',
                header: t('privacy.signals.columnWhat'),
                cell: (item) =>
                  t(`privacy.signals.kinds.${item.kind}`, {
                    first: format.dateTime(item.firstAt),
                    last: format.dateTime(item.lastAt),
                  }),
              },
              {
                key: 'files',
                header: t('privacy.signals.columnFiles'),
                numeric: true,
                cell: (item) => format.number(item.files),
              },
              {
                key: 'trail',
                header: t('privacy.signals.columnTrail'),
                cell: (item) => (
                  <RouterLink
                    to={`/privacy/audit-trail?${new URLSearchParams({
                      zoek: item.actor.email,
                      van: item.on,
                      tot: item.on,
                    }).toString()}`}
                  >
                    {t('privacy.signals.openTrail', { name: item.actor.name })}
                  </RouterLink>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
