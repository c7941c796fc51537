import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import { submitApproval, withdrawApproval } from '../../kernel/approvals/approvals.service';
import { audit } from '../../kernel/audit/audit.service';
import { registerWorkflow } from '../../kernel/approvals/workflows';
import { AppError, conflict, notFound } from '../../kernel/http/errors';
import { loadCanteen } from './booking.service';
import { personAccount, post, systemAccount } from './ledger';

/**
 * Monthly meal subsidies (伙食补贴) by diner category: the canteen computes a batch, the bureau
 * approves it, and on approval each registered diner is credited once (ledger key
 * `subsidy:<batch>:<user>`), all in the approval's transaction.
 */
registerWorkflow({
  type: 'canteen.subsidy',
  nameZh: '食堂伙食补贴发放',
  nameEn: 'Canteen meal subsidy batch',
  objectType: 'canteen_subsidy_batch',
  steps: [{ nameZh: '机关事务管理局审核', nameEn: 'Bureau review', role: 'bureau_staff', target: 'applicant_region' }],
  async onApproved(tx, request) {
    const id = Number(request.objectId);
    const b = (await tx.execute(sql`select id, canteen_id as "canteenId", month, status, lines from canteen_subsidy_batches where id = ${id} for update`)).rows[0] as
      { id: number; canteenId: number; month: string; status: string; lines: { userId: number; amountFen: number }[] };
    // A cancelled batch credits nothing (its request is withdrawn; this guards a stale decision).
    if (b.status !== 'pending' && b.status !== 'returned') throw conflict('canteen_subsidy_cancelled');
    const fund = await systemAccount(tx, b.canteenId, 'subsidy');
    for (const l of b.lines) {
      await post(tx, { kind: 'subsidy', from: fund, to: await personAccount(tx, l.userId), amountFen: l.amountFen, key: `subsidy:${b.id}:${l.userId}`, canteenId: b.canteenId, memo: b.month, createdBy: request.applicantId });
    }
    await tx.execute(sql`update canteen_subsidy_batches set status = 'approved' where id = ${id}`);
  },
  async onReturned(tx, request) {
    // Sent back for correction: no longer pending; the canteen corrects and resubmits, or cancels.
    await tx.execute(sql`update canteen_subsidy_batches set status = 'returned' where id = ${Number(request.objectId)} and status = 'pending'`);
  },
  async onRejected(tx, request) {
    await tx.execute(sql`update canteen_subsidy_batches set status = 'rejected' where id = ${Number(request.objectId)}`);
  },
});

type Who = AuditSubject & { userId: number; orgUnitId: number };
type Line = { userId: number; categoryId: number; amountFen: number };

/** The month's lines from the diners registered now and their categories' monthly subsidy. */
async function linesOf(tx: Tx, canteenId: number): Promise<Line[]> {
  const lines = (await tx.execute(sql`select d.user_id as "userId", k.id as "categoryId", k.monthly_subsidy_fen as "amountFen"
    from canteen_diners d join canteen_diner_categories k on k.id = d.category_id join users x on x.id = d.user_id
    where d.canteen_id = ${canteenId} and k.monthly_subsidy_fen > 0 and x.active order by d.user_id`)).rows as Line[];
  if (lines.length === 0) throw new AppError('canteen_subsidy_empty', 400);
  return lines;
}
const titleOf = (name: string, month: string, lines: Line[], total: number) => `${name} ${month} 伙食补贴 ${lines.length} 人 ¥${(total / 100).toFixed(2)}`;

/** A returned batch, locked, in the caller's scope (checked by the route). */
async function returnedBatch(tx: Tx, id: number) {
  const b = (await tx.execute(sql`select b.id, b.canteen_id as "canteenId", b.org_unit_id as "orgUnitId", b.month, b.status, b.people, b.total_fen::float8 as "totalFen", b.approval_id as "approvalId", a.status as "approvalStatus"
    from canteen_subsidy_batches b left join approval_requests a on a.id = b.approval_id where b.id = ${id} for update of b`)).rows[0] as
    { id: number; canteenId: number; orgUnitId: number; month: string; status: string; people: number; totalFen: number; approvalId: number | null; approvalStatus: string | null } | undefined;
  if (!b) throw notFound();
  if (b.status !== 'returned' || b.approvalStatus !== 'returned') throw conflict('canteen_subsidy_not_returned');
  return b;
}

/**
 * A returned batch corrected and sent again: its lines are recomputed from the diners and categories
 * as they are now (the canteen fixes those first), the returned request is withdrawn and a new one,
 * titled with the corrected figures, goes to the reviewer. Audited with before/after.
 */
export async function resubmitSubsidyBatch(tx: Tx, who: Who, id: number, comment?: string) {
  const b = await returnedBatch(tx, id);
  const c = await loadCanteen(tx, b.canteenId);
  const lines = await linesOf(tx, c.id);
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  await withdrawApproval(tx, who, b.approvalId!, comment ?? '更正后重新提交 / corrected and resubmitted');
  const approvalId = await submitApproval(tx, who, { workflow: 'canteen.subsidy', objectId: id, title: titleOf(c.name, b.month, lines, total), payload: { month: b.month, people: lines.length, totalFen: total, resubmitted: true } });
  await tx.execute(sql`update canteen_subsidy_batches set status = 'pending', people = ${lines.length}, total_fen = ${total}, lines = ${JSON.stringify(lines)}::jsonb, approval_id = ${approvalId} where id = ${id}`);
  const after = { id, canteenId: c.id, month: b.month, status: 'pending', people: lines.length, totalFen: total, approvalId };
  await audit(tx, who, { action: 'canteen.subsidy.resubmit', objectType: 'canteen_subsidy_batch', objectId: id, before: { status: b.status, people: b.people, totalFen: b.totalFen, approvalId: b.approvalId }, after: { ...after, comment: comment ?? null } });
  return after;
}

/** A returned batch given up: its request is withdrawn, nothing is credited, the month is free again. */
export async function cancelSubsidyBatch(tx: Tx, who: Who, id: number, reason?: string) {
  const b = await returnedBatch(tx, id);
  await withdrawApproval(tx, who, b.approvalId!, reason ?? '撤销补贴批次 / batch cancelled');
  await tx.execute(sql`update canteen_subsidy_batches set status = 'cancelled' where id = ${id}`);
  await audit(tx, who, { action: 'canteen.subsidy.cancel', objectType: 'canteen_subsidy_batch', objectId: id, before: { status: b.status }, after: { status: 'cancelled', reason: reason ?? null } });
  return { id, canteenId: b.canteenId, month: b.month, status: 'cancelled', people: b.people, totalFen: b.totalFen, approvalId: b.approvalId };
}

export async function startSubsidyBatch(tx: Tx, who: AuditSubject & { userId: number; orgUnitId: number }, canteenId: number, month: string) {
  const c = await loadCanteen(tx, canteenId);
  const lines = await linesOf(tx, c.id);
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  const ins = await tx.execute(sql`insert into canteen_subsidy_batches (canteen_id, org_unit_id, month, people, total_fen, lines, created_by)
    values (${c.id}, ${c.orgUnitId}, ${month}, ${lines.length}, ${total}, ${JSON.stringify(lines)}::jsonb, ${who.userId})
    on conflict (canteen_id, month) where status not in ('rejected', 'cancelled') do nothing returning id`);
  const id = (ins.rows[0] as { id: number } | undefined)?.id;
  if (!id) throw conflict('canteen_subsidy_exists', { month });
  const approvalId = await submitApproval(tx, who, { workflow: 'canteen.subsidy', objectId: id, title: titleOf(c.name, month, lines, total), payload: { month, people: lines.length, totalFen: total } });
  await tx.execute(sql`update canteen_subsidy_batches set approval_id = ${approvalId} where id = ${id}`);
  return { id, canteenId: c.id, month, status: 'pending', people: lines.length, totalFen: total, approvalId };
}
