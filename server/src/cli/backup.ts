// npm run backup [-- FILE] — a logical backup of every table (PGlite or PostgreSQL alike).
import fs from 'node:fs';
import path from 'node:path';
import { backupTo } from '../kernel/backup/backup';
import { openConfigured } from './open';

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const file = path.resolve(process.argv[2] ?? `backups/guanjia-${stamp}.jsonl.gz`);
fs.mkdirSync(path.dirname(file), { recursive: true });
const database = await openConfigured();
const r = await backupTo(database.db, file);
await database.close();
console.log(`Backup written: ${file} (${r.tables} tables, ${r.rows} rows, ${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
