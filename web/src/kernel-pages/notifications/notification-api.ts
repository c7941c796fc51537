import type { Notification, Page } from '../../kernel/contracts';
import { api } from '../../kernel/api';

export const notificationsKey = ['notifications'] as const;
export const fetchNotifications = (page: number, pageSize: number) =>
  api.get<Page<Notification>>('/api/notifications', { page, pageSize });
export const markRead = (id: number) => api.post(`/api/notifications/${id}/read`);
export const markAllRead = () => api.post('/api/notifications/read-all');

/** Only follow in-app links (no open redirect through a notification). */
export const isInternalLink = (link: string | null): link is string => !!link && link.startsWith('/') && !link.startsWith('//');
