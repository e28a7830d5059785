import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { ErrorBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { useSignatureList, verifySignedPdf, type SignatureSummary, type SignView, type VerifyAnswer } from '../signatures';
import { PeoplePicker, type Picked } from './recipient-pickers';

const VIEWS: readonly SignView[] = ['todo', 'mine', 'done'];

export function StatusTag({ status }: { status: SignatureSummary['status'] }) {
  const { t } = useTranslation();
  const color = { pending: 'processing', completed: 'green', declined: 'red', cancelled: 'default' }[status];
  return <Tag color={color}>{t(`workbench.signatures.status.${status}`)}</Tag>;
}

interface RouteValues {
  title: string;
  signers: Picked[];
  mode: 'sequential' | 'parallel';
}

/** 发起签署: upload the PDF, name the signers (in order, or all at once). */
function RouteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<RouteValues>();
  const [file, setFile] = useState<File | null>(null);
  const create = useMutation({
    mutationFn: async (values: RouteValues) => {
      const uploaded = await api.upload<{ id: string }>('/workflow/attachments', file!, 'application/pdf', undefined, {
        'X-File-Name': encodeURIComponent(file!.name),
      });
      return api.post<{ id: string }>(
        '/signature-requests',
        { title: values.title.trim(), attachmentId: uploaded.id, signers: values.signers.map((s) => s.value), mode: values.mode },
        submission.key,
      );
    },
    onSuccess: (created) => {
      submission.renew();
      void queryClient.invalidateQueries({ queryKey: ['signatures'] });
      navigate(`/workbench/signatures/${created.id}`);
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  return (
    <Modal
      open
      title={t('workbench.signatures.route')}
      okText={t('workbench.signatures.send')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending, disabled: !file }}
      destroyOnHidden
    >
      <Form<RouteValues>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'sequential', signers: [] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item label={t('workbench.signatures.file')} required>
          <Upload.Dragger
            accept="application/pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="signature-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('workbench.signatures.fileHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item
          name="title"
          label={t('workbench.signatures.title')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('workbench.signatures.titleRule') }]}
        >
          <Input maxLength={100} data-testid="signature-title" />
        </Form.Item>
        <Form.Item
          name="signers"
          label={t('workbench.signatures.signers')}
          rules={[{ required: true, type: 'array', min: 1, message: t('workbench.signatures.signersRule') }]}
        >
          <PeoplePicker testId="signature-signers" />
        </Form.Item>
        <Form.Item name="mode" label={t('workbench.signatures.mode')}>
          <Radio.Group>
            <Radio value="sequential">{t('workbench.signatures.sequential')}</Radio>
            <Radio value="parallel">{t('workbench.signatures.parallel')}</Radio>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 验签: any PDF checked against the signed versions. */
function VerifyCard() {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<VerifyAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <Card size="small" title={t('workbench.signatures.verifyTitle')} style={{ marginTop: 16 }}>
      <Upload
        accept="application/pdf"
        showUploadList={false}
        beforeUpload={(file) => {
          setError(null);
          verifySignedPdf(file).then(setAnswer, setError);
          return false;
        }}
      >
        <Button data-testid="signature-verify-upload">{t('workbench.signatures.verifyPick')}</Button>
      </Upload>
      {error ? <ErrorBlock error={error} /> : null}
      {answer ? (
        <Alert
          style={{ marginTop: 12 }}
          type={answer.result === 'authentic' ? 'success' : 'error'}
          showIcon
          data-testid="signature-verify-result"
          message={t(`workbench.signatures.verify.${answer.result}`, { title: answer.title ?? '', version: answer.versionNo ?? 0 })}
          description={answer.signatures?.map((s) => `${s.signer} ${formatDateTime(s.signedAt)} ${s.valid ? '✔' : '✘'}`).join('；')}
        />
      ) : null}
    </Card>
  );
}

/** 电子签章: documents waiting for me, routed by me, done by me. */
export function SignaturesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as SignView) : 'todo';
  const list = useSignatureList(view);
  const [routing, setRouting] = useState(false);
  return (
    <div data-testid="workbench-signatures">
      <Card
        title={t('workbench.signatures.nav')}
        extra={
          <Button type="primary" onClick={() => setRouting(true)} data-testid="signature-route">
            {t('workbench.signatures.route')}
          </Button>
        }
      >
        <Tabs
          activeKey={view}
          onChange={(key) => setParams({ view: key })}
          items={VIEWS.map((v) => ({ key: v, label: t(`workbench.signatures.views.${v}`) }))}
        />
        {list.isError ? (
          <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<SignatureSummary>
            size="small"
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('workbench.signatures.empty') }}
            columns={[
              {
                key: 'title',
                title: t('workbench.signatures.title'),
                render: (_, r) => <Link to={`/workbench/signatures/${r.id}`}>{r.title}</Link>,
              },
              { key: 'from', title: t('workbench.signatures.from'), dataIndex: 'createdBy' },
              { key: 'mode', title: t('workbench.signatures.mode'), render: (_, r) => t(`workbench.signatures.${r.mode}`) },
              { key: 'progress', title: t('workbench.signatures.progress'), render: (_, r) => `${r.signed} / ${r.total}` },
              { key: 'status', title: t('workbench.signatures.statusLabel'), render: (_, r) => <StatusTag status={r.status} /> },
              { key: 'at', title: t('workbench.signatures.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('workbench.signatures.intro')}
        </Typography.Paragraph>
      </Card>
      <VerifyCard />
      {routing ? <RouteModal onClose={() => setRouting(false)} /> : null}
    </div>
  );
}
