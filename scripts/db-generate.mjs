// `npm run db:generate` — kernel migration; `npm run db:generate -- <module> [drizzle-kit flags]`
// — a module's own. Example: `npm run db:generate -- office --custom --name area_standards`.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const mod = args[0] && !args[0].startsWith('-') ? args.shift() : undefined;
const env = { ...process.env };
if (mod) env.GJ_MODULE = mod;
else delete env.GJ_MODULE;
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', 'server/drizzle.config.ts', ...args], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
