import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PaperClipOutlined, SendOutlined, TeamOutlined, ThunderboltOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Input, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../shared/auth';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { formatFileSize } from '../../shared/forms/attachments';
import { instructionPath } from '../instructions';
import {
  awaitsMyAcknowledgement,
  checkMessageFile,
  formatMessageTime,
  isForbidden,
  MESSAGE_FILE_ACCEPT,
  MESSAGE_LIMITS,
  messageFileUrl,
  newSendKey,
  receiptText,
  threadMessages,
  urgentSenderText,
  useAcknowledge,
  useConversation,
  useMarkReadWhenViewed,
  useReceipts,
  useSendMessage,
  useThread,
  type Conversation,
  type ThreadMessage,
} from '../messages';
import { AddMembersModal } from './new-conversation';

function PeopleList({ title, people, testId }: { title: string; people: { accountId: string; displayName: string }[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="zl-msg-people" data-testid={testId}>
      <div className="zl-msg-people-title">{title}</div>
      {people.length ? (
        <Space size={[4, 4]} wrap>
          {people.map((p) => (
            <Tag key={p.accountId}>{p.displayName}</Tag>
          ))}
        </Space>
      ) : (
        <span className="zl-msg-meta">{t('common.none')}</span>
      )}
    </div>
  );
}

/** 已读/未读 of one of my messages, by name (and, if urgent, who acknowledged): asked when opened. */
function ReceiptDetails({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const receipts = useReceipts(messageId);
  if (receipts.isPending) return <LoadingBlock />;
  if (receipts.isError) return <ErrorBlock error={receipts.error} />;
  const r = receipts.data;
  return (
    <div className="zl-msg-receipts" data-testid="receipt-details">
      {r.urgent ? (
        <>
          <PeopleList
            title={t('workbench.messages.urgent.pendingList', { count: r.urgent.pending.length })}
            people={r.urgent.pending}
            testId="receipt-pending"
          />
          <PeopleList
            title={t('workbench.messages.urgent.ackList', { count: r.urgent.acknowledged.length })}
            people={r.urgent.acknowledged}
            testId="receipt-acknowledged"
          />
        </>
      ) : null}
      <PeopleList
        title={t('workbench.messages.receipt.unreadList', { count: r.unread.length })}
        people={r.unread}
        testId="receipt-unread"
      />
      <PeopleList title={t('workbench.messages.receipt.readList', { count: r.read.length })} people={r.read} testId="receipt-read" />
    </div>
  );
}

/** The line under my message: 已读/未读 (a group's n 人未读, clickable to see who), and a 紧急消息's acknowledgements. */
function MyReceipt({ message, conversation }: { message: ThreadMessage; conversation: Conversation }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const text = receiptText(message, conversation.kind, t);
  const urgent = urgentSenderText(message, t);
  if (!text && !urgent) return null;
  const unread = message.receipt?.unread ?? 0;
  const read = conversation.kind === 'direct' ? unread === 0 && (message.receipt?.read ?? 0) > 0 : unread === 0;
  const line = (
    <span className="zl-msg-receipt-line">
      {text ? (
        <span className={`zl-msg-receipt${read ? ' is-read' : ''}`} data-testid="receipt" data-read={read} data-unread={unread}>
          {text}
        </span>
      ) : null}
      {urgent ? (
        <span className="zl-msg-urgent-state" data-testid="urgent-state">
          {urgent}
        </span>
      ) : null}
    </span>
  );
  // In a 单聊 已读/未读 says it all, unless it is urgent; in a group a click names who.
  if (conversation.kind === 'direct' && !message.urgent) return line;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('workbench.messages.receipt.title')}
      content={open ? <ReceiptDetails messageId={message.id} /> : null}
    >
      <button type="button" className="zl-msg-receipt-button" data-testid="receipt-open">
        {line}
      </button>
    </Popover>
  );
}

function MessageBody({ message }: { message: ThreadMessage }) {
  if (message.kind === 'file' && message.file)
    return (
      <a href={messageFileUrl(message.id)} download={message.file.name} className="zl-msg-file" data-testid="message-file">
        <PaperClipOutlined /> <span>{message.file.name}</span> <span className="zl-msg-meta">{formatFileSize(message.file.size)}</span>
      </a>
    );
  return <span data-testid="message-text">{message.text}</span>;
}

function MessageItem({ message, conversation }: { message: ThreadMessage; conversation: Conversation }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const acknowledge = useAcknowledge();
  const waiting = awaitsMyAcknowledgement(message);
  return (
    <div
      className={`zl-msg${message.mine ? ' is-mine' : ''}${message.urgent ? ' is-urgent' : ''}`}
      data-testid="message"
      data-id={message.id}
      data-seq={message.seq}
      data-mine={message.mine}
      data-urgent={message.urgent}
    >
      <div className="zl-msg-head">
        {message.mine ? null : <span className="zl-msg-sender">{message.sender.displayName}</span>}
        <Tooltip title={formatDateTime(message.createdAt)}>
          <span className="zl-msg-meta">{formatMessageTime(message.createdAt)}</span>
        </Tooltip>
      </div>
      <div className="zl-msg-bubble">
        {message.urgent ? (
          <Tag color="red" icon={<ThunderboltOutlined />} className="zl-msg-urgent-tag">
            {t('workbench.messages.urgent.label')}
          </Tag>
        ) : null}
        <MessageBody message={message} />
      </div>
      <div className="zl-msg-foot">
        {message.mine ? <MyReceipt message={message} conversation={conversation} /> : null}
        {waiting ? (
          <Button
            size="small"
            type="primary"
            danger
            loading={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(message, {
                onSuccess: () => void toast.success(t('workbench.messages.urgent.done')),
                onError: (error) => void toast.error(errorMessage(error, t)),
              })
            }
            data-testid="message-acknowledge"
          >
            {t('workbench.messages.urgent.acknowledge')}
          </Button>
        ) : !message.mine && message.urgent ? (
          <span className="zl-msg-meta" data-testid="message-acknowledged">
            {t('workbench.messages.urgent.acknowledged')}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function subjectLink(subject: NonNullable<Conversation['subject']>): string | null {
  if (subject.type === 'task') return `/workbench/tasks/${encodeURIComponent(subject.id)}`;
  if (subject.type === 'instruction') return instructionPath(subject.id);
  return null;
}

function ConversationHeader({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const link = conversation.subject ? subjectLink(conversation.subject) : null;
  return (
    <header className="zl-msg-main-head">
      <Space size={8} wrap>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="conversation-title">
          {conversation.title}
        </Typography.Title>
        {conversation.subject ? (
          <Tag color="blue" data-testid="conversation-subject">
            {t(`workbench.messages.subject.${conversation.subject.type}`)}
            {link ? (
              <>
                {' · '}
                <Link to={link}>{t('workbench.messages.subject.open')}</Link>
              </>
            ) : null}
          </Tag>
        ) : null}
      </Space>
      {conversation.kind === 'group' ? (
        <Popover
          trigger="click"
          title={t('workbench.messages.members', { count: conversation.members.length })}
          content={
            <div className="zl-msg-members" data-testid="conversation-members">
              {conversation.members.map((m) => (
                <div key={m.accountId}>
                  {m.displayName} {m.role === 'owner' ? <Tag color="gold">{t('workbench.messages.owner')}</Tag> : null}
                </div>
              ))}
            </div>
          }
        >
          <Button size="small" icon={<TeamOutlined />} data-testid="conversation-members-open">
            {t('workbench.messages.memberCount', { count: conversation.members.length })}
          </Button>
        </Popover>
      ) : null}
      {conversation.kind === 'group' && conversation.role === 'owner' ? (
        <>
          <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-members-open">
            {t('workbench.messages.addMembers.open')}
          </Button>
          <AddMembersModal conversation={conversation} open={adding} onClose={() => setAdding(false)} />
        </>
      ) : null}
    </header>
  );
}

/** Text (Enter sends, Shift+Enter a new line), a file, either as a 紧急消息 when 紧急 is on. */
function Composer({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const me = useMe();
  const [text, setText] = useState('');
  const [urgent, setUrgent] = useState(false);
  const key = useRef(newSendKey());
  const fileInput = useRef<HTMLInputElement>(null);
  const send = useSendMessage(conversationId, me.id);
  const busy = send.text.isPending || send.file.isPending;
  const fail = (error: unknown) => void toast.error(errorMessage(error, t));
  const sent = () => setUrgent(false);

  const submit = () => {
    const value = text.trim();
    if (!value || busy) return;
    if ([...value].length > MESSAGE_LIMITS.text) {
      void toast.error(t('workbench.messages.composer.tooLong', { max: MESSAGE_LIMITS.text }));
      return;
    }
    send.text.mutate(
      { text: value, urgent, key: key.current },
      {
        onSuccess: () => {
          setText('');
          key.current = newSendKey();
          sent();
        },
        onError: fail,
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition (拼音) is neither.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };
  const onFile = (file: File | undefined) => {
    if (!file) return;
    const problem = checkMessageFile(file, t);
    if (problem) {
      void toast.error(problem);
      return;
    }
    send.file.mutate({ file, urgent }, { onSuccess: sent, onError: fail });
  };

  return (
    <div className={`zl-msg-composer${urgent ? ' is-urgent' : ''}`} data-testid="composer">
      <div className="zl-msg-tools">
        <Tooltip title={t('workbench.messages.composer.file')}>
          <Button
            icon={<PaperClipOutlined />}
            onClick={() => fileInput.current?.click()}
            loading={send.file.isPending}
            aria-label={t('workbench.messages.composer.file')}
            data-testid="composer-file"
          />
        </Tooltip>
        <input
          ref={fileInput}
          type="file"
          accept={MESSAGE_FILE_ACCEPT}
          hidden
          onChange={(event) => {
            onFile(event.target.files?.[0]);
            event.target.value = '';
          }}
          data-testid="composer-file-input"
        />
        <Tooltip title={t('workbench.messages.composer.urgentHint')}>
          <Button
            icon={<ThunderboltOutlined />}
            type={urgent ? 'primary' : 'default'}
            danger={urgent}
            aria-pressed={urgent}
            onClick={() => setUrgent((on) => !on)}
            data-testid="composer-urgent"
            data-on={urgent}
          >
            {t('workbench.messages.composer.urgent')}
          </Button>
        </Tooltip>
      </div>
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t(urgent ? 'workbench.messages.composer.urgentPlaceholder' : 'workbench.messages.composer.placeholder')}
        aria-label={t('workbench.messages.composer.label')}
        data-testid="composer-text"
      />
      <div className="zl-msg-send">
        <Button
          type="primary"
          danger={urgent}
          icon={<SendOutlined />}
          onClick={submit}
          loading={send.text.isPending}
          data-testid="composer-send"
        >
          {t(urgent ? 'workbench.messages.composer.sendUrgent' : 'workbench.messages.composer.send')}
        </Button>
      </div>
    </div>
  );
}

function Thread({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const thread = useThread(conversation.id);
  const messages = threadMessages(thread.data);
  const box = useRef<HTMLDivElement>(null);
  const newest = messages.at(-1)?.id;
  useMarkReadWhenViewed(conversation.id, messages, thread.data?.pages[0]?.lastReadSeq ?? conversation.lastReadSeq);
  // A new message (sent or arrived) scrolls to the end; older pages loaded above leave the view where it was.
  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [newest]);

  if (thread.isPending) return <LoadingBlock />;
  if (thread.isError) return <ErrorBlock error={thread.error} onRetry={() => void thread.refetch()} />;
  return (
    <div className="zl-msg-thread" ref={box} data-testid="thread">
      {thread.hasNextPage ? (
        <div className="zl-msg-older">
          <Button size="small" onClick={() => void thread.fetchNextPage()} loading={thread.isFetchingNextPage}>
            {t('workbench.messages.loadOlder')}
          </Button>
        </div>
      ) : null}
      {messages.length ? (
        messages.map((m) => <MessageItem key={m.id} message={m} conversation={conversation} />)
      ) : (
        <div className="zl-msg-hint">{t('workbench.messages.noMessages')}</div>
      )}
    </div>
  );
}

/** The open conversation: its header, messages (mine on the right, with 已读/未读) and the composer; members only. */
export function ConversationView({ id }: { id: string }) {
  const conversation = useConversation(id);
  if (conversation.isError && isForbidden(conversation.error)) return <ForbiddenResult />;
  if (conversation.isPending) return <LoadingBlock />;
  if (conversation.isError) return <ErrorBlock error={conversation.error} onRetry={() => void conversation.refetch()} />;
  return (
    <div className="zl-msg-conversation" data-testid="conversation" data-id={id} data-kind={conversation.data.kind}>
      <ConversationHeader conversation={conversation.data} />
      <Thread conversation={conversation.data} />
      <Composer conversationId={id} />
    </div>
  );
}
