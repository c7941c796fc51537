import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts the real server (built web app, fresh embedded database with the demo province) on a
 * free port, exactly as `npm start` would, and shares its URL with the browser tests.
 */
let server: ChildProcess | undefined;
let dataDir: string | undefined;

declare module 'vitest' {
  export interface ProvidedContext { baseURL: string }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, '..');
  if (!fs.existsSync(path.join(root, 'web/dist/index.html'))) throw new Error('Build the web app first: npm run build -w web');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanjia-e2e-'));
  const port = 4100 + Math.floor(Math.random() * 800);
  server = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start in 120 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseURL', baseURL);
  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => (server?.exitCode !== null ? r(undefined) : server.once('exit', r)));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
