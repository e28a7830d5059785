import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Progress, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { ModelImportError } from '../../shared/api-types';
import { ErrorBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { isRunning, MAX_IMPORT_BYTES, modelTreeKey, useImportJob, XLSX_TYPE } from './model-queries';

/**
 * 导入 Excel: picks an .xlsx file (nothing is sent by antd's Upload), asks for confirmation
 * (the import replaces the organisation's whole tree), then POST /model/import?orgId=.
 */
export function ImportButton(props: {
  orgId: string;
  orgName: string;
  itemCount: number;
  disabled?: boolean;
  onStarted: (jobId: string) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();

  const start = useMutation({
    mutationFn: (file: File) => api.upload<{ jobId: string }>('/model/import', file, XLSX_TYPE, { orgId: props.orgId }),
    onSuccess: (answer) => props.onStarted(answer.jobId),
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const pick = (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      void message.error(t('console.model.import.notXlsx'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      void message.error(t('console.model.import.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    modal.confirm({
      title: t('console.model.import.confirmTitle'),
      content: (
        <div data-testid="model-import-confirm">
          <p>{t('console.model.import.confirmBody', { org: props.orgName, items: props.itemCount, file: file.name })}</p>
          <p style={{ marginBottom: 0 }}>{t('console.model.import.confirmClean')}</p>
        </div>
      ),
      okText: t('console.model.import.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: props.itemCount > 0 },
      onOk: () => start.mutate(file),
    });
  };

  return (
    <Upload
      accept={`.xlsx,${XLSX_TYPE}`}
      showUploadList={false}
      fileList={[]}
      disabled={props.disabled || start.isPending}
      beforeUpload={(file) => {
        pick(file);
        return false;
      }}
      data-testid="model-import"
    >
      <Button icon={<UploadOutlined />} loading={start.isPending} disabled={props.disabled} data-testid="model-import-button">
        {t('console.model.import.button')}
      </Button>
    </Upload>
  );
}

/** The state of an import job: a progress bar while it runs, then what was imported or the file's errors. */
export function ImportJobPanel({
  orgId,
  jobId,
  onDone,
  onClose,
}: {
  orgId: string;
  jobId: string;
  /** called once when the job has imported the file */
  onDone?: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const job = useImportJob(jobId);
  const refreshed = useRef<string | null>(null);
  const status = job.data?.status;

  useEffect(() => {
    // The tree changed once the import is done: load it again (once per job).
    if (status === 'done' && refreshed.current !== jobId) {
      refreshed.current = jobId;
      onDone?.();
      void queryClient.invalidateQueries({ queryKey: modelTreeKey(orgId) });
    }
  }, [status, jobId, orgId, queryClient, onDone]);

  const close = (
    <Button
      size="small"
      type="text"
      icon={<CloseOutlined />}
      onClick={onClose}
      aria-label={t('common.close')}
      disabled={isRunning(job.data) && !job.isError}
    />
  );

  if (job.isError) return <ErrorBlock error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data;

  if (!data || data.status === 'validating' || data.status === 'importing') {
    const percent = data && data.totalRows > 0 ? Math.min(100, Math.floor((data.processedRows / data.totalRows) * 100)) : 0;
    return (
      <div className="zl-model-import" data-testid="model-import-progress" data-status={data?.status ?? 'validating'}>
        <Typography.Text>
          {!data || data.totalRows === 0
            ? t('console.model.import.reading')
            : t(data.status === 'importing' ? 'console.model.import.importing' : 'console.model.import.validating', {
                processed: data.processedRows,
                total: data.totalRows,
              })}
        </Typography.Text>
        <Progress percent={percent} status="active" />
      </div>
    );
  }

  if (data.status === 'done') {
    const summary = data.summary;
    return (
      <Alert
        className="zl-model-import"
        type="success"
        showIcon
        data-testid="model-import-done"
        message={t('console.model.import.done')}
        description={
          summary
            ? t('console.model.import.doneSummary', {
                core: summary.core,
                modules: summary.modules,
                units: summary.units,
                items: summary.items,
              })
            : undefined
        }
        action={close}
      />
    );
  }

  if (data.status === 'failed') {
    return (
      <Alert
        className="zl-model-import"
        type="error"
        showIcon
        data-testid="model-import-failed"
        message={t('console.model.import.failed')}
        description={data.errors.map((error) => error.reason).join('；') || t('console.model.import.failedHint')}
        action={close}
      />
    );
  }

  // invalid: nothing was imported; the file's errors, row by row
  const columns: TableColumnsType<ModelImportError & { key: number }> = [
    {
      title: t('console.model.import.row'),
      dataIndex: 'row',
      key: 'row',
      width: 90,
      // row 0: the file as a whole (not a workbook, no data rows …)
      render: (row: number) => (row > 0 ? row : '—'),
    },
    {
      title: t('console.model.import.column'),
      dataIndex: 'column',
      key: 'column',
      width: 140,
      render: (column: string | null) => column ?? '—',
    },
    { title: t('console.model.import.reason'), dataIndex: 'reason', key: 'reason' },
  ];
  return (
    <div className="zl-model-import" data-testid="model-import-errors">
      <Alert
        type="warning"
        showIcon
        message={t('console.model.import.invalid', { n: data.errors.length })}
        description={t('console.model.import.invalidHint')}
        action={close}
        style={{ marginBottom: 12 }}
      />
      <Table<ModelImportError & { key: number }>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={data.errors.map((error, index) => ({ ...error, key: index }))}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      />
    </div>
  );
}
