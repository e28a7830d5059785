import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Button, CheckList, Popup, Radio, SearchBar, Space, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { WorkflowInstance, WorkflowTaskDetail } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { useAddressBook } from '../../shared/org-queries';
import { flattenPages } from '../../shared/query';
import { returnedMessage, useSupplementActions, useTaskActions } from '../tasks';

// The server's limits: a comment 1000 characters, a reason or note 500.
const COMMENT_MAX_LENGTH = 1000;
const NOTE_MAX_LENGTH = 500;

type Action = 'return' | 'delegate' | 'comment' | 'supplementRequest' | 'supplementReceive';

/** A bottom sheet with a form: its title, fields, one error line and 确定. */
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
        {props.error ? <div className="zl-m-field-error">{props.error}</div> : null}
        <Button
          block
          type="submit"
          color="primary"
          size="large"
          loading={props.pending}
          style={{ marginTop: 16 }}
          data-testid="task-action-confirm"
        >
          {t('workbench.tasks.act.confirm')}
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

function Text({
  value,
  onChange,
  testId,
  max = NOTE_MAX_LENGTH,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  max?: number;
}) {
  return (
    <div className="zl-m-input" data-testid={testId}>
      <TextArea value={value} onChange={onChange} maxLength={max} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
    </div>
  );
}

/** 转办 on a phone: search the viewer's organisation's address book, tap a colleague. */
function ColleaguePicker({
  value,
  onChange,
}: {
  value: { id: string; name: string } | null;
  onChange: (person: { id: string; name: string }) => void;
}) {
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
  if (!me.orgId) return <div className="zl-m-field-hint">{t('workbench.tasks.act.delegateNoOrg')}</div>;
  return (
    <div data-testid="delegate-assignee">
      <SearchBar placeholder={t('workbench.tasks.act.delegateSearch')} value={typed} onChange={setTyped} />
      <div className="zl-m-people">
        {book.isSuccess && !people.length ? <div className="zl-m-field-hint">{t('workbench.tasks.act.delegateNobody')}</div> : null}
        <CheckList
          value={value ? [value.id] : []}
          onChange={(ids) => {
            const person = people.find((entry) => entry.accountId === ids[0]);
            if (person) onChange({ id: person.accountId, name: person.displayName });
          }}
        >
          {people.map((person) => (
            <CheckList.Item
              key={person.accountId}
              value={person.accountId}
              description={[person.unitName, person.position].filter(Boolean).join(' · ')}
            >
              {person.displayName}
            </CheckList.Item>
          ))}
        </CheckList>
      </div>
    </div>
  );
}

export interface MobileTaskActionsProps {
  task: WorkflowTaskDetail;
  instance: WorkflowInstance | undefined;
  disabled: boolean;
  onLeave: (message: string) => void;
  onDone: (message: string) => void;
  onFail: (error: unknown) => void;
}

/** 退回 / 转办 / 评论 / 要求补正 / 补正已到 on a phone: a row of buttons, each opening a sheet. */
export function MobileTaskActions({ task, instance, disabled, onLeave, onDone, onFail }: MobileTaskActionsProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const [person, setPerson] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { sendBack, delegate, comment } = useTaskActions(task.id);
  const supplement = useSupplementActions(task.instanceId);
  const targets = task.returnTargets ?? [];
  const running = instance?.status === 'running';
  const paused = Boolean(instance?.clockPaused);

  const start = (next: Action) => {
    setAction(next);
    setText('');
    setTarget(targets.length === 1 ? targets[0]!.nodeId : null);
    setPerson(null);
    setError(null);
  };
  const close = () => setAction(null);
  const finished = (message: string) => {
    close();
    onDone(message);
  };
  const needs = (value: unknown, message: string) => {
    if (value) return true;
    setError(message);
    return false;
  };
  const body = text.trim();

  const button = (name: Action, testId: string, enabled = true) => (
    <Button size="small" disabled={disabled || !enabled} onClick={() => start(name)} data-testid={testId}>
      {t(`workbench.tasks.act.${name}`)}
    </Button>
  );

  return (
    <>
      <div className="zl-m-actions">
        {button('return', 'task-action-return', targets.length > 0)}
        {button('delegate', 'task-action-delegate')}
        {button('comment', 'task-action-comment')}
        {running && !paused ? button('supplementRequest', 'task-action-supplement-request') : null}
        {running && paused ? button('supplementReceive', 'task-action-supplement-receive') : null}
      </div>

      {action === 'return' ? (
        <Sheet
          title={t('workbench.tasks.act.return')}
          pending={sendBack.isPending}
          error={error}
          onClose={close}
          testId="return-form"
          onSubmit={() => {
            if (
              !needs(target, t('workbench.tasks.act.returnTargetRequired')) ||
              !needs(body, t('workbench.tasks.act.returnCommentRequired'))
            )
              return;
            sendBack.mutate(
              { toNodeId: target ?? undefined, comment: body },
              { onSuccess: (done) => onLeave(returnedMessage(done, t)), onError: onFail },
            );
          }}
        >
          <Field label={t('workbench.tasks.act.returnTarget')}>
            <Radio.Group value={target} onChange={(value) => setTarget(String(value))}>
              <Space direction="vertical" data-testid="return-target">
                {targets.map((step) => (
                  <Radio key={step.nodeId} value={step.nodeId}>
                    {step.name || step.nodeId}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Field>
          <Field label={t('workbench.tasks.act.returnComment')}>
            <Text value={text} onChange={setText} testId="return-comment" />
          </Field>
        </Sheet>
      ) : null}

      {action === 'delegate' ? (
        <Sheet
          title={t('workbench.tasks.act.delegate')}
          pending={delegate.isPending}
          error={error}
          onClose={close}
          testId="delegate-form"
          onSubmit={() => {
            if (!person) return void setError(t('workbench.tasks.act.delegateToRequired'));
            delegate.mutate(
              { accountId: person.id, ...(body ? { comment: body } : {}) },
              { onSuccess: () => onLeave(t('workbench.tasks.act.delegateDone', { name: person.name })), onError: onFail },
            );
          }}
        >
          <Field label={t('workbench.tasks.act.delegateTo')}>
            <ColleaguePicker value={person} onChange={setPerson} />
          </Field>
          <Field label={t('workbench.tasks.act.delegateComment')}>
            <Text value={text} onChange={setText} testId="delegate-comment" />
          </Field>
        </Sheet>
      ) : null}

      {action === 'comment' ? (
        <Sheet
          title={t('workbench.tasks.act.comment')}
          pending={comment.isPending}
          error={error}
          onClose={close}
          testId="comment-form"
          onSubmit={() => {
            if (!needs(body, t('workbench.tasks.act.commentRequired'))) return;
            comment.mutate({ text: body }, { onSuccess: () => finished(t('workbench.tasks.act.commentDone')), onError: onFail });
          }}
        >
          <Field label={t('workbench.tasks.act.commentText')}>
            <Text value={text} onChange={setText} testId="comment-text" max={COMMENT_MAX_LENGTH} />
          </Field>
        </Sheet>
      ) : null}

      {action === 'supplementRequest' ? (
        <Sheet
          title={t('workbench.tasks.act.supplementRequest')}
          pending={supplement.request.isPending}
          error={error}
          onClose={close}
          testId="supplement-request-form"
          onSubmit={() => {
            if (!needs(body, t('workbench.tasks.act.supplementReasonRequired'))) return;
            supplement.request.mutate(
              { reason: body },
              { onSuccess: () => finished(t('workbench.tasks.act.supplementRequestDone')), onError: onFail },
            );
          }}
        >
          <Field label={t('workbench.tasks.act.supplementReason')}>
            <Text value={text} onChange={setText} testId="supplement-reason" />
          </Field>
        </Sheet>
      ) : null}

      {action === 'supplementReceive' ? (
        <Sheet
          title={t('workbench.tasks.act.supplementReceive')}
          pending={supplement.receive.isPending}
          error={error}
          onClose={close}
          testId="supplement-receive-form"
          onSubmit={() =>
            supplement.receive.mutate(body ? { comment: body } : {}, {
              onSuccess: () => finished(t('workbench.tasks.act.supplementReceiveDone')),
              onError: onFail,
            })
          }
        >
          <Field label={t('workbench.tasks.act.supplementComment')}>
            <Text value={text} onChange={setText} testId="supplement-comment" />
          </Field>
        </Sheet>
      ) : null}
    </>
  );
}
