import { z } from 'zod';
import { asc, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, OrgUnit, OrgUnitCreate, OrgUnitHistoryEntry, OrgUnitMove, OrgUnitUpdate, Rank } from '@guanjia/contracts';
import { audit } from '../audit/audit.service';
import { buildExport } from '../excel/excel';
import { sendXlsx, today } from '../excel/reply';
import { defineSheet } from '../excel/sheet';
import { fromDbError, notFound } from '../http/errors';
import { actorOf, subjectOf } from '../http/types';
import { ranks } from './org.schema';
import { getUnit, insertUnit, listChildren, lockedParentOf, lockTree, moveUnit, searchUnits, toUnitDto, unitHistory, updateUnit } from './org.service';

const KIND = [
  { value: 'region', zh: '行政区划', en: 'Region' },
  { value: 'organ', zh: '机关单位', en: 'Organ' },
  { value: 'department', zh: '内设机构', en: 'Department' },
];
const LEVEL = [
  { value: 'central', zh: '中央', en: 'Central' },
  { value: 'provincial', zh: '省级', en: 'Provincial' },
  { value: 'prefectural', zh: '市级', en: 'Prefectural' },
  { value: 'county', zh: '县级', en: 'County' },
  { value: 'township', zh: '乡级', en: 'Township' },
];
const orgSheet = defineSheet<{ id: number; kind: string; name: string; parentName: string | null; regionCode: string | null; organLevel: string | null; uscc: string | null; active: boolean }>({
  name: { zh: '组织机构', en: 'Org units' },
  columns: [
    { key: 'id', header: { zh: '编号', en: 'ID' }, type: 'int', width: 8 },
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'enum', options: KIND },
    { key: 'name', header: { zh: '名称', en: 'Name' }, type: 'text', width: 36 },
    { key: 'parentName', header: { zh: '上级', en: 'Parent' }, type: 'text', width: 30 },
    { key: 'regionCode', header: { zh: '区划代码', en: 'Division code' }, type: 'text' },
    { key: 'organLevel', header: { zh: '机关级别', en: 'Organ level' }, type: 'enum', options: LEVEL },
    { key: 'uscc', header: { zh: '统一社会信用代码', en: 'Unified social credit code' }, type: 'text', width: 24 },
    { key: 'active', header: { zh: '启用', en: 'Active' }, type: 'bool', width: 8 },
  ],
});

const UNIQUE = { org_units_uscc_uq: 'uscc_taken', org_units_region_code_uq: 'region_code_taken' };
const tags = ['org'];

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'kernel.org.read' };
  const write = { permission: 'kernel.org.write' };

  r.get('/api/org/units', { config: read, schema: { tags, querystring: z.object({ parentId: z.coerce.number().int().positive().optional() }), response: { 200: z.array(OrgUnit) } } },
    (req) => listChildren(app.db, req.scope, req.query.parentId));

  r.get('/api/org/units/search', { config: read, schema: { tags, querystring: z.object({ q: z.string().trim().min(1).max(50) }), response: { 200: z.array(OrgUnit) } } },
    (req) => searchUnits(app.db, req.scope, req.query.q));

  r.get('/api/org/units/:id', { config: read, schema: { tags, params: IdParam, response: { 200: OrgUnit } } }, (req) => getUnit(app.db, req.scope, req.params.id));

  r.get('/api/org/units/:id/history', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(OrgUnitHistoryEntry) } } }, async (req) => {
    await req.scope.assert(app.db, req.params.id);
    return unitHistory(app.db, req.params.id);
  });

  r.post('/api/org/units', { config: write, schema: { tags, body: OrgUnitCreate, response: { 200: OrgUnit } } }, async (req) => {
    const actor = actorOf(req);
    try {
      const row = await app.db.transaction(async (tx) => {
        const parent = await lockedParentOf(tx, req.body.parentId);
        if (!parent || !req.scope.coversPath(parent.path)) throw notFound();
        const u = await insertUnit(tx, req.body, actor.userId, parent);
        await audit(tx, subjectOf(req), { action: 'org.unit.create', objectType: 'org_unit', objectId: u.id, after: u });
        return u;
      });
      return toUnitDto(row);
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
  });

  r.patch('/api/org/units/:id', { config: write, schema: { tags, params: IdParam, body: OrgUnitUpdate, response: { 200: OrgUnit } } }, async (req) => {
    const actor = actorOf(req);
    await req.scope.assert(app.db, req.params.id);
    try {
      await app.db.transaction(async (tx) => {
        const { before, after } = await updateUnit(tx, req.params.id, req.body, actor.userId);
        await audit(tx, subjectOf(req), { action: 'org.unit.update', objectType: 'org_unit', objectId: after.id, before, after });
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
    return getUnit(app.db, req.scope, req.params.id);
  });

  r.post('/api/org/units/:id/move', { config: write, schema: { tags, params: IdParam, body: OrgUnitMove, response: { 200: OrgUnit } } }, async (req) => {
    const actor = actorOf(req);
    await app.db.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      await req.scope.assert(tx, req.params.id);
      await req.scope.assert(tx, req.body.parentId);
      const { before, after } = await moveUnit(tx, req.params.id, req.body.parentId, actor.userId);
      await audit(tx, subjectOf(req), { action: 'org.unit.move', objectType: 'org_unit', objectId: after.id, before: { parentId: before.parentId, path: before.path }, after: { parentId: after.parentId, path: after.path } });
    });
    return getUnit(app.db, req.scope, req.params.id);
  });

  r.get('/api/org/units/export', { config: read, schema: { tags, querystring: z.object({ rootId: z.coerce.number().int().positive().optional() }) } }, async (req, reply) => {
    if (req.query.rootId) await req.scope.assert(app.db, req.query.rootId);
    const root = req.query.rootId ? sql`and u.path like (select path from org_units where id = ${req.query.rootId}) || '%'` : sql``;
    const rows = await app.db.execute(sql`select u.id, u.kind, u.name, p.name as "parentName", u.region_code as "regionCode", u.organ_level as "organLevel", u.uscc, u.active
      from org_units u left join org_units p on p.id = u.parent_id where ${req.scope.where(sql`u.id`)} ${root} order by u.path`);
    const data = await buildExport(orgSheet, rows.rows as never[], req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'org.unit.export', objectType: 'org_unit', after: { rows: rows.rows.length, rootId: req.query.rootId ?? null } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'org-units' : '组织机构'}-${today()}`);
  });

  r.get('/api/org/ranks', { config: { permission: 'kernel.self' }, schema: { tags, response: { 200: z.array(Rank) } } }, () =>
    app.db.select({ code: ranks.code, nameZh: ranks.nameZh, nameEn: ranks.nameEn }).from(ranks).orderBy(asc(ranks.sort)));
}
