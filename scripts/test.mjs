// `npm test`: type-check, lint, unit + integration tests, build, browser tests. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { ensureBrowser } from './browser.mjs';

const steps = [
  ['Type-check (server, contracts, tests)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['Type-check (web)', 'npx', ['tsc', '-p', 'web/tsconfig.json']],
  ['Lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['Unit + integration tests (PGlite)', 'npx', ['vitest', 'run', '--project', 'server']],
  ['Build the web app', 'npm', ['run', 'build', '-w', 'web']],
  ['Browser tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

ensureBrowser();
for (const [title, cmd, args] of steps) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
