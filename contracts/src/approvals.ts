import { z } from 'zod';

export const ApprovalStatus = z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']);
export const ApprovalRequest = z.object({
  id: z.number().int(),
  workflow: z.string(),
  workflowNameZh: z.string(),
  workflowNameEn: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  title: z.string(),
  applicantId: z.number().int(),
  applicantName: z.string(),
  applicantUnitName: z.string(),
  status: ApprovalStatus,
  stepIndex: z.number().int(),
  stepCount: z.number().int(),
  stepNameZh: z.string().nullable(),
  stepNameEn: z.string().nullable(),
  version: z.number().int(),
  /** The caller may decide the current step. */
  canDecide: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export const ApprovalAction = z.object({
  id: z.number().int(),
  stepIndex: z.number().int(),
  actorName: z.string(),
  action: z.enum(['submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw']),
  comment: z.string().nullable(),
  at: z.string(),
});
export const ApprovalDetail = ApprovalRequest.extend({ timeline: z.array(ApprovalAction) });

export const DecisionBody = z.object({
  decision: z.enum(['approve', 'reject', 'return']),
  comment: z.string().trim().max(1000).optional(),
  /** The version the approver saw: a stale one loses (409). */
  version: z.number().int().min(0),
});
