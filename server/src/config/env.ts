import { z } from 'zod';
import path from 'node:path';

/** Start-up configuration, validated once: the process refuses to start on bad config. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** No DATABASE_URL ⇒ embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.resolve(process.cwd(), 'data')),
  /** `production` start: no demo data, only the system admin with a one-time password. */
  GUANJIA_DEMO: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Behind a TLS reverse proxy: the proxies' addresses (comma-separated IPs/CIDRs), or `true` for
   * proxies on loopback and private networks. Cookies get `Secure`; the client IP is taken from
   * X-Forwarded-For, trusting only those hops — a client cannot forge its audited address.
   */
  TRUST_PROXY: z.string().regex(/^(true|false|[0-9a-fA-F:.\/,\s]+)$/).default('false'),
  JOB_WORKER: z.enum(['true', 'false']).default('true'),
});

export type Env = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: false | string[];
  jobWorker: boolean;
};

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable counts as unset (e.g. DATABASE_URL= to force the embedded database).
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    demo: e.GUANJIA_DEMO ? e.GUANJIA_DEMO === 'true' : e.NODE_ENV !== 'production',
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY === 'true' ? ['loopback', 'linklocal', 'uniquelocal'] : e.TRUST_PROXY.split(',').map((x) => x.trim()).filter(Boolean),
    jobWorker: e.JOB_WORKER === 'true',
  };
}
