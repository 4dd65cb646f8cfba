import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { AllocationLineView } from '../../../../contracts/hours.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';
import type { Column } from '../../ui/table/DataTable.tsx';

// The pieces of the allocation's explanation that the staff office's table and a school's own page
// both show, so a school reads its line exactly as the staff office computed it.

const lineColumns = [
  'pupils',
  'pupilShare',
  'requests',
  'requestShare',
  'rawHours',
  'hours',
  'lastYear',
] as const;

type KeyFacts = {
  totalHours: number;
  effectivePupilWeightPercent: number;
  pupilCountYear: number;
  referenceSchoolYears: number[];
};

/** The key in words for school leaders. */
export function KeyInWords({ allocation }: { allocation: KeyFacts }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  return (
    <Paragraph>
      {t('allocation.inWords', {
        total: format.number(allocation.totalHours),
        weight: allocation.effectivePupilWeightPercent,
        other: 100 - allocation.effectivePupilWeightPercent,
        countYear: formatSchoolYear(allocation.pupilCountYear),
        years: allocation.referenceSchoolYears.map(formatSchoolYear).join(', '),
      })}
    </Paragraph>
  );
}

/** A share (0–1) as a percentage with one decimal. */
export function useSharePercent() {
  const format = useFormatters();
  return (share: number) => `${format.number(Math.round(share * 1000) / 10)} %`;
}

/** What a line of the key says, without the school it belongs to. */
export type AllocationLineFacts = Omit<AllocationLineView, 'locationId' | 'name'>;

/**
 * The columns of a line for a `DataTable`, after the school's own column where there is one: every
 * input and step, numbers right-aligned.
 */
export function useAllocationLineColumns<Row extends AllocationLineFacts>(): Column<Row>[] {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const percent = useSharePercent();
  const number = (key: (typeof lineColumns)[number], value: (line: Row) => string): Column<Row> => ({
    key,
    header: t(`allocation.${key}`),
    cell: value,
    numeric: true,
    nowrap: true,
  });
  return [
    number('pupils', (line) => format.number(line.pupils)),
    number('pupilShare', (line) => percent(line.pupilShare)),
    number('requests', (line) => format.number(line.requests)),
    number('requestShare', (line) => percent(line.requestShare)),
    number('rawHours', (line) => format.number(Math.round(line.rawHours * 100) / 100)),
    number('hours', (line) => format.number(line.hours)),
    number('lastYear', (line) => (line.lastYearHours === null ? '—' : format.number(line.lastYearHours))),
  ];
}

/**
 * The school year an allocation screen works on: the one in the address (`?schooljaar=2027`), else
 * next school year, the one the staff office plans; with this school year, for the year choices.
 */
export function allocationYearOf(searchParams: URLSearchParams): { schoolYear: number; currentYear: number } {
  const currentYear = schoolYearOf(todayInAmsterdam());
  const askedYear = Number(searchParams.get('schooljaar'));
  const isValid = Number.isInteger(askedYear) && askedYear >= 1990 && askedYear <= 2100;
  return { schoolYear: isValid ? askedYear : currentYear + 1, currentYear };
}

/** The warning that schools without a pupil count were left out of the key (none: nothing). */
export function ExcludedSchoolsWarning({ schools }: { schools: ReadonlyArray<{ name: string }> }) {
  const { t } = useTranslation('hours');
  if (schools.length === 0) return null;
  return (
    <Alert type="warning">
      <Paragraph>
        {t('allocation.excluded', { schools: schools.map((school) => school.name).join(', ') })}
      </Paragraph>
    </Alert>
  );
}
