import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormFieldTextarea,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Referral,
  referralInputSchema,
  referralPageSchema,
  referralSchema,
  referralUpdateSchema,
} from '../../../../contracts/pupil-records.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { agencyKinds, referralConsents } from '../../../../contracts/trajectories.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { errorsOf, messageOf } from './shared.tsx';

const pageSize = 10;

/**
 * Referrals to outside help on the trajectory page (E7): recorded with the ZAT, then step by step —
 * the parents' consent (P3), the ZAT discussion, the outcome. No outcome before consent is given.
 */
export function ReferralsSection({ trajectoryId }: TrajectorySectionProps) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const queryKey = ['pupil-records', 'referrals', trajectoryId];
  const referrals = useQuery({
    queryKey: [...queryKey, page],
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/referrals`, { page, pageSize }),
        referralPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const changed = (message: string) => {
    setDone(message);
    void queryClient.invalidateQueries({ queryKey });
  };
  const data = referrals.data;

  return (
    <section ref={sectionRef} tabIndex={-1} aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.referrals.heading')}
      </Heading>
      <Paragraph>{t('pupilRecords.referrals.intro')}</Paragraph>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {referrals.error && <ErrorAlert errors={formErrorsFrom(referrals.error)} />}
      {!data && !referrals.error && <Paragraph>{t('pupilRecords.common.loading')}</Paragraph>}
      {data && (
        <>
          {data.items.length === 0 && <Paragraph>{t('pupilRecords.referrals.empty')}</Paragraph>}
          {data.items.map((referral) => (
            <ReferralItem
              key={referral.id}
              referral={referral}
              onSaved={() => {
                changed(t('pupilRecords.referrals.saved'));
                sectionRef.current?.focus();
              }}
            />
          ))}
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} />
          <AddReferral
            trajectoryId={trajectoryId}
            onAdded={() => {
              setPage(1);
              changed(t('pupilRecords.referrals.added'));
            }}
          />
        </>
      )}
    </section>
  );
}

/** One referral: its facts, and the next steps while it is open. */
function ReferralItem({ referral, onSaved }: { referral: Referral; onSaved: () => void }) {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const headingId = useId();
  const fact = (label: string, value: ReactNode) => (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue multiline={typeof value === 'string'}>
        {value || t('pupilRecords.referrals.notYet')}
      </DataListValue>
    </DataListItem>
  );
  const open = referral.state === 'awaiting_consent' || referral.state === 'in_progress';
  return (
    <article aria-labelledby={headingId} className="passend-card">
      <Heading level={3} id={headingId}>
        {t('pupilRecords.referrals.itemHeading', {
          agency: t(`pupilRecords.agencies.${referral.agencyKind}`),
          date: format.date(referral.referredOn),
        })}
      </Heading>
      <DataList aria-labelledby={headingId}>
        {fact(
          t('pupilRecords.referrals.state'),
          <span
            className={
              referral.state === 'completed'
                ? 'passend-status passend-status--ok'
                : 'passend-status passend-status--todo'
            }
          >
            {t(`pupilRecords.referralStates.${referral.state}`)}
          </span>,
        )}
        {fact(t('pupilRecords.referrals.reason'), referral.reason)}
        {fact(
          t('pupilRecords.referrals.consent'),
          `${t(`pupilRecords.consents.${referral.parentalConsent}`)}${
            referral.consentRecordedOn
              ? ` (${t('pupilRecords.referrals.consentOn', { date: format.date(referral.consentRecordedOn) })})`
              : ''
          }`,
        )}
        {fact(
          t('pupilRecords.referrals.zatDiscussion'),
          referral.zatDiscussedOn &&
            `${format.date(referral.zatDiscussedOn)}: ${referral.zatDiscussion ?? ''}`,
        )}
        {fact(
          t('pupilRecords.referrals.outcome'),
          referral.outcomeOn && `${format.date(referral.outcomeOn)}: ${referral.outcome ?? ''}`,
        )}
      </DataList>
      {open && <ReferralSteps referral={referral} onSaved={onSaved} />}
    </article>
  );
}

/** The steps on an open referral, each a group of the one form: consent, the ZAT talk, the outcome. */
function ReferralSteps({ referral, onSaved }: { referral: Referral; onSaved: () => void }) {
  const { t } = useTranslation('pupilRecords');
  const [form, setForm] = useState({
    parentalConsent: referral.parentalConsent as string,
    consentRecordedOn: referral.consentRecordedOn ?? '',
    zatDiscussedOn: referral.zatDiscussedOn ?? '',
    zatDiscussion: referral.zatDiscussion ?? '',
    outcome: '',
    outcomeOn: '',
  });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const save = useMutation({
    mutationFn: async () => {
      const withOutcome = form.outcome.trim() !== '' || form.outcomeOn !== '';
      const checked = validate(referralUpdateSchema, {
        parentalConsent: form.parentalConsent,
        consentRecordedOn: form.parentalConsent === 'pending' ? null : form.consentRecordedOn || null,
        zatDiscussedOn: form.zatDiscussedOn || null,
        zatDiscussion: form.zatDiscussion.trim() || null,
        ...(withOutcome ? { outcome: form.outcome.trim() || null, outcomeOn: form.outcomeOn || null } : {}),
      });
      if (!checked.ok) throw checked.errors;
      return apiRequest('PUT', `/api/zat-referrals/${referral.id}`, {
        body: checked.value,
        schema: referralSchema,
      });
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      onSaved();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = messageOf(errors);
  const set = (key: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  const today = todayInAmsterdam();
  const consentGiven = form.parentalConsent === 'given';

  return (
    <Form
      errors={errors}
      fields={[
        'parentalConsent',
        'consentRecordedOn',
        'zatDiscussedOn',
        'zatDiscussion',
        'outcome',
        'outcomeOn',
      ]}
      onSubmit={() => save.mutate()}
    >
      <Fieldset>
        <FieldsetLegend>{t('pupilRecords.referrals.consentStep')}</FieldsetLegend>
        <SelectField
          name="parentalConsent"
          label={t('pupilRecords.referrals.consent')}
          placeholder={t('pupilRecords.consents.pending')}
          value={form.parentalConsent === 'pending' ? '' : form.parentalConsent}
          onChange={(value) => set('parentalConsent')(value || 'pending')}
          required={false}
          choices={referralConsents
            .filter((consent) => consent !== 'pending')
            .map((consent) => ({ value: consent, label: t(`pupilRecords.consents.${consent}`) }))}
          error={message('parentalConsent')}
        />
        {form.parentalConsent !== 'pending' && (
          <TextField
            name="consentRecordedOn"
            type="date"
            label={t('pupilRecords.referrals.consentRecordedOn')}
            max={today}
            value={form.consentRecordedOn}
            onChange={set('consentRecordedOn')}
            error={message('consentRecordedOn')}
          />
        )}
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('pupilRecords.referrals.zatStep')}</FieldsetLegend>
        <TextField
          name="zatDiscussedOn"
          type="date"
          label={t('pupilRecords.referrals.zatDiscussedOn')}
          required={false}
          max={today}
          value={form.zatDiscussedOn}
          onChange={set('zatDiscussedOn')}
          error={message('zatDiscussedOn')}
        />
        <FormFieldTextarea
          name="zatDiscussion"
          label={t('pupilRecords.referrals.zatDiscussion')}
          rows={3}
          maxLength={5000}
          value={form.zatDiscussion}
          onChange={(event) => set('zatDiscussion')(event.target.value)}
          invalid={Boolean(message('zatDiscussion'))}
          errorMessage={message('zatDiscussion')}
        />
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('pupilRecords.referrals.outcomeStep')}</FieldsetLegend>
        {consentGiven ? (
          <>
            <FormFieldTextarea
              name="outcome"
              label={t('pupilRecords.referrals.outcome')}
              rows={3}
              maxLength={5000}
              value={form.outcome}
              onChange={(event) => set('outcome')(event.target.value)}
              invalid={Boolean(message('outcome'))}
              errorMessage={message('outcome')}
            />
            <TextField
              name="outcomeOn"
              type="date"
              label={t('pupilRecords.referrals.outcomeOn')}
              required={false}
              max={today}
              value={form.outcomeOn}
              onChange={set('outcomeOn')}
              error={message('outcomeOn')}
            />
          </>
        ) : (
          <Paragraph>{message('outcome') ?? t('pupilRecords.referrals.outcomeNeedsConsent')}</Paragraph>
        )}
      </Fieldset>
      <ButtonGroup>
        <SecondaryActionButton type="submit" busy={save.isPending}>
          {t('pupilRecords.referrals.saveStep')}
          <span className="passend-visually-hidden">
            : {t(`pupilRecords.agencies.${referral.agencyKind}`)}
          </span>
        </SecondaryActionButton>
      </ButtonGroup>
    </Form>
  );
}

function AddReferral({ trajectoryId, onAdded }: { trajectoryId: string; onAdded: () => void }) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const empty = () => ({ referredOn: todayInAmsterdam(), agencyKind: '', reason: '' });
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const add = useMutation({
    mutationFn: async () => {
      const checked = validate(referralInputSchema, {
        referredOn: form.referredOn || undefined,
        agencyKind: form.agencyKind || undefined,
        reason: form.reason,
      });
      if (!checked.ok) throw checked.errors;
      return api.post(`/api/trajectories/${trajectoryId}/referrals`, checked.value, referralSchema);
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setForm(empty());
      onAdded();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = messageOf(errors);
  const set = (key: keyof ReturnType<typeof empty>) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  return (
    <>
      <Heading level={3} id={headingId}>
        {t('pupilRecords.referrals.addHeading')}
      </Heading>
      <Form
        aria-labelledby={headingId}
        errors={errors}
        fields={['referredOn', 'agencyKind', 'reason']}
        onSubmit={() => add.mutate()}
      >
        <TextField
          name="referredOn"
          type="date"
          label={t('pupilRecords.referrals.referredOn')}
          max={todayInAmsterdam()}
          value={form.referredOn}
          onChange={set('referredOn')}
          error={message('referredOn')}
        />
        <SelectField
          name="agencyKind"
          label={t('pupilRecords.referrals.agencyKind')}
          placeholder={t('pupilRecords.referrals.agencyPlaceholder')}
          value={form.agencyKind}
          onChange={set('agencyKind')}
          choices={agencyKinds.map((kind) => ({ value: kind, label: t(`pupilRecords.agencies.${kind}`) }))}
          error={message('agencyKind')}
        />
        <FormFieldTextarea
          name="reason"
          label={t('pupilRecords.referrals.reason')}
          rows={3}
          maxLength={5000}
          required
          value={form.reason}
          onChange={(event) => set('reason')(event.target.value)}
          invalid={Boolean(message('reason'))}
          errorMessage={message('reason')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={add.isPending}>
            {t('pupilRecords.referrals.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
