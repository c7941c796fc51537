import { and, desc, lt, sql } from 'drizzle-orm';
import { defineSheet } from '../excel/sheet';
import { buildExportStreaming } from '../excel/excel';
import { registerJob, type JobContext } from '../jobs/jobs.service';
import { notify } from '../notifications/notifications.service';
import { storeFile } from '../files/files.service';
import { DataScope } from '../org/scope';
import { auditLog } from './audit.schema';
import { auditWhere, maskPii, type AuditFilter } from './audit.query';
import type { Locale } from '@guanjia/contracts';

const RESULT = [
  { value: 'ok', zh: '成功', en: 'OK' },
  { value: 'denied', zh: '拒绝', en: 'Denied' },
  { value: 'failed', zh: '失败', en: 'Failed' },
];
export const auditSheet = defineSheet<{ id: number; at: string; username: string | null; orgUnitId: number | null; ip: string | null; action: string; objectType: string | null; objectId: string | null; result: string; before: string; after: string }>({
  name: { zh: '审计日志', en: 'Audit log' },
  columns: [
    { key: 'id', header: { zh: '序号', en: 'No.' }, type: 'int', width: 10 },
    { key: 'at', header: { zh: '时间', en: 'Time' }, type: 'text', width: 20 },
    { key: 'username', header: { zh: '用户', en: 'User' }, type: 'text' },
    { key: 'orgUnitId', header: { zh: '组织编号', en: 'Org unit ID' }, type: 'int', width: 10 },
    { key: 'ip', header: { zh: 'IP', en: 'IP' }, type: 'text', width: 16 },
    { key: 'action', header: { zh: '操作', en: 'Action' }, type: 'text', width: 24 },
    { key: 'objectType', header: { zh: '对象类型', en: 'Object type' }, type: 'text' },
    { key: 'objectId', header: { zh: '对象', en: 'Object' }, type: 'text' },
    { key: 'result', header: { zh: '结果', en: 'Result' }, type: 'enum', options: RESULT, width: 8 },
    { key: 'before', header: { zh: '变更前', en: 'Before' }, type: 'text', width: 40 },
    { key: 'after', header: { zh: '变更后', en: 'After' }, type: 'text', width: 40 },
  ],
});

const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(d);

/** The audit export runs as a job: the log can be large, and the admin can leave and come back. */
registerJob('kernel.audit.export', async (ctx: JobContext) => {
  const { filter, paths, locale, orgUnitId } = ctx.payload as { filter: AuditFilter; paths: string[]; locale: Locale; orgUnitId: number };
  const where = auditWhere(new DataScope(paths), filter);
  const cap = 200_000;
  const total = Math.min(cap, ((await ctx.db.execute(sql`select count(*)::int as n from audit_log where ${where ?? sql`true`}`)).rows[0] as { n: number }).n);
  let rows = 0;
  const data = await buildExportStreaming(auditSheet, locale, async (add) => {
    let cursor = Number.MAX_SAFE_INTEGER;
    while (rows < cap) {
      const batch = await ctx.db.select().from(auditLog).where(and(where, lt(auditLog.id, cursor))).orderBy(desc(auditLog.id)).limit(Math.min(5000, cap - rows));
      if (batch.length === 0) break;
      for (const r of batch) add({ ...r, at: local(r.at), before: r.before ? JSON.stringify(maskPii(r.before)) : '', after: r.after ? JSON.stringify(maskPii(r.after)) : '' });
      rows += batch.length;
      cursor = batch[batch.length - 1]!.id;
      await ctx.progress(5 + (rows / Math.max(1, total)) * 90);
    }
  });
  const truncated = rows >= cap;
  const file = await storeFile(ctx.db, { objectType: 'job', objectId: String(ctx.jobId), orgUnitId, name: `${locale === 'en' ? 'audit-log' : '审计日志'}-${local(new Date()).slice(0, 10)}.xlsx`, data, uploadedBy: ctx.createdBy ?? 0 }, { internal: true });
  if (ctx.createdBy) await notify(ctx.db, [ctx.createdBy], 'notify.job.done', { name: locale === 'en' ? 'Audit log export' : '审计日志导出' }, `/admin/audit?job=${ctx.jobId}`);
  return { fileId: file.id, rows, truncated };
});
