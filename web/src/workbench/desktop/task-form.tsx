import { Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';

export const OPINION_MAX_LENGTH = 500;

interface TaskFormValues {
  approved?: boolean;
  opinion?: string;
}

export interface TaskFormProps {
  /** the task's form key (unused here: a task with a form gets the schema form) */
  formKey: string | null;
  submitting: boolean;
  /** sends the variables to POST /workflow/tasks/:id/complete */
  onSubmit: (variables: Record<string, unknown>) => void;
}

/**
 * The completion form of a task without a form (`form: null`, which takes any variables):
 * 同意 / 不同意 (`approved`) and an opinion (`opinion`, required when rejecting). A task with
 * a form gets the JSON Schema form (shared/forms) instead.
 */
export function TaskForm({ submitting, onSubmit }: TaskFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TaskFormValues>();
  return (
    <Form<TaskFormValues>
      form={form}
      layout="vertical"
      requiredMark
      disabled={submitting}
      onFinish={(values) => onSubmit({ approved: values.approved === true, opinion: values.opinion?.trim() ?? '' })}
      data-testid="task-form"
    >
      <Form.Item
        name="approved"
        label={t('workbench.tasks.decision')}
        rules={[{ required: true, message: t('workbench.tasks.decisionRequired') }]}
      >
        <Radio.Group
          data-testid="task-decision"
          options={[
            { value: true, label: t('workbench.tasks.approve') },
            { value: false, label: t('workbench.tasks.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="opinion"
        label={t('workbench.tasks.opinion')}
        dependencies={['approved']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              getFieldValue('approved') === false && !value?.trim()
                ? Promise.reject(new Error(t('workbench.tasks.opinionRequired')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.TextArea
          rows={4}
          maxLength={OPINION_MAX_LENGTH}
          showCount
          placeholder={t('workbench.tasks.opinionPlaceholder')}
          data-testid="task-opinion"
        />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="task-complete">
          {t('workbench.tasks.complete')}
        </Button>
      </Form.Item>
    </Form>
  );
}
