import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { boot, type Booted } from '../src/boot';
import { loadEnv } from '../src/config/env';
import { openPostgres } from '../src/db/client';
import { client, testApp, type TestApp } from './helpers';
import { testDatabaseUrl, urlFor } from './template';

// Two server instances behind one load balancer: nothing that matters lives in one process.
let a: TestApp;
let b: Booted;
beforeAll(async () => {
  a = await testApp();
  let database = a.database;
  if (testDatabaseUrl()) {
    const name = ((await a.database.db.execute(sql`select current_database() as n`)).rows[0] as { n: string }).n;
    database = await openPostgres(urlFor(testDatabaseUrl()!, name), 5);
  }
  b = await boot(loadEnv({ DATA_DIR: '.tmp/unused', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), { database, logger: false, runJobs: false });
});
afterAll(async () => {
  await b.app.close();
  if (b.database !== a.database) await b.database.close();
  await a.close();
});

describe('two instances', () => {
  it('a session opened on one instance works on the other, and logout on one ends it on both', async () => {
    const onA = await a.login('hrb.staff');
    const onB = client(b.app, onA.cookie, onA.csrf);
    expect((await onB.get('/api/auth/me')).json().username).toBe('hrb.staff');
    expect((await onB.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await onA.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lockout counts failures across instances', async () => {
    for (let i = 0; i < 5; i++) await (i % 2 ? a.app : b.app).inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bx.organ', password: `x${i}` } });
    const res = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bx.organ', password: 'Guanjia@2026' } });
    expect(res.json().error.code).toBe('account_locked');
  });
});
