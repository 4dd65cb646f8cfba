import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
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
import { useSearchParams } from 'react-router';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { teamPageSchema } from '../../../../contracts/team.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { formatHours, schoolYearLabel, useExpertiseTags } from './team.api.ts';
import './team.css';

const pageSize = 25;

function positiveInteger(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** `/team`: the expertise team with expertise, contracted hours and the schools each member serves (R1). */
export function TeamListPage() {
  const { t, i18n } = useTranslation('team');
  const session = useSignedInSession();
  const [params, setParams] = useSearchParams();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const page = positiveInteger(params.get('pagina'), 1);
  const q = params.get('zoek') ?? '';
  const schoolYear = positiveInteger(params.get('schooljaar'), currentYear);
  const status = params.get('status') ?? '';
  const tagId = params.get('expertise') ?? '';
  const [search, setSearch] = useState(q);
  const captionId = useId();
  const tags = useExpertiseTags();

  const team = useQuery({
    queryKey: ['team', { page, q, schoolYear, status, tagId }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/team', {
          page,
          pageSize,
          q,
          schoolYear,
          status: status || undefined,
          tagId: tagId || undefined,
        }),
        teamPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const go = (next: Record<string, string | number | undefined>) => {
    const merged = {
      zoek: q,
      schooljaar: schoolYear === currentYear ? '' : schoolYear,
      status,
      expertise: tagId,
      pagina: '',
      ...next,
    };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(merged))
      if (value !== '' && value !== undefined) search.set(key, String(value));
    setParams(search);
  };

  const years = [currentYear - 1, currentYear, currentYear + 1];

  return (
    <>
      <PageHeading>{t('teamList.title')}</PageHeading>
      <Paragraph>{t('teamList.intro')}</Paragraph>
      <Paragraph>{t('teamList.loadNote')}</Paragraph>
      {hasPermission(session, 'team.manage') && (
        <Paragraph>
          <RouterLink to="/team/expertise">{t('teamList.manageTags')}</RouterLink>
        </Paragraph>
      )}
      <search>
        <form
          className="passend-toolbar"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            go({ zoek: search.trim() });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t('teamList.searchLabel')}
            required={false}
            autoComplete="off"
            maxLength={100}
            value={search}
            onChange={setSearch}
          />
          <SelectField
            name="schoolYear"
            label={t('teamList.schoolYearLabel')}
            placeholder={schoolYearLabel(currentYear)}
            value={schoolYear === currentYear ? '' : String(schoolYear)}
            onChange={(value) => go({ schooljaar: value })}
            choices={years
              .filter((year) => year !== currentYear)
              .map((year) => ({ value: String(year), label: schoolYearLabel(year) }))}
          />
          <SelectField
            name="status"
            label={t('teamList.statusLabel')}
            placeholder={t('teamList.statusAll')}
            value={status}
            onChange={(value) => go({ status: value })}
            choices={(['active', 'left'] as const).map((value) => ({
              value,
              label: t(`memberStatus.${value}`),
            }))}
          />
          <SelectField
            name="tag"
            label={t('teamList.tagLabel')}
            placeholder={t('teamList.tagAll')}
            value={tagId}
            onChange={(value) => go({ expertise: value })}
            choices={(tags.data?.items ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('teamList.search')}</SecondaryActionButton>
          </ButtonGroup>
        </form>
      </search>
      {team.isError && <ErrorAlert errors={formErrorsFrom(team.error)} />}
      {team.data && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table busy={team.isFetching}>
              <TableCaption id={captionId}>
                {t('teamList.tableCaption', { year: schoolYearLabel(team.data.schoolYear) })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('teamList.columnName')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('teamList.columnTeamRole')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('teamList.columnTags')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('teamList.columnHours')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('teamList.columnSchools')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('teamList.columnStatus')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {team.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={6}>{t('teamList.empty')}</TableCell>
                  </TableRow>
                )}
                {team.data.items.map((member) => (
                  <TableRow key={member.userId}>
                    <TableHeaderCell scope="row">
                      <RouterLink to={`/team/${member.userId}`}>{member.name}</RouterLink>
                    </TableHeaderCell>
                    <TableCell>{t(`teamRoles.${member.teamRole}`)}</TableCell>
                    <TableCell>{member.tags.map((tag) => tag.name).join(', ') || t('common.none')}</TableCell>
                    <TableCell>
                      {member.contractedHours === null
                        ? t('common.noHours')
                        : t('common.hours', { hours: formatHours(member.contractedHours, i18n.language) })}
                    </TableCell>
                    <TableCell>
                      <Paragraph>{t('teamList.schoolCount', { count: member.schoolCount })}</Paragraph>
                      {member.schools.length > 0 && (
                        <ul className="passend-team-list">
                          {member.schools.map((school) => (
                            <li key={school.locationId}>
                              {school.name} {school.isContact ? t('teamList.contactMark') : ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    <TableCell>{t(`memberStatus.${member.status}`)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <Pagination
            page={team.data.page}
            pageSize={team.data.pageSize}
            total={team.data.total}
            onPageChange={(next) => go({ pagina: next })}
          />
        </>
      )}
      {team.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
    </>
  );
}
