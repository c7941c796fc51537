import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Env } from './config/env';
import { openDatabase, type Database } from './db/client';
import { migrate } from './db/migrate';
import { JobRunner } from './kernel/jobs/jobs.service';
import { installMetricTriggers } from './kernel/metrics/cache';
import { syncBuiltinRoles } from './kernel/roles/roles.service';
import { DEMO_PASSWORD, isEmpty, seedDemo, seedProduction } from './seed/seed';

export interface Booted {
  app: FastifyInstance;
  database: Database;
  runner: JobRunner | undefined;
  /** What the first start created, to print once. */
  seeded: { kind: 'demo'; usernames: string[]; password: string } | { kind: 'production'; username: string; password: string } | undefined;
  stop(): Promise<void>;
}

/** Migrate, sync built-in roles, seed an empty database once, build the app, start the job runner. */
export async function boot(env: Env, opts: { database?: Database; logger?: boolean; runJobs?: boolean; configure?: (app: FastifyInstance) => Promise<void> } = {}): Promise<Booted> {
  const database = opts.database ?? (await openDatabase(env));
  await migrate(database.db);
  await syncBuiltinRoles(database.db);
  let seeded: Booted['seeded'];
  if (await isEmpty(database.db)) {
    if (env.demo) {
      const users = await seedDemo(database.db);
      if (users) seeded = { kind: 'demo', usernames: users.map((u) => u.username), password: DEMO_PASSWORD };
    } else {
      const admin = await seedProduction(database.db, { code: process.env.GUANJIA_ROOT_CODE ?? '230000', name: process.env.GUANJIA_ROOT_NAME ?? '黑龙江省', bureau: process.env.GUANJIA_BUREAU_NAME ?? '黑龙江省机关事务管理局' });
      if (admin) seeded = { kind: 'production', ...admin };
    }
  }
  // Embedded PGlite has no autovacuum: refresh planner statistics at start (and nightly, kernel-jobs.ts).
  // PostgreSQL's autovacuum comes later than the first requests after a seed, so analyse then too.
  if (database.kind === 'pglite' || seeded) await database.db.execute(sql`analyze`);
  // The metric cache's version triggers on every metric's source tables, now rather than at a first read (failing here, a first read tries again).
  await installMetricTriggers(database.db).catch(() => undefined);
  const app = await buildApp({ env, database, ...(opts.logger === undefined ? {} : { logger: opts.logger }) });
  await opts.configure?.(app);
  await app.ready();
  const runner = (opts.runJobs ?? env.jobWorker) ? new JobRunner(database.db) : undefined;
  return {
    app, database, runner, seeded,
    async stop() {
      await runner?.stop();
      await app.close();
      await database.close();
    },
  };
}
