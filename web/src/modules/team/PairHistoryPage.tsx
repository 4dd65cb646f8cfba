import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Heading2, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  locationPairSchema,
  type PairPeriodView,
  pairHistorySchema,
  setPairInputSchema,
} from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import { emptyPairDraft, PairFields, pairInputOf } from './PairFields.tsx';
import { PairSummary } from './PairSummary.tsx';
import { put, teamKeys } from './team.api.ts';
import './team.css';

/** `/koppelingen/:locationId`: every period of a school's pair, and a change from a date (R5). */
export function PairHistoryPage() {
  const { t } = useTranslation('team');
  const { date } = useFormatters();
  const { locationId = '' } = useParams();
  const session = useSignedInSession();
  const history = useQuery({
    queryKey: teamKeys.pairHistory(locationId),
    queryFn: ({ signal }) => api.get(`/api/locations/${locationId}/pair-history`, pairHistorySchema, signal),
  });
  if (!history.data) {
    return (
      <>
        <PageHeading placeholder>{t('pairHistory.titleLoading')}</PageHeading>
        {history.isError ? (
          <ErrorAlert errors={formErrorsFrom(history.error)} />
        ) : (
          <Paragraph role="status">{t('common.loading')}</Paragraph>
        )}
      </>
    );
  }
  const { periods, name } = history.data;
  return (
    <>
      <PageHeading>{t('pairHistory.title', { name })}</PageHeading>
      <Paragraph>
        <RouterLink to="/koppelingen">{t('pairHistory.back')}</RouterLink>
      </Paragraph>
      <PairSummary locationId={locationId} showHistoryLink={false} />
      <Paragraph>{t('pairHistory.intro')}</Paragraph>
      <DataTable
        caption={t('pairHistory.tableCaption')}
        columns={[
          {
            key: 'member',
            header: t('pairHistory.columnMember'),
            cell: (period: PairPeriodView) => period.name,
            rowHeader: true,
          },
          {
            key: 'teamRole',
            header: t('pairHistory.columnTeamRole'),
            cell: (period: PairPeriodView) => t(`teamRoles.${period.teamRole}`),
          },
          {
            key: 'contact',
            header: t('pairHistory.columnContact'),
            cell: (period: PairPeriodView) => (period.isContact ? t('pairHistory.yes') : t('pairHistory.no')),
          },
          {
            key: 'from',
            header: t('pairHistory.columnFrom'),
            cell: (period: PairPeriodView) => date(period.validFrom),
            nowrap: true,
          },
          {
            key: 'to',
            header: t('pairHistory.columnTo'),
            // valid_to is exclusive: the period's last day is the day before.
            cell: (period: PairPeriodView) =>
              period.validTo ? date(lastDayBefore(period.validTo)) : t('pairHistory.ongoing'),
            nowrap: true,
            keepWithTitle: true,
          },
        ]}
        rows={periods}
        rowKey={(period) => `${period.userId}-${period.teamRole}-${period.validFrom}`}
        empty={t('pairHistory.empty')}
      />
      {hasPermission(session, 'pairs.manage') && (
        <ChangePairForm
          locationId={locationId}
          name={name}
          hasPair={periods.some((period) => period.validTo === null)}
        />
      )}
    </>
  );
}
function lastDayBefore(isoDate: string): string {
  const day = new Date(`${isoDate}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

type ChangePairFormProps = { locationId: string; name: string; hasPair: boolean };

/** A new pair from a date; the current pair then ends the day before, so that is asked first. */
function ChangePairForm({ locationId, name, hasPair }: ChangePairFormProps) {
  const { t } = useTranslation('team');
  const { date } = useFormatters();
  const headingId = useId();
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: setPairInputSchema,
    initial: () => emptyPairDraft(todayInAmsterdam()),
    toInput: pairInputOf,
    namespace: 'team',
    send: (input) => put(`/api/locations/${locationId}/pair`, input, locationPairSchema),
    confirm: (input) =>
      hasPair
        ? {
            title: t('pairHistory.confirmTitle', { name }),
            body: t('pairHistory.confirmBody', { date: date(input.effectiveFrom) }),
            confirmLabel: t('pairHistory.changeSubmit'),
          }
        : null,
    successNotice: t('pairHistory.changed'),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamKeys.pairs });
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
  });
  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('pairHistory.changeHeading')}</Heading2>
      <ContractForm form={form} aria-labelledby={headingId}>
        <PairFields form={form} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('pairHistory.changeSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
