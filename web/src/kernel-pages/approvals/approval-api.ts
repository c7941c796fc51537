import type { ApprovalDetail, ApprovalRequest, DecisionBody, Page } from '../../kernel/contracts';
import { api } from '../../kernel/api';

export type ApprovalBox = 'inbox' | 'mine';

export const approvalsKey = ['approvals'] as const;
export const approvalListKey = (box: ApprovalBox, page: number, pageSize: number) => [...approvalsKey, box, page, pageSize] as const;
export const approvalDetailKey = (id: number) => [...approvalsKey, 'detail', id] as const;

export const fetchApprovals = (box: ApprovalBox, page: number, pageSize: number) =>
  api.get<Page<ApprovalRequest>>(`/api/approvals/${box}`, { page, pageSize });

export const fetchApproval = (id: number) => api.get<ApprovalDetail>(`/api/approvals/${id}`);

export const decideApproval = (id: number, body: DecisionBody) => api.post<ApprovalDetail>(`/api/approvals/${id}/decide`, body);
