import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, API_BASE, apiUrl, isApiError, newIdempotencyKey } from '../shared/api';
import type { Me } from '../shared/api-types';
import { hasPermission } from '../shared/auth';
import { parseInstant } from '../shared/format';
import { currentLanguage } from '../shared/i18n';
import { cursorPaging } from '../shared/query';

// 消息 (P6.2, P11.2): the shapes of server/src/platform/messaging (docs/MESSAGES.md), the
// queries the desktop and phone pages share, and the live event stream that keeps them fresh.

export type ConversationKind = 'direct' | 'group';
export type MessageSubjectType = 'case' | 'task' | 'instruction';

export interface MessageFile {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  sm3: string;
}

/** A message as the server sends it everywhere (REST answers and the `message` event). */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  sender: { id: string; displayName: string };
  kind: 'text' | 'file';
  text: string | null;
  file: MessageFile | null;
  urgent: boolean;
  createdAt: string;
}

/** The sender sees how many acknowledged a 紧急消息; a recipient whether they did. */
export type UrgentState = { acknowledged: number; pending: number } | { acknowledged: boolean };

/** An item of GET /conversations/:id/messages. */
export interface ThreadMessage extends MessageView {
  mine: boolean;
  /** my own messages: 已读/未读 among those who were members when it was sent */
  receipt: { read: number; unread: number } | null;
  urgentState: UrgentState | null;
}

export interface ThreadPage {
  items: ThreadMessage[];
  lastReadSeq: number;
  /** the `before` of the next (older) page */
  nextCursor: number | null;
}

/** An item of GET /conversations. */
export interface ConversationSummary {
  id: string;
  kind: ConversationKind;
  title: string;
  peer: { id: string; displayName: string } | null;
  subject: { type: MessageSubjectType; id: string } | null;
  role: 'owner' | 'member';
  memberCount: number;
  unreadCount: number;
  lastReadSeq: number;
  lastMessage: MessageView | null;
  lastActivityAt: string;
}

export interface ConversationList {
  items: ConversationSummary[];
  unreadTotal: number;
  nextCursor: string | null;
}

export interface ConversationMember {
  accountId: string;
  displayName: string;
  role: 'owner' | 'member';
  joinedAt: string;
  lastReadSeq: number;
}

/** GET /conversations/:id, and the answer of opening or creating one. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string;
  peer: { id: string; displayName: string } | null;
  subject: { type: MessageSubjectType; id: string } | null;
  createdBy: string;
  createdAt: string;
  lastSeq: number;
  lastActivityAt: string;
  role: 'owner' | 'member' | null;
  lastReadSeq: number;
  unreadCount: number;
  members: ConversationMember[];
}

interface Person {
  accountId: string;
  displayName: string;
}

/** GET /messages/:id/receipts (the sender only). */
export interface Receipts {
  messageId: string;
  read: Person[];
  unread: Person[];
  urgent: { acknowledged: (Person & { at: string })[]; pending: (Person & { resends: number })[] } | null;
}

/** A search hit or a 紧急消息 awaiting my 确认收到: the message with its conversation. */
export interface MessageInConversation extends MessageView {
  conversation: { id: string; kind: ConversationKind; title: string | null };
}

export interface NewGroup {
  title?: string;
  memberIds: string[];
  subject?: { type: MessageSubjectType; id: string };
}

export const MESSAGE_LIMITS = { text: 4000, title: 100, fileBytes: 20 * 1024 * 1024, searchMin: 2 } as const;

export const messageKeys = {
  all: ['messages'] as const,
  conversations: ['messages', 'conversations'] as const,
  unread: ['messages', 'unread'] as const,
  conversation: (id: string) => ['messages', 'conversation', id] as const,
  thread: (id: string) => ['messages', 'thread', id] as const,
  receipts: (messageId: string) => ['messages', 'receipts', messageId] as const,
  search: (q: string) => ['messages', 'search', q] as const,
  urgent: ['messages', 'urgent'] as const,
};

const enc = encodeURIComponent;

/** Where a conversation opens: `?conversation=` on the desktop, its own page on a phone. */
export const conversationPath = (id: string, mobile = false) =>
  mobile ? `/m/workbench/messages/${enc(id)}` : `/workbench/messages?conversation=${enc(id)}`;

/** GET /messages/:id/file, for a download link (members only; each download is audited). */
export const messageFileUrl = (messageId: string) => apiUrl(`/messages/${enc(messageId)}/file`);

/** Messages are for those who use the Workbench (not platform admins or auditors who open it): no stream or badge otherwise. */
export const mayMessage = (me: Me) => me.kind === 'staff' && hasPermission(me, 'workbench.use');

/** 403 (not a member) or 404: the conversation page shows the forbidden result. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && (error.status === 403 || error.status === 404);
}

// ---- queries ---------------------------------------------------------------------------

/** 我的消息: latest activity first, with unread counts and last messages. */
export function useConversations() {
  return useInfiniteQuery({
    queryKey: messageKeys.conversations,
    queryFn: ({ pageParam, signal }) => api.get<ConversationList>('/conversations', { cursor: pageParam, limit: 30 }, signal),
    ...cursorPaging,
    staleTime: 10_000,
  });
}

/** Unread messages over all my conversations (the nav badge): asked every minute, and on every live event. */
export function useMessageUnread(enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.unread,
    queryFn: ({ signal }) => api.get<ConversationList>('/conversations', { limit: 1 }, signal),
    select: (page) => page.unreadTotal,
    enabled,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: messageKeys.conversation(id ?? ''),
    queryFn: ({ signal }) => api.get<Conversation>(`/conversations/${enc(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 10_000,
  });
}

/** A conversation's messages, newest page first (the pages read older as they go); shown oldest first. */
export function useThread(id: string | null) {
  return useInfiniteQuery({
    queryKey: messageKeys.thread(id ?? ''),
    queryFn: ({ pageParam, signal }) =>
      api.get<ThreadPage>(`/conversations/${enc(id ?? '')}/messages`, { before: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last: ThreadPage) => last.nextCursor ?? undefined,
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** The thread's messages, oldest first. */
export function threadMessages(data: { pages: ThreadPage[] } | undefined): ThreadMessage[] {
  return data ? data.pages.flatMap((page) => page.items).reverse() : [];
}

/** Who has read one of my messages (and, if urgent, who acknowledged it): asked when opened. */
export function useReceipts(messageId: string | null) {
  return useQuery({
    queryKey: messageKeys.receipts(messageId ?? ''),
    queryFn: ({ signal }) => api.get<Receipts>(`/messages/${enc(messageId ?? '')}/receipts`, undefined, signal),
    enabled: Boolean(messageId),
    staleTime: 0,
  });
}

/** 搜索消息: text messages of my conversations containing q (2 characters or more). */
export function useMessageSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: messageKeys.search(query),
    queryFn: ({ signal }) => api.get<{ items: MessageInConversation[] }>('/messages/search', { q: query, limit: 50 }, signal),
    select: (page) => page.items,
    enabled: [...query].length >= MESSAGE_LIMITS.searchMin,
    staleTime: 10_000,
  });
}

/** 紧急消息 sent to me that I have not acknowledged (the home banner): asked every minute, and on every DING. */
export function usePendingUrgent(enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.urgent,
    queryFn: ({ signal }) => api.get<{ items: MessageInConversation[] }>('/messages/urgent', undefined, signal),
    select: (page) => page.items,
    enabled,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

// ---- writes ----------------------------------------------------------------------------

/** The lists that change when a message is sent, read or acknowledged. */
function refreshLists(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: messageKeys.conversations });
  void queryClient.invalidateQueries({ queryKey: messageKeys.unread });
}

/** 单聊: the conversation with that person (the existing one if any). */
export function useOpenDirect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => api.post<Conversation>('/conversations/direct', { accountId }),
    onSuccess: (conversation) => {
      queryClient.setQueryData(messageKeys.conversation(conversation.id), conversation);
      refreshLists(queryClient);
    },
  });
}

/** The subject's existing 讨论群, when creating one was refused because there is one (409 with its id). */
export function existingSubjectGroup(error: unknown): string | null {
  const id = isApiError(error) && error.code === 'messaging.subject_has_group' ? error.details['conversationId'] : null;
  return typeof id === 'string' ? id : null;
}

/** 群聊: titled (or named after its subject), with the members chosen; I own it. */
export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewGroup) => api.post<Conversation>('/conversations', input),
    onSuccess: (conversation) => {
      queryClient.setQueryData(messageKeys.conversation(conversation.id), conversation);
      refreshLists(queryClient);
    },
  });
}

/** 添加群成员: people from the address book join a group I own (they see its history from now on). */
export function useAddMembers(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountIds: string[]) => api.post<Conversation>(`/conversations/${conversationId}/members`, { accountIds }),
    onSuccess: (conversation) => {
      queryClient.setQueryData(messageKeys.conversation(conversation.id), conversation);
      refreshLists(queryClient);
    },
  });
}

/** How a message of the live stream or of a send's answer stands in my thread, until the thread is read again. */
function asThreadMessage(message: MessageView, meId: string, memberCount: number | undefined): ThreadMessage {
  const mine = message.sender.id === meId;
  const others = Math.max((memberCount ?? 2) - 1, 0);
  return {
    ...message,
    mine,
    receipt: mine ? { read: 0, unread: others } : null,
    urgentState: !message.urgent ? null : mine ? { acknowledged: 0, pending: others } : { acknowledged: false },
  };
}

/** Puts a message at the newest end of its thread's cached pages (once). */
function addToThread(queryClient: QueryClient, message: MessageView, meId: string) {
  const memberCount = queryClient.getQueryData<Conversation>(messageKeys.conversation(message.conversationId))?.members.length;
  queryClient.setQueryData<InfiniteData<ThreadPage, number | undefined>>(messageKeys.thread(message.conversationId), (data) => {
    if (!data?.pages.length) return data;
    if (data.pages.some((page) => page.items.some((m) => m.id === message.id))) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ ...first!, items: [asThreadMessage(message, meId, memberCount), ...first!.items] }, ...rest] };
  });
}

export const MESSAGE_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** For `<input type="file" accept>`. */
export const MESSAGE_FILE_ACCEPT = Object.keys(MESSAGE_FILE_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Why a file may not be sent (type, size, empty); null when it may. The server checks again, by content. */
export function checkMessageFile(file: Pick<File, 'name' | 'size'>, t: TFunction): string | null {
  if (!MESSAGE_FILE_TYPES[extensionOf(file.name)]) return t('workbench.messages.file.badType', { name: file.name });
  if (file.size > MESSAGE_LIMITS.fileBytes) return t('workbench.messages.file.tooLarge', { name: file.name });
  if (file.size === 0) return t('workbench.messages.file.empty', { name: file.name });
  return null;
}

/** Sending in one conversation: text (with an Idempotency-Key) or a file, either as a 紧急消息. */
export function useSendMessage(conversationId: string, meId: string) {
  const queryClient = useQueryClient();
  const path = `/conversations/${enc(conversationId)}`;
  const sent = (message: MessageView) => {
    addToThread(queryClient, message, meId);
    void queryClient.invalidateQueries({ queryKey: messageKeys.thread(conversationId) });
    refreshLists(queryClient);
  };
  return {
    text: useMutation({
      mutationFn: (input: { text: string; urgent: boolean; key: string }) =>
        api.post<MessageView>(`${path}/messages`, { text: input.text, urgent: input.urgent }, input.key),
      onSuccess: sent,
    }),
    file: useMutation({
      mutationFn: (input: { file: File; urgent: boolean }) =>
        api.upload<MessageView>(
          `${path}/files`,
          input.file,
          MESSAGE_FILE_TYPES[extensionOf(input.file.name)] ?? 'application/octet-stream',
          { urgent: input.urgent ? 'true' : undefined },
          { 'X-File-Name': enc(input.file.name) },
        ),
      onSuccess: sent,
    }),
  };
}

/** 确认收到 a 紧急消息: the banner, the thread and the lists are read again. */
export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: { id: string; conversationId: string }) =>
      api.post<{ messageId: string; acknowledgedAt: string }>(`/messages/${enc(message.id)}/acknowledge`),
    onSettled: (_answer, _error, message) => {
      void queryClient.invalidateQueries({ queryKey: messageKeys.urgent });
      void queryClient.invalidateQueries({ queryKey: messageKeys.thread(message.conversationId) });
      refreshLists(queryClient);
    },
  });
}

/**
 * 已读: while the thread is on screen (and the window visible), raises my read mark to its
 * newest message from someone else — once per seq; the lists are read again after.
 */
export function useMarkReadWhenViewed(conversationId: string, messages: readonly ThreadMessage[], lastReadSeq: number) {
  const queryClient = useQueryClient();
  const marked = useRef(0);
  const markRead = useMutation({
    mutationFn: (seq: number) =>
      api.post<{ lastReadSeq: number; unreadCount: number }>(`/conversations/${enc(conversationId)}/read`, { seq }),
    onSuccess: () => refreshLists(queryClient),
  });
  const mutate = markRead.mutate;
  const newest = messages.at(-1);
  const due = newest && !newest.mine && newest.seq > Math.max(lastReadSeq, marked.current) ? newest.seq : 0;
  useEffect(() => {
    marked.current = 0;
  }, [conversationId]);
  useEffect(() => {
    if (!due) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || due <= marked.current) return;
      marked.current = due;
      mutate(due);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [due, mutate]);
}

// ---- the live stream -------------------------------------------------------------------

let streamOpen = false;
const streamListeners = new Set<() => void>();
function setStreamOpen(open: boolean) {
  if (open === streamOpen) return;
  streamOpen = open;
  for (const listener of streamListeners) listener();
}

/** Whether the live stream is connected now (the pages show it, tests wait on it). */
export function useStreamOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      streamListeners.add(listener);
      return () => streamListeners.delete(listener);
    },
    () => streamOpen,
  );
}

interface ReadEvent {
  conversationId: string;
  accountId: string;
  seq: number;
}
type UrgentEvent =
  { action: 'ding'; message: MessageView; resend?: number } | { action: 'acknowledged'; messageId: string; conversationId: string };

const RETRY_MS = 3000;
const RETRY_MAX_MS = 60_000;

/**
 * GET /messages/stream (Server-Sent Events, the session cookie): a new message joins its open
 * thread at once, a 已读 or 确认收到 reads the thread again, and every event refreshes the
 * lists, the badge and the banner. The browser reconnects after a dropped connection; when the
 * server refuses one (the stream closed for good) it is opened again with a growing delay.
 * Nothing is replayed, so a reconnection reads the lists again.
 */
export function useMessageStream(meId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: number | undefined;
    let delay = RETRY_MS;
    let connectedBefore = false;
    const parse = <T>(event: MessageEvent<string>): T | null => {
      try {
        return JSON.parse(event.data) as T;
      } catch {
        return null;
      }
    };
    const onMessage = (event: MessageEvent<string>) => {
      const message = parse<MessageView>(event);
      if (!message) return;
      addToThread(queryClient, message, meId);
      if (message.sender.id === meId) void queryClient.invalidateQueries({ queryKey: messageKeys.thread(message.conversationId) });
      refreshLists(queryClient);
    };
    const onRead = (event: MessageEvent<string>) => {
      const read = parse<ReadEvent>(event);
      if (!read) return;
      if (read.accountId !== meId) {
        void queryClient.invalidateQueries({ queryKey: messageKeys.thread(read.conversationId) });
        void queryClient.invalidateQueries({ queryKey: messageKeys.conversation(read.conversationId) });
        void queryClient.invalidateQueries({ queryKey: ['messages', 'receipts'] });
      }
      refreshLists(queryClient);
    };
    const onUrgent = (event: MessageEvent<string>) => {
      const urgent = parse<UrgentEvent>(event);
      if (!urgent) return;
      void queryClient.invalidateQueries({ queryKey: messageKeys.urgent });
      if (urgent.action === 'acknowledged') {
        void queryClient.invalidateQueries({ queryKey: messageKeys.thread(urgent.conversationId) });
        void queryClient.invalidateQueries({ queryKey: messageKeys.receipts(urgent.messageId) });
      }
    };
    const connect = () => {
      const opened = new EventSource(`${API_BASE}/messages/stream`);
      source = opened;
      opened.onopen = () => {
        delay = RETRY_MS;
        setStreamOpen(true);
        if (connectedBefore) void queryClient.invalidateQueries({ queryKey: messageKeys.all });
        connectedBefore = true;
      };
      opened.onerror = () => {
        setStreamOpen(false);
        if (opened.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
        opened.close();
        timer = window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      };
      opened.addEventListener('message', onMessage);
      opened.addEventListener('read', onRead as EventListener);
      opened.addEventListener('urgent', onUrgent as EventListener);
    };
    connect();
    return () => {
      window.clearTimeout(timer);
      source?.close();
      setStreamOpen(false);
    };
  }, [queryClient, meId]);
}

// ---- showing ---------------------------------------------------------------------------

/** A message in one line: its text, or 「[文件] name」; 【紧急】 first when urgent. */
export function messagePreview(message: Pick<MessageView, 'kind' | 'text' | 'file' | 'urgent'>, t: TFunction): string {
  const body = message.kind === 'file' ? `${t('workbench.messages.file.tag')} ${message.file?.name ?? ''}`.trim() : (message.text ?? '');
  return message.urgent ? `${t('workbench.messages.urgent.tag')} ${body}` : body;
}

/** 14:05 today, 昨天 14:05, 11-02 14:05 this year, 2025-11-02 14:05 before. */
export function formatMessageTime(iso: string, now = new Date()): string {
  const date = parseInstant(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const language = currentLanguage();
  const time = date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(date)) / 86_400_000);
  if (days === 0) return time;
  if (days === 1) return `${language === 'en' ? 'Yesterday' : '昨天'} ${time}`;
  const sameYear = date.getFullYear() === now.getFullYear();
  const dateText = date.toLocaleDateString(language, { ...(sameYear ? {} : { year: 'numeric' }), month: '2-digit', day: '2-digit' });
  return `${dateText} ${time}`;
}

/** The receipt line under one of my messages: 已读/未读 in a 单聊, 全部已读 or n 人未读 in a group. */
export function receiptText(message: ThreadMessage, kind: ConversationKind, t: TFunction): string | null {
  if (!message.receipt) return null;
  const { read, unread } = message.receipt;
  if (kind === 'direct') return t(unread === 0 && read > 0 ? 'workbench.messages.receipt.read' : 'workbench.messages.receipt.unread');
  if (read + unread === 0) return null;
  return unread === 0 ? t('workbench.messages.receipt.allRead') : t('workbench.messages.receipt.someUnread', { count: unread });
}

/** The sender's view of a 紧急消息: n 人未确认, or 已全部确认. */
export function urgentSenderText(message: ThreadMessage, t: TFunction): string | null {
  const state = message.urgentState;
  if (!message.mine || !state || typeof state.acknowledged === 'boolean') return null;
  const pending = (state as { pending: number }).pending;
  return pending === 0 ? t('workbench.messages.urgent.allAcknowledged') : t('workbench.messages.urgent.pending', { count: pending });
}

/** A recipient's 紧急消息 still waiting for 确认收到. */
export const awaitsMyAcknowledgement = (message: ThreadMessage) =>
  !message.mine && message.urgent && message.urgentState !== null && message.urgentState.acknowledged === false;

/** A fresh Idempotency-Key for each text sent (a retry of the same send reuses it). */
export const newSendKey = newIdempotencyKey;
