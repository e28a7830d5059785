import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../notices';

/** The header's bell: how many notices are unread (asked every minute); a click opens the notices. */
export function NoticeBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount().data ?? 0;
  const label = unread
    ? `${t('workbench.notices.bell')} · ${t('workbench.notices.unread', { count: unread })}`
    : t('workbench.notices.bell');
  return (
    <Button
      type="text"
      onClick={() => navigate('/workbench/notices')}
      aria-label={label}
      title={label}
      data-testid="notice-bell"
      data-unread={unread}
    >
      <Badge count={unread} overflowCount={99} size="small" data-testid="notice-unread">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
}
