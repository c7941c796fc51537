import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Notification, Ok, Page, PageQuery, UnreadCount } from '@guanjia/contracts';
import { SELF } from '../auth/permissions';
import { actorOf } from '../http/types';
import { listNotifications, markRead, unreadCount } from './notifications.service';

const tags = ['notifications'];

/** Own inbox only: marking read is not a business write, so it is not audited. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const self = { permission: SELF };
  r.get('/api/notifications', { config: self, schema: { tags, querystring: PageQuery, response: { 200: Page(Notification) } } }, (req) =>
    listNotifications(app.db, actorOf(req).userId, req.locale, req.query.page, req.query.pageSize));
  r.get('/api/notifications/unread-count', { config: { ...self, passive: true }, schema: { tags, response: { 200: UnreadCount } } }, async (req) => ({ unread: await unreadCount(app.db, actorOf(req).userId) }));
  r.post('/api/notifications/:id/read', { config: self, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    await markRead(app.db, actorOf(req).userId, req.params.id);
    return { ok: true } as const;
  });
  r.post('/api/notifications/read-all', { config: self, schema: { tags, response: { 200: Ok } } }, async (req) => {
    await markRead(app.db, actorOf(req).userId);
    return { ok: true } as const;
  });
}
