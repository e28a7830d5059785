import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission, useMe } from '../shared/auth';
import { ErrorBlock } from '../shared/desktop/states';
import { ForbiddenResult } from '../shared/desktop/forbidden';
import { errorMessage } from '../shared/errors';
import { formatDateTime } from '../shared/format';
import type { ApplicationStatus, OpenApplication } from './open-api';
import { useApplications, useDecide } from './open-queries';
import { StatusTag } from './open-tags';

const STATUSES: readonly ApplicationStatus[] = ['pending', 'approved', 'rejected'];

/** 不同意: the reason is required, and goes to the applicant. */
function RefuseModal({ application, onClose }: { application: OpenApplication; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecide();
  const submit = async ({ reason }: { reason: string }) => {
    try {
      await decide.mutateAsync({ id: application.id, approved: false, reason: reason.trim() });
      void message.success(t('openData.review.refused'));
      onClose();
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal
      open
      title={t('openData.review.refuseTitle', { name: application.applicant.name })}
      okText={t('openData.review.refuse')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('openData.review.reason')}
          rules={[{ required: true, max: 500, whitespace: true, message: t('openData.review.reasonRule') }]}
        >
          <Input.TextArea rows={3} data-testid="open-review-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 开放申请审核: applications for the conditionally open datasets of the data officer's organisations. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const allowed = hasPermission(me, 'data.manage');
  const [status, setStatus] = useState<ApplicationStatus>('pending');
  const applications = useApplications('review', status, allowed);
  const decide = useDecide();
  const [refusing, setRefusing] = useState<OpenApplication | null>(null);
  if (!allowed) return <ForbiddenResult />;

  const approve = (application: OpenApplication) =>
    decide.mutateAsync({ id: application.id, approved: true, reason: '' }).then(
      () => void message.success(t('openData.review.approved')),
      (error: unknown) => void message.error(errorMessage(error, t)),
    );

  const columns: TableColumnsType<OpenApplication> = [
    {
      title: t('openData.mine.dataset'),
      key: 'dataset',
      render: (_, a) => <Link to={`/open/datasets/${encodeURIComponent(a.dataset.name)}`}>{a.dataset.title}</Link>,
    },
    {
      title: t('openData.review.applicant'),
      key: 'applicant',
      render: (_, a) => (
        <span>
          {a.applicant.name}
          <Typography.Text type="secondary">
            {' '}
            · {t(`kinds.${a.applicant.kind}` as 'kinds.citizen', { defaultValue: a.applicant.kind })}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('openData.review.purpose'), dataIndex: 'purpose', key: 'purpose', width: 260 },
    { title: t('openData.review.scenario'), dataIndex: 'scenario', key: 'scenario' },
    { title: t('openData.review.contact'), dataIndex: 'contact', key: 'contact' },
    { title: t('openData.mine.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at) },
    {
      title: t('openData.review.status'),
      dataIndex: 'status',
      key: 'status',
      render: (value: ApplicationStatus) => <StatusTag value={value} />,
    },
    status === 'pending'
      ? {
          title: t('common.actions'),
          key: 'actions',
          render: (_, a) => (
            <Space>
              <Button
                type="primary"
                size="small"
                loading={decide.isPending}
                onClick={() => void approve(a)}
                data-testid={`open-review-approve-${a.id}`}
              >
                {t('openData.review.approve')}
              </Button>
              <Button size="small" danger onClick={() => setRefusing(a)} data-testid={`open-review-refuse-${a.id}`}>
                {t('openData.review.refuse')}
              </Button>
            </Space>
          ),
        }
      : { title: t('openData.mine.reason'), dataIndex: 'reason', key: 'reason' },
  ];

  return (
    <Card
      title={t('openData.review.title')}
      extra={
        <Segmented<ApplicationStatus>
          value={status}
          onChange={setStatus}
          options={STATUSES.map((value) => ({ value, label: t(`openData.statuses.${value}`) }))}
          data-testid="open-review-status"
        />
      }
      data-testid="open-review-page"
    >
      {applications.isError ? (
        <ErrorBlock error={applications.error} onRetry={() => void applications.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={applications.isPending}
          columns={columns}
          dataSource={applications.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('openData.review.empty') }}
          onRow={(a) => ({ 'data-testid': `open-review-row-${a.dataset.name}` }) as object}
        />
      )}
      {refusing ? <RefuseModal application={refusing} onClose={() => setRefusing(null)} /> : null}
    </Card>
  );
}
