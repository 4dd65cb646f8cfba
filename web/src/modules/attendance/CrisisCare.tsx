import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import {
  type AttendanceToday,
  attendanceVisitSchema,
  type CrisisVisit,
  checkOutInputSchema,
  crisisCheckInInputSchema,
  crisisSignalInputSchema,
  crisisVisitSchema,
} from '../../../../contracts/attendance.ts';
import {
  mentorOptionsSchema,
  signalDiscussWith,
  trajectoryDetailSchema,
} from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { trajectoryKeys } from '../trajectories/trajectories.api.ts';
import { attendanceKeys } from './attendance.api.ts';
import { clockOf } from './labels.ts';

const nameOf = (visit: Pick<CrisisVisit, 'firstName' | 'lastName'>) => `${visit.firstName} ${visit.lastName}`;

/** Re-reads today's list and says on the page what happened. */
function useDone() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const navigateWithNotice = useNavigateWithNotice();
  return async (notice: string) => {
    await queryClient.invalidateQueries({ queryKey: attendanceKeys.all });
    navigateWithNotice(`${location.pathname}${location.search}`, notice, { replace: true });
  };
}

/**
 * Care without a trajectory on today's screen (E7): take in any pupil of the school with name and class
 * only, see today's such visits, check the pupil out, and turn a visit into a signal (E9).
 */
export function CrisisCare({ data }: { data: AttendanceToday }) {
  const { t } = useTranslation('attendance');
  return (
    <section className="passend-section" aria-labelledby="att-crisis">
      <Heading level={2} id="att-crisis">
        {t('attendance.crisis.heading')}
      </Heading>
      <Paragraph>{t('attendance.crisis.intro')}</Paragraph>
      <CrisisCheckIn locationId={data.location.id} />
      <Heading level={3}>{t('attendance.crisis.todayHeading')}</Heading>
      {data.crisis.length === 0 ? (
        <Paragraph>{t('attendance.crisis.todayEmpty')}</Paragraph>
      ) : (
        <ul className="passend-att-cards">
          {data.crisis.map((visit) => (
            <li
              key={visit.id}
              className={`passend-att-card${visit.checkedOutAt ? '' : ' passend-att-card--present'}`}
            >
              <CrisisVisitCard visit={visit} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CrisisCheckIn({ locationId }: { locationId: string }) {
  const { t } = useTranslation('attendance');
  const done = useDone();
  const empty = { firstName: '', lastName: '', className: '', time: '', note: '' };
  const form = useContractForm({
    schema: crisisCheckInInputSchema,
    initial: empty,
    toInput: (values) => ({
      locationId,
      firstName: values.firstName,
      lastName: values.lastName,
      className: values.className,
      time: values.time || null,
      note: values.note.trim() || null,
    }),
    namespace: 'attendance',
    send: (input) => api.post('/api/expertise-point/crisis-visits', input, crisisVisitSchema),
    onSuccess: async (visit) => {
      form.reset(empty);
      await done(t('attendance.crisis.checkedIn', { name: nameOf(visit) }));
    },
  });
  return (
    <ContractForm form={form} aria-labelledby="att-crisis" className="passend-att-card">
      <TextField label={t('attendance.crisis.firstName')} autoComplete="off" {...form.field('firstName')} />
      <TextField label={t('attendance.crisis.lastName')} autoComplete="off" {...form.field('lastName')} />
      <TextField label={t('attendance.crisis.className')} autoComplete="off" {...form.field('className')} />
      <TextField
        type="time"
        className="passend-att-time"
        label={t('attendance.today.lateTime')}
        description={t('attendance.today.lateTimeHelp')}
        {...form.field('time')}
      />
      <TextField label={t('attendance.crisis.note')} {...form.field('note')} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" className="passend-att-button" busy={form.pending}>
          {t('attendance.crisis.submit')}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}

function CrisisVisitCard({ visit }: { visit: CrisisVisit }) {
  const { t } = useTranslation('attendance');
  const done = useDone();
  const [signalling, setSignalling] = useState(false);
  const form = useContractForm({
    schema: checkOutInputSchema,
    initial: {},
    toInput: () => ({ time: null }),
    namespace: 'attendance',
    send: (input) => api.post(`/api/attendance-visits/${visit.id}/check-out`, input, attendanceVisitSchema),
    onSuccess: () => done(t('attendance.today.checkedOut', { name: nameOf(visit) })),
  });
  return (
    <>
      <Paragraph className="passend-att-name">
        {t('attendance.today.pupilLabel', { name: nameOf(visit), className: visit.className })}
      </Paragraph>
      <Paragraph>
        {visit.checkedOutAt
          ? t('attendance.crisis.stayed', {
              from: clockOf(visit.checkedInAt),
              to: clockOf(visit.checkedOutAt),
            })
          : t('attendance.crisis.since', { time: clockOf(visit.checkedInAt) })}
      </Paragraph>
      {visit.note && <Paragraph>{visit.note}</Paragraph>}
      {!visit.checkedOutAt && (
        <ContractForm form={form}>
          <Button
            type="submit"
            appearance="primary-action-button"
            className="passend-att-button"
            busy={form.pending}
            disabled={form.pending}
          >
            {t('attendance.today.checkOut')}
            <span className="passend-visually-hidden">: {nameOf(visit)}</span>
          </Button>
        </ContractForm>
      )}
      {signalling ? (
        <CrisisSignal visit={visit} onCancel={() => setSignalling(false)} />
      ) : (
        <Button
          type="button"
          appearance="secondary-action-button"
          className="passend-att-button"
          onClick={() => setSignalling(true)}
        >
          {t('attendance.crisis.makeSignal')}
          <span className="passend-visually-hidden">: {nameOf(visit)}</span>
        </Button>
      )}
    </>
  );
}

/** Turns the visit into a signal (E9): name, class and location come from the visit. */
function CrisisSignal({ visit, onCancel }: { visit: CrisisVisit; onCancel: () => void }) {
  const { t } = useTranslation('attendance');
  const { t: tt } = useTranslation('trajectories');
  const queryClient = useQueryClient();
  const navigateWithNotice = useNavigateWithNotice();
  const mentors = useQuery({
    queryKey: trajectoryKeys.mentors(visit.locationId),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/signal-mentors', { locationId: visit.locationId }),
        mentorOptionsSchema,
        signal,
      ),
  });
  const form = useContractForm({
    schema: crisisSignalInputSchema,
    initial: { mentorUserId: '', observed: '', since: '', tried: '', discussWith: '' },
    toInput: (values) => ({
      ...values,
      source: 'teacher',
      mentorUserId: values.mentorUserId || undefined,
      discussWith: values.discussWith || undefined,
    }),
    namespace: 'attendance',
    send: (input) => api.post(`/api/attendance-visits/${visit.id}/signal`, input, trajectoryDetailSchema),
    onSuccess: async (detail) => {
      await queryClient.invalidateQueries({ queryKey: attendanceKeys.all });
      await queryClient.invalidateQueries({ queryKey: trajectoryKeys.lists() });
      navigateWithNotice(
        `/trajecten/${detail.id}`,
        t('attendance.crisis.signalled', { name: nameOf(visit) }),
      );
    },
  });
  return (
    <ContractForm form={form}>
      <fieldset className="passend-att-reasons">
        <legend>
          {t('attendance.crisis.signalLegend', { name: nameOf(visit), className: visit.className })}
        </legend>
        <Paragraph>{t('attendance.crisis.signalIntro')}</Paragraph>
        <SelectField
          label={tt('fields.mentorUserId')}
          placeholder={tt('form.choose')}
          busy={mentors.isFetching}
          choices={(mentors.data ?? []).map((mentor) => ({ value: mentor.id, label: mentor.name }))}
          {...form.field('mentorUserId', 'choice')}
        />
        <TextAreaField
          label={tt('fields.observed')}
          description={tt('signal.observedHint')}
          {...form.field('observed')}
        />
        <TextField label={tt('fields.since')} {...form.field('since')} />
        <TextAreaField label={tt('fields.tried')} {...form.field('tried')} />
        <SelectField
          label={tt('fields.discussWith')}
          placeholder={tt('form.choose')}
          choices={signalDiscussWith.map((option) => ({ value: option, label: tt(`discussWith.${option}`) }))}
          {...form.field('discussWith', 'choice')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('attendance.crisis.signalSubmit')}
          </PrimaryActionButton>
          <Button type="button" appearance="subtle-button" onClick={onCancel}>
            {t('attendance.today.cancel')}
          </Button>
        </ButtonGroup>
      </fieldset>
    </ContractForm>
  );
}
