// Typed calls of in-app notifications (docs/api.md: "Notifications").
import { request } from '../base/api';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: number;
  read_at: number | null;
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
  next: string | null;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const notificationsApi = {
  notifications: (before?: string, limit = 20) =>
    request<NotificationPage>('GET', `${V1}/notifications${query({ limit, before })}`),
  markRead: (id: string) => request<{ unread: number }>('POST', `${V1}/notifications/${enc(id)}/read`),
  markAllRead: () => request<{ marked: number; unread: number }>('POST', `${V1}/notifications/read-all`),
};
