import { useEffect, useMemo, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
/** What a click on a data item reports (the subset pages use). */
export interface ChartClick { dataIndex: number; name: string; seriesName?: string; data?: unknown }

/** Below this width (a phone, a narrow card) category labels rotate and thin out. */
const NARROW_PX = 480;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const each = (v: unknown, f: (o: Obj) => Obj): unknown => (Array.isArray(v) ? v.map((x) => (isObj(x) ? f(x) : x)) : isObj(v) ? f(v) : v);

/**
 * House defaults every chart gets unless its page set them: the legend on top (ECharts 6 puts it at
 * the bottom, over the axis labels) and scrollable; category labels never drawn over each other;
 * on a narrow box, labels rotated, thinned out and truncated instead of overlapping.
 */
export function withHouseStyle(option: ChartOption, narrow: boolean): ChartOption {
  const o: Obj = { ...(option as Obj) };
  let legendOnTop = false;
  o.legend = each(o.legend, (l) => {
    if (['top', 'bottom', 'left', 'right', 'orient'].some((k) => k in l)) return { type: 'scroll', ...l };
    legendOnTop = true;
    return { type: 'scroll', top: 0, ...l };
  });
  if (legendOnTop) o.grid = each(o.grid ?? {}, (g) => ('top' in g ? g : { ...g, top: 40 }));
  o.xAxis = each(o.xAxis, (x) => {
    if (x.type !== 'category') return x;
    const label: Obj = { hideOverlap: true, ...(isObj(x.axisLabel) ? x.axisLabel : {}) };
    return { ...x, axisLabel: narrow ? { ...label, interval: 'auto', rotate: 40, width: 72, overflow: 'truncate' } : label };
  });
  return o as ChartOption;
}

/**
 * The one ECharts host of the web app: ECharts' core API with the chart types the modules use
 * (echarts-for-react's ESM build needs tslib, which this install does not resolve). Only pages
 * that draw charts import it, so it never reaches the login page. Initialised once, the option
 * replaced on change, resized with its box, disposed on unmount.
 */
export function Chart({ option, height = 240, testId, label, onClick }: {
  option: ChartOption;
  height?: number | string;
  testId?: string;
  /** Accessible name of the figure. */
  label?: string;
  onClick?: (p: ChartClick) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => {
      c.resize();
      setNarrow(el.clientWidth > 0 && el.clientWidth < NARROW_PX);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  const styled = useMemo(() => withHouseStyle(option, narrow), [option, narrow]);
  useEffect(() => {
    chart.current?.setOption(styled, { notMerge: true, lazyUpdate: true });
  }, [styled]);
  return <div ref={box} data-testid={testId} role={label ? 'img' : undefined} aria-label={label} style={{ height, width: '100%' }} />;
}
