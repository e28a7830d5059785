import { useEffect, useRef, useState } from 'react';
import { TeamOutlined, UserAddOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Alert, Avatar, Badge, Button, Input, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
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
  type ConversationSummary,
  type MessageInConversation,
} from '../messages';
import { ConversationView } from './conversation-view';
import { DirectModal, GroupModal } from './new-conversation';
import '../messages.css';

function ConversationAvatar({ conversation }: { conversation: Pick<ConversationSummary, 'kind' | 'title'> }) {
  return conversation.kind === 'group' ? (
    <Avatar className="zl-msg-avatar is-group" icon={<TeamOutlined />} />
  ) : (
    <Avatar className="zl-msg-avatar">{[...conversation.title][0] ?? '?'}</Avatar>
  );
}

function ConversationItem({ item, selected, onOpen }: { item: ConversationSummary; selected: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const last = item.lastMessage;
  const preview = last
    ? item.kind === 'group'
      ? `${last.sender.displayName}：${messagePreview(last, t)}`
      : messagePreview(last, t)
    : t('workbench.messages.noMessages');
  return (
    <li>
      <button
        type="button"
        className={`zl-msg-item${selected ? ' is-selected' : ''}`}
        onClick={onOpen}
        aria-current={selected || undefined}
        data-testid="conversation-item"
        data-id={item.id}
        data-unread={item.unreadCount}
      >
        <Badge count={item.unreadCount} size="small" overflowCount={99}>
          <ConversationAvatar conversation={item} />
        </Badge>
        <span className="zl-msg-item-body">
          <span className="zl-msg-item-top">
            <span className="zl-msg-item-title">{item.title}</span>
            <span className="zl-msg-meta">{formatMessageTime(last?.createdAt ?? item.lastActivityAt)}</span>
          </span>
          <span className={`zl-msg-item-preview${last?.urgent ? ' is-urgent' : ''}`} data-testid="conversation-preview">
            {preview}
          </span>
        </span>
      </button>
    </li>
  );
}

function ConversationList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useConversations();
  const items = flattenPages(list.data);
  if (list.isPending) return <LoadingBlock />;
  if (list.isError) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  if (!items.length) return <EmptyBlock title={t('workbench.messages.empty')} description={t('workbench.messages.emptyHint')} />;
  return (
    <>
      <ul className="zl-msg-list" data-testid="conversation-list">
        {items.map((item) => (
          <ConversationItem key={item.id} item={item} selected={item.id === selectedId} onOpen={() => onOpen(item.id)} />
        ))}
      </ul>
      {list.hasNextPage ? (
        <Button block type="link" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

/** The hit's text with each occurrence of q marked. */
function Highlighted({ text, q }: { text: string; q: string }) {
  const parts = text.split(q);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? <mark>{q}</mark> : null}
        </span>
      ))}
    </>
  );
}

function SearchResults({ q, onOpen }: { q: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const found = useMessageSearch(q);
  if ([...q].length < MESSAGE_LIMITS.searchMin) return <div className="zl-msg-hint">{t('workbench.messages.search.tooShort')}</div>;
  if (found.isPending) return <LoadingBlock />;
  if (found.isError) return <ErrorBlock error={found.error} onRetry={() => void found.refetch()} />;
  if (!found.data.length) return <div className="zl-msg-hint">{t('workbench.messages.search.none')}</div>;
  return (
    <ul className="zl-msg-list" data-testid="message-search-results">
      {found.data.map((hit: MessageInConversation) => (
        <li key={hit.id}>
          <button type="button" className="zl-msg-item" onClick={() => onOpen(hit.conversation.id)} data-testid="message-search-hit">
            <ConversationAvatar conversation={{ kind: hit.conversation.kind, title: hit.conversation.title ?? '' }} />
            <span className="zl-msg-item-body">
              <span className="zl-msg-item-top">
                <span className="zl-msg-item-title">{hit.conversation.title}</span>
                <span className="zl-msg-meta">{formatMessageTime(hit.createdAt)}</span>
              </span>
              <span className="zl-msg-item-preview">
                {hit.sender.displayName}：<Highlighted text={hit.text ?? ''} q={q} />
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * `?to=<accountId>`: the 单聊 with that person, opened (or found) once. The address in the bar
 * stays as it came; picking another conversation replaces it.
 */
function useDirectFromAddress(to: string | null) {
  const openDirect = useOpenDirect();
  const asked = useRef<string | null>(null);
  const { mutate } = openDirect;
  useEffect(() => {
    if (!to || asked.current === to) return;
    asked.current = to;
    mutate(to);
  }, [to, mutate]);
  return to ? openDirect : null;
}

/**
 * 消息 (`/workbench/messages`): my conversations on the left (unread badges, last messages, a
 * search over my messages, 发起单聊 and 发起群聊), the open one on the right. `?conversation=`
 * opens one, `?to=` the 单聊 with a person (the address book's 发消息). Live: new messages,
 * 已读 and 紧急消息 arrive through the event stream the Workbench keeps open.
 */
export function MessagesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const live = useStreamOpen();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [creating, setCreating] = useState<'direct' | 'group' | null>(null);
  const to = params.get('to');
  const direct = useDirectFromAddress(to);
  const selectedId = params.get('conversation') ?? direct?.data?.id ?? null;
  const open = (id: string) => setParams({ conversation: id });

  let main;
  if (selectedId) main = <ConversationView key={selectedId} id={selectedId} />;
  else if (direct?.isError) main = <Alert type="error" showIcon message={errorMessage(direct.error, t)} data-testid="direct-error" />;
  else if (direct?.isPending) main = <LoadingBlock />;
  else main = <EmptyBlock title={t('workbench.messages.pick')} />;

  return (
    <div className="zl-msg-page" data-testid="workbench-messages" data-live={live}>
      <aside className="zl-msg-side">
        <div className="zl-msg-side-head">
          <Space>
            <span className="zl-msg-side-title">{t('workbench.nav.messages')}</span>
            <Tooltip title={t(live ? 'workbench.messages.live.on' : 'workbench.messages.live.off')}>
              <Badge status={live ? 'success' : 'default'} data-testid="message-live" />
            </Tooltip>
          </Space>
          <Space size={4}>
            <Tooltip title={t('workbench.messages.direct.start')}>
              <Button
                size="small"
                icon={<UserAddOutlined />}
                onClick={() => setCreating('direct')}
                aria-label={t('workbench.messages.direct.start')}
                data-testid="start-direct"
              />
            </Tooltip>
            <Tooltip title={t('workbench.messages.group.start')}>
              <Button
                size="small"
                icon={<UsergroupAddOutlined />}
                onClick={() => setCreating('group')}
                aria-label={t('workbench.messages.group.start')}
                data-testid="start-group"
              />
            </Tooltip>
          </Space>
        </div>
        <div className="zl-msg-search">
          <Input.Search
            allowClear
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onSearch={setTyped}
            placeholder={t('workbench.messages.search.placeholder')}
            data-testid="message-search"
          />
        </div>
        <div className="zl-msg-side-body">
          {q ? <SearchResults q={q} onOpen={open} /> : <ConversationList selectedId={selectedId} onOpen={open} />}
        </div>
      </aside>
      <section className="zl-msg-main">{main}</section>
      <DirectModal
        open={creating === 'direct'}
        onClose={() => setCreating(null)}
        onOpened={(conversation) => {
          setCreating(null);
          open(conversation.id);
        }}
      />
      <GroupModal
        open={creating === 'group'}
        onClose={() => setCreating(null)}
        onCreated={(conversation) => {
          setCreating(null);
          open(conversation.id);
        }}
      />
    </div>
  );
}

/** `/workbench/messages/:id` (the links of message notices): the page with that conversation open. */
export function ConversationRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={conversationPath(id)} replace />;
}
