import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { SchoolBudget, SchoolBudgetLine } from '../../../../contracts/hours.ts';

// Theme colours (primary, warning border, muted text) as plain values: SVG attributes take no CSS
// variables. Both series keep 3:1 against white and differ in hue, not only in lightness.
const usedColour = '#005a5b';
const allocatedColour = '#8a6100';
const axisColour = '#4a5a5c';

// Legend texts in the text colour: recharts colours them like their series by default.
const legendText = (value: string) => <span className="passend-chart__legend">{value}</span>;

type Labels = { allocated: string; used: string };

/**
 * Charts of the budget screens, in a module of their own so the chart library (about 100 kB) loads
 * only when a chart is shown. Each chart is one image for assistive technology: its numbers are in
 * the table beside it, so the chart's own keyboard layer is off.
 */
export function OverviewChart({ items, labels }: { items: SchoolBudgetLine[]; labels: Labels }) {
  const data = items.map((item) => ({ name: item.name, allocated: item.allocated ?? 0, used: item.used }));
  return (
    <ResponsiveContainer width="100%" height={80 + items.length * 36}>
      <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 16, right: 16 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" stroke={axisColour} />
        <YAxis type="category" dataKey="name" width={240} stroke={axisColour} />
        <Legend formatter={legendText} />
        <Bar dataKey="allocated" name={labels.allocated} fill={allocatedColour} isAnimationActive={false} />
        <Bar dataKey="used" name={labels.used} fill={usedColour} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Cumulative use through the school year against the allocated hours. */
export function TrendChart({
  budget,
  labels,
  monthLabel,
}: {
  budget: SchoolBudget;
  labels: Labels;
  monthLabel: (month: string) => string;
}) {
  const data = budget.trend.map((month) => ({ month: monthLabel(month.month), used: month.cumulative }));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={data} accessibilityLayer={false} margin={{ left: 8, right: 24, top: 16 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="month" stroke={axisColour} />
        <YAxis stroke={axisColour} domain={[0, (max: number) => Math.max(max, budget.allocated ?? 0)]} />
        <Legend formatter={legendText} />
        {budget.allocated !== null && (
          <ReferenceLine
            y={budget.allocated}
            stroke={allocatedColour}
            strokeDasharray="6 4"
            strokeWidth={2}
            label={{ value: labels.allocated, position: 'insideTopLeft', fill: axisColour }}
          />
        )}
        <Line
          dataKey="used"
          name={labels.used}
          stroke={usedColour}
          strokeWidth={3}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
