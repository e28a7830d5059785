import { useLayoutEffect, useRef, useState } from 'react';
import { LeftOutlined, PaperClipOutlined, SendOutlined, TeamOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, List, Popup, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { formatFileSize } from '../../shared/forms/attachments';
import { MobileError, MobileForbidden, MobileLoading } from '../../shared/mobile/mobile-results';
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
  useStreamOpen,
  useThread,
  type Conversation,
  type ThreadMessage,
} from '../messages';
import '../messages.css';
import { MobileAddMembersSheet } from './mobile-new-conversation';

const fail = (error: unknown, t: Parameters<typeof errorMessage>[1]) => Toast.show({ icon: 'fail', content: errorMessage(error, t) });

function PeopleSection({ title, people, testId }: { title: string; people: { accountId: string; displayName: string }[]; testId: string }) {
  return (
    <List header={title} data-testid={testId}>
      {people.map((p) => (
        <List.Item key={p.accountId}>{p.displayName}</List.Item>
      ))}
    </List>
  );
}

/** Who has read one of my messages (and who acknowledged, if urgent), in a bottom sheet. */
function ReceiptSheet({ messageId, onClose }: { messageId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const receipts = useReceipts(messageId);
  const r = receipts.data;
  return (
    <Popup
      visible={Boolean(messageId)}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton
      bodyStyle={{ maxHeight: '70vh', overflowY: 'auto' }}
    >
      <div className="zl-m-sheet" data-testid="receipt-details">
        <h3>{t('workbench.messages.receipt.title')}</h3>
        {receipts.isPending ? <MobileLoading /> : null}
        {receipts.isError ? <MobileError error={receipts.error} /> : null}
        {r?.urgent ? (
          <>
            <PeopleSection
              title={t('workbench.messages.urgent.pendingList', { count: r.urgent.pending.length })}
              people={r.urgent.pending}
              testId="receipt-pending"
            />
            <PeopleSection
              title={t('workbench.messages.urgent.ackList', { count: r.urgent.acknowledged.length })}
              people={r.urgent.acknowledged}
              testId="receipt-acknowledged"
            />
          </>
        ) : null}
        {r ? (
          <>
            <PeopleSection
              title={t('workbench.messages.receipt.unreadList', { count: r.unread.length })}
              people={r.unread}
              testId="receipt-unread"
            />
            <PeopleSection
              title={t('workbench.messages.receipt.readList', { count: r.read.length })}
              people={r.read}
              testId="receipt-read"
            />
          </>
        ) : null}
      </div>
    </Popup>
  );
}

function MobileMessage({
  message,
  conversation,
  onReceipts,
}: {
  message: ThreadMessage;
  conversation: Conversation;
  onReceipts: (messageId: string) => void;
}) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledge();
  const receipt = receiptText(message, conversation.kind, t);
  const urgent = urgentSenderText(message, t);
  const unread = message.receipt?.unread ?? 0;
  const read = conversation.kind === 'direct' ? unread === 0 && (message.receipt?.read ?? 0) > 0 : unread === 0;
  const tappable = message.mine && (conversation.kind === 'group' || message.urgent);
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
        <span className="zl-msg-meta">{formatMessageTime(message.createdAt)}</span>
      </div>
      <div className="zl-msg-bubble">
        {message.urgent ? (
          <Tag color="danger" className="zl-msg-urgent-tag">
            {t('workbench.messages.urgent.label')}
          </Tag>
        ) : null}
        {message.kind === 'file' && message.file ? (
          <a href={messageFileUrl(message.id)} download={message.file.name} className="zl-msg-file" data-testid="message-file">
            <PaperClipOutlined /> <span>{message.file.name}</span> <span className="zl-msg-meta">{formatFileSize(message.file.size)}</span>
          </a>
        ) : (
          <span data-testid="message-text">{message.text}</span>
        )}
      </div>
      <div className="zl-msg-foot">
        {receipt || urgent ? (
          <span
            className={`zl-msg-receipt-line${tappable ? ' zl-msg-receipt-button' : ''}`}
            role={tappable ? 'button' : undefined}
            onClick={tappable ? () => onReceipts(message.id) : undefined}
            data-testid={tappable ? 'receipt-open' : undefined}
          >
            {receipt ? (
              <span className={`zl-msg-receipt${read ? ' is-read' : ''}`} data-testid="receipt" data-read={read} data-unread={unread}>
                {receipt}
              </span>
            ) : null}
            {urgent ? (
              <span className="zl-msg-urgent-state" data-testid="urgent-state">
                {urgent}
              </span>
            ) : null}
          </span>
        ) : null}
        {awaitsMyAcknowledgement(message) ? (
          <Button
            size="small"
            color="danger"
            loading={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(message, {
                onSuccess: () => Toast.show({ icon: 'success', content: t('workbench.messages.urgent.done') }),
                onError: (error) => fail(error, t),
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

function MobileThread({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const thread = useThread(conversation.id);
  const messages = threadMessages(thread.data);
  const box = useRef<HTMLDivElement>(null);
  const [receiptsOf, setReceiptsOf] = useState<string | null>(null);
  const newest = messages.at(-1)?.id;
  useMarkReadWhenViewed(conversation.id, messages, thread.data?.pages[0]?.lastReadSeq ?? conversation.lastReadSeq);
  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [newest]);
  if (thread.isPending) return <MobileLoading />;
  if (thread.isError) return <MobileError error={thread.error} onRetry={() => void thread.refetch()} />;
  return (
    <div className="zl-msg-thread" ref={box} data-testid="thread">
      {thread.hasNextPage ? (
        <div className="zl-msg-older">
          <Button size="mini" onClick={() => void thread.fetchNextPage()} loading={thread.isFetchingNextPage}>
            {t('workbench.messages.loadOlder')}
          </Button>
        </div>
      ) : null}
      {messages.length ? (
        messages.map((m) => <MobileMessage key={m.id} message={m} conversation={conversation} onReceipts={setReceiptsOf} />)
      ) : (
        <div className="zl-msg-hint">{t('workbench.messages.noMessages')}</div>
      )}
      <ReceiptSheet messageId={receiptsOf} onClose={() => setReceiptsOf(null)} />
    </div>
  );
}

/** Text, a file, and 紧急 within thumb's reach; the send button sends (a phone's Enter is a new line). */
function MobileComposer({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const [text, setText] = useState('');
  const [urgent, setUrgent] = useState(false);
  const key = useRef(newSendKey());
  const fileInput = useRef<HTMLInputElement>(null);
  const send = useSendMessage(conversationId, me.id);
  const busy = send.text.isPending || send.file.isPending;
  const submit = () => {
    const value = text.trim();
    if (!value || busy) return;
    if ([...value].length > MESSAGE_LIMITS.text) {
      Toast.show({ icon: 'fail', content: t('workbench.messages.composer.tooLong', { max: MESSAGE_LIMITS.text }) });
      return;
    }
    send.text.mutate(
      { text: value, urgent, key: key.current },
      {
        onSuccess: () => {
          setText('');
          setUrgent(false);
          key.current = newSendKey();
        },
        onError: (error) => fail(error, t),
      },
    );
  };
  const onFile = (file: File | undefined) => {
    if (!file) return;
    const problem = checkMessageFile(file, t);
    if (problem) {
      Toast.show({ icon: 'fail', content: problem });
      return;
    }
    send.file.mutate({ file, urgent }, { onSuccess: () => setUrgent(false), onError: (error) => fail(error, t) });
  };
  return (
    <div className={`zl-m-msg-composer${urgent ? ' is-urgent' : ''}`} data-testid="composer">
      <button
        type="button"
        className="zl-m-msg-icon-button"
        onClick={() => fileInput.current?.click()}
        disabled={send.file.isPending}
        aria-label={t('workbench.messages.composer.file')}
        data-testid="composer-file"
      >
        <PaperClipOutlined />
      </button>
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
      <button
        type="button"
        className={`zl-m-msg-icon-button${urgent ? ' is-on' : ''}`}
        onClick={() => setUrgent((on) => !on)}
        aria-pressed={urgent}
        aria-label={t('workbench.messages.composer.urgent')}
        data-testid="composer-urgent"
        data-on={urgent}
      >
        <ThunderboltOutlined />
      </button>
      <TextArea
        value={text}
        onChange={setText}
        autoSize={{ minRows: 1, maxRows: 4 }}
        placeholder={t(urgent ? 'workbench.messages.composer.mobileUrgentPlaceholder' : 'workbench.messages.composer.mobilePlaceholder')}
        aria-label={t('workbench.messages.composer.label')}
        data-testid="composer-text"
      />
      <Button
        color={urgent ? 'danger' : 'primary'}
        size="small"
        onClick={submit}
        loading={send.text.isPending}
        disabled={!text.trim()}
        aria-label={t(urgent ? 'workbench.messages.composer.sendUrgent' : 'workbench.messages.composer.send')}
        data-testid="composer-send"
      >
        <SendOutlined />
      </Button>
    </div>
  );
}

/** The members, and for the group's owner 添加成员. */
function MembersSheet({ conversation, visible, onClose }: { conversation: Conversation; visible: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Popup visible={visible} onMaskClick={onClose} onClose={onClose} showCloseButton bodyStyle={{ maxHeight: '70vh', overflowY: 'auto' }}>
        <List header={t('workbench.messages.members', { count: conversation.members.length })} data-testid="conversation-members">
          {conversation.members.map((m) => (
            <List.Item key={m.accountId} extra={m.role === 'owner' ? <Tag color="warning">{t('workbench.messages.owner')}</Tag> : null}>
              {m.displayName}
            </List.Item>
          ))}
        </List>
        {conversation.role === 'owner' ? (
          <div style={{ padding: 12 }}>
            <Button
              block
              color="primary"
              fill="outline"
              onClick={() => {
                onClose();
                setAdding(true);
              }}
              data-testid="add-members-open"
            >
              {t('workbench.messages.addMembers.open')}
            </Button>
          </div>
        ) : null}
      </Popup>
      <MobileAddMembersSheet conversation={conversation} visible={adding} onClose={() => setAdding(false)} />
    </>
  );
}

/** One conversation on a phone (`/m/workbench/messages/:id`): the messages, 已读/未读, 确认收到, and the composer; members only. */
export function MobileConversationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const live = useStreamOpen();
  const conversation = useConversation(id);
  const [members, setMembers] = useState(false);
  if (conversation.isError && isForbidden(conversation.error)) return <MobileForbidden />;
  const c = conversation.data;
  return (
    <div className="zl-m-msg-page" data-testid="conversation" data-id={id} data-kind={c?.kind} data-live={live}>
      <div className="zl-m-msg-head">
        <Button fill="none" size="small" onClick={() => navigate('/m/workbench/messages')} aria-label={t('workbench.messages.back')}>
          <LeftOutlined />
        </Button>
        <span className="zl-m-msg-head-title" data-testid="conversation-title">
          {c?.title ?? ''}
        </span>
        {c?.subject ? <Tag color="primary">{t(`workbench.messages.subject.${c.subject.type}`)}</Tag> : null}
        {c?.kind === 'group' ? (
          <Button fill="none" size="small" onClick={() => setMembers(true)} data-testid="conversation-members-open">
            <TeamOutlined /> {c.members.length}
          </Button>
        ) : null}
      </div>
      {conversation.isPending ? <MobileLoading /> : null}
      {conversation.isError ? <MobileError error={conversation.error} onRetry={() => void conversation.refetch()} /> : null}
      {c ? (
        <>
          <MobileThread conversation={c} />
          <MobileComposer conversationId={c.id} />
          <MembersSheet conversation={c} visible={members} onClose={() => setMembers(false)} />
        </>
      ) : null}
    </div>
  );
}
