import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { today } from '../excel/reply';
import type { MetricDef, MetricQuery } from './metrics';

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

async function resolveSources(db: Db, patterns: string[]): Promise<string[]> {
  const like = sql`array[${sql.join(patterns.map((x) => sql`${x}`), sql`, `)}]::text[]`;
  const find = () => db.execute(sql`select c.relname as t, exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'metric_version') as has
    from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and c.relname like any (${like}) and c.relname not in ('metric_cache', 'metric_source_versions') order by 1`);
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

/** What a value computed now would be computed from. */
async function stampOf(db: Db, tables: string[], def: MetricDef): Promise<string> {
  const r = await db.execute(sql`select coalesce(sum(version), 0)::text as v, (select count(*) from schema_migrations)::int as m
    from metric_source_versions where table_name in (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})`);
  const row = r.rows[0] as { v: string; m: number };
  return `${row.v}.${row.m}.${codeHash(def)}`;
}

/**
 * A metric's value through the cache (see above). `todayIso` (Shanghai) decides whether the
 * period has ended; tests pass it to pin the day.
 */
export async function computeMetric(db: Handle, def: MetricDef, q: MetricQuery, todayIso: string = today()): Promise<number | null> {
  if (def.cache === false || inTransaction(db)) return def.compute(db, q);
  const root = db as Db;
  let tables: string[];
  try {
    tables = await metricSourceTables(root, def);
  } catch {
    return def.compute(db, q); // no cache rather than no figure
  }
  const stamp = await stampOf(root, tables, def);
  const closed = q.to < todayIso;
  const hit = await root.execute(sql`select value from metric_cache
    where metric_key = ${def.key} and unit_id = ${q.unitId} and from_date = ${q.from}::date and to_date = ${q.to}::date and stamp = ${stamp}
      ${closed ? sql`` : sql`and computed_at > now() - make_interval(secs => ${OPEN_PERIOD_TTL_MS / 1000})`}`);
  if (hit.rows.length > 0) return (hit.rows[0] as { value: number | null }).value;
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
