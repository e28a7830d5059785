import { List, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDeadline, instructionPath, lightLabel, MOBILE_LIGHT_COLORS, type InstructionSummary, type Priority } from '../instructions';
import '../instructions.css';

// Tags and rows of the phone 批示 pages (antd-mobile); the home page shows rows too.

export function MobileLightTag({ item }: { item: Pick<InstructionSummary, 'light' | 'onTime'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={MOBILE_LIGHT_COLORS[item.light]} data-testid="instruction-light" data-light={item.light}>
      {lightLabel(item, t)}
    </Tag>
  );
}

const PRIORITY_COLORS: Record<Priority, string> = { normal: 'default', important: 'warning', urgent: 'danger' };

export function MobilePriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <Tag color={PRIORITY_COLORS[priority]} fill="outline" data-testid="instruction-priority" data-priority={priority}>
      {t(`workbench.instructions.priority.${priority}`)}
    </Tag>
  );
}

/** One instruction as a list row: light, subject, issuer and deadline; a tap opens it. */
export function MobileInstructionItem({ item }: { item: InstructionSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item
      clickable
      className={`zl-m-ins-item is-${item.light}`}
      onClick={() => navigate(instructionPath(item.id, true))}
      description={
        <div>
          <div className="zl-m-ins-text">{item.text}</div>
          <div>
            {item.issuer.name} · {t('workbench.instructions.columns.deadline')}{' '}
            <span className={`zl-ins-deadline is-${item.light}`}>{formatDeadline(item.deadline)}</span>
          </div>
        </div>
      }
      extra={
        <Space direction="vertical" align="end" style={{ '--gap': '4px' }}>
          <MobileLightTag item={item} />
          <MobilePriorityTag priority={item.priority} />
        </Space>
      }
      data-testid={`instruction-row-${item.id}`}
      data-light={item.light}
    >
      {item.subject.title}
    </List.Item>
  );
}
