import type { EChartsCoreOption } from 'echarts/core';

// Chart options for the dashboards, as plain functions of the figures and the labels (no React).

const COLORS = [
  '#1677ff',
  '#52c41a',
  '#faad14',
  '#eb2f96',
  '#13c2c2',
  '#722ed1',
  '#fa541c',
  '#2f54eb',
  '#a0d911',
  '#8c8c8c',
];
const shortDay = (day: string) => day.slice(5);

/** Lines for counts on the left axis and a bar for hours on the right. */
export function trendOption(
  days: string[],
  lines: { name: string; data: number[] }[],
  bar: { name: string; data: number[] },
): EChartsCoreOption {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map(shortDay), axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', name: '', splitLine: { show: false } },
    ],
    series: [
      { name: bar.name, type: 'bar', yAxisIndex: 1, data: bar.data, itemStyle: { opacity: 0.35 }, barMaxWidth: 14 },
      ...lines.map((l) => ({ name: l.name, type: 'line', showSymbol: false, data: l.data })),
    ],
  };
}

export function pieOption(items: { name: string; value: number }[]): EChartsCoreOption {
  return {
    color: COLORS,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['42%', '70%'], center: ['34%', '50%'], label: { show: false }, data: items }],
  };
}

/** Horizontal bars, largest on top. */
export function barOption(items: { name: string; value: number }[], name: string): EChartsCoreOption {
  const sorted = [...items].reverse();
  return {
    color: COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitLine: { show: false }, axisLabel: { show: false } },
    yAxis: {
      type: 'category',
      data: sorted.map((i) => (i.name.length > 10 ? `${i.name.slice(0, 10)}…` : i.name)),
      axisTick: { show: false },
    },
    series: [
      {
        name,
        type: 'bar',
        data: sorted.map((i) => i.value),
        barMaxWidth: 16,
        label: { show: true, position: 'right' },
      },
    ],
  };
}
