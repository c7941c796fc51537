// npm run bench:canteen — the canteen's lunch rush on PostgreSQL: 5,000 diners each book a lunch
// and pre-order takeaway within a minute, from 200 concurrent clients (5 % of requests are retried
// with the same idempotency key, as a flaky phone network would). Throughput is reported as a ratio
// of the ceiling: a bare route doing one INSERT transaction on the same database, in the same run.
// Afterwards a reconciliation proves no double charge and no oversold item.
// Each client has its own keep-alive connection, as 200 phones would (BENCH_CONNECTIONS=16 makes the
// 200 clients share 16 connections instead, as behind a reverse proxy that keeps few upstream
// connections: then at most 16 requests are in the server at once, and group commit has less to
// group). The CPU used by the server, PostgreSQL and this load generator during each run is printed
// (from /proc), so a run on the shared 2-core machine shows where the time went.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { startPostgres } from './postgres';

const PORT = Number(process.env.BENCH_CANTEEN_PG_PORT ?? 5453);
const HTTP_PORT = 3993;
const DINERS = Number(process.env.BENCH_DINERS ?? 5000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? CLIENTS);
const STOCK = [1500, 1500, 1200];
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // BENCH_CPU_PROF_DIR=dir: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF_DIR;
  const child = prof
    ? spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${prof}`, '--import', 'tsx', path.join(root, 'bench/server.ts')], { cwd: root, env: { ...process.env, ...env, PORT: String(HTTP_PORT) }, stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'bench/server.ts')], { cwd: root, env: { ...process.env, ...env, PORT: String(HTTP_PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    child.on('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return child;
}

const shanghaiDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);
function nextMonday(): string {
  const d = new Date(`${shanghaiDay()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + (8 - (d.getUTCDay() || 7)));
  return d.toISOString().slice(0, 10);
}

interface Job { url: string; body: string; cookie: string; csrf: string; kind: 'booking' | 'order'; method?: 'GET' | 'POST' }
interface RunResult { requests: number; seconds: number; rps: number; p50: number; p99: number; byStatus: Record<string, number> }

/**
 * The load generator: `clients` concurrent clients (each sends its next request when the previous
 * one is answered) over `CONNECTIONS` keep-alive connections. Plain `node:http` (cheaper per request
 * than fetch): on a 2-core machine the generator competes with the server and PostgreSQL for the same CPUs.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
function send(job: Job): Promise<{ status: number; text: string }> {
  const u = new URL(job.url);
  const method = job.method ?? 'POST';
  const headers: Record<string, string | number> = { cookie: job.cookie };
  if (method === 'POST') Object.assign(headers, { 'x-csrf-token': job.csrf, 'content-type': 'application/json', 'content-length': Buffer.byteLength(job.body) });
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? job.body : undefined);
  });
}

/** Runs the jobs from a shared queue with `clients` concurrent clients. */
async function runJobs(jobs: Job[], clients: number): Promise<RunResult> {
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (;;) {
      const job = jobs[next++];
      if (!job) return;
      const t0 = performance.now();
      let key = 'network';
      try {
        const res = await send(job);
        key = res.status === 200 ? `${job.kind} 200` : `${job.kind} ${res.status} ${(/"code":"([^"]+)"/.exec(res.text) ?? [])[1] ?? ''}`;
      } catch {
        /* counted as network */
      }
      latencies.push(performance.now() - t0);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, p50: pct(50), p99: pct(99), byStatus };
}

/** CPU seconds (user + system) used so far by a process and all its descendants, live or exited (Linux /proc). */
function treeCpu(rootPid: number | undefined): number {
  if (!rootPid) return 0;
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, plus cutime + cstime: the CPU of children that already exited and were
      // reaped (PostgreSQL backends come and go with the pool's idle timeout).
      procs.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      /* gone */
    }
  }
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    ticks += procs.get(pid)?.ticks ?? 0;
    for (const [p, v] of procs) if (v.ppid === pid) stack.push(p);
  }
  return ticks / 100;
}
/** The postmaster listening on our port (its backends are its children). */
function postmasterPid(): number | undefined {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd.some((c) => c.endsWith('/postgres')) && cmd.join(' ').includes(`-p ${PORT}`)) return Number(name);
    } catch {
      /* gone */
    }
  }
  return undefined;
}
interface CpuSplit { server: number; postgres: number; loadGenerator: number }
function cpuNow(serverPid: number | undefined, pgPid: number | undefined): CpuSplit {
  const own = process.cpuUsage();
  return { server: treeCpu(serverPid), postgres: treeCpu(pgPid), loadGenerator: (own.user + own.system) / 1e6 };
}
const cpuDiff = (a: CpuSplit, b: CpuSplit): CpuSplit => ({ server: b.server - a.server, postgres: b.postgres - a.postgres, loadGenerator: b.loadGenerator - a.loadGenerator });

type GroupStats = Record<'bookings' | 'orders', { groups: number; items: number; largest: number }>;
async function groupStats(base: string): Promise<GroupStats> {
  return JSON.parse((await send({ url: `${base}/bench/groups`, body: '', cookie: '', csrf: '', kind: 'booking', method: 'GET' })).text) as GroupStats;
}

async function bare(n: number): Promise<RunResult> {
  const jobs: Job[] = Array.from({ length: n }, () => ({ url: `http://127.0.0.1:${HTTP_PORT}/bench/bare`, body: '{}', cookie: '', csrf: '', kind: 'booking' }));
  return runJobs(jobs, CLIENTS);
}

/** Gzip'd JavaScript of the phone pages, from the built web app (entry + static imports). */
function phoneJs(): number | null {
  const dist = path.join(root, 'web/dist');
  const htmlFile = path.join(dist, 'src/modules/canteen/phone/index.html');
  if (!fs.existsSync(htmlFile)) return null;
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(fs.readFileSync(htmlFile, 'utf8'))?.[1];
  if (!entry) return null;
  const seen = new Map<string, number>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    seen.set(file, zlib.gzipSync(code, { level: 9 }).length);
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)) visit(path.join(path.dirname(file), m[1]!));
    for (const m of code.matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)) visit(path.join(path.dirname(file), m[1]!));
  };
  visit(entry);
  return [...seen.values()].reduce((s, n) => s + n, 0) / 1024;
}

const pgServer = process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL, stop: () => undefined } : startPostgres(PORT);
if (!pgServer) throw new Error('PostgreSQL not found: install postgresql or set BENCH_DATABASE_URL');
let server: ChildProcess | undefined;
try {
  server = await startServer({ DATABASE_URL: pgServer.url });
  const db = new pg.Client({ connectionString: pgServer.url });
  await db.connect();
  const day = nextMonday();
  // Set-up (not measured): a department of DINERS staff under the province bureau, signed in,
  // each meal account topped up with ¥200; three takeaway items with limited stock.
  const bureau = (await db.query(`select c.id as canteen, c.org_unit_id as unit from canteen_canteens c where c.name = '省直机关第一食堂'`)).rows[0] as { canteen: number; unit: number };
  await db.query('begin');
  const dept = (await db.query(`insert into org_units (kind, parent_id, path, name) select 'department', id, path || 'bench/', '压测科' from org_units where id = $1 returning id`, [bureau.unit])).rows[0] as { id: number };
  await db.query(`update org_units set path = (select path from org_units where id = $1) || id || '/' where id = $2`, [bureau.unit, dept.id]);
  await db.query(`insert into users (username, display_name, org_unit_id, password_hash, must_change_password)
    select 'bench' || g, '压测职工' || g, $1, (select password_hash from users where username = 'hlj.staff'), false from generate_series(1, $2) g`, [dept.id, DINERS]);
  await db.query(`insert into role_assignments (user_id, role_id, scope_unit_id) select x.id, (select id from roles where code = 'employee'), $1 from users x where x.username like 'bench%'`, [dept.id]);
  const tokens = Array.from({ length: DINERS }, () => randomBytes(24).toString('hex'));
  await db.query(`insert into sessions (id, user_id, csrf_token) select t.h, x.id, 'csrf-' || x.id
    from unnest($1::text[]) with ordinality t(h, n) join users x on x.username = 'bench' || t.n`, [tokens.map(sha256)]);
  await db.query(`insert into canteen_accounts (kind, org_unit_id, user_id) select 'person', org_unit_id, id from users where username like 'bench%'`);
  await db.query(`insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo)
    select 'topup', (select id from canteen_accounts where canteen_id = $1 and kind = 'cash'), a.id, 20000, 'bench:topup:' || a.id, $1, 'bench'
    from canteen_accounts a join users x on x.id = a.user_id where x.username like 'bench%'`, [bureau.canteen]);
  const items = (await db.query(`insert into canteen_takeaway_items (canteen_id, org_unit_id, day, name, unit, price_fen, stock, remaining, slots, order_cutoff)
    select $1, $2, $3::date, n, '份', p, s, s, '{17:00-17:30,17:30-18:00}', ($3::date + time '15:00') at time zone 'Asia/Shanghai'
    from unnest($4::text[], $5::int[], $6::int[]) as t(n, p, s) returning id`, [bureau.canteen, bureau.unit, day, ['压测水饺', '压测豆包', '压测酱肉'], [1800, 150, 4800], STOCK])).rows as { id: number }[];
  await db.query('commit');
  const users = (await db.query(`select id, username from users where username like 'bench%' order by id`)).rows as { id: number; username: string }[];
  const base = `http://127.0.0.1:${HTTP_PORT}`;
  // Half the diners also pre-order dishes with the booking (a staple and one other dish from the menu).
  const menu = (await db.query(`select d.id, d.category from canteen_menu_items m join canteen_dishes d on d.id = m.dish_id where m.canteen_id = $1 and m.day = $2 and m.meal = 'lunch' order by d.id`, [bureau.canteen, day])).rows as { id: number; category: string }[];
  const staples = menu.filter((d) => d.category === 'staple');
  const others = menu.filter((d) => d.category !== 'staple');
  const jobs: Job[] = [];
  users.forEach((u, i) => {
    const cookie = `gj_sid=${tokens[Number(u.username.slice(5)) - 1]}`;
    const csrf = `csrf-${u.id}`;
    const booking = { url: `${base}/api/canteen/my/bookings`, body: JSON.stringify({ canteenId: bureau.canteen, day, meal: 'lunch', idempotencyKey: `bench-b-${u.id}`,
      ...(i % 2 === 0 && staples.length > 0 && others.length > 0 ? { dishes: [{ dishId: staples[i % staples.length]!.id, portions: 1 + (i % 3) }, { dishId: others[i % others.length]!.id, portions: 1 }] } : {}) }), cookie, csrf, kind: 'booking' as const };
    const order = { url: `${base}/api/canteen/my/orders`, body: JSON.stringify({ itemId: items[i % items.length]!.id, quantity: 1 + (i % 2), slot: '17:00-17:30', idempotencyKey: `bench-o-${u.id}` }), cookie, csrf, kind: 'order' as const };
    jobs.push(booking, order);
    if (i % 20 === 0) jobs.push(booking, order); // a retried request: same key
  });
  // Shuffle deterministically so retries and items interleave.
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
  }
  const pgPid = postmasterPid();
  await bare(2000); // warm-up
  const cpu0 = cpuNow(server.pid, pgPid);
  const ceiling = await bare(jobs.length);
  const ceilingCpu = cpuDiff(cpu0, cpuNow(server.pid, pgPid));
  // Not measured: each diner opens the phone page (as they would before booking), so the rush
  // measures the two writes, not each session's first sign of life (grants cached per process,
  // last-seen written at most every 30 s per session — kernel behaviour).
  const open = await runJobs(users.map((u) => ({ url: `${base}/api/canteen/my/canteens`, body: '', cookie: `gj_sid=${tokens[Number(u.username.slice(5)) - 1]}`, csrf: '', kind: 'booking' as const, method: 'GET' as const })), CLIENTS);
  if ((open.byStatus['booking 200'] ?? 0) !== users.length) throw new Error(`opening the phone page failed: ${JSON.stringify(open.byStatus)}`);
  const loadBefore = os.loadavg();
  const cpu1 = cpuNow(server.pid, pgPid);
  const groupsBefore = await groupStats(base);
  const rush = await runJobs(jobs, CLIENTS);
  const rushCpu = cpuDiff(cpu1, cpuNow(server.pid, pgPid));
  const groupsAfter = await groupStats(base);
  const grouped = (k: 'bookings' | 'orders') => {
    const groups = groupsAfter[k].groups - groupsBefore[k].groups;
    const items = groupsAfter[k].items - groupsBefore[k].items;
    return { groups, requests: items, perGroup: groups > 0 ? items / groups : 0, largest: groupsAfter[k].largest };
  };
  const groups = { bookings: grouped('bookings'), orders: grouped('orders') };
  const loadAfter = os.loadavg();

  // Reconciliation.
  const q = async (s: string, p: unknown[] = []) => (await db.query(s, p)).rows[0] as Record<string, string | number>;
  const rec = {
    bookings: Number((await q(`select count(*) n from canteen_bookings b join users x on x.id = b.user_id where x.username like 'bench%'`)).n),
    doubleBookings: Number((await q(`select count(*) n from (select user_id from canteen_bookings where status <> 'cancelled' group by user_id, day, meal having count(*) > 1) d`)).n),
    chargesPerBookingOver1: Number((await q(`select count(*) n from (select key from canteen_ledger group by key having count(*) > 1) d`)).n),
    bookingsWithoutOneCharge: Number((await q(`select count(*) n from canteen_bookings b join users x on x.id = b.user_id where x.username like 'bench%'
      and (select count(*) from canteen_ledger l where l.key = 'booking:' || b.id || ':charge') <> 1`)).n),
    ordersWithoutOneCharge: Number((await q(`select count(*) n from canteen_takeaway_orders o join users x on x.id = o.user_id where x.username like 'bench%'
      and (select count(*) from canteen_ledger l where l.key = 'order:' || o.id || ':charge') <> 1`)).n),
    oversoldItems: Number((await q(`select count(*) n from canteen_takeaway_items i where i.id = any($1) and (i.remaining < 0 or i.stock - i.remaining <> (select coalesce(sum(quantity), 0) from canteen_takeaway_orders o where o.item_id = i.id and o.status <> 'cancelled'))`, [items.map((x) => x.id)])).n),
    soldPortions: Number((await q(`select coalesce(sum(quantity), 0) n from canteen_takeaway_orders where item_id = any($1)`, [items.map((x) => x.id)])).n),
    stock: STOCK.reduce((s, n) => s + n, 0),
    bookingsWithDishes: Number((await q(`select count(distinct bd.booking_id) n from canteen_booking_dishes bd join canteen_bookings b on b.id = bd.booking_id join users x on x.id = b.user_id where x.username like 'bench%'`)).n),
    writesWithoutOneAuditRecord: Number((await q(`select
        (select count(*) from canteen_bookings b join users x on x.id = b.user_id
          left join (select object_id, count(*) c from audit_log where action = 'canteen.booking.create' group by object_id) a on a.object_id = b.id::text
          where x.username like 'bench%' and coalesce(a.c, 0) <> 1)
      + (select count(*) from canteen_takeaway_orders o join users x on x.id = o.user_id
          left join (select object_id, count(*) c from audit_log where action = 'canteen.order.create' group by object_id) a on a.object_id = o.id::text
          where x.username like 'bench%' and coalesce(a.c, 0) <> 1) n`)).n),
    balancesOffLedger: Number((await q(`select count(*) n from canteen_accounts a where a.kind = 'person' and a.balance_fen <> coalesce((select sum(case when l.to_account_id = a.id then l.amount_fen else -l.amount_fen end) from canteen_ledger l where a.id in (l.from_account_id, l.to_account_id)), 0)`)).n),
    negativeBalances: Number((await q(`select count(*) n from canteen_accounts where kind = 'person' and balance_fen < -overdraft_fen`)).n),
    moneyIn: Number((await q(`select coalesce(sum(amount_fen), 0) n from canteen_ledger where kind = 'charge' and key like any(array['booking:%', 'order:%']) and from_account_id in (select a.id from canteen_accounts a join users x on x.id = a.user_id where x.username like 'bench%')`)).n),
    expectedMoneyIn: Number((await q(`select (select coalesce(sum(price_fen), 0) from canteen_bookings b join users x on x.id = b.user_id where x.username like 'bench%' and b.charged)
      + (select coalesce(sum(amount_fen), 0) from canteen_takeaway_orders o join users x on x.id = o.user_id where x.username like 'bench%' and o.charged) n`)).n),
  };
  await db.end();
  const ok = rec.doubleBookings === 0 && rec.chargesPerBookingOver1 === 0 && rec.bookingsWithoutOneCharge === 0 && rec.ordersWithoutOneCharge === 0
    && rec.oversoldItems === 0 && rec.writesWithoutOneAuditRecord === 0 && rec.soldPortions <= rec.stock && rec.balancesOffLedger === 0 && rec.negativeBalances === 0 && rec.moneyIn === rec.expectedMoneyIn;
  const js = phoneJs();
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(`\nCanteen lunch rush on PostgreSQL: ${DINERS} diners × (booking + pre-order), 5 % retried, ${CLIENTS} concurrent clients over ${CONNECTIONS} keep-alive connections`);
  console.log('run            | requests | seconds | req/s  | p50 ms | p99 ms');
  for (const [name, r] of [['bare INSERT', ceiling], ['lunch rush', rush]] as const)
    console.log(`${name.padEnd(14)} | ${String(r.requests).padStart(8)} | ${f(r.seconds).padStart(7)} | ${f(r.rps).padStart(6)} | ${f(r.p50).padStart(6)} | ${f(r.p99).padStart(6)}`);
  console.log('CPU seconds during the run (2 CPUs shared): run | server | PostgreSQL | load generator | per request ms (server / PostgreSQL)');
  for (const [name, c, r] of [['bare INSERT', ceilingCpu, ceiling], ['lunch rush', rushCpu, rush]] as const)
    console.log(`${name.padEnd(14)} | ${f(c.server).padStart(6)} | ${f(c.postgres).padStart(6)} | ${f(c.loadGenerator).padStart(6)} | ${f((c.server * 1000) / r.requests, 2)} / ${f((c.postgres * 1000) / r.requests, 2)}`);
  console.log(`ratio (lunch rush / ceiling, aim ≥ 0.5): ${f(rush.rps / ceiling.rps, 2)}; whole rush took ${f(rush.seconds)} s (aim: within 60 s)`);
  console.log('outcomes:', rush.byStatus);
  console.log(`group commit: bookings ${groups.bookings.requests} in ${groups.bookings.groups} groups (${f(groups.bookings.perGroup)} per group, largest ${groups.bookings.largest}); orders ${groups.orders.requests} in ${groups.orders.groups} groups (${f(groups.orders.perGroup)} per group, largest ${groups.orders.largest})`);
  console.log(`load average (1/5/15 min) before the rush: ${loadBefore.map((x) => x.toFixed(2)).join(' / ')}; after: ${loadAfter.map((x) => x.toFixed(2)).join(' / ')} (${os.cpus().length} CPUs)`);
  console.log('reconciliation:', rec, ok ? 'OK: no double charge, no oversold item, every write audited once' : 'FAILED');
  if (js !== null) console.log(`phone pages JavaScript: ${f(js)} kB gzip (aim ≤ 200 kB)`);
  const out = { at: new Date().toISOString(), diners: DINERS, clients: CLIENTS, connections: CONNECTIONS, cpuSeconds: { ceiling: ceilingCpu, rush: rushCpu }, loadBefore, loadAfter, ceiling, rush, ratio: rush.rps / ceiling.rps, groups, reconciliation: { ...rec, ok }, phonePagesJsGzipKb: js };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/canteen.json'), JSON.stringify(out, null, 2));
  if (!ok) process.exitCode = 1;
} finally {
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  pgServer.stop();
}
