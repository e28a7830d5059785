import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SharingRequestStatus } from '../../shared/api-types';

const STATUS_COLORS: Record<SharingRequestStatus, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

/** 审核中 (blue), 已授权 (green), 已拒绝 (red); with 自动授权 when the platform granted it at once. */
export function SharingStatusTag({ status, automatic, testId }: { status: SharingRequestStatus; automatic?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const known = status in STATUS_COLORS;
  return (
    <Space size={0} wrap>
      <Tag color={known ? STATUS_COLORS[status] : 'default'} data-testid={testId} data-status={status}>
        {known ? t(`sharing.statuses.${status}`) : status}
      </Tag>
      {automatic ? (
        <Tag color="cyan" data-testid="sharing-automatic">
          {t('sharing.automatic')}
        </Tag>
      ) : null}
    </Space>
  );
}
