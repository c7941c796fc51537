// Sums the gzip size of the JavaScript the login page loads: the entry from index.html, the
// login route chunk, and everything they import statically. Usage: node web/scripts/login-budget.mjs [limitKB]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const limitKB = Number(process.argv[2] ?? 350);
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error('no module script in index.html');

const staticImports = (code) => [...code.matchAll(/(?:\bimport|\bfrom)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)].map((m) => m[1]);
const dynamicImports = (code) => [...code.matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]);

const seen = new Map();
function visit(file) {
  if (seen.has(file)) return;
  const code = readFileSync(join(dist, file), 'utf8');
  seen.set(file, gzipSync(code, { level: 9 }).length);
  for (const dep of staticImports(code)) visit(join(dirname(file), dep));
}
visit(entry);
// The login route chunk is a dynamic import of the entry graph named login-*.js.
const login = [...seen.keys()]
  .flatMap((f) => dynamicImports(readFileSync(join(dist, f), 'utf8')).map((d) => join(dirname(f), d)))
  .find((f) => /\/login-[\w-]+\.js$/.test(f));
if (!login) throw new Error('login chunk not found');
visit(login);

let total = 0;
for (const [file, size] of [...seen].sort((a, b) => b[1] - a[1])) {
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} kB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} kB  total gzip for /login (limit ${limitKB} kB)`);
if (total / 1024 > limitKB) process.exit(1);
