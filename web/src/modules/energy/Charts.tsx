import { Chart } from '../../kernel/components/Chart';

/** Horizontal bars, sorted, for rankings and comparisons. */
export function RankingBars({ rows, testId, onPick }: { rows: { name: string; value: number | null; key: string }[]; testId: string; onPick?: (key: string) => void }) {
  const sorted = rows.filter((r) => r.value !== null).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  return (
    <div data-testid={testId}>
      <Chart height={Math.max(220, sorted.length * 26 + 40)}
        onClick={(p: { dataIndex: number }) => onPick?.(sorted[p.dataIndex]!.key)}
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 110, right: 30, top: 10, bottom: 20 },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { width: 100, overflow: 'truncate' } },
          series: [{ type: 'bar', data: sorted.map((r) => r.value), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(2) } }],
        }} />
    </div>
  );
}

/** Monthly lines: this year against last year. */
export function TrendLines({ series, testId }: { series: { name: string; points: (number | null)[] }[]; testId: string }) {
  return (
    <div data-testid={testId}>
      <Chart height={280} option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => `${i + 1}`) },
        yAxis: { type: 'value' },
        series: series.map((s) => ({ type: 'line', name: s.name, data: s.points, smooth: true })),
      }} />
    </div>
  );
}

/** Prefectures (or any children) as a grid of cells coloured by target progress: green on track, orange off pace, red over quota. */
export function ProgressGrid({ cells, labels, testId, onPick }: { cells: { key: string; name: string; level: 0 | 1 | 2 | 3; text: string }[]; labels: string[]; testId: string; onPick?: (key: string) => void }) {
  const cols = 5;
  const data = cells.map((c, i) => [i % cols, Math.floor(i / cols), c.level]);
  return (
    <div data-testid={testId}>
      <Chart height={Math.ceil(cells.length / cols) * 70 + 60}
        onClick={(p: { dataIndex: number }) => onPick?.(cells[p.dataIndex]!.key)}
        option={{
          tooltip: { formatter: (p: { dataIndex: number }) => `${cells[p.dataIndex]!.name}<br/>${cells[p.dataIndex]!.text}` },
          grid: { left: 0, right: 0, top: 0, bottom: 40 },
          xAxis: { type: 'category', show: false, data: Array.from({ length: cols }, (_, i) => i) },
          yAxis: { type: 'category', show: false, inverse: true, data: Array.from({ length: Math.ceil(cells.length / cols) }, (_, i) => i) },
          visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, dimension: 2,
            pieces: [{ value: 0, label: labels[0], color: '#d9d9d9' }, { value: 1, label: labels[1], color: '#52c41a' }, { value: 2, label: labels[2], color: '#faad14' }, { value: 3, label: labels[3], color: '#f5222d' }] },
          series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 4 },
            label: { show: true, formatter: (p: { dataIndex: number }) => `${cells[p.dataIndex]!.name}\n${cells[p.dataIndex]!.text}`, fontSize: 11 } }],
        }} />
    </div>
  );
}
