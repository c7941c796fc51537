import type { Tx } from '../../db/client';
import { addMessages } from '../i18n/messages';
import type { approvalRequests } from './approvals.schema';

export type ApprovalRow = typeof approvalRequests.$inferSelect;

/**
 * Where a step's approver sits, relative to the applicant's unit:
 * the applicant's organ, the region it lies in (that region's bureau), the region above, or the root.
 */
export type StepTarget = 'applicant_organ' | 'applicant_region' | 'region_above' | 'root';

export interface WorkflowStep { nameZh: string; nameEn: string; role: string; target: StepTarget }

export interface WorkflowDef {
  type: string;
  nameZh: string;
  nameEn: string;
  objectType: string;
  steps: WorkflowStep[];
  /** Run inside the transaction of the final decision: the module's object changes with it or not at all. */
  onApproved?(tx: Tx, request: ApprovalRow): Promise<void>;
  onRejected?(tx: Tx, request: ApprovalRow): Promise<void>;
  onReturned?(tx: Tx, request: ApprovalRow): Promise<void>;
}

const registry = new Map<string, WorkflowDef>();

export function registerWorkflow(def: WorkflowDef): void {
  if (def.steps.length === 0) throw new Error(`Workflow ${def.type} has no steps`);
  registry.set(def.type, def);
  addMessages('zh-CN', { [`workflow.${def.type}`]: def.nameZh });
  addMessages('en', { [`workflow.${def.type}`]: def.nameEn });
}

export const workflowOf = (type: string) => registry.get(type);
