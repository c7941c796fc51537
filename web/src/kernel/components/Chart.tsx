import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
/** What a click on a data item reports (the subset pages use). */
export interface ChartClick { dataIndex: number; name: string; seriesName?: string; data?: unknown }

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
  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return <div ref={box} data-testid={testId} role={label ? 'img' : undefined} aria-label={label} style={{ height, width: '100%' }} />;
}
