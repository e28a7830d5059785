import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../shared/api';
import { toMobilePath } from '../shared/paths';
import { cursorPaging } from '../shared/query';

// 消息通知 (P6.2): the shapes of server/src/platform/notifications (notifications.ts) and the
// queries the bell, the notices list and the 通知设置 card share.

export type Channel = 'inapp' | 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['inapp', 'email', 'sms'];

export interface Notice {
  id: string;
  topic: string;
  title: string;
  body: string;
  /** a front-end path (`/workbench/instructions/ins_…`) or null */
  link: string | null;
  urgent: boolean;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /notifications: newest first, with how many are unread. */
export interface NoticePage {
  items: Notice[];
  unread: number;
  nextCursor: string | null;
}

export interface TopicChoice {
  topic: string;
  /** in the caller's language */
  label: string;
  channels: Channel[];
  /** chosen for this topic (else the default applies) */
  own: boolean;
  /** DING: every channel, whatever is chosen */
  alwaysAll: boolean;
}

/** GET and PUT /notifications/preferences. */
export interface NoticePreferences {
  /** the channels this node can deliver on */
  available: Channel[];
  email: string | null;
  hasPhone: boolean;
  /** the choice for every topic without its own (topic '*') */
  default: Channel[];
  topics: TopicChoice[];
}

export const noticeKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', { unreadOnly }] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** The unread count for the bell: asked every minute (and after anything that reads or marks notices). */
export function useUnreadCount() {
  return useQuery({
    queryKey: noticeKeys.unread,
    queryFn: ({ signal }) => api.get<NoticePage>('/notifications', { unread: 'true', limit: 1 }, signal),
    select: (page) => page.unread,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

export function useNotices(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: noticeKeys.list(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      api.get<NoticePage>('/notifications', { unread: unreadOnly ? 'true' : undefined, cursor: pageParam, limit: 20 }, signal),
    ...cursorPaging,
    staleTime: 0,
  });
}

/** 标为已读 and 全部已读; every notice query (bell included) is read again after. */
export function useNoticeActions() {
  const queryClient = useQueryClient();
  const settled = () => void queryClient.invalidateQueries({ queryKey: noticeKeys.all });
  return {
    markRead: useMutation({
      mutationFn: (id: string) => api.post<Notice>(`/notifications/${encodeURIComponent(id)}/read`),
      onSettled: settled,
    }),
    markAllRead: useMutation({ mutationFn: () => api.post<{ marked: number }>('/notifications/read-all'), onSettled: settled }),
  };
}

export function useNoticePreferences() {
  return useQuery({
    queryKey: noticeKeys.preferences,
    queryFn: ({ signal }) => api.get<NoticePreferences>('/notifications/preferences', undefined, signal),
    staleTime: 0,
  });
}

/** PUT /notifications/preferences for one topic ('*': the default); PUT /auth/me/email. */
export function usePreferenceActions() {
  const queryClient = useQueryClient();
  return {
    choose: useMutation({
      mutationFn: (input: { topic: string; channels: Channel[] }) => api.put<NoticePreferences>('/notifications/preferences', input),
      onSuccess: (answer) => queryClient.setQueryData(noticeKeys.preferences, answer),
    }),
    setEmail: useMutation({
      mutationFn: (email: string | null) => api.put<{ email: string | null }>('/auth/me/email', { email }),
      onSettled: () => void queryClient.invalidateQueries({ queryKey: noticeKeys.preferences }),
    }),
  };
}

/** The channels a topic goes out on after switching one: in-app always; the order kept. */
export function toggledChannels(current: readonly Channel[], channel: Channel, on: boolean): Channel[] {
  const set = new Set<Channel>([...current, 'inapp']);
  if (on) set.add(channel);
  else set.delete(channel);
  set.add('inapp');
  return CHANNELS.filter((c) => set.has(c));
}

/**
 * Where a notice's link goes: a front-end path as it is on the desktop, its /m variant on a
 * phone; anything else (an outside address) is not followed. Null without a link.
 */
export function noticeTarget(link: string | null, mobile: boolean): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  if (!mobile) return link;
  const cut = link.search(/[?#]/);
  const pathname = cut < 0 ? link : link.slice(0, cut);
  const mobilePath = toMobilePath(pathname);
  return mobilePath ? mobilePath + (cut < 0 ? '' : link.slice(cut)) : link;
}

/** The label of a notice's topic, when the Workbench knows it (else the topic as it is). */
export const KNOWN_TOPICS = [
  'message',
  'message.urgent',
  'instruction.assigned',
  'instruction.feedback',
  'instruction.supervised',
  'signature.request',
  'app.alert',
] as const;
export type KnownTopic = (typeof KNOWN_TOPICS)[number];
export const isKnownTopic = (topic: string): topic is KnownTopic => (KNOWN_TOPICS as readonly string[]).includes(topic);
/** i18n keys may not contain dots inside one segment: message.urgent → message_urgent. */
export const topicKey = (topic: KnownTopic) => topic.replace('.', '_') as TopicKey;
type TopicKey =
  | 'message'
  | 'message_urgent'
  | 'instruction_assigned'
  | 'instruction_feedback'
  | 'instruction_supervised'
  | 'signature_request'
  | 'app_alert';
