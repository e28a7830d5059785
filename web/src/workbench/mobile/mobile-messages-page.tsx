import { useEffect, useRef, useState } from 'react';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { ActionSheet, Badge, Button, InfiniteScroll, List, SearchBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { flattenPages } from '../../shared/query';
import { useDebounced } from '../address-book';
import {
  conversationPath,
  formatMessageTime,
  MESSAGE_LIMITS,
  messagePreview,
  useConversations,
  useMessageSearch,
  useOpenDirect,
  useStreamOpen,
  type ConversationKind,
} from '../messages';
import { MobileDirectSheet, MobileGroupSheet } from './mobile-new-conversation';
import '../messages.css';

function Avatar({ kind, title }: { kind: ConversationKind; title: string }) {
  return (
    <span className={`zl-m-avatar zl-msg-avatar${kind === 'group' ? ' is-group' : ''}`} aria-hidden>
      {kind === 'group' ? <TeamOutlined /> : ([...title][0] ?? '?')}
    </span>
  );
}

function ConversationList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useConversations();
  const items = flattenPages(list.data);
  if (list.isPending) return <MobileLoading />;
  if (list.isError) return <MobileError error={list.error} onRetry={() => void list.refetch()} />;
  if (!items.length) return <MobileEmpty title={t('workbench.messages.empty')} description={t('workbench.messages.emptyHint')} />;
  return (
    <>
      <List data-testid="conversation-list">
        {items.map((item) => {
          const last = item.lastMessage;
          const preview = last
            ? item.kind === 'group'
              ? `${last.sender.displayName}：${messagePreview(last, t)}`
              : messagePreview(last, t)
            : t('workbench.messages.noMessages');
          return (
            <List.Item
              key={item.id}
              clickable
              arrowIcon={false}
              onClick={() => navigate(conversationPath(item.id, true))}
              prefix={
                <Badge content={item.unreadCount ? (item.unreadCount > 99 ? '99+' : item.unreadCount) : null}>
                  <Avatar kind={item.kind} title={item.title} />
                </Badge>
              }
              description={
                <span className={`zl-msg-item-preview${last?.urgent ? ' is-urgent' : ''}`} data-testid="conversation-preview">
                  {preview}
                </span>
              }
              extra={<span className="zl-msg-meta">{formatMessageTime(last?.createdAt ?? item.lastActivityAt)}</span>}
              data-testid="conversation-item"
              data-id={item.id}
              data-unread={item.unreadCount}
            >
              <span className="zl-msg-item-title">{item.title}</span>
            </List.Item>
          );
        })}
      </List>
      {list.hasNextPage ? <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={list.hasNextPage} /> : null}
    </>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const found = useMessageSearch(q);
  if ([...q].length < MESSAGE_LIMITS.searchMin) return <div className="zl-m-center">{t('workbench.messages.search.tooShort')}</div>;
  if (found.isPending) return <MobileLoading />;
  if (found.isError) return <MobileError error={found.error} onRetry={() => void found.refetch()} />;
  if (!found.data.length) return <div className="zl-m-center">{t('workbench.messages.search.none')}</div>;
  return (
    <List data-testid="message-search-results">
      {found.data.map((hit) => (
        <List.Item
          key={hit.id}
          clickable
          onClick={() => navigate(conversationPath(hit.conversation.id, true))}
          description={`${hit.sender.displayName}：${hit.text ?? ''}`}
          extra={<span className="zl-msg-meta">{formatMessageTime(hit.createdAt)}</span>}
          data-testid="message-search-hit"
        >
          {hit.conversation.title}
        </List.Item>
      ))}
    </List>
  );
}

/** `?to=<accountId>`: opens (or finds) the 单聊 with that person, then shows it in place of this page. */
function OpenDirect({ to }: { to: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const openDirect = useOpenDirect();
  const asked = useRef<string | null>(null);
  const { mutate } = openDirect;
  useEffect(() => {
    if (asked.current === to) return;
    asked.current = to;
    mutate(to, { onSuccess: (c) => navigate(conversationPath(c.id, true), { replace: true }) });
  }, [to, mutate, navigate]);
  if (openDirect.isError)
    return (
      <div className="zl-m-center" data-testid="direct-error">
        <p>{errorMessage(openDirect.error, t)}</p>
        <Button size="small" onClick={() => navigate('/m/workbench/messages', { replace: true })}>
          {t('workbench.messages.back')}
        </Button>
      </div>
    );
  return <MobileLoading />;
}

/**
 * 消息 on a phone (`/m/workbench/messages`): my conversations (unread badges, last messages),
 * a search over my messages, and + for 发起单聊 / 发起群聊. `?to=` opens the 单聊 with a
 * person; `?conversation=` one conversation.
 */
export function MobileMessagesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const live = useStreamOpen();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [menu, setMenu] = useState(false);
  const [creating, setCreating] = useState<'direct' | 'group' | null>(null);
  const conversation = params.get('conversation');
  const to = params.get('to');
  if (conversation) return <Navigate to={conversationPath(conversation, true)} replace />;
  if (to) return <OpenDirect to={to} />;
  const opened = (c: { id: string }) => {
    setCreating(null);
    navigate(conversationPath(c.id, true));
  };
  return (
    <div data-testid="workbench-messages" data-live={live}>
      <div className="zl-m-msg-toolbar">
        <SearchBar
          placeholder={t('workbench.messages.search.placeholder')}
          value={typed}
          onChange={setTyped}
          onClear={() => setTyped('')}
          data-testid="message-search"
        />
        <Button
          size="small"
          onClick={() => setMenu(true)}
          aria-label={t('workbench.messages.newConversation')}
          data-testid="start-conversation"
        >
          <PlusOutlined />
        </Button>
      </div>
      {q ? <SearchResults q={q} /> : <ConversationList />}
      <ActionSheet
        visible={menu}
        onClose={() => setMenu(false)}
        cancelText={t('common.cancel')}
        actions={[
          { key: 'direct', text: t('workbench.messages.direct.start'), onClick: () => setCreating('direct') },
          { key: 'group', text: t('workbench.messages.group.start'), onClick: () => setCreating('group') },
        ]}
        onAction={() => setMenu(false)}
      />
      <MobileDirectSheet visible={creating === 'direct'} onClose={() => setCreating(null)} onOpened={opened} />
      <MobileGroupSheet visible={creating === 'group'} onClose={() => setCreating(null)} onCreated={opened} />
    </div>
  );
}
