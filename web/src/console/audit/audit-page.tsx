import { useState } from 'react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { AuditEntry, AuditOutcome, AuditVerifyResult, Page } from '../../shared/api-types';
import { PagedTable } from '../../shared/desktop/paged-table';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { cursorPaging, PAGE_SIZE } from '../../shared/query';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { ok: 'success', refused: 'warning', failed: 'error' };
const OUTCOMES: readonly AuditOutcome[] = ['ok', 'refused', 'failed'];

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const checkpoint = result.lastCheckpointSeq !== null ? t('console.audit.checkpoint', { seq: result.lastCheckpointSeq }) : undefined;
  return (
    <div data-testid="audit-verify-result" data-ok={result.ok ? 'true' : 'false'} style={{ marginBottom: 16 }}>
      {result.ok ? (
        <Alert type="success" showIcon message={t('console.audit.verifyOk', { n: result.checked })} description={checkpoint} />
      ) : (
        <Alert
          type="error"
          showIcon
          message={t('console.audit.verifyBad', { seq: result.firstBad?.seq ?? '?', reason: result.firstBad?.reason ?? '' })}
          description={checkpoint}
        />
      )}
    </div>
  );
}

/** 审计日志: the hash-chained audit log, with chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [actionPrefix, setActionPrefix] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | undefined>();

  const entries = useInfiniteQuery({
    queryKey: ['audit', { actionPrefix, outcome }],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEntry>>('/audit', { actionPrefix, outcome, cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging,
  });

  const verify = useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/audit/verify'),
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('console.audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('console.audit.at'), dataIndex: 'at', key: 'at', width: 180, render: (at: string) => formatDateTime(at) },
    {
      title: t('console.audit.actor'),
      key: 'actor',
      render: (_, entry) =>
        entry.actorId || entry.actorName ? (
          <div>
            <div>{entry.actorName ?? entry.actorId}</div>
            {entry.actorKind ? <Typography.Text type="secondary">{entry.actorKind}</Typography.Text> : null}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('console.audit.system')}</Typography.Text>
        ),
    },
    {
      title: t('console.audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: string) => <span className="zl-mono">{action}</span>,
    },
    {
      title: t('console.audit.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      width: 90,
      render: (value: AuditOutcome) => (
        <Tag color={OUTCOME_COLORS[value]} data-testid={`outcome-${value}`}>
          {t(`console.audit.outcomes.${value}`)}
        </Tag>
      ),
    },
    {
      title: t('console.audit.target'),
      key: 'target',
      render: (_, entry) =>
        entry.targetType || entry.targetId ? (
          <span className="zl-mono">{[entry.targetType, entry.targetId].filter(Boolean).join(' · ')}</span>
        ) : (
          '—'
        ),
    },
    {
      title: t('console.audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 140,
      render: (ip: string | null) => <span className="zl-mono">{ip ?? '—'}</span>,
    },
  ];

  const hasDetails = (entry: AuditEntry) =>
    entry.details !== null &&
    entry.details !== undefined &&
    !(typeof entry.details === 'object' && Object.keys(entry.details as object).length === 0);

  return (
    <Card
      title={t('console.nav.audit')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          {t('console.audit.verify')}
        </Button>
      }
      data-testid="console-audit"
    >
      {verify.data ? <VerifyResult result={verify.data} /> : null}
      <div className="zl-toolbar">
        <Input.Search
          allowClear
          placeholder={t('console.audit.actionPrefix')}
          onSearch={(value) => setActionPrefix(value.trim())}
          style={{ width: 280 }}
          data-testid="audit-action-prefix"
        />
        <Select<AuditOutcome>
          allowClear
          placeholder={t('console.audit.outcome')}
          value={outcome}
          onChange={setOutcome}
          options={OUTCOMES.map((value) => ({ value, label: t(`console.audit.outcomes.${value}`) }))}
          style={{ width: 140 }}
          data-testid="audit-outcome"
        />
      </div>
      <PagedTable
        query={entries}
        columns={columns}
        rowKey="id"
        size="middle"
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: hasDetails,
          expandedRowRender: (entry) => <pre className="zl-json">{JSON.stringify(entry.details, null, 2)}</pre>,
        }}
        testId="audit-table"
        loadMoreTestId="audit-load-more"
      />
    </Card>
  );
}
