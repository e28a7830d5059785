import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CloudUploadOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Progress, Radio, Space, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import type { CatalogField } from '../../shared/api-types';
import { errorMessage } from '../../shared/errors';
import { uploadFile } from '../../shared/upload';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { catalogKeys } from './catalog-queries';
import { CollectionError, failureLabel, ProblemsTable, ReasonCounts } from './collection-problems';
import {
  ACCEPTED_FILES,
  collectionKeys,
  CONTENT_TYPES,
  formatOf,
  loadPath,
  useLoad,
  type CollectionLoad,
  type CreateLoadInput,
  type LoadMode,
  type OnError,
  type RejectedDetails,
} from './collection-queries';

interface Options {
  mode: LoadMode;
  onError: OnError;
}

interface Sending {
  loadId: string | null;
  sent: number;
  total: number;
  /** the whole file has gone out; the server is still checking and writing */
  sentAll: boolean;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function rejectedDetails(error: unknown): RejectedDetails | null {
  if (!isApiError(error) || error.status !== 422) return null;
  const problems = error.details['problems'];
  return Array.isArray(problems) ? (error.details as unknown as RejectedDetails) : null;
}

/** The counts of a published load. */
function PublishedCounts({ load }: { load: CollectionLoad }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 3, xl: 5 }}
      items={(['rowsRead', 'rowsBad', 'inserted', 'updated', 'deleted'] as const).map((key) => ({
        key,
        label: t(`collection.result.${key}`),
        children: <span data-testid={`collection-count-${key}`}>{load[key]}</span>,
      }))}
    />
  );
}

/** What an upload came to: published (with any skipped rows), rejected with every bad row, or the file refused. */
function UploadResult({
  load,
  error,
  fields,
  afterCreate,
}: {
  load: CollectionLoad | undefined;
  error: unknown;
  fields: CatalogField[];
  /** the load was created: a 400 or 409 is about the file */
  afterCreate: boolean;
}) {
  const { t } = useTranslation();
  if (load)
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="collection-result" data-status={load.status}>
        <Alert
          type={load.rowsBad ? 'warning' : 'success'}
          showIcon
          message={load.rowsBad ? t('collection.upload.publishedSkipped', { n: load.rowsBad }) : t('collection.upload.published')}
        />
        <PublishedCounts load={load} />
        {load.rowsBad ? (
          <>
            <ReasonCounts reasons={load.reasons} testId="collection-reasons" />
            <ProblemsTable problems={load.problems} fields={fields} />
          </>
        ) : null}
      </Space>
    );
  if (!error) return null;
  const rejected = rejectedDetails(error);
  if (rejected) {
    const total = Object.values(rejected.reasons).reduce((sum, n) => sum + n, 0);
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="collection-result" data-status="rejected">
        <Alert type="error" showIcon message={errorMessage(error, t)} description={t('collection.upload.nothingWritten')} />
        <ReasonCounts reasons={rejected.reasons} testId="collection-reasons" />
        {total > rejected.problems.length ? (
          <Typography.Text type="secondary">{t('collection.problems.shown', { total, n: rejected.problems.length })}</Typography.Text>
        ) : null}
        {rejected.problems.length ? <ProblemsTable problems={rejected.problems} fields={fields} /> : null}
      </Space>
    );
  }
  if (afterCreate && isApiError(error) && (error.status === 400 || error.status === 409)) {
    const columns = error.details['columns'];
    return (
      <div data-testid="collection-result" data-status="failed">
        <Alert
          type="error"
          showIcon
          message={t('collection.upload.fileRefused')}
          description={
            <Space direction="vertical" size={4}>
              <span data-testid="collection-file-error">{error.message || failureLabel(t, error.code)}</span>
              {Array.isArray(columns) && columns.length ? (
                <Space size={[4, 4]} wrap>
                  {columns.map((column) => (
                    <Tag key={String(column)} className="zl-mono">
                      {String(column)}
                    </Tag>
                  ))}
                </Space>
              ) : null}
            </Space>
          }
        />
      </div>
    );
  }
  return (
    <div data-testid="collection-result" data-status="error">
      <CollectionError error={error} />
    </div>
  );
}

/**
 * 上传归集: a file (CSV, XLSX, JSON) into the resource — POST /collection/loads, then PUT its
 * bytes with a progress bar fed by the upload and, while the server checks and writes, by the
 * load's rows read (GET /collection/loads/:id every second).
 */
export function UploadLoad({ resourceId, fields }: { resourceId: string; fields: CatalogField[] }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<Options>();
  const mode = Form.useWatch('mode', form) ?? 'upsert';
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);

  const upload = useMutation({
    mutationFn: async ({ chosen, options }: { chosen: File; options: Options }) => {
      const format = formatOf(chosen.name)!;
      setSending({ loadId: null, sent: 0, total: chosen.size, sentAll: false });
      const body: CreateLoadInput = { resourceId, format, fileName: chosen.name, ...options };
      const created = await api.post<CollectionLoad>('/collection/loads', body, submission.key);
      // the key answered: the next upload is a new load
      submission.renew();
      setSending((now) => (now ? { ...now, loadId: created.id } : now));
      return uploadFile<CollectionLoad>(`${loadPath(created.id)}/file`, chosen, {
        contentType: CONTENT_TYPES[format],
        onProgress: (sent, total) => setSending((now) => (now ? { ...now, sent, total: total || now.total } : now)),
        onSent: () => setSending((now) => (now ? { ...now, sentAll: true } : now)),
      });
    },
    onSuccess: () => setFile(null),
    onSettled: () => {
      // what the progress polls cached is the load under way: it has finished since
      void queryClient.invalidateQueries({ queryKey: ['collection', 'load'] });
      void queryClient.invalidateQueries({ queryKey: collectionKeys.loads(resourceId) });
      void queryClient.invalidateQueries({ queryKey: collectionKeys.quality(resourceId) });
      void queryClient.invalidateQueries({ queryKey: catalogKeys.detail(resourceId) });
    },
  });
  const polled = useLoad(sending?.loadId ?? null, upload.isPending && Boolean(sending?.loadId));

  const pick = (chosen: File) => {
    if (!formatOf(chosen.name)) {
      void message.error(t('collection.upload.badType'));
      return;
    }
    upload.reset();
    setSending(null);
    setFile(chosen);
  };

  const start = (options: Options) => {
    if (!file) {
      void message.error(t('collection.upload.noFile'));
      return;
    }
    const go = () => upload.mutate({ chosen: file, options });
    if (options.mode !== 'replace') {
      go();
      return;
    }
    modal.confirm({
      title: t('collection.upload.replaceConfirm'),
      content: t('collection.upload.replaceWarning'),
      okText: t('collection.upload.start'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: go,
    });
  };

  // One bar: the bytes sent and the bytes the server has read, each half of the way; full once
  // the server has answered (published, or the whole file checked and refused).
  let progress = null;
  if (sending && (upload.isPending || sending.loadId)) {
    const size = Math.max(sending.total, 1);
    const sent = Math.min(sending.sent, size);
    const read = Math.min(polled.data?.bytes ?? 0, size);
    const percent = upload.isPending ? Math.min(99, Math.floor((100 * (sent + read)) / (2 * size))) : 100;
    let phase: string;
    if (!sending.loadId) phase = t('collection.upload.creating');
    else if (!sending.sentAll) phase = t('collection.upload.sending', { sent: formatBytes(sent), total: formatBytes(sending.total) });
    else phase = t('collection.upload.processing');
    const rows = polled.data ? t('collection.upload.rowsSoFar', { rows: polled.data.rowsRead, bad: polled.data.rowsBad }) : '';
    progress = (
      <div data-testid="collection-progress" data-percent={percent}>
        <Progress percent={percent} status={upload.isPending ? 'active' : upload.isError ? 'exception' : 'success'} />
        {upload.isPending ? (
          <Typography.Text type="secondary">
            {phase}
            {rows ? ` · ${rows}` : ''}
          </Typography.Text>
        ) : null}
      </div>
    );
  }

  const format = file ? formatOf(file.name) : null;
  return (
    <Card
      title={
        <Space>
          <CloudUploadOutlined />
          {t('collection.upload.title')}
        </Space>
      }
      data-testid="collection-upload-card"
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Upload.Dragger
          accept={ACCEPTED_FILES}
          multiple={false}
          showUploadList={false}
          fileList={[]}
          disabled={upload.isPending}
          beforeUpload={(chosen) => {
            pick(chosen);
            return false;
          }}
          data-testid="collection-file-input"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('collection.upload.drop')}</p>
          <p className="ant-upload-hint">{t('collection.upload.hint')}</p>
        </Upload.Dragger>
        {file ? (
          <Space wrap data-testid="collection-file">
            <FileTextOutlined />
            <span>{file.name}</span>
            <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
            {format ? <Tag data-testid="collection-format">{t(`collection.formats.${format}`)}</Tag> : null}
          </Space>
        ) : null}
        <Form<Options>
          form={form}
          layout="vertical"
          initialValues={{ mode: 'upsert', onError: 'reject' }}
          onFinish={start}
          disabled={upload.isPending}
        >
          <Form.Item name="mode" label={t('collection.upload.mode')} extra={t(`collection.upload.modeHints.${mode}`)}>
            <Radio.Group optionType="button" data-testid="collection-mode">
              <Radio.Button value="upsert" data-testid="collection-mode-upsert">
                {t('collection.modes.upsert')}
              </Radio.Button>
              <Radio.Button value="replace" data-testid="collection-mode-replace">
                {t('collection.modes.replace')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          {mode === 'replace' ? (
            <Alert
              type="warning"
              showIcon
              message={t('collection.upload.replaceWarning')}
              style={{ marginBottom: 16 }}
              data-testid="collection-replace-warning"
            />
          ) : null}
          <Form.Item name="onError" label={t('collection.upload.onError')}>
            <Radio.Group data-testid="collection-on-error">
              <Space direction="vertical">
                <Radio value="reject" data-testid="collection-on-error-reject">
                  {t('collection.onErrors.reject')}
                  <Typography.Text type="secondary"> — {t('collection.upload.onErrorHints.reject')}</Typography.Text>
                </Radio>
                <Radio value="skip" data-testid="collection-on-error-skip">
                  {t('collection.onErrors.skip')}
                  <Typography.Text type="secondary"> — {t('collection.upload.onErrorHints.skip')}</Typography.Text>
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CloudUploadOutlined />}
            loading={upload.isPending}
            disabled={!file}
            data-testid="collection-upload"
          >
            {t('collection.upload.start')}
          </Button>
        </Form>
        {progress}
        <UploadResult load={upload.data} error={upload.error} fields={fields} afterCreate={Boolean(sending?.loadId)} />
      </Space>
    </Card>
  );
}
