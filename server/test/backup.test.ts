import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backupTo, restoreFrom, tableDigests } from '../src/kernel/backup/backup';
import { migrate } from '../src/db/migrate';
import { storeFile } from '../src/kernel/files/files.service';
import { freshEmptyDatabase } from './template';
import { lockDataDir } from '../src/db/pglite-lock';
import { testApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('backup and restore', () => {
  it('a round trip into an empty database reproduces every table', async () => {
    // Make the data interesting: binary files, JSON, history, sessions.
    const sys = await t.login('sysadmin');
    await sys.patch('/api/org/units/2', { name: '黑龙江省机关事务管理局(更名)' });
    await storeFile(t.database.db, { objectType: 'job', objectId: '1', orgUnitId: 1, name: 'a.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]), uploadedBy: 1 });
    const file = path.resolve(`.tmp/backup-test-${process.pid}.jsonl.gz`);
    const written = await backupTo(t.database.db, file);
    expect(written.rows).toBeGreaterThan(100);

    const target = await freshEmptyDatabase();
    try {
      await migrate(target.db);
      await restoreFrom(target.db, file);
      const [a, b] = [await tableDigests(t.database.db), await tableDigests(target.db)];
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      const differing = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
      expect(differing).toEqual([]);
      expect(a.files!.rows).toBe(1);
      // New rows continue after the restored ids.
      const next = await target.db.execute(sql`insert into ranks (code, name_zh, name_en, sort) values ('x', 'x', 'x', 99) returning code`);
      expect(next.rows.length).toBe(1);
      const id = await target.db.execute(sql`select nextval(pg_get_serial_sequence('org_units', 'id'))::int as id`);
      const max = await target.db.execute(sql`select max(id)::int as m from org_units`);
      expect((id.rows[0] as { id: number }).id).toBeGreaterThan((max.rows[0] as { m: number }).m);
    } finally {
      await target.close();
      fs.rmSync(file, { force: true });
    }
  }, 180_000); // every table of every module, summaries included: slow on a loaded 2-core machine

  it('the embedded database folder is refused while another live process holds it', () => {
    const dir = fs.mkdtempSync(path.resolve('.tmp/lock-'));
    fs.writeFileSync(path.join(dir, 'guanjia.pid'), '1'); // pid 1 is always alive
    expect(() => lockDataDir(dir)).toThrow(/in use by process 1/);
    fs.writeFileSync(path.join(dir, 'guanjia.pid'), '999999999'); // a dead process: stale lock
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'guanjia.pid'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'guanjia.pid'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to restore over existing data, changing nothing', async () => {
    const file = path.resolve(`.tmp/backup-test2-${process.pid}.jsonl.gz`);
    await backupTo(t.database.db, file);
    const before = await tableDigests(t.database.db);
    await expect(restoreFrom(t.database.db, file)).rejects.toThrow(/empty database/);
    expect(await tableDigests(t.database.db)).toEqual(before);
    fs.rmSync(file, { force: true });
  });
});
