import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { today } from '../excel/reply';
import { listMetrics, type MetricDef, type MetricQuery } from './metrics';

/**
 * A cache of metric values (table `metric_cache`, kernel migration 0005). A value is stored with a
 * stamp of what it was computed from: the versions of its source tables (bumped by statement-level
 * triggers in the writing transaction, so a late report or a corrected factor invalidates every
 * value read from that table the moment it commits), the applied migrations and the metric's code.
 *
 * - A period that has ended (`to` before today in Shanghai) is kept until its data changes.
 * - A period that has not ended is kept at most `OPEN_PERIOD_TTL_MS` as well: its figure may move
 *   with the clock (a meal not yet served, a day not yet over) without any table changing.
 * - A metric with `cache: false`, or a call inside a transaction (its uncommitted writes are not
 *   everyone's truth), computes directly.
 * - Concurrent requests for the same value share one computation.
 * - The version triggers are installed at boot (`installMetricTriggers`), not on a first read.
 * - Warmers (`registerMetricWarmer`) fill it ahead of time: the kernel job `kernel.metrics.warm`
 *   runs them after boot and again whenever a source table changed or open periods near expiry.
 */
export const OPEN_PERIOD_TTL_MS = 5 * 60_000;

type Handle = Db | Tx;
const inTransaction = (db: Handle) => 'rollback' in db;

const tablesMemo = new WeakMap<object, Map<string, Promise<string[]>>>();
const inflightMemo = new WeakMap<object, Map<string, Promise<number | null>>>();
const codeHashes = new WeakMap<MetricDef, string>();

const perDb = <T>(memo: WeakMap<object, Map<string, T>>, db: object): Map<string, T> => {
  let m = memo.get(db);
  if (!m) memo.set(db, (m = new Map()));
  return m;
};

/** The default sources of a metric: its module's tables, `<module>_…`. */
export const defaultSources = (def: Pick<MetricDef, 'key'>): string[] => [`${def.key.split('.')[0]}\\_%`];

/**
 * The tables a metric reads (its `sources`, else its module's tables, plus org_units), each with
 * the version trigger in place (added here for module tables, which the kernel migration predates).
 */
export async function metricSourceTables(db: Db, def: MetricDef): Promise<string[]> {
  const memo = perDb(tablesMemo, db);
  let p = memo.get(def.key);
  if (!p) {
    p = resolveSources(db, [...(def.sources ?? defaultSources(def)), 'org_units']);
    memo.set(def.key, p);
    p.catch(() => memo.delete(def.key));
  }
  return p;
}

/** A pattern starting with `!` leaves matching tables out (e.g. a module's own kept summaries). */
async function resolveSources(db: Db, patterns: string[]): Promise<string[]> {
  const arr = (xs: string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;
  const like = arr(patterns.filter((x) => !x.startsWith('!')));
  const unlike = arr(['metric\\_cache', 'metric\\_source\\_versions', ...patterns.filter((x) => x.startsWith('!')).map((x) => x.slice(1))]);
  const find = () => db.execute(sql`select c.relname as t, exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'metric_version') as has
    from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and c.relname like any (${like}) and not c.relname like any (${unlike}) order by 1`);
  let rows = (await find()).rows as { t: string; has: boolean }[];
  if (rows.some((r) => !r.has)) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
      for (const { t } of rows) {
        await tx.execute(sql`insert into metric_source_versions (table_name) values (${t}) on conflict do nothing`);
        const has = await tx.execute(sql`select 1 from pg_trigger where tgrelid = ${t}::regclass and tgname = 'metric_version'`);
        if (has.rows.length === 0) await tx.execute(sql`create trigger metric_version after insert or update or delete or truncate on ${sql.identifier(t)} for each statement execute function metric_source_bump()`);
      }
    });
    rows = (await find()).rows as { t: string; has: boolean }[];
  }
  return rows.map((r) => r.t);
}

function codeHash(def: MetricDef): string {
  let h = codeHashes.get(def);
  if (!h) codeHashes.set(def, (h = createHash('sha1').update(def.compute.toString()).digest('hex').slice(0, 12)));
  return h;
}

/** Inside `warmMetricCache`: open-period values older than this are computed again. */
const refreshing = new AsyncLocalStorage<{ openOlderThanMs: number }>();

/** One value asked of the cache. */
export interface MetricRequest { def: MetricDef; q: MetricQuery }
/** Its answer: the value, or the error its computation threw (one failing metric does not fail the others). */
export type MetricAnswer = { value: number | null } | { error: unknown };

/**
 * A metric's value through the cache (see above). `todayIso` (Shanghai) decides whether the
 * period has ended; tests pass it to pin the day.
 */
export async function computeMetric(db: Handle, def: MetricDef, q: MetricQuery, todayIso: string = today()): Promise<number | null> {
  const [a] = await computeMetrics(db, [{ def, q }], todayIso);
  if ('error' in a!) throw a.error;
  return a!.value;
}

const settle = async (p: Promise<number | null>): Promise<MetricAnswer> => {
  try {
    return { value: await p };
  } catch (error) {
    return { error };
  }
};

/**
 * Many values through the cache at once (a screen's figures): one query finds every stamp and
 * every cached value; only the misses are computed (concurrently, each stored with the stamp read
 * before its computation). Answers come in the order asked.
 */
export async function computeMetrics(db: Handle, reqs: MetricRequest[], todayIso: string = today()): Promise<MetricAnswer[]> {
  const out: MetricAnswer[] = new Array(reqs.length);
  if (reqs.length === 0) return out;
  if (inTransaction(db)) {
    for (let i = 0; i < reqs.length; i++) out[i] = await settle(reqs[i]!.def.compute(db, reqs[i]!.q));
    return out;
  }
  const root = db as Db;
  const tablesOf = new Map<string, string[] | null>();
  for (const { def } of reqs) {
    if (def.cache === false || tablesOf.has(def.key)) continue;
    tablesOf.set(def.key, await metricSourceTables(root, def).catch(() => null)); // no cache rather than no figure
  }
  const cached = reqs.map((r, i) => ({ r, i })).filter(({ r }) => r.def.cache !== false && tablesOf.get(r.def.key));
  const direct = reqs.map((r, i) => ({ r, i })).filter(({ r }) => !(r.def.cache !== false && tablesOf.get(r.def.key)));
  const maxAgeMs = refreshing.getStore()?.openOlderThanMs ?? OPEN_PERIOD_TTL_MS;
  const stamps = new Map<number, string>();
  if (cached.length > 0) {
    const asked = JSON.stringify(cached.map(({ r, i }) => ({
      i, k: r.def.key, u: r.q.unitId, f: r.q.from, t: r.q.to, tb: tablesOf.get(r.def.key)!.join(','), h: codeHash(r.def), c: r.q.to < todayIso,
    })));
    // One stamp per metric (not per value asked), then every cached value by primary key.
    const res = await root.execute(sql`with r as (select * from jsonb_to_recordset(${asked}::jsonb) as x(i int, k text, u int, f date, t date, tb text, h text, c boolean)),
        m as (select count(*)::text as n from schema_migrations),
        s as (select d.k, (select coalesce(sum(v.version), 0)::text from metric_source_versions v where v.table_name = any(string_to_array(d.tb, ','))) || '.' || m.n || '.' || d.h as stamp
          from (select distinct k, tb, h from r) d cross join m)
      select r.i, s.stamp, c.value, c.metric_key is not null as hit
      from r join s on s.k = r.k
      left join metric_cache c on c.metric_key = r.k and c.unit_id = r.u and c.from_date = r.f and c.to_date = r.t and c.stamp = s.stamp
        and (r.c or c.computed_at > now() - make_interval(secs => ${maxAgeMs / 1000}))`);
    for (const row of res.rows as { i: number; stamp: string; value: number | string | null; hit: boolean }[]) {
      if (row.hit) out[row.i] = { value: row.value === null ? null : Number(row.value) };
      else stamps.set(row.i, row.stamp);
    }
  }
  await Promise.all([
    ...direct.map(async ({ r, i }) => { out[i] = await settle(r.def.compute(root, r.q)); }),
    ...[...stamps].map(async ([i, stamp]) => { out[i] = await settle(fill(root, reqs[i]!.def, reqs[i]!.q, stamp)); }),
  ]);
  return out;
}

/** Computes a missing value and stores it with the stamp read before; concurrent requests for it share one computation. */
function fill(root: Db, def: MetricDef, q: MetricQuery, stamp: string): Promise<number | null> {
  const inflight = perDb(inflightMemo, root);
  const k = `${def.key}|${q.unitId}|${q.from}|${q.to}|${stamp}`;
  let p = inflight.get(k);
  if (!p) {
    p = (async () => {
      const v = await def.compute(root, q);
      if (v === null || Number.isFinite(v)) {
        await root.execute(sql`insert into metric_cache (metric_key, unit_id, from_date, to_date, value, stamp)
          values (${def.key}, ${q.unitId}, ${q.from}::date, ${q.to}::date, ${v}, ${stamp})
          on conflict (metric_key, unit_id, from_date, to_date) do update set value = excluded.value, stamp = excluded.stamp, computed_at = now()`);
      }
      return v;
    })();
    inflight.set(k, p);
    void p.then(() => inflight.delete(k), () => inflight.delete(k));
  }
  return p;
}

/**
 * Puts the version trigger on every registered metric's source tables (and org_units), at boot
 * after the migrations: a first read then finds them in place. Tables created later still get
 * theirs on first use.
 */
export async function installMetricTriggers(db: Db): Promise<string[]> {
  // Metric by metric: one metric's exclusions (`!…`) must not hide another's sources.
  const tables = new Set<string>();
  for (const d of listMetrics().filter((x) => x.cache !== false)) for (const t of await metricSourceTables(db, d)) tables.add(t);
  return [...tables].sort();
}

/** Code that reads metrics the way a screen does, run ahead of time to fill the cache (e.g. the province cockpit). */
export type MetricWarmer = (db: Db) => Promise<void>;
const warmers = new Map<string, MetricWarmer>();

/** Registers a warmer under a name (a module's `<module>.<what>`); the kernel job runs them all. */
export function registerMetricWarmer(name: string, warm: MetricWarmer): void {
  warmers.set(name, warm);
}

/** Open-period values are recomputed by the warm job once they are this old (before they expire). */
export const WARM_OPEN_AFTER_MS = OPEN_PERIOD_TTL_MS - 90_000; // the minute job then always renews them before they expire
const lastWarm = new WeakMap<object, { versions: string; at: number }>();

/**
 * Runs every warmer unless nothing changed since this process last did (no source table written,
 * open-period values not yet near expiry); `force` runs them anyway. Values still fresh are cache
 * hits, so a warm run costs what changed. A failing warmer does not stop the others.
 */
export async function warmMetricCache(db: Db, opts: { force?: boolean; now?: number } = {}): Promise<{ warmed: string[]; skipped: boolean; failed: string[] }> {
  const now = opts.now ?? Date.now();
  const v = await db.execute(sql`select coalesce(sum(version), 0)::text || '.' || (select count(*) from schema_migrations)::text as v from metric_source_versions`);
  const versions = (v.rows[0] as { v: string }).v;
  const last = lastWarm.get(db);
  if (!opts.force && last && last.versions === versions && now - last.at < WARM_OPEN_AFTER_MS) return { warmed: [], skipped: true, failed: [] };
  const warmed: string[] = [];
  const failed: string[] = [];
  await refreshing.run({ openOlderThanMs: WARM_OPEN_AFTER_MS }, async () => {
    for (const [name, warm] of warmers) {
      try {
        await warm(db);
        warmed.push(name);
      } catch {
        failed.push(name);
      }
    }
  });
  lastWarm.set(db, { versions, at: now });
  return { warmed, skipped: false, failed };
}
