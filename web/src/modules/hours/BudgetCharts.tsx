import { useEffect, useRef, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Text,
  XAxis,
  YAxis,
  type YAxisTickContentProps,
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
 * The width of an element as laid out, following it when the window or the layout changes, and its
 * font: the chart measures its labels in a span outside the theme, which would measure them too narrow.
 */
function useBox<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [box, setBox] = useState({ width: 0, fontFamily: '' });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fontFamily = getComputedStyle(element).fontFamily;
    const observer = new ResizeObserver(([entry]) =>
      setBox({ width: Math.floor(entry?.contentRect.width ?? 0), fontFamily }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, box] as const;
}

/**
 * Charts of the budget screens, in a module of their own so the chart library (about 100 kB) loads
 * only when a chart is shown. Each chart is one image for assistive technology: its numbers are in
 * the table beside it, so the chart's own keyboard layer is off.
 */
export function OverviewChart({ items, labels }: { items: SchoolBudgetLine[]; labels: Labels }) {
  const data = items.map((item) => ({ name: item.name, allocated: item.allocated ?? 0, used: item.used }));
  const [box, { width, fontFamily }] = useBox<HTMLDivElement>();
  // School names get part of the width (half on a phone) and wrap within it, over up to three lines,
  // rather than run off the edge of the chart.
  const isNarrow = width < 480;
  const axisWidth = Math.round(Math.min(240, width * (isNarrow ? 0.5 : 0.4)));
  const rowHeight = isNarrow ? 56 : 40;
  const schoolTick = ({ x, y, payload }: YAxisTickContentProps) => (
    <Text
      x={x}
      y={y}
      dx={-8}
      // The axis's own width less the tick line and the gap to it: what a line of the name may take.
      width={axisWidth - 16}
      maxLines={3}
      textAnchor="end"
      verticalAnchor="middle"
      fill={axisColour}
      // As a style, so the text is measured for wrapping in the size and font it is drawn in.
      style={{ fontSize: isNarrow ? 12 : 14, fontFamily }}
    >
      {String(payload.value)}
    </Text>
  );
  return (
    <div ref={box}>
      {width > 0 && (
        <BarChart
          width={width}
          height={80 + items.length * rowHeight}
          data={data}
          layout="vertical"
          accessibilityLayer={false}
          margin={{ left: 0, right: 16 }}
        >
          <CartesianGrid horizontal={false} />
          <XAxis type="number" stroke={axisColour} />
          <YAxis
            type="category"
            dataKey="name"
            width={axisWidth}
            stroke={axisColour}
            // Every school named: a label left out would leave its bars without a name.
            interval={0}
            tick={schoolTick}
          />
          <Legend formatter={legendText} itemSorter={null} />
          <Bar dataKey="allocated" name={labels.allocated} fill={allocatedColour} isAnimationActive={false} />
          <Bar dataKey="used" name={labels.used} fill={usedColour} isAnimationActive={false} />
        </BarChart>
      )}
    </div>
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
