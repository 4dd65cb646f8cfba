import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import {
  type Referral,
  referralInputSchema,
  referralPageSchema,
  referralSchema,
  referralUpdateSchema,
} from '../../../../contracts/pupil-records.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { agencyKinds, referralConsents } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useSectionListParams } from '../trajectories/section-params.ts';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { pupilRecordKeys } from './pupil-records.api.ts';
import { withRuleOnField } from './shared.tsx';

const pageSize = 10;

/**
 * Referrals to outside help on the trajectory page (E7): recorded with the ZAT, then step by step —
 * the parents' consent (P3), the ZAT discussion, the outcome. No outcome before consent is given.
 */
export function ReferralsSection({ trajectoryId }: TrajectorySectionProps) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const queryClient = useQueryClient();
  const params = useSectionListParams({});
  const referrals = useQuery({
    queryKey: pupilRecordKeys.referralsPage(trajectoryId, params.page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/referrals`, { page: params.page, pageSize }),
        referralPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: pupilRecordKeys.referrals(trajectoryId) });
  const data = referrals.data;

  return (
    <section aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.referrals.heading')}
      </Heading>
      <Paragraph>{t('pupilRecords.referrals.intro')}</Paragraph>
      {referrals.error && <ErrorAlert errors={formErrorsFrom(referrals.error)} />}
      {!data && !referrals.error && <Paragraph>{t('pupilRecords.common.loading')}</Paragraph>}
      {data && (
        <>
          {data.items.length === 0 && <Paragraph>{t('pupilRecords.referrals.empty')}</Paragraph>}
          {data.items.map((referral) => (
            <ReferralItem key={referral.id} referral={referral} onSaved={refresh} />
          ))}
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
          <AddReferral
            trajectoryId={trajectoryId}
            onAdded={async () => {
              // The newest referral comes first.
              if (params.page !== 1) params.setPage(1);
              await refresh();
            }}
          />
        </>
      )}
    </section>
  );
}

/** One referral: its facts, and the next steps while it is open. */
function ReferralItem({ referral, onSaved }: { referral: Referral; onSaved: () => Promise<unknown> }) {
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

/**
 * The steps on an open referral, each a group of the one form: consent, the ZAT talk, the outcome.
 * A refusal or an outcome closes the referral: that is asked first.
 */
function ReferralSteps({ referral, onSaved }: { referral: Referral; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation('pupilRecords');
  const location = useLocation();
  const navigateWithNotice = useNavigateWithNotice();
  const agency = t(`pupilRecords.agencies.${referral.agencyKind}`);
  const form = useContractForm({
    schema: referralUpdateSchema,
    initial: {
      // Pending is the empty choice: "not asked yet or no answer".
      parentalConsent: referral.parentalConsent === 'pending' ? '' : referral.parentalConsent,
      consentRecordedOn: referral.consentRecordedOn ?? '',
      zatDiscussedOn: referral.zatDiscussedOn ?? '',
      zatDiscussion: referral.zatDiscussion ?? '',
      outcome: '',
      outcomeOn: '',
    },
    toInput: (values) => {
      const parentalConsent = values.parentalConsent || 'pending';
      const withOutcome = values.outcome.trim() !== '' || values.outcomeOn !== '';
      return {
        parentalConsent,
        consentRecordedOn: parentalConsent === 'pending' ? null : values.consentRecordedOn || null,
        zatDiscussedOn: values.zatDiscussedOn || null,
        zatDiscussion: values.zatDiscussion.trim() || null,
        ...(withOutcome
          ? { outcome: values.outcome.trim() || null, outcomeOn: values.outcomeOn || null }
          : {}),
      };
    },
    namespace: 'pupilRecords',
    send: (input) => withRuleOnField(api.put(`/api/zat-referrals/${referral.id}`, input, referralSchema)),
    confirm: (input) =>
      input.outcome || input.parentalConsent === 'refused'
        ? {
            title: t('pupilRecords.referrals.closeTitle', { agency }),
            body: t(
              input.outcome ? 'pupilRecords.referrals.closeOutcome' : 'pupilRecords.referrals.closeRefused',
            ),
            confirmLabel: t('pupilRecords.referrals.closeConfirm'),
          }
        : null,
    onSuccess: async () => {
      await onSaved();
      // A closed referral has no steps left to show: the page itself says it was saved.
      navigateWithNotice(`${location.pathname}${location.search}`, t('pupilRecords.referrals.saved'), {
        replace: true,
      });
    },
  });
  const today = todayInAmsterdam();
  const consentGiven = form.values.parentalConsent === 'given';

  return (
    <ContractForm form={form}>
      <Fieldset>
        <FieldsetLegend>{t('pupilRecords.referrals.consentStep')}</FieldsetLegend>
        <SelectField
          label={t('pupilRecords.referrals.consent')}
          placeholder={t('pupilRecords.consents.pending')}
          choices={referralConsents
            .filter((consent) => consent !== 'pending')
            .map((consent) => ({ value: consent, label: t(`pupilRecords.consents.${consent}`) }))}
          {...form.field('parentalConsent', 'choice')}
        />
        {form.values.parentalConsent !== '' && (
          <TextField
            type="date"
            label={t('pupilRecords.referrals.consentRecordedOn')}
            {...form.field('consentRecordedOn')}
            // The server asks for it once there is an answer; the contract lets it be empty.
            required
            max={today}
          />
        )}
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('pupilRecords.referrals.zatStep')}</FieldsetLegend>
        <TextField
          type="date"
          label={t('pupilRecords.referrals.zatDiscussedOn')}
          {...form.field('zatDiscussedOn')}
          max={today}
        />
        <TextAreaField
          label={t('pupilRecords.referrals.zatDiscussion')}
          rows={3}
          {...form.field('zatDiscussion')}
        />
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('pupilRecords.referrals.outcomeStep')}</FieldsetLegend>
        {consentGiven ? (
          <>
            <TextAreaField label={t('pupilRecords.referrals.outcome')} rows={3} {...form.field('outcome')} />
            <TextField
              type="date"
              label={t('pupilRecords.referrals.outcomeOn')}
              {...form.field('outcomeOn')}
              max={today}
            />
          </>
        ) : (
          <Paragraph>{form.message('outcome') ?? t('pupilRecords.referrals.outcomeNeedsConsent')}</Paragraph>
        )}
      </Fieldset>
      <ButtonGroup>
        <SecondaryActionButton type="submit" busy={form.pending}>
          {t('pupilRecords.referrals.saveStep')}
          <span className="passend-visually-hidden">: {agency}</span>
        </SecondaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}

function AddReferral({ trajectoryId, onAdded }: { trajectoryId: string; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const empty = () => ({ referredOn: todayInAmsterdam(), agencyKind: '', reason: '' });
  const form = useContractForm({
    schema: referralInputSchema,
    initial: empty,
    toInput: (values) => ({
      referredOn: values.referredOn || undefined,
      agencyKind: values.agencyKind || undefined,
      reason: values.reason,
    }),
    namespace: 'pupilRecords',
    send: (input) =>
      withRuleOnField(api.post(`/api/trajectories/${trajectoryId}/referrals`, input, referralSchema)),
    successNotice: t('pupilRecords.referrals.added'),
    onSuccess: async () => {
      form.reset(empty());
      await onAdded();
    },
  });
  return (
    <>
      <Heading level={3} id={headingId}>
        {t('pupilRecords.referrals.addHeading')}
      </Heading>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField
          type="date"
          label={t('pupilRecords.referrals.referredOn')}
          {...form.field('referredOn')}
          max={todayInAmsterdam()}
        />
        <SelectField
          label={t('pupilRecords.referrals.agencyKind')}
          placeholder={t('pupilRecords.referrals.agencyPlaceholder')}
          choices={agencyKinds.map((kind) => ({ value: kind, label: t(`pupilRecords.agencies.${kind}`) }))}
          {...form.field('agencyKind', 'choice')}
        />
        <TextAreaField label={t('pupilRecords.referrals.reason')} rows={3} {...form.field('reason')} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('pupilRecords.referrals.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
