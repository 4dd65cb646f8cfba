import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Text,
  XAxis,
  YAxis,
  type YAxisTickContentProps,
} from 'recharts';
import type { FigureTable } from '../../../../contracts/reports.ts';

// Plain values: SVG attributes take no CSS variables. Both keep 3:1 against white (as the budget
// charts), and last year is hatched as well, so the two series differ in more than colour.
const thisYearColour = '#005a5b';
const lastYearColour = '#8a6100';
const axisColour = '#4a5a5c';

const legendText = (value: string) => <span className="passend-chart__legend">{value}</span>;

/** A chart's point: a row, and the chart column's number this year and last year (absent when suppressed). */
export type ChartPoint = { name: string; thisYear?: number; lastYear?: number };

/** The rows a chart draws: no total (it would dwarf the others), and no cell that is not a number. */
export function chartPoints(table: FigureTable): ChartPoint[] {
  const column = table.chartColumn;
  if (column === null) return [];
  return table.rows
    .filter((row) => !row.isTotal)
    .map((row) => {
      const thisYear = row.values[column];
      const lastYear = row.lastYear[column];
      return {
        name: row.label,
        ...(typeof thisYear === 'number' ? { thisYear } : {}),
        ...(typeof lastYear === 'number' ? { lastYear } : {}),
      };
    });
}

/**
 * A bar chart of one figure table's chart column, this year beside last year. In a module of its
 * own so the chart library loads only when a chart is shown; it is decorative, as the table beside it
 * holds the same numbers for everyone.
 */
export function FigureChart({
  table,
  labels,
}: {
  table: FigureTable;
  labels: { thisYear: string; lastYear: string };
}) {
  const hatchId = `figure-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const points = chartPoints(table);
  const rowHeight = 44;
  const labelTick = ({ x, y, payload }: YAxisTickContentProps) => (
    <Text
      x={x}
      y={y}
      dx={-6}
      width={124}
      maxLines={3}
      textAnchor="end"
      verticalAnchor="middle"
      fill={axisColour}
      style={{ fontSize: 12 }}
    >
      {String(payload.value)}
    </Text>
  );
  return (
    <ResponsiveContainer width="100%" height={90 + points.length * rowHeight}>
      <BarChart data={points} layout="vertical" accessibilityLayer={false} margin={{ left: 0, right: 16 }}>
        <defs>
          <pattern
            id={hatchId}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={lastYearColour} strokeWidth="4" />
          </pattern>
        </defs>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" stroke={axisColour} allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={136} stroke={axisColour} interval={0} tick={labelTick} />
        <Legend formatter={legendText} itemSorter={null} />
        <Bar dataKey="thisYear" name={labels.thisYear} fill={thisYearColour} isAnimationActive={false} />
        <Bar
          dataKey="lastYear"
          name={labels.lastYear}
          fill={`url(#${hatchId})`}
          stroke={lastYearColour}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
