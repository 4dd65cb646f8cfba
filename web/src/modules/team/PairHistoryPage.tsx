import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { locationPairSchema, pairHistorySchema, setPairInputSchema } from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { type PairDraft, PairFields, pairFieldPaths } from './PairFields.tsx';
import { PairSummary } from './PairSummary.tsx';
import { put } from './team.api.ts';
import './team.css';

/** `/koppelingen/:locationId`: every period of a school's pair, and a change from a date (R5). */
export function PairHistoryPage() {
  const { t } = useTranslation('team');
  const { date } = useFormatters();
  const { locationId = '' } = useParams();
  const session = useSignedInSession();
  const captionId = useId();
  const history = useQuery({
    queryKey: ['pairs', 'history', locationId],
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
      {periods.length === 0 ? (
        <Paragraph>{t('pairHistory.empty')}</Paragraph>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard.
        <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
          <Table>
            <TableCaption id={captionId}>{t('pairHistory.tableCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('pairHistory.columnMember')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('pairHistory.columnTeamRole')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('pairHistory.columnContact')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('pairHistory.columnFrom')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('pairHistory.columnTo')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {periods.map((period) => (
                <TableRow key={`${period.userId}-${period.teamRole}-${period.validFrom}`}>
                  <TableHeaderCell scope="row">{period.name}</TableHeaderCell>
                  <TableCell>{t(`teamRoles.${period.teamRole}`)}</TableCell>
                  <TableCell>{period.isContact ? t('pairHistory.yes') : t('pairHistory.no')}</TableCell>
                  <TableCell>{date(period.validFrom)}</TableCell>
                  {/* valid_to is exclusive: the period's last day is the day before. */}
                  <TableCell>
                    {period.validTo ? date(lastDayBefore(period.validTo)) : t('pairHistory.ongoing')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
      {hasPermission(session, 'pairs.manage') && <ChangePairForm locationId={locationId} />}
    </>
  );
}

function lastDayBefore(isoDate: string): string {
  const day = new Date(`${isoDate}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

function ChangePairForm({ locationId }: { locationId: string }) {
  const { t } = useTranslation('team');
  const headingId = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PairDraft>({
    behaviouralScientistUserId: '',
    inclusionAdviserUserId: '',
    contact: '',
    effectiveFrom: todayInAmsterdam(),
  });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [changed, setChanged] = useState(false);
  const change = useMutation({
    mutationFn: (input: unknown) => put(`/api/locations/${locationId}/pair`, input, locationPairSchema),
    onSuccess: async () => {
      setErrors(noFormErrors);
      setChanged(true);
      await queryClient.invalidateQueries({ queryKey: ['pairs'] });
      await queryClient.invalidateQueries({ queryKey: ['team'] });
    },
    onError: (error) => {
      setChanged(false);
      setErrors(formErrorsFrom(error));
    },
  });
  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('pairHistory.changeHeading')}</Heading2>
      {changed && (
        <Alert type="ok" role="status">
          {t('pairHistory.changed')}
        </Alert>
      )}
      <Form
        errors={errors}
        fields={pairFieldPaths}
        aria-labelledby={headingId}
        onSubmit={() => {
          if (change.isPending) return;
          const result = validate(setPairInputSchema, {
            behaviouralScientistUserId: draft.behaviouralScientistUserId || undefined,
            inclusionAdviserUserId: draft.inclusionAdviserUserId || undefined,
            contact: draft.contact || undefined,
            effectiveFrom: draft.effectiveFrom || undefined,
          });
          if (!result.ok) return setErrors(result.errors);
          change.mutate(result.value);
        }}
      >
        <PairFields draft={draft} onChange={setDraft} errors={errors} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={change.isPending}>
            {t('pairHistory.changeSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}
