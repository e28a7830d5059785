import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Select, Typography } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { DatasetField } from './open-api';

// Only what a bar chart needs, so the chunk stays small (echarts/core, not the whole of echarts).
use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);
type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

const MAX_BARS = 15;

/** Rows counted by one field's values, most frequent first; the tail folded into one bar. */
export function countBy(rows: Record<string, unknown>[], field: string, other: string): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const raw = row[field];
    const value = raw === null || raw === undefined || raw === '' ? '—' : String(raw);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const sorted = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  if (sorted.length <= MAX_BARS) return sorted;
  const rest = sorted.slice(MAX_BARS - 1).reduce((sum, bar) => sum + bar.count, 0);
  return [...sorted.slice(0, MAX_BARS - 1), { value: other, count: rest }];
}

/**
 * The field counted at first: the first non-key text field whose values repeat and differ (a
 * category: 机构类别, 行政区划 — not a name, not a constant), else one whose values repeat, else
 * the first non-key text field.
 */
export function defaultChartField(fields: DatasetField[], rows: Record<string, unknown>[]): string | undefined {
  const candidates = fields.filter((f) => f.type === 'string' && !f.key);
  const distinct = (f: DatasetField) => new Set(rows.map((r) => String(r[f.name] ?? ''))).size;
  const category = candidates.find((f) => distinct(f) > 1 && distinct(f) < rows.length);
  const repeats = candidates.find((f) => distinct(f) < rows.length);
  return (category ?? repeats ?? candidates[0])?.name;
}

/** 统计图表: a bar chart counting the sampled rows by a text field the reader picks. */
export function DatasetChart({ fields, rows }: { fields: DatasetField[]; rows: Record<string, unknown>[] }) {
  const { t } = useTranslation();
  const choices = fields.filter((f) => f.type === 'string');
  const [picked, setPicked] = useState<string | undefined>();
  const field = picked ?? defaultChartField(fields, rows);
  const label = choices.find((f) => f.name === field)?.label ?? '';
  const bars = useMemo(() => (field ? countBy(rows, field, '…') : []), [rows, field]);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!container.current || bars.length === 0) return;
    const chart = init(container.current, undefined, { renderer: 'canvas' });
    const option: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: bars.map((b) => b.value), axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('openData.dataset.chartCount'),
          data: bars.map((b) => b.count),
          barMaxWidth: 56,
          itemStyle: { color: '#1456f0' },
        },
      ],
    };
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [bars, t]);

  if (!field) return <Empty description={t('openData.dataset.noChartField')} />;
  return (
    <div data-testid="open-chart-panel">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <span>{t('openData.dataset.chartBy')}</span>
        <Select
          value={field}
          onChange={setPicked}
          options={choices.map((f) => ({ value: f.name, label: f.label }))}
          style={{ width: 220 }}
          data-testid="open-chart-field"
        />
        <Typography.Text type="secondary" data-testid="open-chart-note">
          {t('openData.dataset.chartNote', { field: label, n: rows.length })}
        </Typography.Text>
      </div>
      <div
        ref={container}
        className="zl-open-chart"
        role="img"
        aria-label={bars.map((b) => `${b.value}: ${b.count}`).join('; ')}
        data-testid="open-chart"
        data-bars={bars.length}
      />
    </div>
  );
}
