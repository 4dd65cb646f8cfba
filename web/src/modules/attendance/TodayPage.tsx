import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type AttendanceToday,
  attendanceTodaySchema,
  attendanceVisitSchema,
  type TodayPupil,
} from '../../../../contracts/attendance.ts';
import { amsterdamDateOf } from '../../../../contracts/school-year.ts';
import { type VisitReason, visitReasons } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { ActionError } from './ActionError.tsx';
import { clockOf, useReasonLabel } from './labels.ts';
import './attendance.css';

type Pupil = Pick<TodayPupil, 'trajectoryId' | 'firstName' | 'lastName' | 'className'>;

const nameOf = (pupil: Pupil) => `${pupil.firstName} ${pupil.lastName}`;

/**
 * `/expertisepunt/vandaag`: the VSO teacher's tablet screen (E3, E7). Today's expected pupils with a
 * large check-in button that asks for the reason, who is present now with a check-out button, and
 * the location's other pupils for an unplanned visit. Every action re-reads the list.
 */
export function TodayPage() {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const locationId = params.get('locatie') ?? undefined;
  const today = useQuery({
    queryKey: ['attendance', 'today', locationId ?? null],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/expertise-point/today', { locationId }), attendanceTodaySchema, signal),
    // Colleagues check pupils in on another tablet: keep the list fresh.
    refetchInterval: 60_000,
  });
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const done = (text: string) => {
    setMessage(text);
    statusRef.current?.focus();
  };
  const data = today.data;

  return (
    <div className="passend-att">
      <PageHeading>{t('attendance.today.title')}</PageHeading>
      <Paragraph>{t('attendance.today.intro')}</Paragraph>
      {data && data.locations.length > 1 && (
        <SelectField
          name="location"
          label={t('attendance.location')}
          placeholder={t('attendance.location')}
          value={data.location.id}
          onChange={(value) => {
            setMessage(null);
            setParams(value ? { locatie: value } : {});
          }}
          choices={data.locations.map((location) => ({ value: location.id, label: location.name }))}
        />
      )}
      <Paragraph ref={statusRef} tabIndex={-1} role="status" className="passend-att-status">
        {message}
      </Paragraph>
      {today.error && <ErrorAlert errors={formErrorsFrom(today.error)} />}
      {today.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && (
        <>
          <Paragraph>
            <strong>
              {t('attendance.today.date', { date: format.date(data.date), location: data.location.name })}
            </strong>
          </Paragraph>
          <PresentNow data={data} onDone={done} />
          <ExpectedToday data={data} onDone={done} />
          <Others data={data} onDone={done} />
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

function useRefreshToday() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['attendance'] });
}

function ExpectedToday({ data, onDone }: { data: AttendanceToday; onDone: (message: string) => void }) {
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
              <CheckIn
                pupil={pupil}
                locationId={data.location.id}
                suggested={pupil.expected[0]?.reason}
                onDone={onDone}
              />
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

/** The big check-in button; it opens the choice of reason, with an optional earlier time. */
function CheckIn({
  pupil,
  locationId,
  suggested,
  onDone,
}: {
  pupil: Pupil;
  locationId: string;
  suggested?: VisitReason;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('attendance');
  const reasonLabel = useReasonLabel();
  const refresh = useRefreshToday();
  const [open, setOpen] = useState(false);
  const [time, setTime] = useState('');
  const firstReasonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) firstReasonRef.current?.focus();
  }, [open]);
  const checkIn = useMutation({
    mutationFn: (reason: VisitReason) =>
      api.post(
        `/api/trajectories/${pupil.trajectoryId}/check-in`,
        { reason, locationId, time: time || null },
        attendanceVisitSchema,
      ),
    onSuccess: async (visit) => {
      await refresh();
      onDone(t('attendance.today.checkedIn', { name: nameOf(pupil), reason: reasonLabel(visit.reason) }));
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
    ? [suggested, ...visitReasons.filter((reason) => reason !== suggested)]
    : visitReasons;
  return (
    <fieldset className="passend-att-reasons">
      <legend>{t('attendance.today.chooseReason', { name: nameOf(pupil) })}</legend>
      {checkIn.error && <ActionError error={checkIn.error} />}
      <div className="passend-att-reason-buttons">
        {reasons.map((reason, index) => (
          <Button
            key={reason}
            ref={index === 0 ? firstReasonRef : undefined}
            type="button"
            appearance={index === 0 ? 'primary-action-button' : 'secondary-action-button'}
            className="passend-att-button"
            busy={checkIn.isPending && checkIn.variables === reason}
            disabled={checkIn.isPending}
            onClick={() => checkIn.mutate(reason)}
          >
            {reasonLabel(reason)}
          </Button>
        ))}
      </div>
      <TextField
        name="time"
        type="time"
        className="passend-att-time"
        label={t('attendance.today.lateTime')}
        description={t('attendance.today.lateTimeHelp')}
        required={false}
        value={time}
        onChange={setTime}
      />
      <Button
        type="button"
        appearance="subtle-button"
        className="passend-att-button"
        onClick={() => {
          setOpen(false);
          setTime('');
          checkIn.reset();
        }}
      >
        {t('attendance.today.cancel')}
      </Button>
    </fieldset>
  );
}

function PresentNow({ data, onDone }: { data: AttendanceToday; onDone: (message: string) => void }) {
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
              <PresentPupil pupil={pupil} today={data.date} onDone={onDone} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A pupil present now: since when and why, and the check-out (a stay of an earlier day needs its time). */
function PresentPupil({
  pupil,
  today,
  onDone,
}: {
  pupil: TodayPupil;
  today: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const reasonLabel = useReasonLabel();
  const refresh = useRefreshToday();
  const [time, setTime] = useState('');
  const visit = pupil.openVisit;
  const checkOut = useMutation({
    mutationFn: () =>
      api.post(
        `/api/attendance-visits/${visit?.id}/check-out`,
        { time: time || null },
        attendanceVisitSchema,
      ),
    onSuccess: async () => {
      await refresh();
      onDone(t('attendance.today.checkedOut', { name: nameOf(pupil) }));
    },
  });
  if (!visit) return null;
  const day = amsterdamDateOf(new Date(visit.checkedInAt));
  const earlierDay = day !== today;
  const since = earlierDay
    ? t('attendance.today.sinceDay', {
        date: format.date(day),
        time: clockOf(visit.checkedInAt),
        reason: reasonLabel(visit.reason),
      })
    : t('attendance.today.since', { time: clockOf(visit.checkedInAt), reason: reasonLabel(visit.reason) });
  const timeField = (
    <TextField
      name="time"
      type="time"
      className="passend-att-time"
      label={t('attendance.today.checkOutTime')}
      description={
        earlierDay
          ? t('attendance.today.checkOutEarlierDay', { date: format.date(day) })
          : t('attendance.today.checkOutTimeHelp')
      }
      required={earlierDay}
      value={time}
      onChange={setTime}
    />
  );
  return (
    <>
      <PupilName pupil={pupil} />
      <Paragraph>{since}</Paragraph>
      {checkOut.error && <ActionError error={checkOut.error} />}
      {earlierDay ? (
        timeField
      ) : (
        <details className="passend-att-details">
          <summary>{t('attendance.today.checkOutTime')}</summary>
          {timeField}
        </details>
      )}
      <Button
        type="button"
        appearance="primary-action-button"
        className="passend-att-button"
        busy={checkOut.isPending}
        disabled={checkOut.isPending}
        onClick={() => checkOut.mutate()}
      >
        {t('attendance.today.checkOut')}
        <span className="passend-visually-hidden">: {nameOf(pupil)}</span>
      </Button>
    </>
  );
}

/** The location's other active pupils: one is chosen, then checked in like an expected one. */
function Others({ data, onDone }: { data: AttendanceToday; onDone: (message: string) => void }) {
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
              onDone={(text) => {
                setChosenId('');
                onDone(text);
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}
