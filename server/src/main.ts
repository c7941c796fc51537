import { loadEnv } from './config/env';
import { boot } from './boot';
import { modules } from './modules';

/** `npm start`: one process serving the API and the web app, with the job runner. */
async function main(): Promise<void> {
  const env = loadEnv();
  const b = await boot(env);
  await b.app.listen({ port: env.port, host: env.host });
  b.runner?.start();
  const url = `http://localhost:${env.port}`;
  const lines = ['', `  管家 Guanjia is running: ${url}`, `  Database: ${b.database.kind === 'pglite' ? `embedded PGlite in ${env.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`, `  API docs: ${url}/api/docs`];
  if (b.seeded?.kind === 'production') {
    lines.push('', '  First start (production): one system admin was created.', `  Username: ${b.seeded.username}`, `  One-time password (shown only now; change it at first sign-in): ${b.seeded.password}`);
  } else if (env.demo) {
    lines.push('', '  DEMO MODE: public demo passwords. For a real installation start with GUANJIA_DEMO=false (see README).', '', `  Demo accounts (password ${'Guanjia@2026'}):`, '    sysadmin / secadmin / auditadmin   the three separated admins (三员)', '    hlj.staff    province bureau staff      hlj.organ   province organ admin   hlj.employee',
      '    hrb.staff    Harbin bureau staff        hrb.organ   Harbin organ admin     hrb.employee', '    bx.staff     Bin County bureau staff    bx.organ    Bin County organ admin bx.employee', '    qqhr.staff   Qiqihar bureau staff', '    hrb.sysadmin / hrb.secadmin / hrb.auditadmin, bx.sysadmin / …   the three admins of Harbin and Bin County',
      ...modules.flatMap((m) => (m.demoAccounts ?? []).map((line) => `    ${line}`)));
  }
  console.log(lines.join('\n') + '\n');
  const shutdown = async () => {
    await b.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
