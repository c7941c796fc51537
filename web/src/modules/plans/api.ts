import type { z } from 'zod';
import type * as C from '@guanjia/contracts/plans';
import type * as KernelContracts from '@guanjia/contracts';
import { api } from '../../kernel/api';

export type Plan = C.Plan;
export type PlanOption = C.PlanOption;
export type ItemOption = C.ItemOption;
export type PlanItem = C.PlanItem;
export type PlanTree = C.PlanTree;
export type Period = C.Period;
export type TimelineEntry = C.TimelineEntry;
export type AlignmentMatrix = C.AlignmentMatrix;
export type Scheme = C.Scheme;
export type Round = C.Round;
export type RoundReview = C.RoundReview;
export type Ranking = C.Ranking;
export type Criterion = C.Criterion;
export type Draft = C.Draft;
export type Suggestion = C.Suggestion;
export type SuggestionCounts = C.SuggestionCounts;
export type Cockpit = C.Cockpit;
export type CockpitMonthly = C.CockpitMonthly;
export type PlanCreate = z.input<typeof C.PlanCreate>;
export type PlanItemCreate = z.input<typeof C.PlanItemCreate>;
export type PlanItemUpdate = z.input<typeof C.PlanItemUpdate>;
export type ItemDetail = C.ItemDetail;
export type ReportCreate = z.input<typeof C.ReportCreate>;
export type CriterionCreate = z.input<typeof C.CriterionCreate>;
export type MetricInfo = KernelContracts.MetricInfo;

export const plansKey = ['plans'] as const;

export const plansApi = {
  list: (q?: { level?: string; q?: string }) => api.get<Plan[]>('/api/plans', q),
  options: () => api.get<PlanOption[]>('/api/plans/options'),
  itemOptions: (id: number) => api.get<ItemOption[]>(`/api/plans/${id}/item-options`),
  tree: (id: number) => api.get<PlanTree>(`/api/plans/${id}`),
  create: (b: PlanCreate) => api.post<{ id: number }>('/api/plans', b),
  publish: (id: number) => api.post(`/api/plans/${id}/publish`),
  structureTemplate: () => api.download('/api/plans/structure-template', undefined, 'plan-structure-template.xlsx'),
  exportStructure: (id: number) => api.download(`/api/plans/${id}/structure-export`, undefined, 'plan-structure.xlsx'),
  importStructure: (id: number, file: File) => api.upload<{ imported: number }>(`/api/plans/${id}/structure-import`, file),
  exportItems: (id: number) => api.download(`/api/plans/${id}/export`, undefined, 'plan.xlsx'),
  addItem: (planId: number, b: PlanItemCreate) => api.post<{ id: number }>(`/api/plans/${planId}/items`, b),
  updateItem: (id: number, b: PlanItemUpdate) => api.patch(`/api/plans/items/${id}`, b),
  detail: (id: number) => api.get<ItemDetail>(`/api/plans/items/${id}/detail`),
  milestoneDone: (id: number) => api.post(`/api/plans/milestones/${id}/done`, {}),
  deleteItem: (id: number) => api.delete(`/api/plans/items/${id}`),
  align: (id: number, upperItemIds: number[]) => api.put(`/api/plans/items/${id}/alignment`, { upperItemIds }),
  matrix: (id: number) => api.get<AlignmentMatrix>(`/api/plans/${id}/matrix`),
  review: (id: number) => api.post<{ approvalId: number }>(`/api/plans/${id}/alignment-review`),
  periods: (id: number) => api.get<Period[]>(`/api/plans/${id}/periods`),
  addPeriod: (id: number, b: { label: string; starts: string; ends: string }) => api.post<{ id: number }>(`/api/plans/${id}/periods`, b),
  closePeriod: (id: number) => api.post(`/api/plans/periods/${id}/close`),
  report: (itemId: number, b: ReportCreate) => api.post<{ id: number }>(`/api/plans/items/${itemId}/reports`, b),
  timeline: (itemId: number) => api.get<TimelineEntry[]>(`/api/plans/items/${itemId}/timeline`),
  uploadEvidence: (reportId: number, file: File) => {
    const form = new FormData();
    form.append('objectType', 'plan_report');
    form.append('objectId', String(reportId));
    form.append('file', file, file.name);
    return api.post('/api/files', form);
  },
  roundReviews: (id: number) => api.get<RoundReview[]>(`/api/plans/rounds/${id}/reviews`),
  schemes: () => api.get<Scheme[]>('/api/plans/schemes'),
  addCriterion: (versionId: number, b: CriterionCreate) => api.post<{ id: number }>(`/api/plans/scheme-versions/${versionId}/criteria`, b),
  deleteCriterion: (id: number) => api.delete(`/api/plans/criteria/${id}`),
  publishVersion: (versionId: number) => api.post(`/api/plans/scheme-versions/${versionId}/publish`),
  newVersion: (schemeId: number) => api.post<{ id: number; version: number }>(`/api/plans/schemes/${schemeId}/versions`),
  rounds: () => api.get<Round[]>('/api/plans/rounds'),
  ranking: (id: number) => api.get<Ranking>(`/api/plans/rounds/${id}/ranking`),
  myReviews: (id: number) => api.get<{ criterionId: number; subjectUnitId: number; level: string; comment: string }[]>(`/api/plans/rounds/${id}/reviews/mine`),
  saveReview: (id: number, b: { criterionId: number; subjectUnitId: number; level: string }) => api.post(`/api/plans/rounds/${id}/reviews`, b),
  closeRound: (id: number) => api.post<Ranking>(`/api/plans/rounds/${id}/close`),
  exportRound: (id: number) => api.download(`/api/plans/rounds/${id}/export`, undefined, 'evaluation.xlsx'),
  drafts: () => api.get<Draft[]>('/api/plans/drafts'),
  createDraft: (b: { planId: number; title: string; publicLink?: boolean }) => api.post<{ id: number }>('/api/plans/drafts', b),
  closeDraft: (id: number) => api.post(`/api/plans/drafts/${id}/close`),
  suggestions: (draftId: number) => api.get<Suggestion[]>(`/api/plans/drafts/${draftId}/suggestions`),
  suggest: (draftId: number, b: { content: string; source?: string }) => api.post<{ id: number }>(`/api/plans/drafts/${draftId}/suggestions`, b),
  answer: (id: number, b: { outcome: string; reason: string; itemIds?: number[] }) => api.post(`/api/plans/suggestions/${id}/answer`, b),
  counts: (draftId?: number) => api.get<SuggestionCounts>('/api/plans/suggestions/counts', { draftId }),
  cockpit: (q: { unitId?: number; year?: number }) => api.get<Cockpit>('/api/plans/cockpit', q),
  cockpitMonthly: (q: { key: string; unitId: number; year: number }) => api.get<CockpitMonthly>('/api/plans/cockpit/monthly', q),
};
