import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useResource } from '../catalog/catalog-queries';
import type { CollabService, CollabServiceKind } from './collaboration-queries';

const KIND_COLORS: Record<CollabServiceKind, string> = { query: 'geekblue', http: 'purple' };

/** 数据查询核验 (geekblue) | 部门接口 (purple) */
export function KindTag({ kind }: { kind: CollabServiceKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} data-kind={kind}>
      {kind in KIND_COLORS ? t(`collaboration.kinds.${kind}`) : kind}
    </Tag>
  );
}

/**
 * What a service answers: for a question, the resource, its key and the answer in the
 * catalog's words (labels once the catalog answers, names before); for an endpoint, its URL.
 */
export function ServiceContent({ service }: { service: CollabService }) {
  const { t } = useTranslation();
  const resource = useResource(service.kind === 'query' ? (service.resourceId ?? '') : '');
  if (service.kind === 'http')
    return (
      <Space direction="vertical" size={2}>
        <Typography.Text className="zl-mono" style={{ fontSize: '0.85em', wordBreak: 'break-all' }}>
          {service.url}
        </Typography.Text>
        {service.hasAuthorization ? <Tag>{t('collaboration.service.sealedCredential')}</Tag> : null}
      </Space>
    );
  const label = (name: string | null | undefined) =>
    (name && resource.data?.fields.find((field) => field.name === name)?.label) ?? name ?? '—';
  const answer = service.answer;
  let asks = '';
  if (answer?.type === 'exists') asks = t('collaboration.answer.existsText');
  else if (answer?.type === 'equals') asks = t('collaboration.answer.equalsText', { field: label(answer.field), value: answer.value });
  else if (answer?.type === 'value') asks = t('collaboration.answer.valueText', { field: label(answer.field) });
  return (
    <Space direction="vertical" size={2} data-testid="collab-service-content">
      <span>{resource.data?.name ?? <span className="zl-mono">{service.resourceId}</span>}</span>
      <Typography.Text type="secondary">{t('collaboration.answer.byKey', { key: label(service.keyField) })}</Typography.Text>
      <span>{asks}</span>
    </Space>
  );
}
