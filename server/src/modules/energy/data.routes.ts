import { z } from 'zod';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Page } from '@guanjia/contracts';
import { BillInput, BillResult, Denominator, DenominatorInput, EnergyType, Factor, FactorAffects, FactorAffectsQuery, FactorInput, FactorUpdate, HeatingSeason, HeatingSeasonInput, Institution, InstitutionInput, InstitutionQuery, MonthCreate, MonthData, MonthInput, MonthParams, YearMonth } from '@guanjia/contracts/energy';
import { audit } from '../../kernel/audit/audit.service';
import { conflict, forbidden, fromDbError, invalid, notFound } from '../../kernel/http/errors';
import { likePattern } from '../../kernel/http/paging';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { energyConsumption, energyDenominators, energyFactors, energyHeatingSeasons, energyInstitutions, energyTypes } from './energy.schema';
import { buildExport } from '../../kernel/excel/excel';
import { sendXlsx, today } from '../../kernel/excel/reply';
import type { DataScope } from '../../kernel/org/scope';
import { registerSheet } from './sheets';
import { assertInstitution, createBill, energyDbError, prepareEntries, readMonth, replaceMonth } from './consumption.service';

const tags = ['energy'];
const read = { permission: 'energy.read' };
const fill = { permission: 'energy.fill' };
const manage = { permission: 'energy.manage' };
const factorsPerm = { permission: 'energy.factors' };

const toDenominator = (d: typeof energyDenominators.$inferSelect): Denominator => ({
  id: d.id, effectiveFrom: d.effectiveFrom, headcount: d.headcount, floorArea: Number(d.floorArea), heatedArea: Number(d.heatedArea),
});
const toFactor = (f: typeof energyFactors.$inferSelect): Factor => ({
  id: f.id, kind: f.kind, energyType: f.energyType as Factor['energyType'], method: f.method, region: f.region, year: f.year, value: Number(f.value), source: f.source, updatedAt: f.updatedAt.toISOString(),
});

async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw energyDbError(e) ?? fromDbError(e) ?? e;
  }
}

export async function dataRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/energy/types', { config: read, schema: { tags, response: { 200: z.array(EnergyType) } } }, async () =>
    (await app.db.select().from(energyTypes).orderBy(asc(energyTypes.sort))).map((t) => ({ code: t.code as EnergyType['code'], nameZh: t.nameZh, nameEn: t.nameEn, unit: t.unit, liquid: t.liquid, isEnergy: t.isEnergy })));

  // ---- Institutions and their denominators -------------------------------------------------
  /** The register filtered by region, category and name or credit code (one query for the list and its export). */
  async function institutionRows(req: { scope: DataScope; query: z.infer<typeof InstitutionQuery> }, paged: boolean) {
    const q = req.query;
    if (q.unitId) await req.scope.assert(app.db, q.unitId);
    const under = q.unitId ? sql`and u.path like (select path from org_units where id = ${q.unitId}) || '%'` : sql``;
    const cat = q.category ? sql`and i.category = ${q.category}` : sql``;
    const search = q.q ? sql`and (u.name ilike ${likePattern(q.q)} or u.uscc ilike ${likePattern(q.q)})` : sql``;
    const where = sql`${req.scope.where(sql`i.org_unit_id`)} ${under} ${cat} ${search}`;
    const total = await app.db.execute(sql`select count(*)::int as n from energy_institutions i join org_units u on u.id = i.org_unit_id where ${where}`);
    const rows = await app.db.execute(sql`
      select i.org_unit_id, u.name, u.path, u.uscc, i.category, i.active,
        (select a.name from org_units a where u.path like a.path || '%' and a.kind = 'region' and a.id <> u.id order by length(a.path) desc limit 1) as region_name,
        d.id as d_id, d.effective_from::text as d_from, d.headcount, d.floor_area::float8 as floor_area, d.heated_area::float8 as heated_area
      from energy_institutions i join org_units u on u.id = i.org_unit_id
      left join lateral (select * from energy_denominators d where d.org_unit_id = i.org_unit_id order by effective_from desc limit 1) d on true
      where ${where} order by u.path ${paged ? sql`limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}` : sql``}`);
    return {
      total: (total.rows[0] as { n: number }).n,
      items: (rows.rows as Record<string, unknown>[]).map((x): Institution => ({
        orgUnitId: Number(x.org_unit_id), name: String(x.name), path: String(x.path), uscc: (x.uscc as string | null) ?? null, regionName: (x.region_name as string | null) ?? null,
        category: x.category as Institution['category'], active: Boolean(x.active),
        denominator: x.d_id === null ? null : { id: Number(x.d_id), effectiveFrom: String(x.d_from), headcount: Number(x.headcount), floorArea: Number(x.floor_area), heatedArea: Number(x.heated_area) },
      })),
    };
  }

  r.get('/api/energy/institutions', { config: read, schema: { tags, querystring: InstitutionQuery, response: { 200: Page(Institution) } } }, async (req) => {
    const { total, items } = await institutionRows(req, true);
    return { total, page: req.query.page, pageSize: req.query.pageSize, items };
  });

  /** The register as Excel, with the same filters as the list (all pages), in the layout of the base form 基本信息 plus name and region. */
  r.get('/api/energy/institutions/export', { config: read, schema: { tags, querystring: InstitutionQuery } }, async (req, reply) => {
    const { items } = await institutionRows(req, false);
    const zh = req.locale !== 'en';
    const cat = (c: string) => ({ organ: ['机关', 'Organ'], school: ['学校', 'School'], hospital: ['医院', 'Hospital'], other: ['其他', 'Other'] } as Record<string, [string, string]>)[c]![zh ? 0 : 1];
    const data = await buildExport(registerSheet, items.map((i) => ({
      name: i.name, uscc: i.uscc, regionName: i.regionName, category: cat(i.category), active: i.active,
      effectiveFrom: i.denominator?.effectiveFrom ?? null, headcount: i.denominator?.headcount ?? null, floorArea: i.denominator?.floorArea ?? null, heatedArea: i.denominator?.heatedArea ?? null,
    })), req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'energy.institution.export', objectType: 'energy_institution', after: { rows: items.length, filter: req.query } }));
    return sendXlsx(reply, data, `${zh ? '公共机构名录' : 'public-institutions'}-${today()}`);
  });

  r.post('/api/energy/institutions', { config: manage, schema: { tags, body: InstitutionInput, response: { 200: z.object({ orgUnitId: z.number() }) } } }, async (req) => {
    await req.scope.assert(app.db, req.body.orgUnitId);
    const unit = await app.db.execute(sql`select kind from org_units where id = ${req.body.orgUnitId} and active`);
    if ((unit.rows[0] as { kind?: string } | undefined)?.kind !== 'organ') throw invalid('energy_institution_kind', {}, 'body.orgUnitId');
    await withDbErrors(() => app.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(energyInstitutions).where(eq(energyInstitutions.orgUnitId, req.body.orgUnitId));
      if (existing) throw conflict('energy_institution_exists');
      await tx.insert(energyInstitutions).values({ orgUnitId: req.body.orgUnitId, category: req.body.category });
      if (req.body.denominator) await tx.insert(energyDenominators).values({ orgUnitId: req.body.orgUnitId, ...req.body.denominator, floorArea: String(req.body.denominator.floorArea), heatedArea: String(req.body.denominator.heatedArea) });
      await audit(tx, subjectOf(req), { action: 'energy.institution.create', objectType: 'energy_institution', objectId: req.body.orgUnitId, after: req.body });
    }));
    return { orgUnitId: req.body.orgUnitId };
  });

  r.patch('/api/energy/institutions/:id', { config: manage, schema: { tags, params: IdParam, body: z.object({ category: InstitutionInput.shape.category.optional(), active: z.boolean().optional() }), response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    await req.scope.assert(app.db, req.params.id);
    await app.db.transaction(async (tx) => {
      const [before] = await tx.select().from(energyInstitutions).where(eq(energyInstitutions.orgUnitId, req.params.id)).for('update');
      if (!before) throw notFound();
      const [after] = await tx.update(energyInstitutions).set(req.body).where(eq(energyInstitutions.orgUnitId, req.params.id)).returning();
      await audit(tx, subjectOf(req), { action: 'energy.institution.update', objectType: 'energy_institution', objectId: req.params.id, before, after });
    });
    return { ok: true as const };
  });

  r.get('/api/energy/institutions/:id/denominators', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(Denominator) } } }, async (req) => {
    await req.scope.assert(app.db, req.params.id);
    return (await app.db.select().from(energyDenominators).where(eq(energyDenominators.orgUnitId, req.params.id)).orderBy(desc(energyDenominators.effectiveFrom))).map(toDenominator);
  });

  r.post('/api/energy/institutions/:id/denominators', { config: fill, schema: { tags, params: IdParam, body: DenominatorInput, response: { 200: Denominator } } }, async (req) => {
    await req.scope.assert(app.db, req.params.id);
    await assertInstitution(app.db, req.params.id);
    const b = req.body;
    return withDbErrors(() => app.db.transaction(async (tx) => {
      const values = { orgUnitId: req.params.id, effectiveFrom: b.effectiveFrom, headcount: b.headcount, floorArea: String(b.floorArea), heatedArea: String(b.heatedArea) };
      const [before] = await tx.select().from(energyDenominators).where(and(eq(energyDenominators.orgUnitId, req.params.id), eq(energyDenominators.effectiveFrom, b.effectiveFrom)));
      const [row] = await tx.insert(energyDenominators).values(values)
        .onConflictDoUpdate({ target: [energyDenominators.orgUnitId, energyDenominators.effectiveFrom], set: values }).returning();
      await audit(tx, subjectOf(req), { action: 'energy.denominator.set', objectType: 'energy_institution', objectId: req.params.id, before: before ?? null, after: row });
      return toDenominator(row!);
    }));
  });

  // ---- Monthly consumption -------------------------------------------------------------------
  r.get('/api/energy/consumption/:unitId/:month', { config: read, schema: { tags, params: MonthParams, response: { 200: MonthData } } }, async (req) => {
    await req.scope.assert(app.db, req.params.unitId);
    await assertInstitution(app.db, req.params.unitId);
    return readMonth(app.db, req.params.unitId, req.params.month);
  });

  /** Which months of a year hold data (the filler's calendar). */
  r.get('/api/energy/consumption/:unitId', { config: read, schema: { tags, params: z.object({ unitId: z.coerce.number().int().positive() }), querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    response: { 200: z.array(z.object({ month: YearMonth, types: z.number().int(), costFen: z.number() })) } } }, async (req) => {
    await req.scope.assert(app.db, req.params.unitId);
    const rows = await app.db.execute(sql`select to_char(month, 'YYYY-MM') as month, count(distinct energy_type)::int as types, sum(cost_fen)::float8 as cost
      from energy_consumption where org_unit_id = ${req.params.unitId} and extract(year from month) = ${req.query.year} group by 1 order by 1`);
    return (rows.rows as { month: string; types: number; cost: number }[]).map((x) => ({ month: x.month, types: x.types, costFen: Number(x.cost) }));
  });

  r.post('/api/energy/consumption', { config: fill, schema: { tags, body: MonthCreate, response: { 200: MonthData } } }, async (req) => {
    const { orgUnitId, month, entries } = req.body;
    await req.scope.assert(app.db, orgUnitId);
    await assertInstitution(app.db, orgUnitId);
    const rows = await prepareEntries(app.db, orgUnitId, month, entries, actorOf(req).userId);
    return withDbErrors(() => app.db.transaction(async (tx) => {
      const billed = (await readMonth(tx, orgUnitId, month)).entries.find((e) => e.billId !== null && rows.some((x) => x.energyType === e.energyType));
      if (billed) throw conflict('energy_month_billed', { type: `@energy_type.${billed.energyType}` });
      await tx.insert(energyConsumption).values(rows);
      const after = await readMonth(tx, orgUnitId, month);
      await audit(tx, subjectOf(req), { action: 'energy.month.create', objectType: 'energy_month', objectId: `${orgUnitId}/${month}`, after: after.entries });
      return after;
    }));
  });

  r.put('/api/energy/consumption/:unitId/:month', { config: fill, schema: { tags, params: MonthParams, body: MonthInput, response: { 200: MonthData } } }, async (req) => {
    const { unitId, month } = req.params;
    await req.scope.assert(app.db, unitId);
    await assertInstitution(app.db, unitId);
    const rows = await prepareEntries(app.db, unitId, month, req.body.entries, actorOf(req).userId);
    return withDbErrors(() => app.db.transaction(async (tx) => {
      const before = await replaceMonth(tx, unitId, month, rows);
      const after = await readMonth(tx, unitId, month);
      await audit(tx, subjectOf(req), { action: 'energy.month.update', objectType: 'energy_month', objectId: `${unitId}/${month}`, before: before.entries, after: after.entries });
      return after;
    }));
  });

  r.post('/api/energy/bills', { config: fill, schema: { tags, body: BillInput, response: { 200: BillResult } } }, async (req) => {
    await req.scope.assert(app.db, req.body.orgUnitId);
    await assertInstitution(app.db, req.body.orgUnitId);
    if (req.body.quantity < 0 || req.body.costFen < 0) throw invalid('energy_negative', {}, 'body.quantity');
    if (req.body.costFen > 0 && req.body.quantity === 0) throw invalid('energy_cost_without_quantity', { type: `@energy_type.${req.body.energyType}` }, 'body.quantity');
    return withDbErrors(() => app.db.transaction(async (tx) => {
      const res = await createBill(tx, req.body, actorOf(req).userId);
      await audit(tx, subjectOf(req), { action: 'energy.bill.create', objectType: 'energy_bill', objectId: res.id, after: { ...req.body, portions: res.portions } });
      return res;
    }));
  });

  // ---- Factors -------------------------------------------------------------------------------
  r.get('/api/energy/factors', { config: read, schema: { tags, querystring: z.object({ kind: z.enum(['coal', 'co2', 'density']).optional() }), response: { 200: z.array(Factor) } } }, async (req) =>
    (await app.db.select().from(energyFactors).where(req.query.kind ? eq(energyFactors.kind, req.query.kind) : undefined)
      .orderBy(asc(energyFactors.kind), asc(energyFactors.energyType), asc(energyFactors.region), asc(energyFactors.year))).map(toFactor));

  /**
   * What a factor version governs: the years from its own until the next version of the same kind,
   * type, method and region; how many institution-months and institutions hold data of that type in
   * those years; and the version it takes over from.
   */
  async function affected(db: typeof app.db, f: { kind: string; energyType: string; method: string; region: string; year: number }): Promise<FactorAffects> {
    const same = sql`kind = ${f.kind} and energy_type = ${f.energyType} and method = ${f.method} and region = ${f.region}`;
    const next = await db.execute(sql`select min(year)::int as y from energy_factors where ${same} and year > ${f.year}`);
    const untilYear = (next.rows[0] as { y: number | null }).y;
    const n = await db.execute(sql`select count(*)::int as n, count(distinct org_unit_id)::int as i from energy_monthly where energy_type = ${f.energyType} and month >= make_date(${f.year}, 1, 1)
      ${untilYear ? sql`and month < make_date(${untilYear}, 1, 1)` : sql``}`);
    const prev = await db.execute(sql`select id, year, value::float8 as value, source from energy_factors where ${same} and year < ${f.year} order by year desc limit 1`);
    const p = prev.rows[0] as { id: number; year: number; value: number; source: string } | undefined;
    const c = n.rows[0] as { n: number; i: number };
    return { fromYear: f.year, untilYear: untilYear ? untilYear - 1 : null, monthlyRows: c.n, institutions: c.i, replaces: p ? { id: p.id, year: Number(p.year), value: Number(p.value), source: p.source } : null };
  }

  r.get('/api/energy/factors/affects', { config: read, schema: { tags, querystring: FactorAffectsQuery, response: { 200: FactorAffects } } }, async (req) => affected(app.db, req.query));

  // ---- Heating seasons (versioned per province) ------------------------------------------------
  r.get('/api/energy/heating-seasons', { config: read, schema: { tags, response: { 200: z.array(HeatingSeason) } } }, async () =>
    (await app.db.select().from(energyHeatingSeasons).orderBy(asc(energyHeatingSeasons.provinceCode), desc(energyHeatingSeasons.fromYear))));

  r.post('/api/energy/heating-seasons', { config: factorsPerm, schema: { tags, body: HeatingSeasonInput, response: { 200: HeatingSeason } } }, async (req) => {
    if (!req.scope.coversRoot) throw forbidden();
    return app.db.transaction(async (tx) => {
      const [dup] = await tx.select().from(energyHeatingSeasons).where(and(eq(energyHeatingSeasons.provinceCode, req.body.provinceCode), eq(energyHeatingSeasons.fromYear, req.body.fromYear)));
      if (dup) throw conflict('energy_season_exists', { year: req.body.fromYear });
      if (req.body.startsMd === req.body.endsMd) throw invalid('energy_season_dates', {}, 'body.endsMd');
      const [row] = await tx.insert(energyHeatingSeasons).values(req.body).returning();
      await audit(tx, subjectOf(req), { action: 'energy.heating_season.create', objectType: 'energy_heating_season', objectId: `${row!.provinceCode}/${row!.fromYear}`, after: row });
      return row!;
    });
  });

  r.post('/api/energy/factors', { config: factorsPerm, schema: { tags, body: FactorInput, response: { 200: Factor } } }, async (req) => {
    if (!req.scope.coversRoot) throw forbidden();
    const b = req.body;
    if ((b.kind === 'coal') !== (b.method !== 'none')) throw invalid('energy_factor_method', {}, 'body.method');
    return withDbErrors(() => app.db.transaction(async (tx) => {
      const [row] = await tx.insert(energyFactors).values({ ...b, value: String(b.value), createdBy: actorOf(req).userId }).returning();
      const affects = await affected(tx, row!);
      await audit(tx, subjectOf(req), { action: 'energy.factor.create', objectType: 'energy_factor', objectId: row!.id, after: { ...toFactor(row!), affects } });
      return toFactor(row!);
    }));
  });

  r.patch('/api/energy/factors/:id', { config: factorsPerm, schema: { tags, params: IdParam, body: FactorUpdate, response: { 200: Factor } } }, async (req) => {
    if (!req.scope.coversRoot) throw forbidden();
    return app.db.transaction(async (tx) => {
      const [before] = await tx.select().from(energyFactors).where(eq(energyFactors.id, req.params.id)).for('update');
      if (!before) throw notFound();
      const [row] = await tx.update(energyFactors).set({ value: String(req.body.value), source: req.body.source, updatedAt: new Date() }).where(eq(energyFactors.id, req.params.id)).returning();
      const affects = await affected(tx, row!);
      await audit(tx, subjectOf(req), { action: 'energy.factor.update', objectType: 'energy_factor', objectId: row!.id, before: toFactor(before), after: { ...toFactor(row!), affects } });
      return toFactor(row!);
    });
  });
}

