import { sql, type SQL } from 'drizzle-orm';
import type { ApprovalRequest } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/actor';
import { notFound } from '../http/errors';
import { workflowOf } from './workflows';
import { involvedSql } from './approvals.service';

const SELECT = sql`select ar.*, u.display_name as applicant_name, ou.name as applicant_unit_name, su.path as step_path,
    array(${involvedSql(sql`ar.id`)}) as involved
  from approval_requests ar join users u on u.id = ar.applicant_id join org_units ou on ou.id = ar.applicant_unit_id
  left join org_units su on su.id = ar.step_unit_id`;

type Row = Record<string, unknown>;

function toDto(actor: Actor, r: Row): ApprovalRequest {
  const wf = workflowOf(r.workflow as string);
  const step = wf?.steps[r.step_index as number];
  const pending = r.status === 'pending';
  return {
    id: r.id as number, workflow: r.workflow as string, workflowNameZh: wf?.nameZh ?? (r.workflow as string), workflowNameEn: wf?.nameEn ?? (r.workflow as string),
    objectType: r.object_type as string, objectId: r.object_id as string, title: r.title as string, applicantId: r.applicant_id as number,
    applicantName: r.applicant_name as string, applicantUnitName: r.applicant_unit_name as string, status: r.status as ApprovalRequest['status'],
    stepIndex: r.step_index as number, stepCount: wf?.steps.length ?? 0, stepNameZh: pending ? (step?.nameZh ?? null) : null, stepNameEn: pending ? (step?.nameEn ?? null) : null,
    version: r.version as number,
    canDecide: pending && typeof r.step_path === 'string' && !(r.involved as number[]).includes(actor.userId)
      && actor.roles.some((x) => x.code === r.step_role && (r.step_path as string).startsWith(x.scopePath)),
    createdAt: new Date(r.created_at as string).toISOString(), updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

async function page(db: Db, actor: Actor, where: SQL, p: { page: number; pageSize: number }) {
  const rows = await db.execute(sql`${SELECT} where ${where} order by ar.updated_at desc, ar.id desc limit ${p.pageSize} offset ${(p.page - 1) * p.pageSize}`);
  const total = await db.execute(sql`select count(*)::int as n from approval_requests ar where ${where}`);
  return { items: (rows.rows as Row[]).map((r) => toDto(actor, r)), total: (total.rows[0] as { n: number }).n, page: p.page, pageSize: p.pageSize };
}

/** 待我审批: pending requests whose current step's role the user holds over the step's unit. */
export function inbox(db: Db, actor: Actor, p: { page: number; pageSize: number }) {
  return page(db, actor, sql`ar.status = 'pending'
    and ${actor.userId} not in (${involvedSql(sql`ar.id`)})
    and exists (
    select 1 from role_assignments ra join roles r on r.id = ra.role_id join org_units s on s.id = ra.scope_unit_id
    where ra.user_id = ${actor.userId} and r.code = ar.step_role
      and (select path from org_units where id = ar.step_unit_id) like s.path || '%')`, p);
}

export function mine(db: Db, actor: Actor, p: { page: number; pageSize: number }) {
  return page(db, actor, sql`ar.applicant_id = ${actor.userId}`, p);
}

/** Visible to the applicant, to whoever may decide it, and to approvers whose scope covers the applicant. */
function visible(actor: Actor): SQL {
  const scope = scopeOf(actor, 'kernel.approvals.decide');
  return sql`(ar.applicant_id = ${actor.userId} or ${scope.where(sql`ar.applicant_unit_id`)} or ar.id in (select request_id from approval_actions where actor_id = ${actor.userId}))`;
}

export async function detail(db: Db, actor: Actor, id: number) {
  const rows = await db.execute(sql`${SELECT} where ar.id = ${id} and ${visible(actor)}`);
  const row = rows.rows[0] as Row | undefined;
  if (!row) throw notFound();
  const actions = await db.execute(sql`select a.id, a.step_index, u.display_name as actor_name, a.action, a.comment, a.at
    from approval_actions a join users u on u.id = a.actor_id where a.request_id = ${id} order by a.id`);
  return {
    ...toDto(actor, row),
    timeline: (actions.rows as Row[]).map((a) => ({
      id: a.id as number, stepIndex: a.step_index as number, actorName: a.actor_name as string, action: a.action as 'approve',
      comment: (a.comment as string | null) ?? null, at: new Date(a.at as string).toISOString(),
    })),
  };
}

/** The approvals of one module object (its timeline on the object's page). */
export async function forObject(db: Db, actor: Actor, objectType: string, objectId: string) {
  return page(db, actor, sql`ar.object_type = ${objectType} and ar.object_id = ${objectId} and ${visible(actor)}`, { page: 1, pageSize: 50 });
}
