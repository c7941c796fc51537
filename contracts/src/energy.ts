import { z } from 'zod';
import { IsoDate } from './common';

/** Public-institution energy and carbon (公共机构节能). */
export const EnergyCategory = z.enum(['organ', 'school', 'hospital', 'other']);
export const EnergyTypeCode = z.enum(['electricity', 'water', 'coal', 'natural_gas', 'lpg', 'town_gas', 'gasoline', 'diesel', 'kerosene', 'heat', 'solar', 'other']);
export type EnergyTypeCode = z.infer<typeof EnergyTypeCode>;
export const CoalMethod = z.enum(['calorific', 'equal_value']);
/** A calendar month, `YYYY-MM`. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const EnergyType = z.object({ code: EnergyTypeCode, nameZh: z.string(), nameEn: z.string(), unit: z.string(), liquid: z.boolean(), isEnergy: z.boolean() });
export type EnergyType = z.infer<typeof EnergyType>;

export const Denominator = z.object({
  id: z.number().int(),
  effectiveFrom: IsoDate,
  headcount: z.number().int(),
  floorArea: z.number(),
  heatedArea: z.number(),
});
export type Denominator = z.infer<typeof Denominator>;
export const DenominatorInput = z.object({
  effectiveFrom: IsoDate,
  headcount: z.number().int().positive(),
  floorArea: z.number().positive().max(1e8),
  heatedArea: z.number().min(0).max(1e8),
});

export const Institution = z.object({
  orgUnitId: z.number().int(),
  name: z.string(),
  path: z.string(),
  /** Unified social credit code of the organ (the key of the base-form imports). */
  uscc: z.string().nullable(),
  regionName: z.string().nullable(),
  category: EnergyCategory,
  active: z.boolean(),
  denominator: Denominator.nullable(),
});
export type Institution = z.infer<typeof Institution>;
export const InstitutionInput = z.object({ orgUnitId: z.number().int().positive(), category: EnergyCategory, denominator: DenominatorInput.optional() });
export const InstitutionQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  category: EnergyCategory.optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ConsumptionEntryInput = z.object({
  energyType: EnergyTypeCode,
  quantity: z.number().max(1e12),
  /** 'L' for liquid fuels entered in litres; otherwise the type's natural unit. */
  unit: z.enum(['natural', 'L']).default('natural'),
  costFen: z.number().int().max(1e13).default(0),
  bulk: z.boolean().default(false),
  forHeating: z.boolean().optional(),
  /** Litres only: the density on the delivery note (kg/L); without it the bureau's density factor for the year. */
  density: z.number().min(0.3).max(1.5).optional(),
});
export const MonthInput = z.object({ entries: z.array(ConsumptionEntryInput).min(1).max(20) });
export const MonthCreate = MonthInput.extend({ orgUnitId: z.number().int().positive(), month: YearMonth });
export const MonthParams = z.object({ unitId: z.coerce.number().int().positive(), month: YearMonth });
export const ConsumptionEntry = z.object({
  id: z.number().int(),
  energyType: EnergyTypeCode,
  quantity: z.number(),
  costFen: z.number().int(),
  enteredQuantity: z.number().nullable(),
  enteredUnit: z.string().nullable(),
  density: z.number().nullable(),
  bulk: z.boolean(),
  forHeating: z.boolean(),
  billId: z.number().int().nullable(),
});
export type ConsumptionEntry = z.infer<typeof ConsumptionEntry>;
export const MonthData = z.object({ orgUnitId: z.number().int(), month: YearMonth, locked: z.boolean(), entries: z.array(ConsumptionEntry) });
export type MonthData = z.infer<typeof MonthData>;

export const BillInput = z.object({
  orgUnitId: z.number().int().positive(),
  energyType: EnergyTypeCode,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  quantity: z.number().max(1e12),
  costFen: z.number().int().max(1e13).default(0),
});
export const BillPortion = z.object({ month: YearMonth, days: z.number().int(), quantity: z.number(), costFen: z.number().int() });
export const BillResult = z.object({ id: z.number().int(), portions: z.array(BillPortion) });
export type BillPortion = z.infer<typeof BillPortion>;

export { daysByMonth, prorate } from './energy-prorate';

export const Factor = z.object({
  id: z.number().int(),
  kind: z.enum(['coal', 'co2', 'density']),
  energyType: EnergyTypeCode,
  method: z.enum(['calorific', 'equal_value', 'none']),
  region: z.string(),
  year: z.number().int(),
  value: z.number(),
  source: z.string(),
  updatedAt: z.string(),
});
export type Factor = z.infer<typeof Factor>;
export const FactorInput = z.object({
  kind: z.enum(['coal', 'co2', 'density']),
  energyType: EnergyTypeCode,
  method: z.enum(['calorific', 'equal_value', 'none']).default('none'),
  region: z.string().trim().min(1).max(20).default('national'),
  year: z.number().int().min(1990).max(2100),
  value: z.number().positive().max(1e6),
  source: z.string().trim().min(2).max(200),
});
export const FactorUpdate = z.object({ value: z.number().positive().max(1e6), source: z.string().trim().min(2).max(200) });
/** Which figures a factor version governs (before saving it, or for an existing one). */
export const FactorAffectsQuery = z.object({
  kind: z.enum(['coal', 'co2', 'density']),
  energyType: EnergyTypeCode,
  method: z.enum(['calorific', 'equal_value', 'none']).default('none'),
  region: z.string().trim().min(1).max(20).default('national'),
  year: z.coerce.number().int().min(1990).max(2100),
});
export const FactorAffects = z.object({
  fromYear: z.number().int(),
  untilYear: z.number().int().nullable(),
  monthlyRows: z.number().int(),
  institutions: z.number().int(),
  /** The version it replaces for those years, if any. */
  replaces: z.object({ id: z.number().int(), year: z.number().int(), value: z.number(), source: z.string() }).nullable(),
});
export type FactorAffects = z.infer<typeof FactorAffects>;

/** Heating season of a province (北方采暖期) from a year on, as data: month-day strings like '10-20'. */
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
export const HeatingSeason = z.object({ provinceCode: z.string(), fromYear: z.number().int(), startsMd: MonthDay, endsMd: MonthDay, source: z.string() });
export type HeatingSeason = z.infer<typeof HeatingSeason>;
export const HeatingSeasonInput = z.object({
  provinceCode: z.string().regex(/^\d{6}$/),
  fromYear: z.number().int().min(2000).max(2100),
  startsMd: MonthDay,
  endsMd: MonthDay,
  source: z.string().trim().min(2).max(200),
});
/** Energy inside and outside the heating season (each month split by its days in the season). */
export const SeasonSplit = z.object({
  season: HeatingSeason.omit({ provinceCode: true }),
  inSeason: z.object({ totalTce: z.number(), perCapita: z.number().nullable(), perArea: z.number().nullable(), days: z.number().int() }),
  outsideSeason: z.object({ totalTce: z.number(), perCapita: z.number().nullable(), perArea: z.number().nullable(), days: z.number().int() }),
});

export const IndicatorQuery = z.object({
  unitId: z.coerce.number().int().positive(),
  from: YearMonth,
  to: YearMonth,
  method: CoalMethod.default('calorific'),
});
export const Indicators = z.object({
  key: z.string(),
  name: z.string(),
  institutions: z.number().int(),
  headcount: z.number().nullable(),
  floorArea: z.number().nullable(),
  totalTce: z.number(),
  totalTceWithoutHeating: z.number(),
  perCapita: z.number().nullable(),
  perArea: z.number().nullable(),
  perCapitaWithoutHeating: z.number().nullable(),
  perAreaWithoutHeating: z.number().nullable(),
  waterM3: z.number(),
  waterPerCapita: z.number().nullable(),
  co2Tonnes: z.number().nullable(),
  co2PerArea: z.number().nullable(),
  costYuan: z.number(),
});
export type Indicators = z.infer<typeof Indicators>;
export const FactorUse = z.object({ id: z.number().int(), kind: z.string(), energyType: z.string(), year: z.number().int(), region: z.string(), value: z.number(), source: z.string() });
export const IndicatorResult = z.object({
  total: Indicators,
  byType: z.array(z.object({ energyType: z.string(), quantity: z.number(), tce: z.number(), costYuan: z.number() })),
  factors: z.array(FactorUse),
  missingFactors: z.array(z.object({ kind: z.string(), energyType: z.string(), year: z.number().int() })),
  /** With and without the heating season; null where the province has no heating season on record. */
  heatingSeason: SeasonSplit.nullable(),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;
export const BreakdownQuery = z.object({
  unitId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
  by: z.enum(['child', 'category', 'institution']).default('child'),
  method: CoalMethod.default('calorific'),
});
/** A breakdown row; `heatingSeason` splits the row's own energy inside / outside the heating season (null when the province has none). */
export const BreakdownRow = Indicators.extend({ kind: z.string(), previous: Indicators.nullable(), heatingSeason: SeasonSplit.nullable() });
export type BreakdownRow = z.infer<typeof BreakdownRow>;
export const TrendPoint = z.object({ month: YearMonth, totalTce: z.number(), waterM3: z.number(), co2Tonnes: z.number().nullable(), costYuan: z.number() });
export type TrendPoint = z.infer<typeof TrendPoint>;

export const Period = z.object({
  id: z.number().int(), kind: z.enum(['annual', 'quarterly', 'monthly']), year: z.number().int(), seq: z.number().int(),
  startsOn: IsoDate, endsOn: IsoDate, dueOn: IsoDate,
});
export type Period = z.infer<typeof Period>;
export const PeriodInput = z.object({
  kind: z.enum(['annual', 'quarterly', 'monthly']),
  year: z.number().int().min(2000).max(2100),
  seq: z.number().int().min(1).max(12).default(1),
  dueOn: IsoDate.optional(),
});
export const ReportStatus = z.enum(['none', 'draft', 'submitted', 'accepted', 'returned']);
export const ReportRow = z.object({
  id: z.number().int().nullable(),
  orgUnitId: z.number().int(),
  name: z.string(),
  kind: z.enum(['institution', 'region']),
  status: ReportStatus,
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  totals: z.object({ totalTce: z.number(), costYuan: z.number() }).nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;
export const ReportQuery = z.object({ periodId: z.coerce.number().int().positive(), unitId: z.coerce.number().int().positive(), status: ReportStatus.optional() });
export const ReportSubmit = z.object({ periodId: z.number().int().positive(), orgUnitId: z.number().int().positive() });
export const ReportDecision = z.object({ version: z.number().int(), reason: z.string().trim().max(500).optional() });

export const TargetIndicator = z.enum(['per_area', 'per_capita', 'water_per_capita', 'co2_per_area']);
export const TargetTier = z.enum(['binding', 'benchmark', 'aspirational']);
export const Target = z.object({
  id: z.number().int(),
  orgUnitId: z.number().int(),
  unitName: z.string(),
  indicator: TargetIndicator,
  tier: TargetTier,
  baselineYear: z.number().int(),
  targetYear: z.number().int(),
  reductionPct: z.number(),
  parentTargetId: z.number().int().nullable(),
  source: z.string(),
});
export type Target = z.infer<typeof Target>;
export const TargetInput = z.object({
  orgUnitId: z.number().int().positive(),
  indicator: TargetIndicator,
  tier: TargetTier,
  reductionPct: z.number().gt(-100).lt(100).optional(),
  source: z.string().trim().min(2).max(200).optional(),
});
export const CascadeInput = z.object({
  targetId: z.number().int().positive(),
  mode: z.enum(['even', 'manual']),
  children: z.array(z.object({ orgUnitId: z.number().int().positive(), reductionPct: z.number().gt(-100).lt(100) })).max(500).optional(),
});
export const Progress = z.object({
  targetId: z.number().int(),
  orgUnitId: z.number().int(),
  unitName: z.string(),
  indicator: TargetIndicator,
  tier: TargetTier,
  reductionPct: z.number(),
  baseline: z.number().nullable(),
  current: z.number().nullable(),
  year: z.number().int(),
  expectedPct: z.number(),
  actualPct: z.number().nullable(),
  pathValue: z.number().nullable(),
  status: z.enum(['on_track', 'off_pace', 'over_quota', 'no_data']),
});
export type Progress = z.infer<typeof Progress>;
export const ProgressQuery = z.object({ unitId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2021).max(2030), children: z.coerce.boolean().default(false) });
