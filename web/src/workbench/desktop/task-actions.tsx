import { useEffect, useState, type ReactNode } from 'react';
import { Button, Form, Input, Modal, Radio, Select, Space, Tooltip, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkflowInstance, WorkflowTaskDetail } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { flattenPages } from '../../shared/query';
import { useAddressBook } from '../../shared/org-queries';
import { returnedMessage, useSupplementActions, useTaskActions } from '../tasks';

// The server's limits: a comment 1000 characters, a reason or note 500.
const COMMENT_MAX_LENGTH = 1000;
const NOTE_MAX_LENGTH = 500;

type Action = 'return' | 'delegate' | 'comment' | 'supplementRequest' | 'supplementReceive';

export interface TaskActionsProps {
  task: WorkflowTaskDetail;
  instance: WorkflowInstance | undefined;
  /** after 退回 or 转办: the task is no longer the viewer's */
  onLeave: (message: string) => void;
  onDone: (message: string) => void;
  onFail: (error: unknown) => void;
  disabled: boolean;
}

const confirmProps = { 'data-testid': 'task-action-confirm' } as ButtonProps;

function ActionModal<V extends object>(props: {
  title: string;
  pending: boolean;
  onClose: () => void;
  onFinish: (values: V) => void;
  testId: string;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  return (
    <Modal
      open
      title={props.title}
      okText={t('workbench.tasks.act.confirm')}
      cancelText={t('workbench.tasks.act.cancel')}
      confirmLoading={props.pending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      okButtonProps={confirmProps}
      destroyOnHidden
    >
      <Form<V>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={props.initialValues}
        onFinish={props.onFinish}
        disabled={props.pending}
        data-testid={props.testId}
      >
        {props.children}
      </Form>
    </Modal>
  );
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** 转办: a colleague of the viewer's organisation, searched by name in the address book. */
function ColleagueSelect({ value, onChange, onPick }: { value?: string; onChange?: (id: string) => void; onPick: (name: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(typed.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const book = useAddressBook(me.orgId, q);
  const people = flattenPages(book.data).filter((person) => person.accountId !== me.id);
  return (
    <Select
      showSearch
      value={value}
      filterOption={false}
      onSearch={setTyped}
      loading={book.isFetching}
      placeholder={t('workbench.tasks.act.delegateSearch')}
      notFoundContent={me.orgId ? t('workbench.tasks.act.delegateNobody') : t('workbench.tasks.act.delegateNoOrg')}
      options={people.map((person) => ({
        value: person.accountId,
        label: [person.displayName, person.unitName, person.position].filter(Boolean).join(' · '),
        name: person.displayName,
      }))}
      onChange={(id: string, option) => {
        onChange?.(id);
        const picked = Array.isArray(option) ? option[0] : option;
        if (picked && typeof picked.name === 'string') onPick(picked.name);
      }}
      data-testid="delegate-assignee"
    />
  );
}

/**
 * 退回 / 转办 / 评论 of a task, and 要求补正 / 补正已到 of its instance: a button each, and a
 * dialog that asks what the call needs.
 */
export function TaskActions({ task, instance, onLeave, onDone, onFail, disabled }: TaskActionsProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const [delegateName, setDelegateName] = useState('');
  const { sendBack, delegate, comment } = useTaskActions(task.id);
  const supplement = useSupplementActions(task.instanceId);
  const close = () => setAction(null);
  const running = instance?.status === 'running';
  const paused = Boolean(instance?.clockPaused);
  const targets = task.returnTargets ?? [];

  const returnButton = (
    <Button disabled={disabled || !targets.length} onClick={() => setAction('return')} data-testid="task-action-return">
      {t('workbench.tasks.act.return')}
    </Button>
  );

  return (
    <>
      <Space wrap className="zl-task-actions">
        {targets.length ? returnButton : <Tooltip title={t('workbench.tasks.act.noReturnTargets')}>{returnButton}</Tooltip>}
        <Button disabled={disabled} onClick={() => setAction('delegate')} data-testid="task-action-delegate">
          {t('workbench.tasks.act.delegate')}
        </Button>
        <Button disabled={disabled} onClick={() => setAction('comment')} data-testid="task-action-comment">
          {t('workbench.tasks.act.comment')}
        </Button>
        {running && !paused ? (
          <Button disabled={disabled} onClick={() => setAction('supplementRequest')} data-testid="task-action-supplement-request">
            {t('workbench.tasks.act.supplementRequest')}
          </Button>
        ) : null}
        {running && paused ? (
          <Button disabled={disabled} onClick={() => setAction('supplementReceive')} data-testid="task-action-supplement-receive">
            {t('workbench.tasks.act.supplementReceive')}
          </Button>
        ) : null}
      </Space>

      {action === 'return' ? (
        <ActionModal<{ toNodeId: string; comment: string }>
          title={t('workbench.tasks.act.return')}
          pending={sendBack.isPending}
          onClose={close}
          testId="return-form"
          initialValues={targets.length === 1 ? { toNodeId: targets[0]!.nodeId } : undefined}
          onFinish={(values) =>
            sendBack.mutate(
              { toNodeId: values.toNodeId, comment: values.comment.trim() },
              { onSuccess: (done) => onLeave(returnedMessage(done, t)), onError: onFail },
            )
          }
        >
          <Form.Item
            name="toNodeId"
            label={t('workbench.tasks.act.returnTarget')}
            rules={[{ required: true, message: t('workbench.tasks.act.returnTargetRequired') }]}
          >
            <Radio.Group data-testid="return-target">
              <Space direction="vertical">
                {targets.map((target) => (
                  <Radio key={target.nodeId} value={target.nodeId}>
                    {target.name || target.nodeId}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="comment"
            label={t('workbench.tasks.act.returnComment')}
            rules={required(t('workbench.tasks.act.returnCommentRequired'))}
          >
            <Input.TextArea rows={3} maxLength={NOTE_MAX_LENGTH} showCount data-testid="return-comment" />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'delegate' ? (
        <ActionModal<{ accountId: string; comment?: string }>
          title={t('workbench.tasks.act.delegate')}
          pending={delegate.isPending}
          onClose={close}
          testId="delegate-form"
          onFinish={(values) =>
            delegate.mutate(
              { accountId: values.accountId, ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) },
              { onSuccess: () => onLeave(t('workbench.tasks.act.delegateDone', { name: delegateName })), onError: onFail },
            )
          }
        >
          <Form.Item
            name="accountId"
            label={t('workbench.tasks.act.delegateTo')}
            rules={[{ required: true, message: t('workbench.tasks.act.delegateToRequired') }]}
          >
            <ColleagueSelect onPick={setDelegateName} />
          </Form.Item>
          <Form.Item name="comment" label={t('workbench.tasks.act.delegateComment')}>
            <Input.TextArea rows={3} maxLength={NOTE_MAX_LENGTH} showCount data-testid="delegate-comment" />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'comment' ? (
        <ActionModal<{ text: string }>
          title={t('workbench.tasks.act.comment')}
          pending={comment.isPending}
          onClose={close}
          testId="comment-form"
          onFinish={(values) =>
            comment.mutate(
              { text: values.text.trim() },
              {
                onSuccess: () => {
                  close();
                  onDone(t('workbench.tasks.act.commentDone'));
                },
                onError: onFail,
              },
            )
          }
        >
          <Form.Item name="text" label={t('workbench.tasks.act.commentText')} rules={required(t('workbench.tasks.act.commentRequired'))}>
            <Input.TextArea rows={4} maxLength={COMMENT_MAX_LENGTH} showCount data-testid="comment-text" />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'supplementRequest' ? (
        <ActionModal<{ reason: string }>
          title={t('workbench.tasks.act.supplementRequest')}
          pending={supplement.request.isPending}
          onClose={close}
          testId="supplement-request-form"
          onFinish={(values) =>
            supplement.request.mutate(
              { reason: values.reason.trim() },
              {
                onSuccess: () => {
                  close();
                  onDone(t('workbench.tasks.act.supplementRequestDone'));
                },
                onError: onFail,
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('workbench.tasks.act.supplementReason')}
            rules={required(t('workbench.tasks.act.supplementReasonRequired'))}
          >
            <Input.TextArea rows={4} maxLength={NOTE_MAX_LENGTH} showCount data-testid="supplement-reason" />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'supplementReceive' ? (
        <ActionModal<{ comment?: string }>
          title={t('workbench.tasks.act.supplementReceive')}
          pending={supplement.receive.isPending}
          onClose={close}
          testId="supplement-receive-form"
          onFinish={(values) =>
            supplement.receive.mutate(values.comment?.trim() ? { comment: values.comment.trim() } : {}, {
              onSuccess: () => {
                close();
                onDone(t('workbench.tasks.act.supplementReceiveDone'));
              },
              onError: onFail,
            })
          }
        >
          <Form.Item name="comment" label={t('workbench.tasks.act.supplementComment')}>
            <Input.TextArea rows={3} maxLength={NOTE_MAX_LENGTH} showCount data-testid="supplement-comment" />
          </Form.Item>
        </ActionModal>
      ) : null}
    </>
  );
}
