import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Popup, Radio, Slider, Space, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { MobileAttachmentInput } from '../../shared/forms/mobile-attachment-input';
import {
  actingRows,
  checkDeadline,
  DEADLINE_PRESETS,
  deadlineInDays,
  INSTRUCTION_LIMITS,
  localInputToIso,
  toLocalInput,
  useInstructionActions,
  type InstructionDetail,
} from '../instructions';

type Action = 'progress' | 'result' | 'supervise' | 'cancel';

/** A bottom sheet with a form: its title, fields, one error line and a big 确定. */
function Sheet(props: {
  title: string;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onSubmit: () => void;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Popup
      visible
      onMaskClick={props.onClose}
      onClose={props.onClose}
      showCloseButton
      bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}
    >
      <form className="zl-m-sheet" onSubmit={submit} noValidate data-testid={props.testId}>
        <h3>{props.title}</h3>
        {props.children}
        {props.error ? (
          <div className="zl-m-field-error" role="alert" data-testid="instruction-action-error">
            {props.error}
          </div>
        ) : null}
        <Button
          block
          type="submit"
          color="primary"
          size="large"
          loading={props.pending}
          style={{ marginTop: 16 }}
          data-testid="instruction-action-confirm"
        >
          {t('workbench.instructions.act.confirm')}
        </Button>
      </form>
    </Popup>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="zl-m-field">
      <span className="zl-m-field-label">{label}</span>
      {children}
    </div>
  );
}

function Words(props: { value: string; onChange: (value: string) => void; testId: string; placeholder?: string; max: number }) {
  return (
    <div className="zl-m-input" data-testid={props.testId}>
      <TextArea
        value={props.value}
        onChange={props.onChange}
        placeholder={props.placeholder}
        maxLength={props.max}
        showCount
        autoSize={{ minRows: 3, maxRows: 8 }}
      />
    </div>
  );
}

const PERCENT_PICKS = [25, 50, 75, 100] as const;

/** 完成进度 with the thumb: a slider in steps of 5 and big quick picks. */
function PercentField({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="progress-percent" data-value={value}>
      <div className="zl-m-ins-percent">
        <Slider min={0} max={100} step={5} value={value} onChange={(next) => onChange(Array.isArray(next) ? next[0]! : next)} />
        <span className="zl-m-ins-percent-value">{t('workbench.instructions.mobile.percentValue', { percent: value })}</span>
      </div>
      <div className="zl-m-ins-percent-picks">
        {PERCENT_PICKS.map((pick) => (
          <Button
            key={pick}
            size="small"
            color={pick === value ? 'primary' : 'default'}
            fill={pick === value ? 'solid' : 'outline'}
            onClick={() => onChange(pick)}
            data-testid={`progress-percent-${pick}`}
          >
            {pick}%
          </Button>
        ))}
      </div>
    </div>
  );
}

/** A deadline on a phone: the system's date-and-time wheel (no date before now) and quick picks. */
function DeadlineField({ value, onChange, testId }: { value: string; onChange: (value: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <input
        className="zl-m-input"
        type="datetime-local"
        value={value}
        min={toLocalInput(new Date())}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      <div className="zl-m-ins-percent-picks">
        {DEADLINE_PRESETS.map((days) => (
          <Button key={days} size="small" fill="outline" onClick={() => onChange(deadlineInDays(days))}>
            {t('workbench.instructions.form.presetDays', { n: days })}
          </Button>
        ))}
      </div>
    </div>
  );
}

/**
 * The phone's actions on an instruction, big enough for a thumb: 签收 and 进展反馈 first, then
 * 办结, 督办 and 撤销 — each only when the server allows it. A sheet asks what the call needs.
 */
export function MobileInstructionActions({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  const rows = actingRows(detail);
  const [actingId, setActingId] = useState<string | null>(null);
  const acting = rows.find((r) => r.id === actingId) ?? rows[0] ?? null;
  const act = useInstructionActions(detail.id);
  const [action, setAction] = useState<Action | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [percent, setPercent] = useState(0);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = detail.status === 'open';
  const busy = Object.values(act).some((m) => m.isPending);
  const recipientId = rows.length > 1 && acting ? acting.id : undefined;

  const start = (next: Action) => {
    setKey(newIdempotencyKey());
    setPercent(acting?.percent ?? 0);
    setText('');
    setFiles([]);
    setDeadline('');
    setError(null);
    setAction(next);
  };
  const close = () => setAction(null);
  const done = (message: string) => () => {
    close();
    Toast.show({ icon: 'success', content: message });
  };
  const fail = (cause: unknown) => setError(errorMessage(cause, t));
  const wordsProblem = (message: string) => (text.trim().length < INSTRUCTION_LIMITS.minText ? message : null);

  const submit = () => {
    setError(null);
    if (action === 'progress') {
      const problem = wordsProblem(t('workbench.instructions.act.textRequired'));
      if (problem) return setError(problem);
      act.progress.mutate(
        { key, input: { ...(recipientId ? { recipientId } : {}), percent, text: text.trim(), attachmentIds: files } },
        { onSuccess: done(t('workbench.instructions.act.progressDone')), onError: fail },
      );
    } else if (action === 'result') {
      const problem = wordsProblem(t('workbench.instructions.act.resultTextRequired'));
      if (problem) return setError(problem);
      act.result.mutate(
        { key, input: { ...(recipientId ? { recipientId } : {}), text: text.trim(), attachmentIds: files } },
        { onSuccess: done(t('workbench.instructions.act.resultDone')), onError: fail },
      );
    } else if (action === 'supervise') {
      const problem = wordsProblem(t('workbench.instructions.act.noteRequired')) ?? checkDeadline(deadline, t, false);
      if (problem) return setError(problem);
      const iso = localInputToIso(deadline);
      act.supervise.mutate(
        { note: text.trim(), ...(iso ? { deadline: iso } : {}) },
        { onSuccess: done(t('workbench.instructions.act.superviseDone')), onError: fail },
      );
    } else if (action === 'cancel') {
      const problem = wordsProblem(t('workbench.instructions.act.reasonRequired'));
      if (problem) return setError(problem);
      act.cancel.mutate({ reason: text.trim() }, { onSuccess: done(t('workbench.instructions.act.cancelDone')), onError: fail });
    }
  };

  const buttons: ReactNode[] = [];
  if (open && acting) {
    if (acting.status === 'assigned')
      buttons.push(
        <Button
          key="ack"
          color="primary"
          size="large"
          loading={act.acknowledge.isPending}
          disabled={busy}
          onClick={() =>
            act.acknowledge.mutate(recipientId, {
              onSuccess: () => Toast.show({ icon: 'success', content: t('workbench.instructions.act.acknowledgeDone') }),
              onError: (cause) => Toast.show({ icon: 'fail', content: errorMessage(cause, t) }),
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
        color="primary"
        fill={acting.status === 'assigned' ? 'outline' : 'solid'}
        size="large"
        disabled={busy}
        onClick={() => start('progress')}
        data-testid="instruction-progress"
      >
        {t('workbench.instructions.act.progress')}
      </Button>,
      <Button
        key="result"
        color="success"
        fill="outline"
        size="large"
        disabled={busy}
        onClick={() => start('result')}
        data-testid="instruction-result"
      >
        {t('workbench.instructions.act.result')}
      </Button>,
    );
  }
  if (detail.maySupervise && open)
    buttons.push(
      <Button
        key="supervise"
        color="warning"
        fill="outline"
        size="large"
        disabled={busy}
        onClick={() => start('supervise')}
        data-testid="instruction-supervise"
      >
        {t('workbench.instructions.act.supervise')}
      </Button>,
    );
  if (detail.mayCancel)
    buttons.push(
      <Button
        key="cancel"
        color="danger"
        fill="outline"
        size="large"
        disabled={busy}
        onClick={() => start('cancel')}
        data-testid="instruction-cancel"
      >
        {t('workbench.instructions.act.cancel')}
      </Button>,
    );
  if (!buttons.length) return null;

  const pending = action ? act[action].isPending : false;
  const titles: Record<Action, string> = {
    progress: t('workbench.instructions.act.progress'),
    result: t('workbench.instructions.act.result'),
    supervise: t('workbench.instructions.act.supervise'),
    cancel: t('workbench.instructions.act.cancel'),
  };

  return (
    <section data-testid="instruction-actions">
      {rows.length > 1 ? (
        <div className="zl-m-section" style={{ marginBottom: 0 }}>
          <div className="zl-m-field-label">{t('workbench.instructions.detail.actingFor')}</div>
          <Radio.Group value={acting?.id} onChange={(value) => setActingId(String(value))}>
            <Space direction="vertical">
              {rows.map((r) => (
                <Radio key={r.id} value={r.id}>
                  {r.name}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </div>
      ) : null}
      <div className="zl-m-ins-actions">{buttons}</div>
      {action ? (
        <Sheet
          title={acting && (action === 'progress' || action === 'result') ? `${titles[action]} · ${acting.name}` : titles[action]}
          pending={pending}
          error={error}
          onClose={close}
          onSubmit={submit}
          testId={`${action}-form`}
        >
          {action === 'progress' ? (
            <Field label={t('workbench.instructions.act.percent')}>
              <PercentField value={percent} onChange={setPercent} />
            </Field>
          ) : null}
          <Field
            label={
              action === 'progress'
                ? t('workbench.instructions.act.text')
                : action === 'result'
                  ? t('workbench.instructions.act.resultText')
                  : action === 'supervise'
                    ? t('workbench.instructions.act.note')
                    : t('workbench.instructions.act.reason')
            }
          >
            <Words
              value={text}
              onChange={setText}
              testId={`${action}-text`}
              max={
                action === 'supervise' ? INSTRUCTION_LIMITS.note : action === 'cancel' ? INSTRUCTION_LIMITS.reason : INSTRUCTION_LIMITS.text
              }
              placeholder={
                action === 'progress'
                  ? t('workbench.instructions.mobile.progressPlaceholder')
                  : action === 'result'
                    ? t('workbench.instructions.mobile.resultPlaceholder')
                    : undefined
              }
            />
          </Field>
          {action === 'progress' || action === 'result' ? (
            <Field label={t('workbench.instructions.act.files')}>
              <MobileAttachmentInput
                multiple
                value={files}
                onChange={(value) => setFiles(Array.isArray(value) ? value : value ? [value] : [])}
              />
            </Field>
          ) : null}
          {action === 'supervise' ? (
            <Field label={t('workbench.instructions.act.newDeadline')}>
              <DeadlineField value={deadline} onChange={setDeadline} testId="supervise-deadline" />
            </Field>
          ) : null}
        </Sheet>
      ) : null}
    </section>
  );
}
