import type { AuditEntry, AuditQuery, Job, Page } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';

/** The audit filters without paging: used by both the list and the export. */
export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize' | 'sort' | 'q' | 'objectId'>;

export const auditKey = ['audit'] as const;
export const fetchAudit = (f: AuditFilters, page: number, pageSize: number) =>
  api.get<Page<AuditEntry>>('/api/audit', { ...f, page, pageSize });
export const startAuditExport = (f: AuditFilters) => api.post<Job>('/api/audit/export', f);
export const fetchJob = (id: number) => api.get<Job>(`/api/jobs/${id}`);
export const downloadFile = (fileId: number, fallbackName: string) => api.download(`/api/files/${fileId}`, undefined, fallbackName);

/** A finished export's result: the file to download. */
export const fileIdOf = (job: Job): number | null => {
  const r = job.result as { fileId?: unknown } | null;
  return r && typeof r.fileId === 'number' ? r.fileId : null;
};
