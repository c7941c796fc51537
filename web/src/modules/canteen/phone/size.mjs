// Gzip size of the JavaScript the phone pages (/m) load: their HTML entry and everything it imports
// statically (they have no lazy chunks). Usage: node web/src/modules/canteen/phone/size.mjs [limitKB]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export function phoneJsGzip(dist) {
  const html = readFileSync(join(dist, 'src/modules/canteen/phone/index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module script in the phone index.html');
  const seen = new Map();
  const visit = (file) => {
    if (seen.has(file)) return;
    const code = readFileSync(join(dist, file), 'utf8');
    seen.set(file, gzipSync(code, { level: 9 }).length);
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)) visit(join(dirname(file), m[1]));
    for (const m of code.matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  for (const m of html.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)) visit(m[1]);
  return { files: [...seen].sort((a, b) => b[1] - a[1]), total: [...seen.values()].reduce((s, n) => s + n, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const limitKB = Number(process.argv[2] ?? 200);
  const { files, total } = phoneJsGzip(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../dist'));
  for (const [f, n] of files) console.log(`${(n / 1024).toFixed(1).padStart(8)} kB  ${f}`);
  console.log(`${(total / 1024).toFixed(1).padStart(8)} kB  total gzip for /m (limit ${limitKB} kB)`);
  if (total / 1024 > limitKB) process.exit(1);
}
