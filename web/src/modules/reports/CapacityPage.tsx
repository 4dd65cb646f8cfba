import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Capacity, capacitySchema } from '../../../../contracts/capacity.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import {
  CapacityDownloads,
  CapacityTable,
  capacityKeys,
  SchoolsBehindDemand,
  shortfallOf,
} from './capacity.parts.tsx';
import './capacity.css';

/**
 * `/vraag-en-capaciteit`: the planning talks' expected requests in hours per expertise and school
 * month against the team's free hours (S4), shortfalls first with the schools behind them.
 */
export function CapacityPage() {
  const { t } = useTranslation('reports');
  const [searchParams, setSearchParams] = useSearchParams();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const asked = Number(searchParams.get('schooljaar'));
  const schoolYear = Number.isInteger(asked) && asked >= 1990 && asked <= 2100 ? asked : currentYear;
  const capacity = useQuery({
    queryKey: capacityKeys.year(schoolYear),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/reports/capacity', { schoolYear }), capacitySchema, signal),
    placeholderData: keepPreviousData,
  });
  const years = [...new Set([currentYear - 1, currentYear, currentYear + 1, schoolYear])].sort();
  const data = capacity.data;
  return (
    <>
      <PageHeading>{t('capacity.title')}</PageHeading>
      <Paragraph>{t('capacity.intro')}</Paragraph>
      <ListToolbar>
        <SelectField
          name="schoolYear"
          label={t('capacity.schoolYear')}
          placeholder={t('capacity.chooseSchoolYear')}
          value={String(schoolYear)}
          onChange={(year) =>
            year &&
            setSearchParams((params) => {
              params.set('schooljaar', year);
              return params;
            })
          }
          choices={years.map((year) => ({ value: String(year), label: formatSchoolYear(year) }))}
        />
      </ListToolbar>
      {capacity.error && <ErrorAlert errors={formErrorsFrom(capacity.error)} />}
      {data &&
        (data.talks === 0 ? (
          <Alert type="info">
            <Paragraph>{t('capacity.empty', { year: formatSchoolYear(data.schoolYear) })}</Paragraph>
          </Alert>
        ) : (
          <>
            <Warnings data={data} />
            <Estimate data={data} />
            <CapacityTable data={data} busy={capacity.isFetching} />
            <SchoolsBehindDemand data={data} />
            <CapacityDownloads data={data} />
          </>
        ))}
    </>
  );
}

function Warnings({ data }: { data: Capacity }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const short = data.tags.filter((tag) => tag.shortMonths > 0);
  if (short.length === 0 && data.total.shortMonths === 0)
    return (
      <Alert type="ok">
        <Paragraph>{t('capacity.warnings.none')}</Paragraph>
      </Alert>
    );
  const rows = [
    ...short.map((tag) => ({ key: tag.key, name: tag.name, row: tag })),
    ...(data.total.shortMonths > 0
      ? [{ key: 'total', name: t('capacity.table.total'), row: data.total }]
      : []),
  ];
  return (
    <Alert type="warning">
      <Heading level={2}>{t('capacity.warnings.title')}</Heading>
      <UnorderedList>
        {rows.map(({ key, name, row }) => (
          <UnorderedListItem key={key}>
            <span aria-hidden="true">⚠ </span>
            <strong>{t('capacity.warnings.label')}</strong>{' '}
            {t('capacity.warnings.item', {
              tag: name,
              count: row.shortMonths,
              months: row.months
                .filter((cell) => cell.isShort)
                .map((cell) => format.shortMonth(cell.month))
                .join(', '),
              hours: format.number(Math.round(shortfallOf(row) * 10) / 10),
            })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </Alert>
  );
}

/** How demand is estimated, in one sentence, with this year's hours per request. */
function Estimate({ data }: { data: Capacity }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  return (
    <Paragraph>
      {t('capacity.estimate.how')}{' '}
      {data.estimate.basis === 'all'
        ? t('capacity.estimate.all', {
            hours: format.number(data.estimate.hoursPerRequest),
            count: data.estimate.closedRequests,
          })
        : t('capacity.estimate.default', { hours: format.number(data.estimate.hoursPerRequest) })}{' '}
      {t('capacity.estimate.capacity')}
    </Paragraph>
  );
}
