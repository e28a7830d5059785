import { useState, type ReactNode } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Slider, Space, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../shared/api';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { AttachmentInput } from '../../shared/forms/attachment-input';
import {
  actingRows,
  checkDeadline,
  INSTRUCTION_LIMITS,
  localInputToIso,
  useInstructionActions,
  type InstructionDetail,
} from '../instructions';
import { DeadlineInput } from './deadline-input';

type Action = 'progress' | 'result' | 'supervise' | 'reopen' | 'cancel';

const confirmProps = { 'data-testid': 'instruction-action-confirm' } as ButtonProps;

function ActionModal<V extends object>(props: {
  title: string;
  pending: boolean;
  onClose: () => void;
  onFinish: (values: V, form: ReturnType<typeof Form.useForm<V>>[0]) => void;
  testId: string;
  initialValues?: Partial<V>;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  return (
    <Modal
      open
      title={props.title}
      okText={t('workbench.instructions.act.confirm')}
      cancelText={t('workbench.instructions.act.cancelButton')}
      confirmLoading={props.pending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      okButtonProps={{ ...confirmProps, danger: props.danger }}
      destroyOnHidden
      width={560}
    >
      <Form<V>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={props.initialValues}
        onFinish={(values) => props.onFinish(values, form)}
        disabled={props.pending}
        data-testid={props.testId}
      >
        {props.children}
      </Form>
    </Modal>
  );
}

const textRules = (message: string) => [{ required: true, whitespace: true, min: INSTRUCTION_LIMITS.minText, message }];

/** 完成进度: a slider and a number, 0–100 %. */
function PercentInput({ value, onChange }: { value?: number; onChange?: (value: number) => void }) {
  return (
    <Space style={{ width: '100%' }} align="center">
      <Slider style={{ width: 260 }} min={0} max={100} step={5} value={value ?? 0} onChange={(next) => onChange?.(next)} />
      <InputNumber
        min={0}
        max={100}
        precision={0}
        value={value ?? 0}
        onChange={(next) => onChange?.(typeof next === 'number' ? next : 0)}
        addonAfter="%"
        style={{ width: 120 }}
        data-testid="progress-percent"
      />
    </Space>
  );
}

/**
 * What the viewer may do on an instruction, each a button only when the server allows it:
 * 签收 / 进展反馈 / 办结 for a recipient, 督办 / 退回重办 for the issuer or a supervisor, 撤销 for the issuer.
 */
export function InstructionActions({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rows = actingRows(detail);
  const [actingId, setActingId] = useState<string | null>(null);
  const acting = rows.find((r) => r.id === actingId) ?? rows[0] ?? null;
  const [action, setAction] = useState<Action | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const act = useInstructionActions(detail.id);
  const open = detail.status === 'open';
  const busy = Object.values(act).some((m) => m.isPending);
  const recipientId = rows.length > 1 && acting ? acting.id : undefined;

  const start = (next: Action) => {
    setKey(newIdempotencyKey());
    setAction(next);
  };
  const close = () => setAction(null);
  const succeeded = (text: string) => () => {
    close();
    void message.success(text);
  };
  const failed =
    <V extends object>(form: ReturnType<typeof Form.useForm<V>>[0], fields: readonly string[]) =>
    (error: unknown) => {
      const rest = showServerErrors(form, error, fields, t);
      if (rest) void message.error(rest);
    };

  const buttons: ReactNode[] = [];
  if (open && acting) {
    if (acting.status === 'assigned')
      buttons.push(
        <Button
          key="ack"
          type="primary"
          loading={act.acknowledge.isPending}
          disabled={busy}
          onClick={() =>
            act.acknowledge.mutate(recipientId, {
              onSuccess: () => void message.success(t('workbench.instructions.act.acknowledgeDone')),
              onError: (error) => void message.error(errorMessage(error, t)),
            })
          }
          data-testid="instruction-acknowledge"
        >
          {t('workbench.instructions.act.acknowledge')}
        </Button>,
      );
    buttons.push(
      <Button
        key="progress"
        type={acting.status === 'assigned' ? 'default' : 'primary'}
        disabled={busy}
        onClick={() => start('progress')}
        data-testid="instruction-progress"
      >
        {t('workbench.instructions.act.progress')}
      </Button>,
      <Button key="result" disabled={busy} onClick={() => start('result')} data-testid="instruction-result">
        {t('workbench.instructions.act.result')}
      </Button>,
    );
  }
  if (detail.maySupervise && open)
    buttons.push(
      <Button key="supervise" disabled={busy} onClick={() => start('supervise')} data-testid="instruction-supervise">
        {t('workbench.instructions.act.supervise')}
      </Button>,
    );
  if (detail.maySupervise && detail.status === 'completed')
    buttons.push(
      <Button key="reopen" disabled={busy} onClick={() => start('reopen')} data-testid="instruction-reopen">
        {t('workbench.instructions.act.reopen')}
      </Button>,
    );
  if (detail.mayCancel)
    buttons.push(
      <Button key="cancel" danger disabled={busy} onClick={() => start('cancel')} data-testid="instruction-cancel">
        {t('workbench.instructions.act.cancel')}
      </Button>,
    );
  if (!buttons.length) return null;

  return (
    <div style={{ marginTop: 16 }} data-testid="instruction-actions">
      {rows.length > 1 ? (
        <div style={{ marginBottom: 12 }}>
          <span className="zl-ins-meta">{t('workbench.instructions.detail.actingFor')}：</span>
          <Radio.Group
            value={acting?.id}
            onChange={(event) => setActingId(event.target.value as string)}
            options={rows.map((r) => ({ value: r.id, label: r.name }))}
            data-testid="instruction-acting-for"
          />
        </div>
      ) : null}
      <div className="zl-ins-actions">{buttons}</div>

      {action === 'progress' && acting ? (
        <ActionModal<{ percent: number; text: string; attachmentIds?: string[] }>
          title={`${t('workbench.instructions.act.progress')} · ${acting.name}`}
          pending={act.progress.isPending}
          onClose={close}
          testId="progress-form"
          initialValues={{ percent: acting.percent }}
          onFinish={(values, form) =>
            act.progress.mutate(
              {
                key,
                input: {
                  ...(recipientId ? { recipientId } : {}),
                  percent: values.percent,
                  text: values.text.trim(),
                  attachmentIds: values.attachmentIds ?? [],
                },
              },
              {
                onSuccess: succeeded(t('workbench.instructions.act.progressDone')),
                onError: failed(form, ['percent', 'text', 'attachmentIds']),
              },
            )
          }
        >
          <Form.Item name="percent" label={t('workbench.instructions.act.percent')} rules={[{ required: true }]}>
            <PercentInput />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('workbench.instructions.act.text')}
            rules={textRules(t('workbench.instructions.act.textRequired'))}
          >
            <Input.TextArea rows={4} maxLength={INSTRUCTION_LIMITS.text} showCount data-testid="progress-text" />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('workbench.instructions.act.files')}>
            <AttachmentInput multiple />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'result' && acting ? (
        <ActionModal<{ text: string; attachmentIds?: string[] }>
          title={`${t('workbench.instructions.act.result')} · ${acting.name}`}
          pending={act.result.isPending}
          onClose={close}
          testId="result-form"
          onFinish={(values, form) =>
            act.result.mutate(
              {
                key,
                input: { ...(recipientId ? { recipientId } : {}), text: values.text.trim(), attachmentIds: values.attachmentIds ?? [] },
              },
              { onSuccess: succeeded(t('workbench.instructions.act.resultDone')), onError: failed(form, ['text', 'attachmentIds']) },
            )
          }
        >
          <Form.Item
            name="text"
            label={t('workbench.instructions.act.resultText')}
            rules={textRules(t('workbench.instructions.act.resultTextRequired'))}
          >
            <Input.TextArea rows={4} maxLength={INSTRUCTION_LIMITS.text} showCount data-testid="result-text" />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('workbench.instructions.act.files')}>
            <AttachmentInput multiple />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'supervise' ? (
        <ActionModal<{ note: string; deadline?: string }>
          title={t('workbench.instructions.act.supervise')}
          pending={act.supervise.isPending}
          onClose={close}
          testId="supervise-form"
          onFinish={(values, form) => {
            const deadline = localInputToIso(values.deadline);
            act.supervise.mutate(
              { note: values.note.trim(), ...(deadline ? { deadline } : {}) },
              { onSuccess: succeeded(t('workbench.instructions.act.superviseDone')), onError: failed(form, ['note', 'deadline']) },
            );
          }}
        >
          <Form.Item
            name="note"
            label={t('workbench.instructions.act.note')}
            rules={textRules(t('workbench.instructions.act.noteRequired'))}
          >
            <Input.TextArea rows={3} maxLength={INSTRUCTION_LIMITS.note} showCount data-testid="supervise-note" />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('workbench.instructions.act.newDeadline')}
            rules={[{ validator: (_, value?: string) => deadlineRule(checkDeadline(value, t, false)) }]}
          >
            <DeadlineInput testId="supervise-deadline" />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'reopen' ? (
        <ActionModal<{ note: string; deadline: string }>
          title={t('workbench.instructions.act.reopen')}
          pending={act.reopen.isPending}
          onClose={close}
          testId="reopen-form"
          onFinish={(values, form) =>
            act.reopen.mutate(
              { note: values.note.trim(), deadline: localInputToIso(values.deadline) ?? '' },
              { onSuccess: succeeded(t('workbench.instructions.act.reopenDone')), onError: failed(form, ['note', 'deadline']) },
            )
          }
        >
          <Form.Item
            name="note"
            label={t('workbench.instructions.act.reopenNote')}
            rules={textRules(t('workbench.instructions.act.noteRequired'))}
          >
            <Input.TextArea rows={3} maxLength={INSTRUCTION_LIMITS.note} showCount data-testid="reopen-note" />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('workbench.instructions.act.reopenDeadline')}
            rules={[{ validator: (_, value?: string) => deadlineRule(checkDeadline(value, t)) }]}
          >
            <DeadlineInput testId="reopen-deadline" />
          </Form.Item>
        </ActionModal>
      ) : null}

      {action === 'cancel' ? (
        <ActionModal<{ reason: string }>
          title={t('workbench.instructions.act.cancel')}
          pending={act.cancel.isPending}
          onClose={close}
          testId="cancel-form"
          danger
          onFinish={(values, form) =>
            act.cancel.mutate(
              { reason: values.reason.trim() },
              { onSuccess: succeeded(t('workbench.instructions.act.cancelDone')), onError: failed(form, ['reason']) },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('workbench.instructions.act.reason')}
            rules={textRules(t('workbench.instructions.act.reasonRequired'))}
          >
            <Input.TextArea rows={3} maxLength={INSTRUCTION_LIMITS.reason} showCount data-testid="cancel-reason" />
          </Form.Item>
        </ActionModal>
      ) : null}
    </div>
  );
}

/** An antd validator's answer for a deadline check. */
export function deadlineRule(problem: string | null): Promise<void> {
  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
}
