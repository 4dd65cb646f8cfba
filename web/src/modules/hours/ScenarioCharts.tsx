import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { FigureTable } from '../../../../contracts/reports.ts';
import { useFormatters } from '../../app/format.ts';

// Theme colours as plain values (SVG attributes take no CSS variables), each series also with its
// own pattern — solid, hatched, dotted — so the bars differ without colour too (also in the legend).
const axisColour = '#4a5a5c';
const series = [
  { key: 'per_100_min', colour: '#005a5b', pattern: 'solid' },
  { key: 'per_100_median', colour: '#8a6100', pattern: 'hatched' },
  { key: 'per_100_max', colour: '#6b2c91', pattern: 'dotted' },
] as const;

const legendText = (value: string) => <span className="passend-chart__legend">{value}</span>;

/**
 * Hours per 100 pupils (lowest, middle, highest school) per scenario, in a module of its own so the
 * chart library loads only with the chart. One image for assistive technology: its numbers are in
 * the figure table beside it.
 */
export function FairnessChart({
  table,
  labels,
  title,
}: {
  table: FigureTable;
  labels: { min: string; median: string; max: string };
  title: string;
}) {
  const { number } = useFormatters();
  const indexOf = (key: string) => table.columns.findIndex((column) => column.key === key);
  const data = table.rows.map((row) => ({
    name: row.label,
    ...Object.fromEntries(
      series.map(({ key }) => {
        const value = row.values[indexOf(key)];
        return [key, typeof value === 'number' ? value : 0];
      }),
    ),
  }));
  const names = [labels.min, labels.median, labels.max];
  const fill = (index: number) => `url(#scenario-${series[index]?.pattern})`;
  return (
    <figure className="passend-chart" aria-label={title}>
      <ResponsiveContainer width="100%" height={320}>
        <BarChart data={data} accessibilityLayer={false} margin={{ left: 8, right: 16, top: 24 }}>
          <defs>
            <pattern id="scenario-solid" width="8" height="8" patternUnits="userSpaceOnUse">
              <rect width="8" height="8" fill={series[0].colour} />
            </pattern>
            <pattern
              id="scenario-hatched"
              width="8"
              height="8"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="8" height="8" fill="#ffffff" />
              <rect width="4" height="8" fill={series[1].colour} />
            </pattern>
            <pattern id="scenario-dotted" width="8" height="8" patternUnits="userSpaceOnUse">
              <rect width="8" height="8" fill="#ffffff" />
              <circle cx="4" cy="4" r="2.5" fill={series[2].colour} />
            </pattern>
          </defs>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="name" stroke={axisColour} />
          <YAxis stroke={axisColour} />
          <Legend formatter={legendText} itemSorter={null} />
          {series.map(({ key, colour }, index) => (
            <Bar
              key={key}
              dataKey={key}
              name={names[index]}
              fill={fill(index)}
              stroke={colour}
              strokeWidth={1.5}
              isAnimationActive={false}
            >
              <LabelList
                dataKey={key}
                position="top"
                fill={axisColour}
                fontSize={12}
                formatter={(value) => (typeof value === 'number' ? number(value) : value)}
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
