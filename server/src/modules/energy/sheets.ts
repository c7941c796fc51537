import { defineSheet } from '../../kernel/excel/sheet';

/** Summary form (汇总表): one row per region, category or institution. */
export interface SummaryRow {
  name: string; institutions: number; headcount: number | null; floorArea: number | null; totalTce: number; perCapita: number | null; perArea: number | null;
  waterM3: number; waterPerCapita: number | null; co2Tonnes: number | null; co2PerArea: number | null; costYuan: number; yoy: number | null;
  inSeasonTce: number | null; outsideSeasonTce: number | null;
}

export const summarySheet = defineSheet<SummaryRow>({
  name: { zh: '能源资源消费汇总表', en: 'Energy and resource use summary' },
  columns: [
    { key: 'name', header: { zh: '地区/类别/单位', en: 'Region / category / institution' }, type: 'text', width: 30 },
    { key: 'institutions', header: { zh: '单位数', en: 'Institutions' }, type: 'int' },
    { key: 'headcount', header: { zh: '用能人数', en: 'Energy-using headcount' }, type: 'int' },
    { key: 'floorArea', header: { zh: '建筑面积(m²)', en: 'Floor area (m²)' }, type: 'decimal' },
    { key: 'totalTce', header: { zh: '综合能耗(tce)', en: 'Total energy (tce)' }, type: 'decimal' },
    { key: 'perCapita', header: { zh: '人均综合能耗(kgce/人)', en: 'Per capita (kgce/person)' }, type: 'decimal' },
    { key: 'perArea', header: { zh: '单位建筑面积能耗(kgce/m²)', en: 'Per area (kgce/m²)' }, type: 'decimal' },
    { key: 'waterM3', header: { zh: '用水量(m³)', en: 'Water (m³)' }, type: 'decimal' },
    { key: 'waterPerCapita', header: { zh: '人均用水量(m³/人)', en: 'Water per capita (m³/person)' }, type: 'decimal' },
    { key: 'co2Tonnes', header: { zh: '碳排放(tCO₂)', en: 'CO₂ (t)' }, type: 'decimal' },
    { key: 'co2PerArea', header: { zh: '单位建筑面积碳排放(kgCO₂/m²)', en: 'CO₂ per area (kgCO₂/m²)' }, type: 'decimal' },
    { key: 'costYuan', header: { zh: '能源费用(元)', en: 'Energy cost (yuan)' }, type: 'decimal' },
    { key: 'yoy', header: { zh: '综合能耗同比(%)', en: 'Total energy YoY (%)' }, type: 'decimal' },
    { key: 'inSeasonTce', header: { zh: '采暖期内综合能耗(tce)', en: 'In heating season (tce)' }, type: 'decimal' },
    { key: 'outsideSeasonTce', header: { zh: '非采暖期综合能耗(tce)', en: 'Outside heating season (tce)' }, type: 'decimal' },
  ],
});

/**
 * Import in the layout of the national base form 能源资源消费情况 (energy and resource use): one row per
 * institution, month and energy type, institution by its unified social credit code.
 */
export interface UseRow { uscc: string; month: string; energyType: string; quantity: number; unit: string | null; costYuan: number | null; bulk: boolean | null }

export const useSheet = defineSheet<UseRow>({
  name: { zh: '能源资源消费情况', en: 'Energy and resource use' },
  maxRows: 50_000,
  columns: [
    { key: 'uscc', header: { zh: '统一社会信用代码', en: 'Unified social credit code' }, type: 'text', required: true, width: 24 },
    { key: 'month', header: { zh: '月份', en: 'Month' }, type: 'text', required: true, hint: { zh: '格式 2024-01', en: 'Format 2024-01' } },
    { key: 'energyType', header: { zh: '能源品种', en: 'Energy type' }, type: 'enum', required: true, options: [
      { value: 'electricity', zh: '电力', en: 'Electricity' }, { value: 'water', zh: '水', en: 'Water' }, { value: 'coal', zh: '原煤', en: 'Raw coal' },
      { value: 'natural_gas', zh: '天然气', en: 'Natural gas' }, { value: 'lpg', zh: '液化石油气', en: 'LPG' }, { value: 'town_gas', zh: '人工煤气', en: 'Town gas' },
      { value: 'gasoline', zh: '汽油', en: 'Gasoline' }, { value: 'diesel', zh: '柴油', en: 'Diesel' }, { value: 'kerosene', zh: '煤油', en: 'Kerosene' },
      { value: 'heat', zh: '外购热力', en: 'Purchased heat' }, { value: 'solar', zh: '自产光伏发电', en: 'On-site solar' }, { value: 'other', zh: '其他能源(已折标)', en: 'Other energy (in kgce)' },
    ] },
    { key: 'quantity', header: { zh: '实物量', en: 'Quantity' }, type: 'decimal', required: true, hint: { zh: '电 kWh、水/天然气 m³、油品/煤 kg(或填升并在单位列写 L)、热力 GJ', en: 'kWh, m³, kg (or litres with L in Unit), GJ' } },
    { key: 'unit', header: { zh: '单位', en: 'Unit' }, type: 'text', maxLength: 4, hint: { zh: '油品按升填报时写 L,其余留空', en: 'L for fuels in litres, else empty' } },
    { key: 'costYuan', header: { zh: '金额(元)', en: 'Cost (yuan)' }, type: 'decimal' },
    { key: 'bulk', header: { zh: '集中采购入库', en: 'Bulk delivery' }, type: 'bool' },
  ],
});

/** Import in the layout of the base form 基本信息 (basic information): register and denominators. */
export interface BasicRow { uscc: string; category: string; effectiveFrom: string; headcount: number; floorArea: string; heatedArea: string | null }

export const basicSheet = defineSheet<BasicRow>({
  name: { zh: '基本信息', en: 'Basic information' },
  maxRows: 20_000,
  columns: [
    { key: 'uscc', header: { zh: '统一社会信用代码', en: 'Unified social credit code' }, type: 'text', required: true, width: 24 },
    { key: 'category', header: { zh: '单位类别', en: 'Category' }, type: 'enum', required: true, options: [
      { value: 'organ', zh: '机关', en: 'Organ' }, { value: 'school', zh: '学校', en: 'School' }, { value: 'hospital', zh: '医院', en: 'Hospital' }, { value: 'other', zh: '其他', en: 'Other' },
    ] },
    { key: 'effectiveFrom', header: { zh: '生效日期', en: 'Effective from' }, type: 'date', required: true },
    { key: 'headcount', header: { zh: '用能人数', en: 'Energy-using headcount' }, type: 'int', required: true, hint: { zh: '实际在本单位工作的人数,含编外人员', en: 'People actually working there, incl. non-establishment staff' } },
    { key: 'floorArea', header: { zh: '建筑面积(m²)', en: 'Floor area (m²)' }, type: 'decimal', required: true, hint: { zh: '仅办公用房,不含住宅和宿舍', en: 'Office floor area only, no housing or dormitories' } },
    { key: 'heatedArea', header: { zh: '供暖面积(m²)', en: 'Heated area (m²)' }, type: 'decimal' },
  ],
});

/** The institution register as exported (公共机构名录): the base form 基本信息's fields plus name and region. */
export interface RegisterRow { name: string; uscc: string | null; regionName: string | null; category: string; active: boolean; effectiveFrom: string | null; headcount: number | null; floorArea: number | null; heatedArea: number | null }

export const registerSheet = defineSheet<RegisterRow>({
  name: { zh: '公共机构名录', en: 'Public institutions' },
  columns: [
    { key: 'name', header: { zh: '单位名称', en: 'Institution' }, type: 'text', width: 30 },
    { key: 'uscc', header: { zh: '统一社会信用代码', en: 'Unified social credit code' }, type: 'text', width: 24 },
    { key: 'regionName', header: { zh: '所属地区', en: 'Region' }, type: 'text', width: 16 },
    { key: 'category', header: { zh: '单位类别', en: 'Category' }, type: 'text' },
    { key: 'active', header: { zh: '在册', en: 'Active' }, type: 'bool' },
    { key: 'effectiveFrom', header: { zh: '分母生效日期', en: 'Denominators from' }, type: 'text' },
    { key: 'headcount', header: { zh: '用能人数', en: 'Energy-using headcount' }, type: 'int' },
    { key: 'floorArea', header: { zh: '建筑面积(m²)', en: 'Floor area (m²)' }, type: 'decimal' },
    { key: 'heatedArea', header: { zh: '供暖面积(m²)', en: 'Heated area (m²)' }, type: 'decimal' },
  ],
});
