// `npm test`: type-check, lint, unit + integration tests, build, browser tests. Stops at the first
// failure, and ends with one plain line counting the tests that ran.
import { spawn } from 'node:child_process';
import { ensureBrowser } from './browser.mjs';

const steps = [
  ['Type-check (server, contracts, tests)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['Type-check (web)', 'npx', ['tsc', '-p', 'web/tsconfig.json']],
  ['Lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['Unit + integration tests (PGlite)', 'npx', ['vitest', 'run', '--project', 'server']],
  ['Build the web app', 'npm', ['run', 'build', '-w', 'web']],
  ['Login page size budget (350 kB gzip)', 'npm', ['run', 'size', '-w', 'web']],
  ['Browser tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

/** Runs a step with its output shown live; returns the exit code and the output. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

ensureBrowser();
let passed = 0;
let failed = 0;
for (const [title, cmd, args] of steps) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const { code, out } = await run(cmd, args);
  const counts = /Tests\s+(?:(\d+) failed\s*\|\s*)?(\d+) passed/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
  if (counts) {
    failed += Number(counts[1] ?? 0);
    passed += Number(counts[2]);
  }
  if (code !== 0) {
    console.error(`\n✗ ${title} failed`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(code);
  }
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\n${passed} passed, ${failed} failed`);
