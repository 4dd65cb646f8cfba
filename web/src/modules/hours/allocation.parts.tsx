import { Paragraph, TableCell, TableHeaderCell } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { AllocationLineView } from '../../../../contracts/hours.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';

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

/** The column headers of a line, after the school's own column where there is one. */
export function AllocationLineHeaders() {
  const { t } = useTranslation('hours');
  return (
    <>
      {lineColumns.map((key) => (
        <TableHeaderCell key={key} scope="col">
          {t(`allocation.${key}`)}
        </TableHeaderCell>
      ))}
    </>
  );
}

/** Every input and step of one school's line: pupils, share, requests, share, hours before and after rounding, last year. */
export function AllocationLineCells({ line }: { line: Omit<AllocationLineView, 'locationId' | 'name'> }) {
  const format = useFormatters();
  const percent = useSharePercent();
  return (
    <>
      <TableCell>{format.number(line.pupils)}</TableCell>
      <TableCell>{percent(line.pupilShare)}</TableCell>
      <TableCell>{format.number(line.requests)}</TableCell>
      <TableCell>{percent(line.requestShare)}</TableCell>
      <TableCell>{format.number(Math.round(line.rawHours * 100) / 100)}</TableCell>
      <TableCell>{format.number(line.hours)}</TableCell>
      <TableCell>{line.lastYearHours === null ? '—' : format.number(line.lastYearHours)}</TableCell>
    </>
  );
}
