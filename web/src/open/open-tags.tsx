import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, OpenType } from './open-api';

export function OpenTypeTag({ value }: { value: OpenType }) {
  const { t } = useTranslation();
  return (
    <Tag color={value === 'open' ? 'green' : 'orange'} data-testid={`open-type-${value}`}>
      {t(`openData.openTypes.${value}`)}
    </Tag>
  );
}

const statusColors: Record<ApplicationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

export function StatusTag({ value }: { value: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[value]} data-testid={`application-status-${value}`}>
      {t(`openData.statuses.${value}`)}
    </Tag>
  );
}
