// A Guanjia server for benchmarks: the real app plus one bare route, the ceiling it is compared to.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { boot } from '../server/src/boot';
import { loadEnv } from '../server/src/config/env';
import { bookingGroup } from '../server/src/modules/canteen/booking.group';
import { orderGroup } from '../server/src/modules/canteen/order.group';

const env = loadEnv({ ...process.env, LOG_LEVEL: 'silent', JOB_WORKER: 'false' });
const b = await boot(env, {
  logger: false,
  runJobs: false,
  configure: async (app) => {
    // The same single INSERT the audited route ends in, with no auth, scope, validation or audit.
    app.post('/bench/bare', { config: { public: true } }, async () => {
      const id = randomUUID();
      await app.db.execute(sql`insert into org_units (kind, parent_id, path, name) values ('department', 2, ${`/bench/${id}/`}, ${`bare ${id.slice(0, 8)}`})`);
      return { ok: true };
    });
    // How the canteen's group commit grouped the rush (groups written, requests in them, largest).
    app.get('/bench/groups', { config: { public: true } }, async () => ({ bookings: { ...bookingGroup(app.db).stats }, orders: { ...orderGroup(app.db).stats } }));
  },
});
await b.app.listen({ port: env.port, host: '127.0.0.1' });
console.log('READY');
process.on('SIGTERM', () => void b.stop().then(() => process.exit(0)));
