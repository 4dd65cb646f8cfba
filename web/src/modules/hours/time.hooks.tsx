import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type TimeEntry, type TimeEntryList, timeEntryListSchema } from '../../../../contracts/hours.ts';
import { requestPageSchema } from '../../../../contracts/requests.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  type TeamMemberSummary,
  teamMemberDetailSchema,
  teamPageSchema,
} from '../../../../contracts/team.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { type SelectChoice, SelectField } from '../../ui/SelectField.tsx';
import type { Column } from '../../ui/table/DataTable.tsx';
import { hoursKeys } from './hours.api.ts';

// What the week view and the list view of time registration share: whose hours, their schools, the
// entries of a period, removing one, and the page's state in the address.

/** The Monday of the week a date (YYYY-MM-DD) falls in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Every month (YYYY-MM) from `first` up to and including `last`, oldest first. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; ) {
    months.push(month);
    const [year, number] = month.split('-').map(Number) as [number, number];
    month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  }
  return months;
}

/** The search params of the page and a way to change some of them (empty values drop out). */
export function useUrlState(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        // Filters and weeks are a view of one page: a reload keeps them, Back leaves the page.
        { replace: true },
      ),
    [setParams],
  );
  return [params, update];
}

/**
 * Whose hours the page shows. A team member sees their own; the staff office chooses a member (the
 * `teamlid` search param), by default themselves when they are a member, else the first one.
 */
export function useTimeMember() {
  const session = useSignedInSession();
  const isStaffOffice = hasPermission(session, 'time.close_periods');
  const [params, update] = useUrlState();
  const members = useQuery({
    queryKey: hoursKeys.timeMembers,
    enabled: isStaffOffice,
    queryFn: async ({ signal }): Promise<TeamMemberSummary[]> => {
      const all: TeamMemberSummary[] = [];
      for (let page = 1; ; page += 1) {
        const result = await api.get(
          withQuery('/api/team', { page, pageSize: 100, status: 'active' }),
          teamPageSchema,
          signal,
        );
        all.push(...result.items);
        if (result.items.length === 0 || all.length >= result.total) return all;
      }
    },
  });
  const list = members.data ?? [];
  const isListed = (userId: string | null) => list.some((member) => member.userId === userId);
  const asked = params.get('teamlid');
  const userId = !isStaffOffice
    ? session.user.id
    : isListed(asked)
      ? asked
      : isListed(session.user.id)
        ? session.user.id
        : (list[0]?.userId ?? null);
  return {
    isStaffOffice,
    /** Null while the staff office's team list loads, or when the team has no members. */
    userId,
    isOwn: userId === session.user.id,
    members,
    choose: (memberId: string) => update({ teamlid: memberId, wijzig: null }),
  };
}

/** The staff office's choice of member; nothing for a team member. */
export function MemberSelect({ member }: { member: ReturnType<typeof useTimeMember> }) {
  const { t } = useTranslation('hours');
  if (!member.isStaffOffice) return null;
  if (member.members.error) return <ErrorAlert errors={formErrorsFrom(member.members.error)} />;
  if (member.members.data?.length === 0) return <Paragraph>{t('time.noMembers')}</Paragraph>;
  return (
    <SelectField
      name="member"
      label={t('time.member')}
      placeholder={t('time.chooseMember')}
      busy={member.members.isPending}
      value={member.userId ?? ''}
      onChange={(value) => value && member.choose(value)}
      choices={(member.members.data ?? []).map((item) => ({ value: item.userId, label: item.name }))}
    />
  );
}

/**
 * The schools a member can log on: those they serve as one of the fixed pair, plus any school their
 * listed entries name (a request assigned to them, or a school the staff office logged as an exception).
 */
export function useMemberSchools(userId: string | null, entries: TimeEntryList | undefined): SelectChoice[] {
  const profile = useQuery({
    queryKey: hoursKeys.memberProfile(userId),
    enabled: userId !== null,
    queryFn: ({ signal }) => api.get(`/api/team/${userId}`, teamMemberDetailSchema, signal),
  });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const school of profile.data?.schools ?? []) names.set(school.locationId, school.name);
    for (const entry of entries?.items ?? []) names.set(entry.location.id, entry.location.name);
    return [...names].map(([value, label]) => ({ value, label }));
  }, [profile.data, entries]);
}

/** Time entries of one member in a date range, for the week and the list. */
export function useTimeEntries(
  userId: string | null,
  query: { from: string; to: string; locationId?: string; activity?: string },
) {
  return useQuery({
    queryKey: hoursKeys.timeEntryList(userId, query),
    enabled: userId !== null,
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/time-entries', { ...query, userId }), timeEntryListSchema, signal),
  });
}

/** Refreshes what a changed time entry moves: every list of entries and the budgets. */
export function useRefreshTimeEntries() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: hoursKeys.timeEntries }),
      queryClient.invalidateQueries({ queryKey: hoursKeys.budgets }),
    ]);
}

/**
 * Removes an entry after one explicit yes (a removed line cannot be brought back) and refreshes every
 * list of entries. `ask` opens the question; `dialog` is to be rendered by the screen.
 */
export function useRemoveTimeEntry(onRemoved: (entryId: string) => void) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const refresh = useRefreshTimeEntries();
  const [asked, setAsked] = useState<TimeEntry | null>(null);
  // The button that asked: focus goes back to it when the answer is no.
  const opener = useRef<HTMLElement | null>(null);
  const remove = useMutation({
    mutationFn: (entryId: string) => api.delete(`/api/time-entries/${entryId}`),
    onSuccess: (_, entryId) => {
      onRemoved(entryId);
      void refresh();
    },
    onSettled: () => setAsked(null),
  });
  const dialog = asked && (
    <ConfirmDialog
      title={t('time.removeTitle')}
      confirmLabel={t('time.removeConfirm')}
      cancelLabel={t('common.cancel', { ns: 'translation' })}
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate(asked.id)}
      onCancel={() => {
        setAsked(null);
        opener.current?.focus();
      }}
    >
      <Paragraph>
        {t('time.removeQuestion', {
          date: format.date(asked.date),
          school: asked.location.name,
          activity: t(`activities.${asked.activity}`),
          hours: format.number(asked.hours),
        })}
      </Paragraph>
    </ConfirmDialog>
  );
  return {
    ask: (entry: TimeEntry, button: HTMLElement) => {
      opener.current = button;
      remove.reset();
      setAsked(entry);
    },
    dialog,
    error: remove.error,
  };
}

/**
 * The columns of what an entry says — day, school, kind of work, hours and note — before each screen's
 * own status and action columns; `sortable` for a list that sorts itself.
 */
export function useEntryColumns({ sortable = false } = {}): Column<TimeEntry>[] {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  return [
    {
      key: 'date',
      header: t('time.date'),
      cell: (entry) => format.date(entry.date),
      rowHeader: true,
      nowrap: true,
      sortable,
      sortValue: (entry) => entry.date,
    },
    {
      key: 'school',
      header: t('time.school'),
      cell: (entry) => entry.location.name,
      sortable,
      sortValue: (entry) => entry.location.name,
    },
    {
      key: 'activity',
      header: t('time.activity'),
      cell: (entry) => t(`activities.${entry.activity}`),
      sortable,
      sortValue: (entry) => t(`activities.${entry.activity}`),
    },
    {
      key: 'hours',
      header: t('time.hours'),
      cell: (entry) => format.number(entry.hours),
      numeric: true,
      width: '5rem',
      sortable,
      sortValue: (entry) => entry.hours,
    },
    { key: 'note', header: t('time.note'), cell: (entry) => entry.note ?? '—', width: '25%' },
  ];
}

/**
 * The requests a member may log time on at a school: those assigned to them there this school year.
 * Shown by reference and type only; the pupil is not needed to book hours.
 */
export function useMemberRequests(userId: string | null, locationId: string) {
  const { t } = useTranslation('requests');
  const query = useQuery({
    queryKey: hoursKeys.requestsForTime(userId, locationId),
    enabled: userId !== null && locationId !== '',
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/requests', {
          assignedUserId: userId,
          locationId,
          schoolYear: schoolYearOf(todayInAmsterdam()),
          pageSize: 100,
        }),
        requestPageSchema,
        signal,
      ),
  });
  const choices: SelectChoice[] = (query.data?.items ?? []).map((item) => ({
    value: item.id,
    label: item.type ? `${item.reference} · ${t(`types.${item.type}`)}` : item.reference,
  }));
  return { choices, isFetching: query.isFetching };
}
