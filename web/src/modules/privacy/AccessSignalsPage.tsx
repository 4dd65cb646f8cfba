import { useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { accessSignalListSchema, accessSignalQuerySchema } from '../../../../contracts/privacy.ts';
import { api, isApiError, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * `/privacy/signals`: the privacy officer's list of unusual access — many files within an hour, reads
 * outside working hours — for a period (the last 30 days by default). Each row leads to the audit
 * trail of that person on that day.
 */
export function AccessSignalsPage() {
  const { t } = useTranslation('privacy');
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const asked = { from: params.get('van') ?? '', to: params.get('tot') ?? '' };
  const [draft, setDraft] = useState(asked);
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const query = { from: asked.from || undefined, to: asked.to || undefined };
  const signals = useQuery({
    queryKey: ['privacy', 'access-signals', query],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/privacy/access-signals', query), accessSignalListSchema, signal),
  });
  const serverErrors = isApiError(signals.error, 'validation_failed')
    ? formErrorsFrom(signals.error)
    : noFormErrors;
  const errors = clientErrors ?? serverErrors;
  const message = (path: 'from' | 'to') => moduleMessageFor('privacy', errors, path);

  const search = () => {
    const input = { from: draft.from || undefined, to: draft.to || undefined };
    const checked = validate(accessSignalQuerySchema, input);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors(null);
    const next = new URLSearchParams();
    if (draft.from) next.set('van', draft.from);
    if (draft.to) next.set('tot', draft.to);
    setParams(next);
  };

  return (
    <>
      <PageHeading>{t('privacy.signals.title')}</PageHeading>
      <Paragraph>{t('privacy.signals.intro')}</Paragraph>
      <search aria-label={t('privacy.signals.period')}>
        <Form errors={errors} fields={['from', 'to']} onSubmit={search}>
          <div className="passend-toolbar">
            <TextField
              name="from"
              type="date"
              label={t('privacy.auditTrail.from')}
              required={false}
              value={draft.from}
              onChange={(from) => setDraft((current) => ({ ...current, from }))}
              error={message('from')}
            />
            <TextField
              name="to"
              type="date"
              label={t('privacy.auditTrail.to')}
              required={false}
              value={draft.to}
              onChange={(to) => setDraft((current) => ({ ...current, to }))}
              error={message('to')}
            />
            <ButtonGroup>
              <SecondaryActionButton type="submit">{t('privacy.auditTrail.submit')}</SecondaryActionButton>
            </ButtonGroup>
          </div>
        </Form>
      </search>
      {signals.isError && errors === noFormErrors && <ErrorAlert errors={formErrorsFrom(signals.error)} />}
      {signals.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {signals.data && (
        <>
          {signals.data.truncated && <Paragraph>{t('privacy.signals.truncated')}</Paragraph>}
          <ScrollTable
            caption={t('privacy.signals.caption', {
              from: format.date(signals.data.from),
              to: format.date(signals.data.to),
            })}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('privacy.signals.columnDay')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.auditTrail.columnWho')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.signals.columnWhat')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.signals.columnFiles')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.signals.columnTrail')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {signals.data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>{t('privacy.signals.none')}</TableCell>
                </TableRow>
              )}
              {signals.data.items.map((item) => (
                <TableRow key={`${item.kind}-${item.actor.id}-${item.firstAt}`}>
                  <TableHeaderCell scope="row">{format.date(item.on)}</TableHeaderCell>
                  <TableCell>
                    {item.actor.name}
                    <br />
                    <span className="passend-meta passend-break-anywhere">{item.actor.email}</span>
                  </TableCell>
                  <TableCell>
                    {t(`privacy.signals.kinds.${item.kind}`, {
                      first: format.dateTime(item.firstAt),
                      last: format.dateTime(item.lastAt),
                    })}
                  </TableCell>
                  <TableCell>{item.files}</TableCell>
                  <TableCell>
                    <RouterLink
                      to={`/privacy/audit-trail?${new URLSearchParams({
                        zoek: item.actor.email,
                        van: item.on,
                        tot: item.on,
                      }).toString()}`}
                    >
                      {t('privacy.signals.openTrail', { name: item.actor.name })}
                    </RouterLink>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        </>
      )}
    </>
  );
}
