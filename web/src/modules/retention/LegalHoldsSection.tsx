import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormFieldTextarea,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type LegalHold,
  legalHoldInputSchema,
  legalHoldListSchema,
  legalHoldReleaseSchema,
} from '../../../../contracts/retention.ts';
import { api, apiRequest } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useAllLocations } from '../admin/locations.ts';

const emptyHold = { pupilName: '', birthDate: '', locationId: '', reason: '' };
const holdsKey = ['retention', 'legal-holds'];

/**
 * Legal holds (P4): one pupil's files kept past their date, for a reason, until released with a
 * reason. The pupil is named as the files name them; a name no file has is refused at the field.
 */
export function LegalHoldsSection() {
  const { t } = useTranslation('retention');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const holds = useQuery({
    queryKey: holdsKey,
    queryFn: ({ signal }) => api.get('/api/retention/legal-holds', legalHoldListSchema, signal),
  });
  const locations = useAllLocations(true);
  const [draft, setDraft] = useState(emptyHold);
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const [placed, setPlaced] = useState(false);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  const place = useMutation({
    mutationFn: (body: unknown) => apiRequest('POST', '/api/retention/legal-holds', { body }),
    onSuccess: () => {
      setDraft(emptyHold);
      setPlaced(true);
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
    },
  });
  const errors = clientErrors ?? (place.error ? formErrorsFrom(place.error) : noFormErrors);
  const message = (path: string) => moduleMessageFor('retention', errors, path);
  const submit = () => {
    setPlaced(false);
    const checked = validate(legalHoldInputSchema, { ...draft, locationId: draft.locationId || undefined });
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors(null);
    place.mutate(checked.value);
  };
  const change = (field: keyof typeof emptyHold) => (value: string) => {
    setPlaced(false);
    setDraft((current) => ({ ...current, [field]: value }));
  };

  return (
    <section aria-labelledby="retention-holds">
      <Heading2 id="retention-holds">{t('retention.holds.title')}</Heading2>
      <Paragraph>{t('retention.holds.intro')}</Paragraph>
      {holds.isError && <ErrorAlert errors={formErrorsFrom(holds.error)} />}
      {holds.data && (
        <ScrollTable caption={t('retention.holds.caption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('retention.holds.columnPupil')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('retention.holds.columnReason')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('retention.holds.columnPlaced')}</TableHeaderCell>
              <TableHeaderCell scope="col" className="passend-number-cell">
                {t('retention.holds.columnFiles')}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t('retention.holds.columnStatus')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {holds.data.holds.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>{t('retention.holds.none')}</TableCell>
              </TableRow>
            )}
            {holds.data.holds.map((hold) => (
              <TableRow key={hold.id}>
                <TableHeaderCell scope="row">
                  {hold.pupilName}
                  <br />
                  <span className="passend-meta">
                    {t('retention.holds.born', { date: format.date(hold.birthDate) })}
                    {hold.location ? ` · ${hold.location.name}` : ''}
                  </span>
                </TableHeaderCell>
                <TableCell>{hold.reason}</TableCell>
                <TableCell>
                  {t('retention.holds.placedBy', { name: hold.placedBy, date: format.date(hold.placedAt) })}
                </TableCell>
                <TableCell className="passend-number-cell">{format.number(hold.files)}</TableCell>
                <TableCell>
                  {hold.releasedAt ? (
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
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
      <Heading3>{t('retention.holds.placeTitle')}</Heading3>
      <Form errors={errors} fields={['pupilName', 'birthDate', 'locationId', 'reason']} onSubmit={submit}>
        <TextField
          name="pupilName"
          label={t('retention.holds.pupilName')}
          description={t('retention.holds.pupilNameHint')}
          value={draft.pupilName}
          onChange={change('pupilName')}
          error={message('pupilName')}
          autoComplete="off"
        />
        <TextField
          name="birthDate"
          type="date"
          label={t('retention.holds.birthDate')}
          value={draft.birthDate}
          onChange={change('birthDate')}
          error={message('birthDate')}
        />
        <SelectField
          name="locationId"
          label={t('retention.holds.school')}
          description={t('retention.holds.schoolHint')}
          placeholder={t('retention.holds.anySchool')}
          required={false}
          busy={locations.isPending}
          choices={(locations.data ?? []).map((location) => ({ value: location.id, label: location.name }))}
          value={draft.locationId}
          onChange={change('locationId')}
          error={message('locationId')}
        />
        <FormFieldTextarea
          name="reason"
          label={t('retention.holds.reason')}
          description={t('retention.holds.reasonHint')}
          rows={3}
          maxLength={2000}
          required
          value={draft.reason}
          onChange={(event) => change('reason')(event.target.value)}
          invalid={Boolean(message('reason'))}
          errorMessage={message('reason')}
        />
        {placed && <Paragraph role="status">{t('retention.holds.placed')}</Paragraph>}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={place.isPending}>
            {t('retention.holds.place')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
      {releasing && <ReleaseDialog hold={releasing} onDone={() => setReleasing(null)} />}
    </section>
  );
}

function ReleaseDialog({ hold, onDone }: { hold: LegalHold; onDone: () => void }) {
  const { t } = useTranslation('retention');
  const queryClient = useQueryClient();
  const opener = useRef<Element | null>(document.activeElement);
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const release = useMutation({
    mutationFn: (body: unknown) =>
      apiRequest('POST', `/api/retention/legal-holds/${hold.id}/release`, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
      close();
    },
  });
  const close = () => {
    onDone();
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  const errors = clientErrors ?? (release.error ? formErrorsFrom(release.error) : noFormErrors);
  const reasonError = moduleMessageFor('retention', errors, 'reason');
  return (
    <ConfirmDialog
      title={t('retention.holds.releaseTitle', { name: hold.pupilName })}
      confirmLabel={t('retention.holds.release')}
      cancelLabel={t('retention.holds.cancel')}
      busy={release.isPending}
      onCancel={close}
      onConfirm={() => {
        const checked = validate(legalHoldReleaseSchema, { reason });
        if (!checked.ok) {
          setClientErrors(checked.errors);
          return;
        }
        setClientErrors(null);
        release.mutate(checked.value);
      }}
    >
      <Paragraph>{t('retention.holds.releaseText')}</Paragraph>
      {errors.form && !reasonError && <ErrorAlert errors={errors} />}
      <FormFieldTextarea
        name="releaseReason"
        label={t('retention.holds.releaseReason')}
        rows={3}
        maxLength={2000}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        invalid={Boolean(reasonError)}
        errorMessage={reasonError}
      />
    </ConfirmDialog>
  );
}
