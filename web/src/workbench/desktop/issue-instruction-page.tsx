import { useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import {
  checkDeadline,
  deadlineInDays,
  freeSubjectId,
  INSTRUCTION_LIMITS,
  instructionPath,
  isHeldSubject,
  localInputToIso,
  PRIORITIES,
  SUBJECT_TYPES,
  useIssueInstruction,
  withNames,
  type Priority,
  type SubjectType,
} from '../instructions';
import { DeadlineInput } from './deadline-input';
import { deadlineRule } from './instruction-actions';
import { OrgPicker, PeoplePicker, type Picked } from './recipient-pickers';
import '../instructions.css';

interface IssueValues {
  subjectType: SubjectType;
  subjectId?: string;
  subjectTitle?: string;
  text: string;
  deadline: string;
  priority: Priority;
  people?: Picked[];
  orgs?: Picked[];
}

const FIELDS = ['subjectType', 'subjectId', 'subjectTitle', 'text', 'deadline', 'priority'] as const;
const HELD_ID = { case: /^case_[0-9a-z]{26}$/, task: /^task_[0-9a-z]{26}$/ } as const;
const FREE_ID = /^[\w.:-]{1,100}$/;

/** 下达批示 is for holders of `instruction.issue` (leaders); anyone else gets the 403 page. */
export function IssueInstructionPage() {
  const me = useMe();
  return hasPermission(me, 'instruction.issue') ? <IssueInstructionForm /> : <ForbiddenResult />;
}

/**
 * 下达批示 (`/workbench/instructions/new`, leaders): what it is about (a case or task by its id,
 * or a report, warning or document by its title), the text, a deadline in the future, and the
 * organisations and people to act on it. `?subjectType=&subjectId=&subjectTitle=` fill the
 * subject when it is opened from a task or case.
 */
function IssueInstructionForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<IssueValues>();
  const issue = useIssueInstruction();
  const { key, renew } = useIdempotencyKey();
  const [general, setGeneral] = useState<string | null>(null);
  const subjectType = Form.useWatch('subjectType', form) ?? 'report';
  const askedType = params.get('subjectType') as SubjectType | null;
  const fromPage = params.get('subjectTitle');
  const priority = Form.useWatch('priority', form);

  const initialValues: Partial<IssueValues> = {
    subjectType: askedType && SUBJECT_TYPES.includes(askedType) ? askedType : 'report',
    subjectId: params.get('subjectId') ?? undefined,
    subjectTitle: askedType && !isHeldSubject(askedType) ? (fromPage ?? undefined) : undefined,
    deadline: deadlineInDays(7),
    priority: 'normal',
  };

  const onFinish = (values: IssueValues) => {
    setGeneral(null);
    const held = isHeldSubject(values.subjectType);
    const people = values.people ?? [];
    const orgs = values.orgs ?? [];
    const known = new Map([...people, ...orgs].map((p) => [p.value, p.label]));
    issue.mutate(
      {
        key,
        input: {
          subjectType: values.subjectType,
          subjectId: values.subjectId?.trim() || freeSubjectId(values.subjectType),
          ...(held ? {} : { subjectTitle: values.subjectTitle?.trim() ?? '' }),
          text: values.text.trim(),
          deadline: localInputToIso(values.deadline) ?? '',
          priority: values.priority,
          recipients: { accountIds: people.map((p) => p.value), orgIds: orgs.map((p) => p.value) },
        },
      },
      {
        onSuccess: (issued) => {
          renew();
          void message.success(t('workbench.instructions.form.done'));
          navigate(instructionPath(issued.id), { replace: true });
        },
        onError: (error) => {
          const rest = showServerErrors(form, error, FIELDS, t);
          setGeneral(rest ? withNames(rest, known) : null);
        },
      },
    );
  };

  const heldIdRule = {
    validator: (_: unknown, value?: string) => {
      if (!isHeldSubject(subjectType)) {
        return !value?.trim() || FREE_ID.test(value.trim())
          ? Promise.resolve()
          : Promise.reject(new Error(t('workbench.instructions.form.subjectIdInvalid')));
      }
      if (!value?.trim()) return Promise.reject(new Error(t('workbench.instructions.form.subjectIdRequired')));
      return HELD_ID[subjectType as 'case' | 'task'].test(value.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t('workbench.instructions.form.subjectIdInvalid')));
    },
  };

  return (
    <div data-testid="issue-instruction-page">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/workbench/instructions?view=issued')}
        style={{ paddingInline: 0, marginBottom: 12 }}
      >
        {t('workbench.instructions.detail.back')}
      </Button>
      <Card title={t('workbench.instructions.form.title')} style={{ maxWidth: 880 }}>
        <Form<IssueValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          disabled={issue.isPending}
          onValuesChange={() => setGeneral(null)}
          data-testid="issue-form"
        >
          <Form.Item name="subjectType" label={t('workbench.instructions.form.subjectType')} rules={[{ required: true }]}>
            <Select
              style={{ maxWidth: 260 }}
              options={SUBJECT_TYPES.map((type) => ({ value: type, label: t(`workbench.instructions.subjectType.${type}`) }))}
              data-testid="issue-subject-type"
            />
          </Form.Item>
          {isHeldSubject(subjectType) ? (
            <Form.Item
              name="subjectId"
              label={t('workbench.instructions.form.subjectId')}
              rules={[heldIdRule]}
              extra={fromPage ? t('workbench.instructions.form.fromPage', { title: fromPage }) : undefined}
            >
              <Input style={{ maxWidth: 420 }} data-testid="issue-subject-id" />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="subjectTitle"
                label={t('workbench.instructions.form.subjectTitle')}
                rules={[{ required: true, whitespace: true, message: t('workbench.instructions.form.subjectTitleRequired') }]}
              >
                <Input
                  maxLength={INSTRUCTION_LIMITS.subjectTitle}
                  placeholder={t('workbench.instructions.form.subjectTitlePlaceholder')}
                  data-testid="issue-subject-title"
                />
              </Form.Item>
              <Form.Item
                name="subjectId"
                label={t('workbench.instructions.form.subjectId')}
                extra={t('workbench.instructions.form.subjectIdHint')}
                rules={[heldIdRule]}
              >
                <Input style={{ maxWidth: 420 }} maxLength={100} data-testid="issue-subject-id" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="text"
            label={t('workbench.instructions.form.text')}
            rules={[
              { required: true, whitespace: true, min: INSTRUCTION_LIMITS.minText, message: t('workbench.instructions.form.textRequired') },
            ]}
          >
            <Input.TextArea
              rows={5}
              maxLength={INSTRUCTION_LIMITS.text}
              showCount
              placeholder={t('workbench.instructions.form.textPlaceholder')}
              data-testid="issue-text"
            />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('workbench.instructions.form.deadline')}
            required
            rules={[{ validator: (_, value?: string) => deadlineRule(checkDeadline(value, t)) }]}
          >
            <DeadlineInput testId="issue-deadline" />
          </Form.Item>
          <Form.Item
            name="priority"
            label={t('workbench.instructions.form.priority')}
            extra={priority === 'urgent' ? t('workbench.instructions.form.urgentHint') : undefined}
          >
            <Radio.Group
              optionType="button"
              options={PRIORITIES.map((p) => ({ value: p, label: t(`workbench.instructions.priority.${p}`) }))}
              data-testid="issue-priority"
            />
          </Form.Item>
          <Typography.Title level={5}>{t('workbench.instructions.form.recipients')}</Typography.Title>
          <Form.Item name="people" label={t('workbench.instructions.form.people')}>
            <PeoplePicker testId="issue-people" />
          </Form.Item>
          <Form.Item
            name="orgs"
            label={t('workbench.instructions.form.orgs')}
            dependencies={['people']}
            rules={[
              {
                validator: (_, value?: Picked[]) =>
                  value?.length || form.getFieldValue('people')?.length
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('workbench.instructions.form.recipientsRequired'))),
              },
            ]}
          >
            <OrgPicker testId="issue-orgs" />
          </Form.Item>
          {general ? <Alert type="error" showIcon message={general} style={{ marginBottom: 16 }} data-testid="issue-error" /> : null}
          <Button type="primary" htmlType="submit" size="large" loading={issue.isPending} data-testid="issue-submit">
            {t('workbench.instructions.form.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
