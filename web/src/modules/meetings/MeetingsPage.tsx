import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type MeetingKind, meetingKinds, meetingPageSchema } from '../../../../contracts/meetings.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { SchoolYearSelect, useSchoolYearParam } from '../hours/BudgetPage.tsx';
import { CalendarFeedSection } from './CalendarFeedSection.tsx';
import { useDecisionLabel, useMeetingPlace, useMeetingWhen } from './MeetingLabels.ts';

const pageSize = 25;

/**
 * `/overleg`: the meetings of the schools the user may see (R11–R13), filtered by school year and
 * kind in the address, paged on the server; then the personal calendar feed.
 */
export function MeetingsPage() {
  const { t } = useTranslation('meetings');
  const session = useSignedInSession();
  const when = useMeetingWhen();
  const place = useMeetingPlace();
  const decision = useDecisionLabel();
  const [schoolYear, setSchoolYear] = useSchoolYearParam();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const askedKind = params.get('soort');
  const kind = meetingKinds.find((candidate) => candidate === askedKind);
  const meetings = useQuery({
    queryKey: ['meetings', 'list', { schoolYear, kind, page }],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/meetings', { schoolYear, kind, page, pageSize }), meetingPageSchema, signal),
    placeholderData: keepPreviousData,
  });
  const change = (changes: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });
  const data = meetings.data;

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>
        {t(
          // Whose meetings the list holds: every school's, the schools one serves, or one's own school's.
          hasPermission(session, 'meetings.overview')
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
      <search className="passend-toolbar">
        <SchoolYearSelect value={schoolYear} onChange={setSchoolYear} />
        <SelectField
          name="kind"
          label={t('list.kind')}
          placeholder={t('list.allKinds')}
          required={false}
          value={kind ?? ''}
          onChange={(value) => change({ soort: value, pagina: '' })}
          choices={meetingKinds.map((value: MeetingKind) => ({ value, label: t(`kinds.${value}`) }))}
        />
      </search>
      {meetings.error && <ErrorAlert errors={formErrorsFrom(meetings.error)} />}
      {meetings.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {data && (
        <>
          <ScrollTable caption={t('list.caption', { year: formatSchoolYear(schoolYear) })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('list.when')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.kind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.school')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.place')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.decision')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>{t('list.empty')}</TableCell>
                </TableRow>
              )}
              {data.items.map((meeting) => (
                <TableRow key={meeting.id}>
                  <TableHeaderCell scope="row">
                    <RouterLink to={`/overleg/${meeting.id}`}>
                      {when(meeting.startsAt, meeting.endsAt)}
                    </RouterLink>
                  </TableHeaderCell>
                  <TableCell>{t(`kinds.${meeting.kind}`)}</TableCell>
                  <TableCell>{meeting.location.name}</TableCell>
                  <TableCell>{place(meeting)}</TableCell>
                  <TableCell>{t(`statuses.${meeting.status}`)}</TableCell>
                  <TableCell>{decision(meeting)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={(next) => change({ pagina: String(next) })}
          />
        </>
      )}
      <CalendarFeedSection />
    </>
  );
}
