import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import {
  type AttendanceToday,
  attendanceTodaySchema,
  attendanceVisitSchema,
  checkInInputSchema,
  checkOutInputSchema,
  type TodayPupil,
} from '../../../../contracts/attendance.ts';
import { amsterdamDateOf } from '../../../../contracts/school-year.ts';
import { type VisitReason, visitReasons } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { attendanceKeys } from './attendance.api.ts';
import { CrisisCare } from './CrisisCare.tsx';
import { clockOf, useReasonLabel } from './labels.ts';
import './attendance.css';

type Pupil = Pick<TodayPupil, 'trajectoryId' | 'firstName' | 'lastName' | 'className'>;

const nameOf = (pupil: Pupil) => `${pupil.firstName} ${pupil.lastName}`;

/**
 * `/expertisepunt/vandaag`: the VSO teacher's tablet screen (E3, E7). Today's expected pupils with a
 * large check-in button that asks for the reason, who is present now with a check-out button, the
 * location's other pupils for an unplanned visit, and care for a pupil without a trajectory. Every
 * action re-reads the list.
 */
export function TodayPage() {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const params = useListParams({ locatie: '' });
  const locationId = params.filters.locatie || undefined;
  const today = useQuery({
    queryKey: attendanceKeys.today(locationId),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/expertise-point/today', { locationId }), attendanceTodaySchema, signal),
    // Colleagues check pupils in on another tablet: keep the list fresh.
    refetchInterval: 60_000,
  });
  const data = today.data;

  return (
    <div className="passend-att">
      <PageHeading>{t('attendance.today.title')}</PageHeading>
      <Paragraph>{t('attendance.today.intro')}</Paragraph>
      {data && data.locations.length > 1 && (
        <SelectField
          name="locatie"
          label={t('attendance.location')}
          placeholder={t('attendance.location')}
          value={data.location.id}
          onChange={(value) => params.setFilters({ locatie: value })}
          choices={data.locations.map((location) => ({ value: location.id, label: location.name }))}
        />
      )}
      {today.error && <ErrorAlert errors={formErrorsFrom(today.error)} />}
      {today.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && (
        <>
          <Paragraph>
            <strong>
              {t('attendance.today.date', { date: format.date(data.date), location: data.location.name })}
            </strong>
          </Paragraph>
          <PresentNow data={data} />
          <ExpectedToday data={data} />
          <Others data={data} />
          <CrisisCare data={data} />
          <Paragraph>
            <RouterLink to={`/expertisepunt/week?locatie=${data.location.id}`}>
              {t('attendance.today.weekLink')}
            </RouterLink>
          </Paragraph>
        </>
      )}
    </div>
  );
}

/**
 * After a check-in or check-out the pupil's card moves (expected → present → gone): the list is read
 * again and the page itself says what happened, at its top.
 */
function useDone() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const navigateWithNotice = useNavigateWithNotice();
  return async (notice: string) => {
    await queryClient.invalidateQueries({ queryKey: attendanceKeys.all });
    navigateWithNotice(`${location.pathname}${location.search}`, notice, { replace: true });
  };
}

function ExpectedToday({ data }: { data: AttendanceToday }) {
  const { t } = useTranslation('attendance');
  const reasonLabel = useReasonLabel();
  return (
    <section className="passend-section" aria-labelledby="att-expected">
      <Heading level={2} id="att-expected">
        {t('attendance.today.expectedHeading')}
      </Heading>
      {data.expected.length === 0 ? (
        <Paragraph>{t('attendance.today.expectedEmpty')}</Paragraph>
      ) : (
        <ul className="passend-att-cards">
          {data.expected.map((pupil) => (
            <li key={pupil.trajectoryId} className="passend-att-card">
              <PupilName pupil={pupil} />
              {pupil.expected.map((time) => (
                <Paragraph key={time.startTime}>
                  {t('attendance.today.expectedAt', {
                    from: time.startTime,
                    to: time.endTime,
                    reason: reasonLabel(time.reason),
                  })}
                </Paragraph>
              ))}
              {pupil.visitsToday > 0 && (
                <Paragraph>{t('attendance.today.visitsToday', { count: pupil.visitsToday })}</Paragraph>
              )}
              <CheckIn pupil={pupil} locationId={data.location.id} suggested={pupil.expected[0]?.reason} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PupilName({ pupil }: { pupil: Pupil }) {
  const { t } = useTranslation('attendance');
  return (
    <Paragraph className="passend-att-name">
      {t('attendance.today.pupilLabel', { name: nameOf(pupil), className: pupil.className })}
    </Paragraph>
  );
}

/**
 * The big check-in button; it opens the choice of reason, with an optional earlier time. Each reason
 * is a button that sends the form: the one pressed is the reason.
 */
function CheckIn({
  pupil,
  locationId,
  suggested,
  onCheckedIn,
}: {
  pupil: Pupil;
  locationId: string;
  suggested?: VisitReason;
  onCheckedIn?: () => void;
}) {
  const { t } = useTranslation('attendance');
  const reasonLabel = useReasonLabel();
  const done = useDone();
  const [open, setOpen] = useState(false);
  const reason = useRef<VisitReason | null>(null);
  const firstReasonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) firstReasonRef.current?.focus();
  }, [open]);
  const form = useContractForm({
    schema: checkInInputSchema,
    initial: { time: '' },
    toInput: (values) => ({ reason: reason.current ?? undefined, locationId, time: values.time || null }),
    namespace: 'attendance',
    send: (input) =>
      api.post(`/api/trajectories/${pupil.trajectoryId}/check-in`, input, attendanceVisitSchema),
    onSuccess: async (visit) => {
      await done(t('attendance.today.checkedIn', { name: nameOf(pupil), reason: reasonLabel(visit.reason) }));
      onCheckedIn?.();
    },
  });
  if (!open)
    return (
      <Button
        type="button"
        appearance="primary-action-button"
        className="passend-att-button"
        onClick={() => setOpen(true)}
      >
        {t('attendance.today.checkIn')}
        <span className="passend-visually-hidden">: {nameOf(pupil)}</span>
      </Button>
    );
  // The suggested reason (from the expected time) comes first.
  const reasons = suggested
    ? [suggested, ...visitReasons.filter((choice) => choice !== suggested)]
    : visitReasons;
  return (
    <ContractForm form={form}>
      <fieldset className="passend-att-reasons">
        <legend>{t('attendance.today.chooseReason', { name: nameOf(pupil) })}</legend>
        <div className="passend-att-reason-buttons">
          {reasons.map((choice, index) => (
            <Button
              key={choice}
              ref={index === 0 ? firstReasonRef : undefined}
              type="submit"
              appearance={index === 0 ? 'primary-action-button' : 'secondary-action-button'}
              className="passend-att-button"
              busy={form.pending && reason.current === choice}
              disabled={form.pending}
              onClick={() => {
                reason.current = choice;
              }}
            >
              {reasonLabel(choice)}
            </Button>
          ))}
        </div>
        <TextField
          type="time"
          className="passend-att-time"
          label={t('attendance.today.lateTime')}
          description={t('attendance.today.lateTimeHelp')}
          {...form.field('time')}
        />
        <Button
          type="button"
          appearance="subtle-button"
          className="passend-att-button"
          onClick={() => {
            setOpen(false);
            form.reset({ time: '' });
          }}
        >
          {t('attendance.today.cancel')}
        </Button>
      </fieldset>
    </ContractForm>
  );
}

function PresentNow({ data }: { data: AttendanceToday }) {
  const { t } = useTranslation('attendance');
  return (
    <section className="passend-section" aria-labelledby="att-present">
      <Heading level={2} id="att-present">
        {t('attendance.today.presentHeading')} ({data.present.length})
      </Heading>
      {data.present.length === 0 ? (
        <Paragraph>{t('attendance.today.presentEmpty')}</Paragraph>
      ) : (
        <ul className="passend-att-cards">
          {data.present.map((pupil) => (
            <li key={pupil.trajectoryId} className="passend-att-card passend-att-card--present">
              <PresentPupil pupil={pupil} today={data.date} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A pupil present now: since when and why, and the check-out (a stay of an earlier day needs its time). */
function PresentPupil({ pupil, today }: { pupil: TodayPupil; today: string }) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const reasonLabel = useReasonLabel();
  const done = useDone();
  const visit = pupil.openVisit;
  const day = visit ? amsterdamDateOf(new Date(visit.checkedInAt)) : today;
  const earlierDay = day !== today;
  const form = useContractForm({
    schema: checkOutInputSchema,
    initial: { time: '' },
    toInput: (values) => ({ time: values.time || null }),
    // A stay of an earlier day ends at a time of that day: there is no "now" for it.
    check: (values) =>
      earlierDay && !values.time ? [{ path: 'time', code: 'attendance_time_required' }] : [],
    namespace: 'attendance',
    send: (input) => api.post(`/api/attendance-visits/${visit?.id}/check-out`, input, attendanceVisitSchema),
    onSuccess: () => done(t('attendance.today.checkedOut', { name: nameOf(pupil) })),
  });
  if (!visit) return null;
  const since = earlierDay
    ? t('attendance.today.sinceDay', {
        date: format.date(day),
        time: clockOf(visit.checkedInAt),
        reason: reasonLabel(visit.reason),
      })
    : t('attendance.today.since', { time: clockOf(visit.checkedInAt), reason: reasonLabel(visit.reason) });
  const timeField = (
    <TextField
      type="time"
      className="passend-att-time"
      label={t('attendance.today.checkOutTime')}
      description={
        earlierDay
          ? t('attendance.today.checkOutEarlierDay', { date: format.date(day) })
          : t('attendance.today.checkOutTimeHelp')
      }
      {...form.field('time')}
      required={earlierDay}
    />
  );
  return (
    <>
      <PupilName pupil={pupil} />
      <Paragraph>{since}</Paragraph>
      <ContractForm form={form}>
        {earlierDay ? (
          timeField
        ) : (
          <details className="passend-att-details" open={Boolean(form.message('time'))}>
            <summary>{t('attendance.today.checkOutTime')}</summary>
            {timeField}
          </details>
        )}
        <Button
          type="submit"
          appearance="primary-action-button"
          className="passend-att-button"
          busy={form.pending}
          disabled={form.pending}
        >
          {t('attendance.today.checkOut')}
          <span className="passend-visually-hidden">: {nameOf(pupil)}</span>
        </Button>
      </ContractForm>
    </>
  );
}

/** The location's other active pupils: one is chosen, then checked in like an expected one. */
function Others({ data }: { data: AttendanceToday }) {
  const { t } = useTranslation('attendance');
  const [chosenId, setChosenId] = useState('');
  const chosen = data.others.find((pupil) => pupil.trajectoryId === chosenId);
  return (
    <section className="passend-section" aria-labelledby="att-others">
      <Heading level={2} id="att-others">
        {t('attendance.today.othersHeading')}
      </Heading>
      <Paragraph>{t('attendance.today.othersIntro')}</Paragraph>
      {data.others.length === 0 ? (
        <Paragraph>{t('attendance.today.othersEmpty')}</Paragraph>
      ) : (
        <div className="passend-att-card">
          <SelectField
            name="pupil"
            label={t('attendance.today.othersPupil')}
            placeholder={t('attendance.today.othersPlaceholder')}
            required={false}
            value={chosen ? chosenId : ''}
            onChange={setChosenId}
            choices={data.others.map((pupil) => ({
              value: pupil.trajectoryId,
              label: t('attendance.today.pupilLabel', { name: nameOf(pupil), className: pupil.className }),
            }))}
          />
          {chosen && (
            <CheckIn
              key={chosen.trajectoryId}
              pupil={chosen}
              locationId={data.location.id}
              onCheckedIn={() => setChosenId('')}
            />
          )}
        </div>
      )}
    </section>
  );
}
