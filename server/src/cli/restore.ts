// npm run restore -- FILE — restores a backup into an empty database (run before the first start,
// or after pointing DATA_DIR / DATABASE_URL at a new one).
import { migrate } from '../db/migrate';
import { readBackupHeader, restoreFrom } from '../kernel/backup/backup';
import { openConfigured } from './open';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- <backup file>');
  process.exit(1);
}
const database = await openConfigured();
try {
  const header = await readBackupHeader(file);
  await migrate(database.db, header.migrations);
  const r = await restoreFrom(database.db, file);
  const newer = await migrate(database.db);
  console.log(`Restored ${r.rows} rows into ${r.tables} tables from ${file}.${newer.length ? ` Then applied newer migrations: ${newer.join(', ')}.` : ''}`);
} catch (e) {
  console.error(`Restore failed, nothing was changed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
