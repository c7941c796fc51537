// npm run bench — runs each benchmark on PGlite and on PostgreSQL and prints a table and JSON.
// Figures are ratios against a ceiling measured in the same run: the machine is noisy.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { load, type LoadResult } from './load';
import { startPostgres } from './postgres';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'bench/server.ts')], { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    child.on('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return child;
}

/** The server's own pid (tsx runs it as a child of its launcher). */
function serverPid(child: ChildProcess): number {
  const kids = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return kids[0] ?? child.pid!;
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sysadmin', password: 'Guanjia@2026' }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

interface ModeResult { mode: string; bare: LoadResult; audited: LoadResult; ratio: number; rssAfterStartMb: number; rssPeakMb: number }

async function benchMode(mode: 'pglite' | 'postgres', env: NodeJS.ProcessEnv, port: number): Promise<ModeResult> {
  const child = await startServer(env, port);
  const pid = serverPid(child);
  try {
    const base = `http://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfterStartMb = rssMb(pid);
    let rssPeakMb = rssAfterStartMb;
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 200);
    const { cookie, csrf } = await signIn(base);
    const bareReq = () => ({ url: `${base}/bench/bare`, init: { method: 'POST' } });
    const auditedReq = (i: number) => ({
      url: `${base}/api/org/units`,
      init: { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'department', parentId: 2, name: `压测科室${i}` }) },
    });
    await load(bareReq, CLIENTS, 1500); // warm-up
    await load(auditedReq, CLIENTS, 1500);
    const bare = await load(bareReq, CLIENTS, DURATION);
    const audited = await load(auditedReq, CLIENTS, DURATION);
    clearInterval(sampler);
    return { mode, bare, audited, ratio: audited.rps / bare.rps, rssAfterStartMb, rssPeakMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Gzip'd JavaScript the login page loads, measured in Chromium. */
async function loginPageJs(): Promise<{ files: number; gzipKb: number } | undefined> {
  if (!fs.existsSync(path.join(root, 'web/dist/index.html')) || !fs.existsSync('/usr/bin/chromium')) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanjia-bench-web-'));
  const child = await startServer({ DATA_DIR: dir }, 3991);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    const urls = new Set<string>();
    page.on('response', (r) => void (r.request().resourceType() === 'script' && urls.add(r.url())));
    await page.goto('http://127.0.0.1:3991/login', { waitUntil: 'networkidle' });
    let bytes = 0;
    for (const u of urls) bytes += zlib.gzipSync(Buffer.from(await (await fetch(u)).arrayBuffer()), { level: 9 }).length;
    return { files: urls.size, gzipKb: bytes / 1024 };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results: ModeResult[] = [];
const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanjia-bench-'));
results.push(await benchMode('pglite', { DATA_DIR: pgliteDir }, 3990));
fs.rmSync(pgliteDir, { recursive: true, force: true });
const pg = process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL, stop: () => undefined } : startPostgres();
if (pg) {
  try {
    results.push(await benchMode('postgres', { DATABASE_URL: pg.url }, 3992));
  } finally {
    pg.stop();
  }
} else console.warn('PostgreSQL not found: PostgreSQL half skipped (install postgresql or set BENCH_DATABASE_URL)');
const js = await loginPageJs();

const f = (n: number, d = 1) => n.toFixed(d);
console.log(`\nAudited write (POST /api/org/units: auth, scope, validation, audit) vs ceiling (bare INSERT), ${CLIENTS} clients, ${DURATION / 1000} s each`);
console.log('mode      | bare req/s | audited req/s | ratio (aim ≥ 0.5) | audited p50 ms | audited p99 ms | bare p99 ms | errors | RSS start MB | RSS peak MB');
for (const r of results)
  console.log(`${r.mode.padEnd(9)} | ${f(r.bare.rps).padStart(10)} | ${f(r.audited.rps).padStart(13)} | ${f(r.ratio, 2).padStart(17)} | ${f(r.audited.p50).padStart(14)} | ${f(r.audited.p99).padStart(14)} | ${f(r.bare.p99).padStart(11)} | ${String(r.audited.errors + r.bare.errors).padStart(6)} | ${f(r.rssAfterStartMb, 0).padStart(12)} | ${f(r.rssPeakMb, 0).padStart(11)}`);
if (js) console.log(`\nLogin page JavaScript: ${js.files} files, ${f(js.gzipKb)} kB gzip (aim ≤ 350 kB)`);
const out = { at: new Date().toISOString(), clients: CLIENTS, seconds: DURATION / 1000, results, loginPageJs: js };
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(out, null, 2));
console.log(`\n${JSON.stringify(out)}`);
