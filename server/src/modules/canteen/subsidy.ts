import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import { submitApproval } from '../../kernel/approvals/approvals.service';
import { registerWorkflow } from '../../kernel/approvals/workflows';
import { AppError, conflict } from '../../kernel/http/errors';
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
    const b = (await tx.execute(sql`select id, canteen_id as "canteenId", month, lines from canteen_subsidy_batches where id = ${id} for update`)).rows[0] as
      { id: number; canteenId: number; month: string; lines: { userId: number; amountFen: number }[] };
    const fund = await systemAccount(tx, b.canteenId, 'subsidy');
    for (const l of b.lines) {
      await post(tx, { kind: 'subsidy', from: fund, to: await personAccount(tx, l.userId), amountFen: l.amountFen, key: `subsidy:${b.id}:${l.userId}`, canteenId: b.canteenId, memo: b.month, createdBy: request.applicantId });
    }
    await tx.execute(sql`update canteen_subsidy_batches set status = 'approved' where id = ${id}`);
  },
  async onRejected(tx, request) {
    await tx.execute(sql`update canteen_subsidy_batches set status = 'rejected' where id = ${Number(request.objectId)}`);
  },
});

export async function startSubsidyBatch(tx: Tx, who: AuditSubject & { userId: number; orgUnitId: number }, canteenId: number, month: string) {
  const c = await loadCanteen(tx, canteenId);
  const lines = (await tx.execute(sql`select d.user_id as "userId", k.id as "categoryId", k.monthly_subsidy_fen as "amountFen"
    from canteen_diners d join canteen_diner_categories k on k.id = d.category_id join users x on x.id = d.user_id
    where d.canteen_id = ${c.id} and k.monthly_subsidy_fen > 0 and x.active order by d.user_id`)).rows as { userId: number; categoryId: number; amountFen: number }[];
  if (lines.length === 0) throw new AppError('canteen_subsidy_empty', 400);
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  const ins = await tx.execute(sql`insert into canteen_subsidy_batches (canteen_id, org_unit_id, month, people, total_fen, lines, created_by)
    values (${c.id}, ${c.orgUnitId}, ${month}, ${lines.length}, ${total}, ${JSON.stringify(lines)}::jsonb, ${who.userId})
    on conflict (canteen_id, month) where status <> 'rejected' do nothing returning id`);
  const id = (ins.rows[0] as { id: number } | undefined)?.id;
  if (!id) throw conflict('canteen_subsidy_exists', { month });
  const approvalId = await submitApproval(tx, who, { workflow: 'canteen.subsidy', objectId: id, title: `${c.name} ${month} 伙食补贴 ${lines.length} 人 ¥${(total / 100).toFixed(2)}`, payload: { month, people: lines.length, totalFen: total } });
  await tx.execute(sql`update canteen_subsidy_batches set approval_id = ${approvalId} where id = ${id}`);
  return { id, canteenId: c.id, month, status: 'pending', people: lines.length, totalFen: total, approvalId };
}
