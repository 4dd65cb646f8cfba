import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { uuidPattern } from '../../../../contracts/fields.ts';
import {
  type MeetingKind,
  type MeetingListItem,
  meetingAttentions,
  meetingKinds,
  meetingListSorts,
  meetingPageSchema,
} from '../../../../contracts/meetings.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { SchoolYearSelect, schoolYearFrom } from '../hours/BudgetPage.tsx';
import { CalendarFeedSection } from './CalendarFeedSection.tsx';
import { useDecisionLabel, useMeetingPlace, useMeetingWhen } from './MeetingLabels.ts';
import { meetingKeys, useMeetingSchools } from './meetings.api.ts';

const pageSize = 25;

/**
 * `/overleg`: the meetings of the schools the user may see (R11–R13), filtered by school year, kind
 * and school in the address, sorted and paged on the server; then the personal calendar feed.
 */
export function MeetingsPage() {
  const { t } = useTranslation('meetings');
  const session = useSignedInSession();
  const when = useMeetingWhen();
  const place = useMeetingPlace();
  const decision = useDecisionLabel();
  const schools = useMeetingSchools();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const list = useListParams(
    { schooljaar: String(currentYear), soort: '', school: '', aandacht: '' },
    { key: 'startsAt', direction: 'ascending' },
  );
  const schoolYear = schoolYearFrom(list.filters.schooljaar);
  const kind = meetingKinds.find((candidate) => candidate === list.filters.soort);
  // The overview per school links here with its school; anything else in the address is no school.
  const locationId = uuidPattern.test(list.filters.school) ? list.filters.school : undefined;
  const sort = meetingListSorts.find((candidate) => candidate === list.apiSort);
  // "Mijn werk" links here with what waits for the reader (to record, own actions due).
  const attention = meetingAttentions.find((candidate) => candidate === list.filters.aandacht);
  const meetings = useQuery({
    queryKey: meetingKeys.list({ schoolYear, kind, locationId, attention, page: list.page, sort }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/meetings', {
          schoolYear,
          kind,
          locationId,
          attention,
          page: list.page,
          pageSize,
          sort,
        }),
        meetingPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = meetings.data;
  const isFiltered = schoolYear !== currentYear || kind !== undefined || locationId !== undefined;
  const columns: Column<MeetingListItem>[] = [
    {
      key: 'startsAt',
      header: t('list.when'),
      cell: (meeting) => (
        <RouterLink to={`/overleg/${meeting.id}`}>{when(meeting.startsAt, meeting.endsAt)}</RouterLink>
      ),
      rowHeader: true,
      nowrap: true,
      sortable: true,
    },
    { key: 'kind', header: t('list.kind'), cell: (meeting) => t(`kinds.${meeting.kind}`) },
    { key: 'school', header: t('list.school'), cell: (meeting) => meeting.location.name },
    { key: 'place', header: t('list.place'), cell: place },
    {
      key: 'status',
      header: t('list.status'),
      cell: (meeting) => t(`statuses.${meeting.status}`),
      keepWithTitle: true,
      nowrap: true,
    },
    { key: 'decision', header: t('list.decision'), cell: decision },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>
        {t(
          // Whose meetings the list holds: every school's, the schools one serves, or one's own school's.
          hasPermission(session, 'meetings.settings')
            ? 'list.introOffice'
            : hasPermission(session, 'meetings.decide')
              ? 'list.intro'
              : 'list.introSchool',
        )}
      </Paragraph>
      {hasPermission(session, 'meetings.manage') && (
        <Paragraph>
          <RouterLink to="/overleg/nieuw">{t('list.new')}</RouterLink>
        </Paragraph>
      )}
      {hasPermission(session, 'meetings.overview') && (
        <Paragraph>
          <RouterLink to="/overleg/overzicht">{t('list.overview')}</RouterLink>
        </Paragraph>
      )}
      <ListToolbar onClear={isFiltered ? list.clear : undefined}>
        <SchoolYearSelect
          value={schoolYear}
          onChange={(year) => list.setFilters({ schooljaar: String(year) })}
        />
        <SelectField
          name="kind"
          label={t('list.kind')}
          placeholder={t('list.allKinds')}
          required={false}
          value={kind ?? ''}
          onChange={(value) => list.setFilters({ soort: value })}
          choices={meetingKinds.map((value: MeetingKind) => ({ value, label: t(`kinds.${value}`) }))}
        />
        {/* One school to see needs no choice; the filter still holds when the overview linked here. */}
        {(schools.length > 1 || locationId) && (
          <SelectField
            name="school"
            label={t('list.school')}
            placeholder={t('list.allSchools')}
            required={false}
            value={locationId ?? ''}
            onChange={(value) => list.setFilters({ school: value })}
            choices={schools}
          />
        )}
      </ListToolbar>
      {meetings.error && <ErrorAlert errors={formErrorsFrom(meetings.error)} />}
      {meetings.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {data && (
        <>
          <DataTable
            caption={t('list.caption', { year: formatSchoolYear(schoolYear) })}
            columns={columns}
            rows={data.items}
            rowKey={(meeting) => meeting.id}
            empty={t('list.empty')}
            busy={meetings.isFetching}
            sort={list.sort}
            onSortChange={list.setSort}
          />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
      <CalendarFeedSection />
    </>
  );
}
