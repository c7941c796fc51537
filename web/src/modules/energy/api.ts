import type { z } from 'zod';
import type * as C from '@guanjia/contracts/energy';
import type * as KernelContracts from '@guanjia/contracts';
import type { Page } from '@guanjia/contracts';
import { api } from '../../kernel/api';

export type Institution = z.infer<typeof C.Institution>;
export type MonthData = z.infer<typeof C.MonthData>;
export type EnergyType = z.infer<typeof C.EnergyType>;
export type EntryInput = z.input<typeof C.ConsumptionEntryInput>;
export type Period = z.infer<typeof C.Period>;
export type ReportRow = z.infer<typeof C.ReportRow>;
export type IndicatorResult = z.infer<typeof C.IndicatorResult>;
export type BreakdownRow = z.infer<typeof C.BreakdownRow>;
export type TrendPoint = z.infer<typeof C.TrendPoint>;
export type Progress = z.infer<typeof C.Progress>;
export type Factor = z.infer<typeof C.Factor>;
export type FactorInput = z.input<typeof C.FactorInput>;
export type Denominator = z.infer<typeof C.Denominator>;
export type ImportResult = z.infer<typeof KernelContracts.ImportResult>;

export const energyKey = ['energy'] as const;

export const fetchTypes = () => api.get<EnergyType[]>('/api/energy/types');
export const fetchInstitutions = (unitId?: number) => api.get<Page<Institution>>('/api/energy/institutions', { unitId, pageSize: 200 });
export const fetchMonth = (unitId: number, month: string) => api.get<MonthData>(`/api/energy/consumption/${unitId}/${month}`);
export const fetchFilled = (unitId: number, year: number) => api.get<{ month: string; types: number; costFen: number }[]>(`/api/energy/consumption/${unitId}`, { year });
export const createMonth = (orgUnitId: number, month: string, entries: EntryInput[]) => api.post<MonthData>('/api/energy/consumption', { orgUnitId, month, entries });
export const replaceMonth = (unitId: number, month: string, entries: EntryInput[]) => api.put<MonthData>(`/api/energy/consumption/${unitId}/${month}`, { entries });
export const fetchDenominators = (unitId: number) => api.get<Denominator[]>(`/api/energy/institutions/${unitId}/denominators`);
export const saveDenominator = (unitId: number, body: Omit<Denominator, 'id'>) => api.post<Denominator>(`/api/energy/institutions/${unitId}/denominators`, body);

export const createBill = (body: z.input<typeof C.BillInput>) => api.post<z.infer<typeof C.BillResult>>('/api/energy/bills', body);
export type FactorAffects = z.infer<typeof C.FactorAffects>;
export type HeatingSeason = z.infer<typeof C.HeatingSeason>;
export const fetchAffects = (q: { kind: string; energyType: string; method: string; region: string; year: number }) => api.get<FactorAffects>('/api/energy/factors/affects', q);
export const updateFactor = (id: number, body: { value: number; source: string }) => api.patch<Factor>(`/api/energy/factors/${id}`, body);
export const fetchSeasons = () => api.get<HeatingSeason[]>('/api/energy/heating-seasons');
export const createSeason = (body: HeatingSeason) => api.post<HeatingSeason>('/api/energy/heating-seasons', body);
export const createPeriod = (body: z.input<typeof C.PeriodInput>) => api.post<Period>('/api/energy/periods', body);
export const registerInstitution = (body: z.input<typeof C.InstitutionInput>) => api.post<{ orgUnitId: number }>('/api/energy/institutions', body);
export const updateInstitution = (id: number, body: { category?: Institution['category']; active?: boolean }) => api.patch<{ ok: true }>(`/api/energy/institutions/${id}`, body);
export const fetchInstitutionPage = (q: { unitId?: number; q?: string; category?: string; page: number; pageSize: number }) => api.get<Page<Institution>>('/api/energy/institutions', q);
export const fetchPeriods = () => api.get<Period[]>('/api/energy/periods');
export const fetchReports = (periodId: number, unitId: number) => api.get<ReportRow[]>('/api/energy/reports', { periodId, unitId });
export const submitReport = (periodId: number, orgUnitId: number) => api.post<ReportRow>('/api/energy/reports/submit', { periodId, orgUnitId });
export const rollupReport = (periodId: number, orgUnitId: number) => api.post<ReportRow>('/api/energy/reports/rollup', { periodId, orgUnitId });
export const decide = (id: number, decision: 'accept' | 'return', version: number, reason?: string) =>
  api.post<{ status: string }>(`/api/energy/reports/${id}/${decision}`, { version, reason });
export const remind = (periodId: number) => api.post<{ reminded: number }>(`/api/energy/periods/${periodId}/remind`);

export type Method = 'calorific' | 'equal_value';
export const fetchIndicators = (unitId: number, from: string, to: string, method: Method = 'calorific') => api.get<IndicatorResult>('/api/energy/indicators', { unitId, from, to, method });
export const fetchBreakdown = (unitId: number, year: number, by: 'child' | 'category' | 'institution', method: Method = 'calorific') => api.get<BreakdownRow[]>('/api/energy/breakdown', { unitId, year, by, method });
export const fetchTrend = (unitId: number, from: string, to: string, method: Method = 'calorific') => api.get<TrendPoint[]>('/api/energy/trend', { unitId, from, to, method });
export const fetchProgress = (unitId: number, year: number) => api.get<Progress[]>('/api/energy/progress', { unitId, year, children: true });
export const fetchAlerts = (unitId: number, year: number) => api.get<Progress[]>('/api/energy/alerts', { unitId, year });
export const exportSummary = (unitId: number, year: number, by: 'child' | 'category' | 'institution') =>
  api.download('/api/energy/export', { unitId, year, by }, `energy-summary-${year}.xlsx`);

export const fetchFactors = () => api.get<Factor[]>('/api/energy/factors');
export const createFactor = (body: FactorInput) => api.post<Factor>('/api/energy/factors', body);
export const downloadTemplate = () => api.download('/api/energy/import-template', undefined, 'energy-use-template.xlsx');
export const downloadBasicTemplate = () => api.download('/api/energy/institutions/import-template', undefined, 'energy-basic-template.xlsx');
export const importBasic = (file: File) => api.upload<ImportResult>('/api/energy/institutions/import', file, 'file', file.name);
export const exportInstitutions = (q: { unitId?: number; q?: string; category?: string }) => api.download('/api/energy/institutions/export', q, 'public-institutions.xlsx');
export const importUse = (file: File) => api.upload<ImportResult>('/api/energy/import', file, 'file', file.name);

/** `YYYY-MM` of a date. */
export const ym = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
export const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: digits }));
export type Target = z.infer<typeof C.Target>;
export type TargetInput = z.input<typeof C.TargetInput>;
export const fetchTargetChildren = (id: number) => api.get<{ orgUnitId: number; name: string }[]>(`/api/energy/targets/${id}/children`);
export const putTarget = (body: TargetInput) => api.put<Target>('/api/energy/targets', body);
export const cascadeTarget = (targetId: number, mode: 'even' | 'manual', children?: { orgUnitId: number; reductionPct: number }[]) =>
  api.post<Target[]>('/api/energy/targets/cascade', { targetId, mode, children });
