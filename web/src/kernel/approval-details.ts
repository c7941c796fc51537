import type { ComponentType } from 'react';

/** What a module's view of an approval's object receives. */
export interface ApprovalDetailProps {
  approvalId: number;
  /** The approval's object, as the workflow's module submitted it (`objectId`). */
  objectId: string;
}

/**
 * Module-provided views of an approval's object, shown inside the request in /approvals (between
 * its facts and its timeline), so the approver decides with what the module knows in front of
 * them. A module registers a lazy component per workflow type from its routes file.
 */
const views = new Map<string, ComponentType<ApprovalDetailProps>>();

export function registerApprovalDetail(workflow: string, view: ComponentType<ApprovalDetailProps>): void {
  views.set(workflow, view);
}

export const approvalDetailView = (workflow: string): ComponentType<ApprovalDetailProps> | undefined => views.get(workflow);
