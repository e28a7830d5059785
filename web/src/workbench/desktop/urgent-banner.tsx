import { ThunderboltFilled } from '@ant-design/icons';
import { App, Button } from 'antd';
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

function UrgentItem({ item }: { item: MessageInConversation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
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
        <Button onClick={() => navigate(conversationPath(item.conversationId))} data-testid="urgent-open">
          {t('workbench.messages.urgent.open')}
        </Button>
        <Button
          type="primary"
          danger
          loading={acknowledge.isPending}
          onClick={() =>
            acknowledge.mutate(item, {
              onSuccess: () => void message.success(t('workbench.messages.urgent.done')),
              onError: (error) => void message.error(errorMessage(error, t)),
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

/**
 * 紧急消息 (DING) sent to me and not yet acknowledged, on top of the Workbench home: each with
 * 确认收到 (which stops its reminders) and 查看. Nothing when there are none.
 */
export function UrgentBanner() {
  const { t } = useTranslation();
  const pending = usePendingUrgent(mayMessage(useMe()));
  const items = pending.data ?? [];
  if (!items.length) return null;
  return (
    <section className="zl-ding" role="alert" data-testid="urgent-banner" data-count={items.length}>
      <div className="zl-ding-head">
        <ThunderboltFilled />
        <span>{t('workbench.messages.urgent.banner', { count: items.length })}</span>
        <span className="zl-ding-hint">{t('workbench.messages.urgent.bannerHint')}</span>
      </div>
      <ul className="zl-ding-list">
        {items.map((item) => (
          <UrgentItem key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
