import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorBlock } from '../../shared/desktop/states';
import { useComponents, type Component } from './apps-queries';

/** 组件目录 (P6.1): what every app should reuse rather than build — owner, version, docs, 强制类/推荐类, usage. */
export function ComponentsPage() {
  const { t } = useTranslation();
  const components = useComponents();
  return (
    <div data-testid="console-components">
      <Typography.Title level={3}>{t('appsConsole.componentsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('appsConsole.componentsIntro', { days: components.data?.days ?? 30 })}
      </Typography.Paragraph>
      <Card size="small">
        {components.isError ? (
          <ErrorBlock error={components.error} onRetry={() => void components.refetch()} />
        ) : (
          <Table<Component>
            size="small"
            rowKey="code"
            loading={components.isPending}
            dataSource={components.data?.items ?? []}
            pagination={false}
            expandable={{
              expandedRowRender: (c) => (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.docs || c.docsUrl}</Typography.Paragraph>
              ),
            }}
            columns={[
              { key: 'name', title: t('appsConsole.componentName'), render: (_, c) => <span data-testid="component-row">{c.name}</span> },
              { key: 'code', title: t('appsConsole.code'), render: (_, c) => <Typography.Text code>{c.code}</Typography.Text> },
              {
                key: 'obligation',
                title: t('appsConsole.obligation'),
                render: (_, c) =>
                  c.obligation === 'mandatory' ? (
                    <Tag color="red">{t('appsConsole.mandatory')}</Tag>
                  ) : (
                    <Tag color="blue">{t('appsConsole.recommended')}</Tag>
                  ),
              },
              {
                key: 'kind',
                title: t('appsConsole.kind'),
                render: (_, c) => (c.kind === 'builtin' ? t('appsConsole.builtin') : t('appsConsole.registeredKind')),
              },
              { key: 'owner', title: t('appsConsole.owner'), dataIndex: 'ownerOrgName' },
              { key: 'version', title: t('appsConsole.version'), dataIndex: 'version' },
              {
                key: 'calls',
                title: t('appsConsole.calls'),
                render: (_, c) => <span data-testid={`component-calls-${c.code}`}>{c.usage.calls}</span>,
              },
              { key: 'errors', title: t('appsConsole.errors'), render: (_, c) => c.usage.errors },
              {
                key: 'apps',
                title: t('appsConsole.appsUsing'),
                render: (_, c) => `${c.usage.appsCalling} / ${c.usage.appsDeclaring.length}`,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
