import { ThunderboltFilled } from '@ant-design/icons';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import {
  conversationPath,
  formatMessageTime,
  mayMessage,
  messagePreview,
  useAcknowledge,
  usePendingUrgent,
  type MessageInConversation,
} from '../messages';
import '../ding.css';

function MobileUrgentItem({ item }: { item: MessageInConversation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const acknowledge = useAcknowledge();
  const where = item.conversation.kind === 'group' ? item.conversation.title : null;
  return (
    <li className="zl-ding-item" data-testid="urgent-item" data-id={item.id}>
      <span className="zl-ding-text">
        {messagePreview({ ...item, urgent: false }, t)}
        <span className="zl-ding-from">
          {[item.sender.displayName, where, formatMessageTime(item.createdAt)].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className="zl-ding-actions">
        <Button size="small" onClick={() => navigate(conversationPath(item.conversationId, true))} data-testid="urgent-open">
          {t('workbench.messages.urgent.open')}
        </Button>
        <Button
          size="small"
          color="danger"
          loading={acknowledge.isPending}
          onClick={() =>
            acknowledge.mutate(item, {
              onSuccess: () => Toast.show({ icon: 'success', content: t('workbench.messages.urgent.done') }),
              onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
            })
          }
          data-testid="urgent-acknowledge"
        >
          {t('workbench.messages.urgent.acknowledge')}
        </Button>
      </span>
    </li>
  );
}

/** 紧急消息 (DING) awaiting my 确认收到, on top of the phone home; nothing when there are none. */
export function MobileUrgentBanner() {
  const { t } = useTranslation();
  const items = usePendingUrgent(mayMessage(useMe())).data ?? [];
  if (!items.length) return null;
  return (
    <section className="zl-ding zl-m-ding" role="alert" data-testid="urgent-banner" data-count={items.length}>
      <div className="zl-ding-head">
        <ThunderboltFilled />
        <span>{t('workbench.messages.urgent.banner', { count: items.length })}</span>
      </div>
      <ul className="zl-ding-list">
        {items.map((item) => (
          <MobileUrgentItem key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
