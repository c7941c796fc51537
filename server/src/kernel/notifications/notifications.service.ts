import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Locale, Notification } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import { translate } from '../i18n/messages';
import { notifications } from './notifications.schema';

/**
 * Delivery channels beyond the in-app inbox (email, SMS) plug in here; the inbox row is always
 * written, in the caller's transaction, so a notice exists exactly when its cause committed.
 */
export interface NotificationChannel { send(userId: number, kind: string, params: Record<string, unknown>): Promise<void> }
const channels: NotificationChannel[] = [];
export const addNotificationChannel = (c: NotificationChannel) => channels.push(c);

export async function notify(tx: Tx | Db, userIds: number[], kind: string, params: Record<string, unknown>, link?: string): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.insert(notifications).values(unique.map((userId) => ({ userId, kind, params, link: link ?? null })));
  for (const c of channels) for (const u of unique) await c.send(u, kind, params);
}

/** Rendered in the reader's language at read time: `<kind>.title` and `<kind>.body`. */
export function render(row: typeof notifications.$inferSelect, locale: Locale): Notification {
  const params = row.params as Record<string, unknown>;
  return {
    id: row.id, kind: row.kind, title: translate(locale, `${row.kind}.title`, params), body: translate(locale, `${row.kind}.body`, params),
    link: row.link, read: row.readAt !== null, createdAt: row.createdAt.toISOString(),
  };
}

export async function listNotifications(db: Db, userId: number, locale: Locale, page: number, pageSize: number) {
  const where = eq(notifications.userId, userId);
  const [rows, [total]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items: rows.map((r) => render(r, locale)), total: Number(total?.n ?? 0), page, pageSize };
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [r] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

export async function markRead(db: Db, userId: number, id?: number): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ...(id ? [eq(notifications.id, id)] : [])));
}
