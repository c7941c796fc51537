import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { GuanjiaModule } from '../../modules';
import { registerFileOwner } from '../../kernel/files/files.service';
import './canteen.permissions';
import './reports.service';
import './subsidy';
import { myRoutes } from './my.routes';
import { staffRoutes } from './staff.routes';
import { seedCanteenDemo } from './seed';

export { registerPaymentProvider, type PaymentProvider } from './payments';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIST = path.resolve(here, '../../../../web/dist');
/** The phone pages' own HTML entry (a separate light bundle, see web/src/modules/canteen/phone). */
const PHONE_HTML = path.join(WEB_DIST, 'src/modules/canteen/phone/index.html');

/** Dish photos are kernel files on `canteen_dish` objects: anyone may see them, the canteen's managers attach them. */
registerFileOwner('canteen_dish', {
  async readable(db, _actor, objectId) {
    const r = (await db.execute(sql`select org_unit_id as "orgUnitId" from canteen_dishes where id = ${Number(objectId) || 0}`)).rows[0] as { orgUnitId: number } | undefined;
    return r?.orgUnitId;
  },
  async writable(db, actor, objectId) {
    const r = (await db.execute(sql`select d.org_unit_id as "orgUnitId", ou.path from canteen_dishes d join org_units ou on ou.id = d.org_unit_id where d.id = ${Number(objectId) || 0}`)).rows[0] as { orgUnitId: number; path: string } | undefined;
    const paths = actor.grants.get('canteen.manage') ?? [];
    return r && paths.some((p) => r.path.startsWith(p)) ? r.orgUnitId : undefined;
  },
});

const MANIFEST = {
  name: '管家 · 智慧食堂', short_name: '食堂', lang: 'zh-CN', start_url: '/m', scope: '/m', display: 'standalone', background_color: '#ffffff', theme_color: '#1668dc',
  icons: [{ src: '/m/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
};
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="20" fill="#1668dc"/><text x="48" y="64" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">食</text></svg>';

/** The staff phone pages at /m: their own HTML shell and web manifest (no data: public). */
async function phoneShell(app: FastifyInstance): Promise<void> {
  const page = { config: { public: true }, schema: { hide: true } };
  app.get('/m/manifest.webmanifest', page, (_req, reply) => reply.type('application/manifest+json').header('cache-control', 'no-cache').send(JSON.stringify(MANIFEST)));
  app.get('/m/icon.svg', page, (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON));
  const html = (_req: unknown, reply: import('fastify').FastifyReply) => {
    if (!fs.existsSync(PHONE_HTML)) return reply.code(404).type('text/plain').send('web app not built');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.readFileSync(PHONE_HTML));
  };
  app.get('/m', page, html);
  app.get('/m/*', page, html);
}

export const canteenModule: GuanjiaModule = {
  name: 'canteen',
  migrations: path.resolve(here, 'drizzle'),
  async routes(app) {
    await myRoutes(app);
    await staffRoutes(app);
    await phoneShell(app);
  },
  seedDemo: seedCanteenDemo,
  demoAccounts: ['hlj.canteen / hrb.canteen / bx.canteen   canteen staff (食堂管理员); staff book lunch on a phone at /m'],
};
