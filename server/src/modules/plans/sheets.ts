import { defineSheet } from '../../kernel/excel/sheet';

const KIND = [
  { value: 'chapter', zh: '章', en: 'Chapter' }, { value: 'section', zh: '节', en: 'Section' }, { value: 'goal', zh: '目标', en: 'Goal' },
  { value: 'indicator', zh: '指标', en: 'Indicator' }, { value: 'task', zh: '任务', en: 'Task' },
];
const COLOUR = [
  { value: 'green', zh: '绿', en: 'Green' }, { value: 'amber', zh: '黄', en: 'Amber' }, { value: 'red', zh: '红', en: 'Red' }, { value: 'none', zh: '无数据', en: 'No data' },
];
const BINDING = [{ value: 'binding', zh: '约束性', en: 'Binding' }, { value: 'anticipatory', zh: '预期性', en: 'Anticipatory' }];

/** A plan's items with their progress, for the plan page's Excel export. */
export const itemSheet = defineSheet<{ code: string | null; kind: string; title: string; share: number; unit: string | null; baselineValue: number | null; targetValue: number | null; binding: string | null; actual: number | null; score: number | null; colour: string; ownerName: string | null; deadline: string | null }>({
  name: { zh: '规划事项', en: 'Plan items' },
  columns: [
    { key: 'code', header: { zh: '编号', en: 'Code' }, type: 'text', width: 10 },
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'enum', options: KIND },
    { key: 'title', header: { zh: '名称', en: 'Title' }, type: 'text', width: 40 },
    { key: 'share', header: { zh: '权重占比(%)', en: 'Weight share (%)' }, type: 'decimal' },
    { key: 'unit', header: { zh: '单位', en: 'Unit' }, type: 'text' },
    { key: 'baselineValue', header: { zh: '基期值', en: 'Baseline' }, type: 'decimal' },
    { key: 'targetValue', header: { zh: '目标值', en: 'Target' }, type: 'decimal' },
    { key: 'binding', header: { zh: '属性', en: 'Type' }, type: 'enum', options: BINDING },
    { key: 'actual', header: { zh: '实际值', en: 'Actual' }, type: 'decimal' },
    { key: 'score', header: { zh: '完成度(%)', en: 'Progress (%)' }, type: 'decimal' },
    { key: 'colour', header: { zh: '状态', en: 'Status' }, type: 'enum', options: COLOUR },
    { key: 'ownerName', header: { zh: '牵头单位', en: 'Owner' }, type: 'text', width: 24 },
    { key: 'deadline', header: { zh: '时限', en: 'Deadline' }, type: 'text' },
  ],
});
