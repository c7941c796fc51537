import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Job } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import { jobs } from './jobs.schema';

export interface JobContext {
  db: Db;
  jobId: number;
  payload: Record<string, unknown>;
  createdBy: number | null;
  /** 0–100, shown as the progress bar of long work. */
  progress(percent: number): Promise<void>;
}
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

/** A recurring job: one run per slot (hour, or day at a local time), whichever instance gets it. */
export interface Schedule { name: string; every: 'minute' | 'hour' | 'day'; at?: string; payload?: Record<string, unknown> }

const handlers = new Map<string, JobHandler>();
const schedules: Schedule[] = [];

export const registerJob = (name: string, handler: JobHandler) => void handlers.set(name, handler);
export const registerSchedule = (s: Schedule) => void schedules.push(s);

export async function enqueue(db: Db | Tx, name: string, payload: Record<string, unknown> = {}, opts: { createdBy?: number; runAt?: Date } = {}): Promise<number> {
  if (!handlers.has(name)) throw new Error(`No job handler ${name}`);
  const [row] = await db.insert(jobs).values({ name, payload, createdBy: opts.createdBy ?? null, runAt: opts.runAt ?? new Date() }).returning({ id: jobs.id });
  return row!.id;
}

export function toJobDto(j: typeof jobs.$inferSelect): Job {
  return {
    id: j.id, name: j.name, status: j.status, progress: j.progress, result: j.result ?? null, error: j.error,
    createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
  };
}

/** The slot a schedule is due for now, in Asia/Shanghai time; undefined before a daily run's time. */
export function slotOf(s: Schedule, now = new Date()): string | undefined {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(now); // 2026-11-27 10:05
  const [date, time] = local.split(' ') as [string, string];
  if (s.every === 'minute') return `${date}T${time}`;
  if (s.every === 'hour') return `${date}T${time.slice(0, 2)}`;
  return time >= (s.at ?? '00:00') ? date : undefined;
}

const LEASE_SECONDS = 300;

/**
 * Polls the jobs table. Claiming uses FOR UPDATE SKIP LOCKED, so two instances never take the same
 * job; a job whose worker died (lease expired) is taken again, up to its max attempts.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(private readonly db: Db, private readonly pollMs = 1000) {}

  start(): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      await this.tick().catch(() => undefined);
      if (!this.stopped) this.timer = setTimeout(loop, this.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** One round: enqueue due schedule slots, then run every claimable job. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      await this.scheduleDue();
      let ran = 0;
      while (!this.stopped && (await this.runOne())) ran++;
      return ran;
    } finally {
      this.running = false;
    }
  }

  private async scheduleDue(): Promise<void> {
    for (const s of schedules) {
      const slot = slotOf(s);
      if (!slot) continue;
      await this.db.execute(sql`insert into jobs (name, payload, slot) values (${s.name}, ${JSON.stringify(s.payload ?? {})}::jsonb, ${slot})
        on conflict (name, slot) where slot is not null do nothing`);
    }
  }

  private async runOne(): Promise<boolean> {
    const claimed = await this.db.execute(sql`
      update jobs set status = 'running', locked_by = ${this.workerId}, locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
      where id = (
        select id from jobs
        where (status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now() and attempts < max_attempts)
        order by run_at, id limit 1 for update skip locked)
      returning id, name, payload, created_by, attempts, max_attempts`);
    const job = claimed.rows[0] as { id: number; name: string; payload: Record<string, unknown>; created_by: number | null; attempts: number; max_attempts: number } | undefined;
    if (!job) return false;
    const handler = handlers.get(job.name);
    const finish = (status: 'done' | 'failed' | 'queued', fields: { result?: unknown; error?: string }) =>
      this.db.update(jobs).set({ status, ...fields, lockedBy: null, lockedUntil: null, ...(status === 'queued' ? {} : { finishedAt: new Date(), progress: status === 'done' ? 100 : undefined }) })
        .where(eq(jobs.id, job.id));
    if (!handler) {
      await finish('failed', { error: `no handler for ${job.name}` });
      return true;
    }
    try {
      const result = await handler({
        db: this.db, jobId: job.id, payload: job.payload, createdBy: job.created_by,
        progress: async (p) => void (await this.db.update(jobs).set({ progress: Math.max(0, Math.min(99, Math.round(p))), lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` }).where(eq(jobs.id, job.id))),
      });
      await finish('done', { result: result ?? null });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await finish(job.attempts < job.max_attempts ? 'queued' : 'failed', { error });
    }
    return true;
  }
}
