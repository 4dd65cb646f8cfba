import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type LegalHold,
  legalHoldInputSchema,
  legalHoldListSchema,
  legalHoldReleaseSchema,
} from '../../../../contracts/retention.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { FormDialog } from '../../ui/form/FormDialog.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import { useAllLocations } from '../admin/locations.ts';
import { retentionKeys } from './retention.api.ts';

const emptyHold = { pupilName: '', birthDate: '', locationId: '', reason: '' };

/**
 * Legal holds (P4): one pupil's files kept past their date, for a reason, until released with a
 * reason. The pupil is named as the files name them; a name no file has is refused at the field.
 */
export function LegalHoldsSection() {
  const { t } = useTranslation('retention');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const holds = useQuery({
    queryKey: retentionKeys.legalHolds,
    queryFn: ({ signal }) => api.get('/api/retention/legal-holds', legalHoldListSchema, signal),
  });
  const locations = useAllLocations(true);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  const form = useContractForm({
    schema: legalHoldInputSchema,
    initial: emptyHold,
    namespace: 'retention',
    toInput: (values) => ({ ...values, locationId: values.locationId || undefined }),
    send: (input) => api.post('/api/retention/legal-holds', input),
    successNotice: t('retention.holds.placed'),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: retentionKeys.all });
    },
  });

  return (
    <section aria-labelledby="retention-holds">
      <Heading2 id="retention-holds">{t('retention.holds.title')}</Heading2>
      <Paragraph>{t('retention.holds.intro')}</Paragraph>
      {holds.isError && <ErrorAlert errors={formErrorsFrom(holds.error)} />}
      {holds.data && (
        <DataTable
          caption={t('retention.holds.caption')}
          rows={holds.data.holds}
          rowKey={(hold) => hold.id}
          empty={t('retention.holds.none')}
          columns={[
            {
              key: 'pupil',
              header: t('retention.holds.columnPupil'),
              rowHeader: true,
              cell: (hold) => (
                <>
                  {hold.pupilName}
                  <br />
                  <span className="passend-meta">
                    {t('retention.holds.born', { date: format.date(hold.birthDate) })}
                    {hold.location ? ` · ${hold.location.name}` : ''}
                  </span>
                </>
              ),
            },
            { key: 'reason', header: t('retention.holds.columnReason'), cell: (hold) => hold.reason },
            {
              key: 'placed',
              header: t('retention.holds.columnPlaced'),
              cell: (hold) =>
                t('retention.holds.placedBy', { name: hold.placedBy, date: format.date(hold.placedAt) }),
            },
            {
              key: 'files',
              header: t('retention.holds.columnFiles'),
              numeric: true,
              cell: (hold) => format.number(hold.files),
            },
            {
              key: 'status',
              header: t('retention.holds.columnStatus'),
              keepWithTitle: true,
              cell: (hold) =>
                hold.releasedAt ? (
                  t('retention.holds.released', {
                    name: hold.releasedBy ?? '',
                    date: format.date(hold.releasedAt),
                    reason: hold.releaseReason ?? '',
                  })
                ) : (
                  <SecondaryActionButton
                    type="button"
                    onClick={() => setReleasing(hold)}
                    aria-label={t('retention.holds.releaseFor', { name: hold.pupilName })}
                  >
                    {t('retention.holds.release')}
                  </SecondaryActionButton>
                ),
            },
          ]}
        />
      )}
      <Heading3>{t('retention.holds.placeTitle')}</Heading3>
      <ContractForm form={form}>
        <TextField
          label={t('retention.holds.pupilName')}
          description={t('retention.holds.pupilNameHint')}
          autoComplete="off"
          {...form.field('pupilName')}
        />
        <TextField type="date" label={t('retention.holds.birthDate')} {...form.field('birthDate')} />
        <SelectField
          label={t('retention.holds.school')}
          description={t('retention.holds.schoolHint')}
          placeholder={t('retention.holds.anySchool')}
          busy={locations.isPending}
          choices={(locations.data ?? []).map((location) => ({ value: location.id, label: location.name }))}
          {...form.field('locationId', 'choice')}
        />
        <TextAreaField
          label={t('retention.holds.reason')}
          description={t('retention.holds.reasonHint')}
          rows={3}
          {...form.field('reason')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('retention.holds.place')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
      {releasing && <ReleaseDialog hold={releasing} onDone={() => setReleasing(null)} />}
    </section>
  );
}

function ReleaseDialog({ hold, onDone }: { hold: LegalHold; onDone: () => void }) {
  const { t } = useTranslation('retention');
  const queryClient = useQueryClient();
  const opener = useRef<Element | null>(document.activeElement);
  const close = () => {
    onDone();
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  const form = useContractForm({
    schema: legalHoldReleaseSchema,
    initial: { reason: '' },
    namespace: 'retention',
    send: (input) => api.post(`/api/retention/legal-holds/${hold.id}/release`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: retentionKeys.all });
      close();
    },
  });
  return (
    <FormDialog
      form={form}
      title={t('retention.holds.releaseTitle', { name: hold.pupilName })}
      confirmLabel={t('retention.holds.release')}
      onCancel={close}
    >
      <Paragraph>{t('retention.holds.releaseText')}</Paragraph>
      <TextAreaField label={t('retention.holds.releaseReason')} rows={3} {...form.field('reason')} />
    </FormDialog>
  );
}
