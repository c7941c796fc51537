// npm run bench:energy — the energy module on PostgreSQL (port 5452): a generator for
// BENCH_INSTITUTIONS (10,000) institutions × 72 months × 8 energy types (≈5.8M rows), the province
// dashboard for one year drilled to prefectures (p50/p95) against the same aggregate over pre-summed
// rows, the cockpit's energy metrics for the province over several years (p50/p95 against pre-summed
// rows), a late month (incremental roll-up, checked against the raw rows), and bulk import rows/s
// against PostgreSQL's own COPY of the same rows. Results in bench/results/energy.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPostgres } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { insertEntries } from '../server/src/modules/energy/consumption.service';
import { compute } from '../server/src/modules/energy/indicators';
import { registerEnergyMetrics } from '../server/src/modules/energy/metrics';
import { getMetric, listMetrics } from '../server/src/kernel/metrics/metrics';
import { startPostgres } from './postgres';

// `npm run bench:energy -- --scale=0.1` runs a tenth of the institutions (and of the import rows).
const scaleArg = process.argv.find((a) => a.startsWith('--scale='));
const SCALE = scaleArg ? Number(scaleArg.slice('--scale='.length)) : 1;
const N = Math.round(Number(process.env.BENCH_INSTITUTIONS ?? 10_000) * SCALE);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const IMPORT_ROWS = Math.round(Number(process.env.BENCH_IMPORT_ROWS ?? 100_000) * SCALE);
const PORT = 5452;
const TYPES = ['electricity', 'water', 'heat', 'natural_gas', 'gasoline', 'diesel', 'coal', 'lpg'];
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const pg = startPostgres(PORT);
if (!pg) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql)');
const database = await openPostgres(pg.url, 4);
const db = database.db;
const out: Record<string, unknown> = { at: new Date().toISOString(), institutions: N, months: 72, types: TYPES.length };
try {
  await migrate(db);
  // Org tree: province 1, 13 prefectures (2–14), 4 counties each (100–151), institutions from 1000.
  await db.execute(sql`insert into org_units (id, kind, parent_id, path, name, region_code, region_level) values (1, 'region', null, '/1/', '黑龙江省', '230000', 'province')`);
  await db.execute(sql`insert into org_units (id, kind, parent_id, path, name, region_code, region_level)
    select p + 1, 'region', 1, '/1/' || (p + 1) || '/', '地区' || p, '23' || lpad(p::text, 2, '0') || '00', 'prefecture' from generate_series(1, 13) p`);
  await db.execute(sql`insert into org_units (id, kind, parent_id, path, name, region_code, region_level)
    select 100 + (p - 1) * 4 + c, 'region', p + 1, '/1/' || (p + 1) || '/' || (100 + (p - 1) * 4 + c) || '/', '县' || p || '-' || c, '23' || lpad(p::text, 2, '0') || lpad((c + 1)::text, 2, '0'), 'county'
    from generate_series(1, 13) p, generate_series(0, 3) c`);
  await db.execute(sql`insert into org_units (id, kind, parent_id, path, name, organ_level)
    select 1000 + i, 'organ', 100 + i % 52, (select path from org_units where id = 100 + i % 52) || (1000 + i) || '/', '单位' || i, 'county' from generate_series(0, ${N - 1}) i`);
  await db.execute(sql`select setval(pg_get_serial_sequence('org_units', 'id'), 100000)`);
  await db.execute(sql`insert into energy_institutions (org_unit_id, category) select id, (array['organ','school','hospital','other'])[1 + id % 4] from org_units where kind = 'organ'`);
  await db.execute(sql`insert into energy_denominators (org_unit_id, effective_from, headcount, floor_area, heated_area)
    select org_unit_id, '2020-01-01', 50 + org_unit_id % 300, 2000 + org_unit_id % 9000, 1900 + org_unit_id % 9000 from energy_institutions`);
  await db.execute(sql`insert into energy_factors (kind, energy_type, method, region, year, value, source) values ('co2', 'electricity', 'none', 'national', 2020, 0.5568, 'bench')`);

  // Generator: set-based INSERT … SELECT generate_series with triggers and foreign-key checks off
  // (session_replication_role = replica, the bulk-load switch) and the indexes of the loaded tables
  // dropped and rebuilt afterwards (a sorted build is far cheaper than 5.8M random inserts), then every
  // summary built in bulk by energy_rebuild_summaries() — the function an operator runs after a bulk load.
  const gen0 = process.hrtime.bigint();
  let loadMs = 0;
  let summariesMs = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    const tables = ['energy_consumption', 'energy_monthly', 'energy_yearly', 'energy_node_monthly', 'energy_node_yearly', 'energy_node_denominators'];
    const idx = (await tx.execute(sql`select c.relname as tbl, i.relname as name, pg_get_indexdef(i.oid) as def, con.conname as con, pg_get_constraintdef(con.oid) as condef
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
      left join pg_constraint con on con.conindid = i.oid and con.contype in ('p', 'u')
      where c.relname in (${sql.join(tables.map((tb) => sql`${tb}`), sql`, `)})`)).rows as { tbl: string; name: string; def: string; con: string | null; condef: string | null }[];
    for (const i of idx) await tx.execute(sql.raw(i.con ? `alter table ${i.tbl} drop constraint ${i.con}` : `drop index ${i.name}`));
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating)
      select i.org_unit_id, m::date, t, round((10 + (i.org_unit_id * 7 + extract(month from m)::int * 13 + length(t)) % 1000)::numeric, 2), 100 * (1 + i.org_unit_id % 50), t = 'heat'
      from energy_institutions i, generate_series('2020-01-01'::date, '2025-12-01'::date, interval '1 month') m, unnest(${sql.raw(`array[${TYPES.map((x) => `'${x}'`).join(',')}]`)}) t`);
    await tx.execute(sql`set local session_replication_role = origin`);
    loadMs = ms(gen0);
    const sum0 = process.hrtime.bigint();
    await tx.execute(sql`select energy_rebuild_summaries()`);
    summariesMs = ms(sum0);
    for (const i of idx) await tx.execute(sql.raw(i.con ? `alter table ${i.tbl} add constraint ${i.con} ${i.condef}` : i.def));
  });
  const genMs = ms(gen0);
  const rows = Number(((await db.execute(sql`select count(*)::int as n from energy_consumption`)).rows[0] as { n: number }).n);
  await db.execute(sql`analyze`);
  out.generator = { rows, seconds: genMs / 1000, loadSeconds: loadMs / 1000, summariesSeconds: summariesMs / 1000, indexSeconds: (genMs - loadMs - summariesMs) / 1000, rowsPerSecond: Math.round(rows / (genMs / 1000)) };

  // The dashboard: province, one year, by prefecture. Ceiling: the same aggregate over pre-summed rows.
  await db.execute(sql`create table bench_presum as select split_part(u.path, '/', 3)::int as prefecture, y.energy_type, y.for_heating, y.year, sum(y.quantity) as q
    from energy_yearly y join org_units u on u.id = y.org_unit_id group by 1, 2, 3, 4`);
  await db.execute(sql`analyze bench_presum`);
  const dash: number[] = [];
  const ceil: number[] = [];
  const monthly: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = process.hrtime.bigint();
    await compute(db, { path: '/1/', from: '2025-01', to: '2025-12', method: 'calorific', group: 'child' });
    dash.push(ms(t0));
    t0 = process.hrtime.bigint();
    await db.execute(sql`select p.prefecture, sum(p.q * f.value) from bench_presum p
      join lateral (select value from energy_factors f where f.kind = 'coal' and f.energy_type = p.energy_type and f.method = 'calorific' and f.year <= p.year order by year desc limit 1) f on true
      where p.year = 2025 group by 1`);
    ceil.push(ms(t0));
    if (i < 5) {
      t0 = process.hrtime.bigint();
      await compute(db, { path: '/1/', from: '2025-01', to: '2025-11', method: 'calorific', group: 'child' });
      monthly.push(ms(t0));
    }
  }
  out.dashboard = {
    p50: pct(dash, 50), p95: pct(dash, 95), ceilingP50: pct(ceil, 50), ceilingP95: pct(ceil, 95), ratioP95: pct(dash, 95) / pct(ceil, 95), aimMs: 150,
    monthlyPathP50: pct(monthly, 50),
  };

  // The leaders' cockpit: the energy metrics of the kernel registry for the province. (a) One call over
  // several years with partial edges (March 2021 – October 2025: yearly roll-ups for 2022–2024, monthly
  // for the edges); ceiling: the same province total over pre-summed rows. (b) The cockpit's own set:
  // every energy metric for each of five years (one call per metric and year, concurrently on the pool);
  // ceiling: as many pre-summed queries, concurrently.
  // Registered when the module is imported (the migration step loads every module); register only if not.
  if (!getMetric('energy.per_capita')) registerEnergyMetrics();
  const energyMetrics = listMetrics().filter((m) => m.key.startsWith('energy.'));
  const perCapita = energyMetrics.find((m) => m.key === 'energy.per_capita')!;
  await db.execute(sql`create table bench_presum_den as select split_part(u.path, '/', 3)::int as prefecture, sum(d.headcount) as hc, sum(d.floor_area) as fa
    from energy_denominators d join org_units u on u.id = d.org_unit_id group by 1`);
  const ceilingQuery = (from: number, to: number) => db.execute(sql`select sum(p.q * f.value) / (select sum(hc) from bench_presum_den) from bench_presum p
    join lateral (select value from energy_factors f where f.kind = 'coal' and f.energy_type = p.energy_type and f.method = 'calorific' and f.year <= p.year order by year desc limit 1) f on true
    where p.year between ${from} and ${to}`);
  const spanMs: number[] = [];
  const spanCeil: number[] = [];
  const setMs: number[] = [];
  const setCeil: number[] = [];
  const years = [2021, 2022, 2023, 2024, 2025];
  for (let i = 0; i < RUNS; i++) {
    let t0 = process.hrtime.bigint();
    await perCapita.compute(db, { unitId: 1, path: '/1/', from: '2021-03-01', to: '2025-10-31' });
    spanMs.push(ms(t0));
    t0 = process.hrtime.bigint();
    await ceilingQuery(2021, 2025);
    spanCeil.push(ms(t0));
    t0 = process.hrtime.bigint();
    await Promise.all(energyMetrics.flatMap((m) => years.map((y) => m.compute(db, { unitId: 1, path: '/1/', from: `${y}-01-01`, to: `${y}-12-31` }))));
    setMs.push(ms(t0));
    t0 = process.hrtime.bigint();
    await Promise.all(energyMetrics.flatMap(() => years.map((y) => ceilingQuery(y, y))));
    setCeil.push(ms(t0));
  }
  out.cockpitMetrics = {
    metrics: energyMetrics.length, years: years.length,
    spanP50: pct(spanMs, 50), spanP95: pct(spanMs, 95), spanCeilingP95: pct(spanCeil, 95), spanRatioP95: pct(spanMs, 95) / pct(spanCeil, 95),
    setP50: pct(setMs, 50), setP95: pct(setMs, 95), setCeilingP95: pct(setCeil, 95), setRatioP95: pct(setMs, 95) / pct(setCeil, 95),
  };

  // A late month: 200 institutions' December 2025 arrives after the rest; the summaries take the delta.
  const late = sql`org_unit_id between 1000 and 1199 and month = '2025-12-01'`;
  await db.execute(sql`create table bench_late as select * from energy_consumption where ${late}`);
  await db.execute(sql`delete from energy_consumption where ${late}`);
  const before = await compute(db, { path: '/1/', from: '2025-01', to: '2025-12', method: 'calorific', group: 'child' });
  let t0 = process.hrtime.bigint();
  await db.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating) select org_unit_id, month, energy_type, quantity, cost_fen, for_heating from bench_late`);
  const lateMs = ms(t0);
  const after = await compute(db, { path: '/1/', from: '2025-01', to: '2025-12', method: 'calorific', group: 'child' });
  // Ground truth from the raw rows.
  const truth = await db.execute(sql`select split_part(u.path, '/', 3) as k, sum(c.quantity * (select value from energy_factors f where f.kind = 'coal' and f.energy_type = c.energy_type and f.method = 'calorific' and f.year <= 2025 order by year desc limit 1))::float8 as kgce
    from energy_consumption c join org_units u on u.id = c.org_unit_id join energy_types t on t.code = c.energy_type
    where c.month between '2025-01-01' and '2025-12-01' and t.is_energy group by 1`);
  let maxRelErr = 0;
  for (const r of truth.rows as { k: string; kgce: number }[]) {
    const got = after.groups.get(r.k)?.kgce ?? 0;
    maxRelErr = Math.max(maxRelErr, Math.abs(got - r.kgce) / r.kgce);
  }
  const drift = await db.execute(sql`select count(*)::int as n from (
    select org_unit_id, extract(year from month)::int as y, energy_type, for_heating, sum(quantity) as q from energy_consumption group by 1, 2, 3, 4
    except select org_unit_id, year, energy_type, for_heating, quantity from energy_yearly) d`);
  const changed = [...after.groups.values()].filter((g) => Math.abs(g.kgce - (before.groups.get(g.key)?.kgce ?? 0)) > 1e-6).length;
  out.lateMonth = { rows: 200 * TYPES.length, ms: lateMs, prefecturesChanged: changed, maxRelativeError: maxRelErr, summaryRowsOff: (drift.rows[0] as { n: number }).n, correct: maxRelErr < 1e-9 && (drift.rows[0] as { n: number }).n === 0 };

  // Bulk import: the import path (insertEntries: one INSERT … SELECT from a JSON payload per 50,000 rows
  // into energy_consumption, constraints, foreign keys and statement triggers included, one transaction)
  // against COPY of the same rows into a plain table of the same shape (the ceiling), and COPY into
  // energy_consumption itself (same constraints and triggers) for reference.
  const importRows = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
    orgUnitId: 1000 + (i % N), month: `2026-${String(1 + Math.floor(i / N) % 12).padStart(2, '0')}-01`, energyType: TYPES[Math.floor(i / (N * 12)) % TYPES.length]!,
    quantity: String(100 + (i % 97)), costFen: 1000 + (i % 13), forHeating: false,
  }));
  const csv = path.join(os.tmpdir(), `energy-bench-${process.pid}.csv`);
  fs.writeFileSync(csv, importRows.map((r) => `${r.orgUnitId},${r.month},${r.energyType},${r.quantity},${r.costFen},${r.forHeating}`).join('\n'));
  fs.chmodSync(csv, 0o644);
  await db.execute(sql`create table bench_copy (org_unit_id int, month date, energy_type text, quantity numeric(18,4), cost_fen bigint, for_heating boolean)`);
  t0 = process.hrtime.bigint();
  await db.execute(sql.raw(`copy bench_copy from '${csv}' with (format csv)`));
  const copyMs = ms(t0);
  t0 = process.hrtime.bigint();
  await db.transaction((tx) => insertEntries(tx, importRows));
  const importMs = ms(t0);
  // The same rows a year later, by COPY straight into energy_consumption.
  fs.writeFileSync(csv, importRows.map((r) => `${r.orgUnitId},${r.month.replace('2026', '2027')},${r.energyType},${r.quantity},${r.costFen},${r.forHeating}`).join('\n'));
  await db.execute(sql`insert into energy_factors (kind, energy_type, method, region, year, value, source) select kind, energy_type, method, region, 2027, value, 'bench' from energy_factors where year = 2020 and kind = 'coal' on conflict do nothing`);
  t0 = process.hrtime.bigint();
  await db.execute(sql.raw(`copy energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating) from '${csv}' with (format csv)`));
  const copyTableMs = ms(t0);
  // Where the import's time goes: EXPLAIN ANALYZE of the same insert (rolled back) lists each trigger's time.
  const explain: string[] = [];
  await db.execute(sql`delete from bench_copy where month >= '2026-01-01'`);
  await db.execute(sql.raw(`copy bench_copy from '${csv}' with (format csv)`));
  await db.transaction(async (tx) => {
    const r = await tx.execute(sql`explain (analyze) insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating)
      select org_unit_id, month + interval '1 year', energy_type, quantity, cost_fen, for_heating from bench_copy`);
    for (const x of r.rows as Record<string, string>[]) explain.push(Object.values(x)[0]!);
    tx.rollback();
  }).catch((e: unknown) => { if (!String(e).includes('Rollback')) throw e; });
  out.importExplain = explain.filter((l) => /Trigger|Execution Time|Planning Time/.test(l)).map((l) => l.trim());
  console.log((out.importExplain as string[]).join('\n'));
  fs.rmSync(csv, { force: true });
  out.import = { rows: IMPORT_ROWS, importRowsPerSecond: Math.round(IMPORT_ROWS / (importMs / 1000)), copyRowsPerSecond: Math.round(IMPORT_ROWS / (copyMs / 1000)), ratio: copyMs / importMs,
    copyIntoTableRowsPerSecond: Math.round(IMPORT_ROWS / (copyTableMs / 1000)), ratioToCopyIntoTable: copyTableMs / importMs };
} finally {
  await database.close();
  pg.stop();
}

fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/energy.json'), `${JSON.stringify(out, null, 2)}\n`);
const d = out.dashboard as { p50: number; p95: number; ceilingP95: number; ratioP95: number; monthlyPathP50: number; aimMs: number };
const l = out.lateMonth as Record<string, number | boolean>;
const c = out.cockpitMetrics as { metrics: number; years: number; spanP50: number; spanP95: number; spanCeilingP95: number; spanRatioP95: number; setP50: number; setP95: number; setCeilingP95: number; setRatioP95: number };
const im = out.import as { importRowsPerSecond: number; copyRowsPerSecond: number; ratio: number; copyIntoTableRowsPerSecond: number; ratioToCopyIntoTable: number };
const g = out.generator as { rows: number; seconds: number; loadSeconds: number; summariesSeconds: number; indexSeconds: number; rowsPerSecond: number };
console.table({
  generator: { value: `${g.rows} rows in ${g.seconds.toFixed(1)} s (load ${g.loadSeconds.toFixed(1)} s + summaries ${g.summariesSeconds.toFixed(1)} s + indexes ${g.indexSeconds.toFixed(1)} s)` },
  'dashboard p50 / p95': { value: `${d.p50.toFixed(1)} / ${d.p95.toFixed(1)} ms (aim ≤ ${d.aimMs} ms)` },
  'pre-summed ceiling p95': { value: `${d.ceilingP95.toFixed(2)} ms → ratio ${d.ratioP95.toFixed(1)}×` },
  'monthly path p50 (Jan–Nov)': { value: `${d.monthlyPathP50.toFixed(1)} ms` },
  'cockpit: one metric, province, Mar 2021 – Oct 2025 p50 / p95': { value: `${c.spanP50.toFixed(1)} / ${c.spanP95.toFixed(1)} ms; pre-summed ceiling p95 ${c.spanCeilingP95.toFixed(2)} ms → ratio ${c.spanRatioP95.toFixed(1)}×` },
  'cockpit: all energy metrics × 5 years p50 / p95': { value: `${c.metrics} × ${c.years} calls: ${c.setP50.toFixed(1)} / ${c.setP95.toFixed(1)} ms; ceiling p95 ${c.setCeilingP95.toFixed(2)} ms → ratio ${c.setRatioP95.toFixed(1)}×` },
  'late month': { value: `${l.rows} rows in ${(l.ms as number).toFixed(1)} ms, correct: ${String(l.correct)}` },
  'bulk import vs COPY': { value: `${im.importRowsPerSecond} vs ${im.copyRowsPerSecond} rows/s → ${(im.ratio * 100).toFixed(1)} % of COPY` },
  'COPY into energy_consumption': { value: `${im.copyIntoTableRowsPerSecond} rows/s → import is ${(im.ratioToCopyIntoTable * 100).toFixed(1)} % of it` },
});
