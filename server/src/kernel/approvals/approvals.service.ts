import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ApprovalRequest } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import type { Actor, AuditSubject } from '../auth/actor';
import { audit } from '../audit/audit.service';
import { AppError, conflict, invalid, notFound } from '../http/errors';
import { notify } from '../notifications/notifications.service';
import { approvalActions, approvalRequests } from './approvals.schema';
import { workflowOf, type ApprovalRow, type StepTarget, type WorkflowDef } from './workflows';

/** Resolves a step's target unit from the applicant's unit by walking up its path. */
export async function resolveTarget(tx: Tx | Db, applicantUnitId: number, target: StepTarget): Promise<number> {
  const r = await tx.execute(sql`select a.id, a.kind from org_units u
    join org_units a on u.path like a.path || '%' where u.id = ${applicantUnitId} order by length(a.path) desc`);
  const chain = r.rows as { id: number; kind: string }[]; // self first, root last
  if (chain.length === 0) throw notFound();
  const regions = chain.filter((u) => u.kind === 'region');
  switch (target) {
    case 'applicant_organ':
      return (chain.find((u) => u.kind === 'organ') ?? chain[0]!).id;
    case 'applicant_region':
      return (regions[0] ?? chain[chain.length - 1]!).id;
    case 'region_above':
      return (regions[1] ?? regions[0] ?? chain[chain.length - 1]!).id;
    case 'root':
      return chain[chain.length - 1]!.id;
  }
}

/** Users who hold the step's role over the step's unit, except the applicant and earlier deciders. */
export async function eligibleApprovers(tx: Tx | Db, role: string, unitId: number, requestId: number): Promise<number[]> {
  const r = await tx.execute(sql`select distinct ra.user_id from role_assignments ra
    join roles r on r.id = ra.role_id join org_units s on s.id = ra.scope_unit_id join users us on us.id = ra.user_id
    where r.code = ${role} and us.active and (select path from org_units where id = ${unitId}) like s.path || '%'
      and ra.user_id not in (${involvedSql(sql`${requestId}`)})`);
  return (r.rows as { user_id: number }[]).map((x) => x.user_id);
}

/**
 * Four eyes: the applicant never decides their own request, and nobody decides two of its steps
 * (`involved` = the applicant and everyone who already acted on it).
 */
export function canDecide(actor: Actor, row: Pick<ApprovalRow, 'status' | 'stepRole'>, stepUnitPath: string | null, involved: number[]): boolean {
  if (row.status !== 'pending' || !row.stepRole || !stepUnitPath || involved.includes(actor.userId)) return false;
  return actor.roles.some((r) => r.code === row.stepRole && stepUnitPath.startsWith(r.scopePath));
}

/** The applicant, and whoever approved a step since the request was last (re)submitted. */
export const involvedSql = (requestId: SQL) => sql`
  select applicant_id from approval_requests where id = ${requestId}
  union
  select actor_id from approval_actions where request_id = ${requestId} and action = 'approve'
    and id > (select max(id) from approval_actions where request_id = ${requestId} and action in ('submit', 'resubmit'))`;

async function involvedIn(tx: Tx | Db, requestId: number): Promise<number[]> {
  const r = await tx.execute(sql`select applicant_id as id from (${involvedSql(sql`${requestId}`)}) x`);
  return (r.rows as { id: number }[]).map((x) => x.id);
}

function mustWorkflow(type: string): WorkflowDef {
  const wf = workflowOf(type);
  if (!wf) throw new AppError('workflow_unknown', 400, { workflow: type });
  return wf;
}

async function enterStep(tx: Tx, wf: WorkflowDef, row: ApprovalRow, stepIndex: number): Promise<{ stepRole: string; stepUnitId: number }> {
  const step = wf.steps[stepIndex]!;
  const stepUnitId = await resolveTarget(tx, row.applicantUnitId, step.target);
  const approvers = await eligibleApprovers(tx, step.role, stepUnitId, row.id);
  const applicant = await tx.execute(sql`select display_name from users where id = ${row.applicantId}`);
  const applicantName = (applicant.rows[0] as { display_name: string } | undefined)?.display_name ?? '';
  await notify(tx, approvers, 'notify.approval.pending', { title: row.title, workflow: `@workflow.${wf.type}`, applicant: applicantName }, `/approvals?id=${row.id}`);
  return { stepRole: step.role, stepUnitId };
}

export interface SubmitInput { workflow: string; objectId: string | number; title: string; payload?: unknown }

/** Starts an approval for a module's object, inside the module's own transaction. */
export async function submitApproval(tx: Tx, who: AuditSubject & { userId: number; orgUnitId: number }, input: SubmitInput): Promise<number> {
  const wf = mustWorkflow(input.workflow);
  const [row] = await tx
    .insert(approvalRequests)
    .values({ workflow: wf.type, objectType: wf.objectType, objectId: String(input.objectId), title: input.title, applicantId: who.userId, applicantUnitId: who.orgUnitId, payload: input.payload ?? null })
    .returning();
  const step = await enterStep(tx, wf, row!, 0);
  await tx.update(approvalRequests).set(step).where(eq(approvalRequests.id, row!.id));
  await tx.insert(approvalActions).values({ requestId: row!.id, stepIndex: 0, actorId: who.userId, action: 'submit' });
  await audit(tx, who, { action: 'approval.submit', objectType: wf.objectType, objectId: row!.id, after: { workflow: wf.type, objectId: String(input.objectId), title: input.title } });
  return row!.id;
}

/** The applicant sends a returned request back into the first step. */
export async function resubmitApproval(tx: Tx, who: AuditSubject & { userId: number }, id: number): Promise<void> {
  const [row] = await tx.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  if (!row || row.applicantId !== who.userId) throw notFound();
  if (row.status !== 'returned') throw conflict('approval_not_pending');
  const wf = mustWorkflow(row.workflow);
  const step = await enterStep(tx, wf, row, 0);
  const done = await tx.update(approvalRequests).set({ ...step, status: 'pending', stepIndex: 0, version: sql`${approvalRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(approvalRequests.id, id), eq(approvalRequests.version, row.version))).returning({ id: approvalRequests.id });
  if (done.length === 0) throw conflict();
  await tx.insert(approvalActions).values({ requestId: id, stepIndex: 0, actorId: who.userId, action: 'resubmit' });
  await audit(tx, who, { action: 'approval.resubmit', objectType: row.objectType, objectId: id });
}

/**
 * Withdraws a pending or returned request (e.g. the module's object was cancelled). The module that
 * owns the object decides who may; the request leaves every approver's queue and cannot be resubmitted.
 */
export async function withdrawApproval(tx: Tx, who: AuditSubject & { userId: number }, id: number, comment?: string): Promise<void> {
  const done = await tx.update(approvalRequests).set({ status: 'withdrawn', stepRole: null, stepUnitId: null, version: sql`${approvalRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(approvalRequests.id, id), sql`${approvalRequests.status} in ('pending', 'returned')`))
    .returning({ objectType: approvalRequests.objectType, stepIndex: approvalRequests.stepIndex, status: approvalRequests.status });
  if (done.length === 0) throw conflict('approval_not_pending');
  await tx.insert(approvalActions).values({ requestId: id, stepIndex: done[0]!.stepIndex, actorId: who.userId, action: 'withdraw', comment: comment ?? null });
  await audit(tx, who, { action: 'approval.withdraw', objectType: done[0]!.objectType, objectId: id, after: { status: 'withdrawn', comment: comment ?? null } });
}

/**
 * One decision on the current step. The row is updated only if it still has the version the
 * approver saw: of two approvers acting at once, exactly one wins and the other gets 409.
 */
export async function decide(db: Db, actor: Actor, who: AuditSubject, id: number, d: { decision: 'approve' | 'reject' | 'return'; comment?: string | undefined; version: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(approvalRequests).where(eq(approvalRequests.id, id));
    if (!row) throw notFound();
    const pathRes = row.stepUnitId ? await tx.execute(sql`select path from org_units where id = ${row.stepUnitId}`) : undefined;
    const stepPath = (pathRes?.rows[0] as { path: string } | undefined)?.path ?? null;
    // A stale view (someone decided first) is a conflict, checked before who may decide the new step.
    if (row.status !== 'pending') throw conflict('approval_not_pending');
    if (row.version !== d.version) throw conflict();
    if (!canDecide(actor, row, stepPath, await involvedIn(tx, id))) throw new AppError('approval_not_yours', 403);
    // The applicant must learn why a request was turned down or sent back.
    if (d.decision !== 'approve' && !d.comment) throw invalid('approval_reason_required', {}, 'body.comment');
    const wf = mustWorkflow(row.workflow);
    const last = row.stepIndex === wf.steps.length - 1;
    let next: Partial<typeof approvalRequests.$inferInsert>;
    if (d.decision === 'approve' && !last) next = { stepIndex: row.stepIndex + 1, ...(await enterStep(tx, wf, row, row.stepIndex + 1)) };
    else next = { status: d.decision === 'approve' ? 'approved' : d.decision === 'reject' ? 'rejected' : 'returned', stepRole: null, stepUnitId: null };
    const updated = await tx
      .update(approvalRequests)
      .set({ ...next, version: sql`${approvalRequests.version} + 1`, updatedAt: new Date() })
      .where(and(eq(approvalRequests.id, id), eq(approvalRequests.version, d.version), eq(approvalRequests.status, 'pending')))
      .returning();
    if (updated.length === 0) throw conflict();
    const after = updated[0]!;
    await tx.insert(approvalActions).values({ requestId: id, stepIndex: row.stepIndex, actorId: actor.userId, action: d.decision, comment: d.comment ?? null });
    if (after.status === 'approved') await wf.onApproved?.(tx, after);
    if (after.status === 'rejected') await wf.onRejected?.(tx, after);
    if (after.status === 'returned') await wf.onReturned?.(tx, after);
    if (after.status !== 'pending')
      await notify(tx, [row.applicantId], 'notify.approval.decided', { title: row.title, workflow: `@workflow.${wf.type}`, decision: `@decision.${d.decision}`, comment: d.comment ? `:${d.comment}` : '' }, `/approvals?id=${id}`);
    await audit(tx, who, { action: `approval.${d.decision}`, objectType: row.objectType, objectId: id, before: { status: row.status, stepIndex: row.stepIndex }, after: { status: after.status, stepIndex: after.stepIndex, comment: d.comment ?? null } });
  });
}

export type { ApprovalRequest };
