import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Modal, Space, Steps, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { apiUrl, isApiError } from '../../shared/api';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { documentPath, useSignatureAction, useSignatureChecks, useSignatureRequest } from '../signatures';
import { StatusTag } from './signatures-page';

/** One request: the signers in their order, the document's versions, signing with the password again, verification. */
export function SignaturePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const request = useSignatureRequest(id);
  const action = useSignatureAction(id);
  const [signing, setSigning] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const checks = useSignatureChecks(id, Boolean(request.data?.versions.length && request.data.versions.length > 1));
  if (request.isError && isApiError(request.error) && (request.error.status === 403 || request.error.status === 404))
    return <ForbiddenResult />;
  if (request.isError) return <ErrorBlock error={request.error} onRetry={() => void request.refetch()} />;
  if (!request.data) return <LoadingBlock />;
  const r = request.data;
  const run = (input: Parameters<typeof action.mutate>[0], done: () => void) =>
    action.mutate(input, {
      onSuccess: () => {
        done();
        void message.success(t('workbench.signatures.done'));
      },
      onError: (error) => void message.error(errorMessage(error, t)),
    });
  return (
    <div data-testid="signature-page">
      <Card
        title={r.title}
        extra={
          <Space>
            <StatusTag status={r.status} />
            <Button href={apiUrl(documentPath(r.id))} data-testid="signature-download">
              {t('workbench.signatures.download')}
            </Button>
            {r.maySign ? (
              <>
                <Button type="primary" onClick={() => setSigning(true)} data-testid="signature-sign">
                  {t('workbench.signatures.sign')}
                </Button>
                <Button danger onClick={() => setDeclining(true)}>
                  {t('workbench.signatures.decline')}
                </Button>
              </>
            ) : null}
            {r.mayCancel ? (
              <Button onClick={() => run({ kind: 'cancel' }, () => undefined)}>{t('workbench.signatures.cancel')}</Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('workbench.signatures.mode')}>{t(`workbench.signatures.${r.mode}`)}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.signatures.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.signatures.deadline')}>{r.deadline ? formatDateTime(r.deadline) : '—'}</Descriptions.Item>
        </Descriptions>
        <Steps
          direction="vertical"
          size="small"
          items={r.signers.map((s) => ({
            title: `${s.displayName}${s.orgName ? `（${s.orgName}）` : ''}`,
            status: s.status === 'signed' ? 'finish' : s.status === 'declined' ? 'error' : s.due ? 'process' : 'wait',
            description:
              s.status === 'signed'
                ? t('workbench.signatures.signedAt', { at: formatDateTime(s.actedAt ?? '') })
                : s.status === 'declined'
                  ? t('workbench.signatures.declinedWith', { reason: s.reason ?? '' })
                  : s.due
                    ? t('workbench.signatures.waiting')
                    : t('workbench.signatures.queued'),
          }))}
        />
        <Typography.Title level={5}>{t('workbench.signatures.versions')}</Typography.Title>
        <Table
          size="small"
          rowKey="versionNo"
          pagination={false}
          dataSource={r.versions}
          columns={[
            {
              key: 'v',
              title: t('workbench.signatures.version'),
              render: (_, v) => (v.versionNo === 0 ? t('workbench.signatures.original') : `v${v.versionNo}`),
            },
            { key: 'at', title: t('workbench.signatures.createdAt'), render: (_, v) => formatDateTime(v.createdAt) },
            { key: 'sm3', title: 'SM3', render: (_, v) => <Typography.Text code>{v.sm3.slice(0, 16)}…</Typography.Text> },
            {
              key: 'valid',
              title: t('workbench.signatures.check'),
              render: (_, v) => {
                const check = checks.data?.find((c) => c.versionNo === v.versionNo);
                if (!check) return '—';
                return check.valid ? (
                  <Tag color="green">{t('workbench.signatures.valid')}</Tag>
                ) : (
                  <Tag color="red">{t('workbench.signatures.invalid')}</Tag>
                );
              },
            },
            {
              key: 'dl',
              title: '',
              render: (_, v) => <a href={apiUrl(documentPath(r.id, v.versionNo))}>{t('workbench.signatures.download')}</a>,
            },
          ]}
        />
      </Card>
      <Modal
        open={signing}
        title={t('workbench.signatures.signTitle')}
        okText={t('workbench.signatures.sign')}
        okButtonProps={{ disabled: !password, loading: action.isPending }}
        onOk={() => run({ kind: 'sign', password }, () => (setSigning(false), setPassword('')))}
        onCancel={() => setSigning(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('workbench.signatures.reauth')}</Typography.Paragraph>
        <Input.Password
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          data-testid="signature-password"
        />
      </Modal>
      <Modal
        open={declining}
        title={t('workbench.signatures.decline')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: action.isPending }}
        onOk={() => run({ kind: 'decline', reason: reason.trim() }, () => setDeclining(false))}
        onCancel={() => setDeclining(false)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('workbench.signatures.reason')}
        />
      </Modal>
    </div>
  );
}
