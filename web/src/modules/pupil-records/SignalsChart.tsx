import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';

// The theme's primary colour as a plain value: SVG attributes take no CSS variables.
const barColour = '#005a5b';
const axisColour = '#4a5a5c';

/**
 * Signals per month as bars, in a module of its own so the chart library loads only when shown.
 * One image for assistive technology: the numbers are in the table beside it.
 */
export function SignalsChart({ months }: { months: Array<{ label: string; signals: number }> }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={months} accessibilityLayer={false} margin={{ left: 8, right: 16, top: 16 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="label" stroke={axisColour} />
        <YAxis allowDecimals={false} stroke={axisColour} />
        <Bar dataKey="signals" fill={barColour} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
