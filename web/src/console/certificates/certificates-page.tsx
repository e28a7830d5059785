import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';

interface IssuedCertificate {
  id: string;
  serialNo: string;
  kind: string;
  holderName: string;
  caseRef: string | null;
  status: 'valid' | 'revoked';
  issuedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

const issuedKey = (q: string) => ['certificates', 'issued', q] as const;

/** 电子证照 the organisation issued: find one by serial, name or 办件 number, and revoke it with a reason everyone verifying will read. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [revoking, setRevoking] = useState<IssuedCertificate | null>(null);
  const [reason, setReason] = useState('');
  const issued = useQuery({
    queryKey: issuedKey(q),
    queryFn: ({ signal }) => api.get<{ items: IssuedCertificate[] }>('/certificates/issued', q ? { q } : undefined, signal),
  });
  const revoke = useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      api.post<IssuedCertificate>(`/certificates/${encodeURIComponent(input.id)}/revoke`, { reason: input.reason }),
    onSuccess: () => {
      void message.success(t('certificatesConsole.revoked'));
      setRevoking(null);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['certificates', 'issued'] });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  if (issued.isError && isApiError(issued.error) && issued.error.status === 403) return <ForbiddenResult />;
  return (
    <div data-testid="console-certificates">
      <Typography.Title level={3}>{t('certificatesConsole.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('certificatesConsole.intro')}</Typography.Paragraph>
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('certificatesConsole.search')}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 360, marginBottom: 12 }}
          data-testid="certificates-search"
        />
        {issued.isError ? (
          <ErrorBlock error={issued.error} onRetry={() => void issued.refetch()} />
        ) : (
          <Table<IssuedCertificate>
            size="small"
            rowKey="id"
            loading={issued.isPending}
            dataSource={issued.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { key: 'kind', title: t('certificatesConsole.kind'), dataIndex: 'kind' },
              { key: 'serial', title: t('certificatesConsole.serial'), render: (_, c) => <span className="zl-mono">{c.serialNo}</span> },
              { key: 'holder', title: t('certificatesConsole.holder'), dataIndex: 'holderName' },
              { key: 'case', title: t('certificatesConsole.case'), render: (_, c) => c.caseRef ?? '—' },
              { key: 'issued', title: t('certificatesConsole.issuedAt'), render: (_, c) => formatDateTime(c.issuedAt) },
              {
                key: 'status',
                title: t('certificatesConsole.status'),
                render: (_, c) =>
                  c.status === 'valid' ? (
                    <Tag color="green">{t('certificatesConsole.valid')}</Tag>
                  ) : (
                    <Tag color="orange" title={c.revokedReason ?? ''}>
                      {t('certificatesConsole.revokedTag')}
                    </Tag>
                  ),
              },
              {
                key: 'actions',
                title: '',
                render: (_, c) =>
                  c.status === 'valid' ? (
                    <Button size="small" danger onClick={() => setRevoking(c)} data-testid="certificate-revoke">
                      {t('certificatesConsole.revoke')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={revoking !== null}
        title={t('certificatesConsole.revokeTitle', { kind: revoking?.kind ?? '', serial: revoking?.serialNo ?? '' })}
        okText={t('certificatesConsole.revoke')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: revoke.isPending }}
        onOk={() => revoking && revoke.mutate({ id: revoking.id, reason: reason.trim() })}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('certificatesConsole.revokeHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('certificatesConsole.reason')}
          data-testid="certificate-revoke-reason"
        />
      </Modal>
    </div>
  );
}
