import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../kernel/audit/audit.service';
import { subjectOf } from '../../kernel/http/types';
import { buildExport } from '../../kernel/excel/excel';
import { sendXlsx, today } from '../../kernel/excel/reply';
import { defineSheet } from '../../kernel/excel/sheet';
import { rows } from './registry.service';
import { listVacateTasks } from './persons.service';
import { RECT_COLUMNS, RECT_FROM, REQ_COLUMNS, REQ_FROM } from './cases.routes';
import { LEASE_COLUMNS, PROJECT_COLUMNS } from './followup.routes';

const tags = ['office'];
const read = { permission: 'office.read' };
type Row = Record<string, string | number | null>;
const opts = (pairs: [string, string, string][]) => pairs.map(([value, zh, en]) => ({ value, zh, en }));

const RECT_STATUS = opts([['open', '整改中', 'Open'], ['closing', '销号审批中', 'Closing'], ['closed', '已销号', 'Closed']]);
const rectSheet = defineSheet<Row>({
  name: { zh: '超标整改', en: 'Rectification' },
  columns: [
    { key: 'orgUnitName', header: { zh: '使用单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'buildingName', header: { zh: '建筑', en: 'Building' }, type: 'text', width: 24 },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text' },
    { key: 'overArea', header: { zh: '超标面积(m²)', en: 'Over (m²)' }, type: 'decimal' },
    { key: 'openedOn', header: { zh: '立案日期', en: 'Opened on' }, type: 'date' },
    { key: 'deadline', header: { zh: '整改期限', en: 'Deadline' }, type: 'date' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: RECT_STATUS },
    { key: 'measures', header: { zh: '整改措施', en: 'Measures' }, type: 'text', width: 40 },
  ],
});
const VACATE_STATUS = opts([['open', '待腾退', 'To vacate'], ['closing', '腾退审批中', 'Awaiting approval'], ['done', '已腾退', 'Vacated']]);
const KIND = opts([['main', '主办公室', 'Main office'], ['extra', '兼职办公室', 'Extra office']]);
const vacateSheet = defineSheet<Row>({
  name: { zh: '腾退跟踪', en: 'Vacating' },
  columns: [
    { key: 'orgUnitName', header: { zh: '单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'personName', header: { zh: '人员', en: 'Person' }, type: 'text' },
    { key: 'buildingName', header: { zh: '建筑', en: 'Building' }, type: 'text', width: 24 },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text' },
    { key: 'kind', header: { zh: '办公室类型', en: 'Office' }, type: 'enum', options: KIND },
    { key: 'dueOn', header: { zh: '应腾退日期', en: 'Due on' }, type: 'date' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: VACATE_STATUS },
    { key: 'vacatedOn', header: { zh: '腾退日期', en: 'Vacated on' }, type: 'date' },
  ],
});
const REQ_KIND = opts([['allocation', '分配', 'Allocation'], ['repair', '维修', 'Repair'], ['disposal', '处置', 'Disposal']]);
const REQ_STATUS = opts([['pending', '审批中', 'Pending'], ['approved', '已批准', 'Approved'], ['rejected', '未批准', 'Rejected'], ['returned', '已退回', 'Returned']]);
const requestSheet = defineSheet<Row>({
  name: { zh: '分配维修处置申请', en: 'Requests' },
  columns: [
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'enum', options: REQ_KIND },
    { key: 'orgUnitName', header: { zh: '申请单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text' },
    { key: 'neededArea', header: { zh: '申请面积(m²)', en: 'Area asked (m²)' }, type: 'decimal' },
    { key: 'reason', header: { zh: '事由', en: 'Reason' }, type: 'text', width: 40 },
    { key: 'path', header: { zh: '方式', en: 'Path / method' }, type: 'text' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: REQ_STATUS },
    { key: 'certificateNo', header: { zh: '配置证号', en: 'Certificate no.' }, type: 'text' },
    { key: 'decidedOn', header: { zh: '决定日期', en: 'Decided on' }, type: 'date' },
  ],
});
const LEASE_STATUS = opts([['upcoming', '未开始', 'Upcoming'], ['active', '履行中', 'Active'], ['ended', '已到期', 'Ended']]);
const leaseSheet = defineSheet<Row>({
  name: { zh: '租用', en: 'Leases' },
  columns: [
    { key: 'orgUnitName', header: { zh: '使用单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'lessor', header: { zh: '出租方', en: 'Lessor' }, type: 'text', width: 24 },
    { key: 'address', header: { zh: '地址', en: 'Address' }, type: 'text', width: 30 },
    { key: 'area', header: { zh: '面积(m²)', en: 'Area (m²)' }, type: 'decimal' },
    { key: 'startOn', header: { zh: '起租日期', en: 'Start' }, type: 'date' },
    { key: 'endOn', header: { zh: '到期日期', en: 'End' }, type: 'date' },
    { key: 'rent', header: { zh: '年租金(元)', en: 'Annual rent (yuan)' }, type: 'decimal', width: 16 },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: LEASE_STATUS },
  ],
});
const PROJECT_STATUS = opts([['planned', '待开工', 'Planned'], ['under_construction', '在建', 'Under construction'], ['completed', '已竣工', 'Completed']]);
const projectSheet = defineSheet<Row>({
  name: { zh: '建设项目', en: 'Construction projects' },
  columns: [
    { key: 'name', header: { zh: '项目名称', en: 'Project' }, type: 'text', width: 30 },
    { key: 'orgUnitName', header: { zh: '使用单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'area', header: { zh: '面积(m²)', en: 'Area (m²)' }, type: 'decimal' },
    { key: 'budget', header: { zh: '投资估算(元)', en: 'Budget (yuan)' }, type: 'decimal', width: 16 },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: PROJECT_STATUS },
    { key: 'startedOn', header: { zh: '开工日期', en: 'Started on' }, type: 'date' },
    { key: 'completedOn', header: { zh: '竣工日期', en: 'Completed on' }, type: 'date' },
    { key: 'buildingName', header: { zh: '入账建筑', en: 'Building entered' }, type: 'text', width: 24 },
  ],
});

/** Fen as yuan, a number (Excel sums it). */
const yuan = (fen: unknown) => (fen === null || fen === undefined ? null : Number(fen) / 100);

/** Excel exports of the case lists (rectification, vacating, requests, leases, projects), with the list's filter and the caller's scope. */
export async function listExportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const send = async (req: Parameters<typeof subjectOf>[0] & { locale: 'zh-CN' | 'en' }, reply: Parameters<typeof sendXlsx>[0], sheet: typeof rectSheet, list: Row[], what: string, zh: string, en: string) => {
    const data = await buildExport(sheet, list, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: `office.${what}.export`, objectType: `office_${what}`, after: { rows: list.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? en : zh}-${today()}`);
  };
  r.get('/api/office/rectifications/export', { config: read, schema: { tags, querystring: z.object({ status: z.enum(['open', 'closing', 'closed']).optional() }) } }, async (req, reply) => {
    const list = await rows<Row>(app.db, sql`select ${RECT_COLUMNS} from ${RECT_FROM} where ${req.scope.where(sql`c.org_unit_id`)} ${req.query.status ? sql`and c.status = ${req.query.status}` : sql``} order by c.deadline, c.id`);
    return send(req, reply, rectSheet, list, 'rectification', '超标整改', 'rectification');
  });
  r.get('/api/office/vacate/export', { config: read, schema: { tags, querystring: z.object({ open: z.enum(['true', 'false']).default('true') }) } }, async (req, reply) => {
    const list = (await listVacateTasks(app.db, req.scope, req.query.open === 'true')) as Row[];
    return send(req, reply, vacateSheet, list, 'vacate_task', '腾退跟踪', 'vacating');
  });
  r.get('/api/office/requests/export', { config: read, schema: { tags, querystring: z.object({ kind: z.enum(['allocation', 'repair', 'disposal']).optional() }) } }, async (req, reply) => {
    const list = await rows<Row>(app.db, sql`select ${REQ_COLUMNS} from ${REQ_FROM} where ${req.scope.where(sql`q.org_unit_id`)} ${req.query.kind ? sql`and q.kind = ${req.query.kind}` : sql``} order by q.id desc`);
    return send(req, reply, requestSheet, list.map((x) => ({ ...x, path: x.path ?? x.method ?? '' })), 'request', '分配维修处置申请', 'requests');
  });
  r.get('/api/office/leases/export', { config: read, schema: { tags } }, async (req, reply) => {
    const list = await rows<Row>(app.db, sql`select ${LEASE_COLUMNS} from office_leases l join org_units g on g.id = l.org_unit_id where ${req.scope.where(sql`l.org_unit_id`)} order by l.id desc`);
    return send(req, reply, leaseSheet, list.map((x) => ({ ...x, rent: yuan(x.annualRentFen) })), 'lease', '租用', 'leases');
  });
  r.get('/api/office/projects/export', { config: read, schema: { tags } }, async (req, reply) => {
    const list = await rows<Row>(app.db, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where ${req.scope.where(sql`p.org_unit_id`)} order by p.id desc`);
    return send(req, reply, projectSheet, list.map((x) => ({ ...x, budget: yuan(x.budgetFen) })), 'project', '建设项目', 'projects');
  });
}
