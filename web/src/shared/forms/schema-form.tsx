import { useEffect, useMemo, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FormJsonSchema, FormUiSchema, ValidationIssue } from '../api-types';
import { AttachmentInput } from './attachment-input';
import { checkField, collectValues, describeForm, pickValues, placeIssues, type FormField, type FormNode } from './schema';
import './forms.css';

export interface SchemaFormProps {
  schema: FormJsonSchema;
  uiSchema?: FormUiSchema | null;
  /** values to start from (fields the schema does not name are left out) */
  initialValues?: Record<string, unknown>;
  /** the data, as the schema describes it */
  onSubmit: (values: Record<string, unknown>) => void;
  submitting?: boolean;
  /** the issues of the server's 400 `workflow.form_invalid` answer, put on their fields */
  serverIssues?: readonly ValidationIssue[] | null;
  disabled?: boolean;
  submitText?: ReactNode;
  submitTestId?: string;
}

const SEARCHABLE_FROM = 8;

function control(field: FormField, t: TFunction): ReactNode {
  const placeholder = field.placeholder;
  const options = field.options;
  switch (field.control) {
    case 'text':
      return <Input placeholder={placeholder ?? t('forms.input')} maxLength={field.schema.maxLength} />;
    case 'textarea':
      return (
        <Input.TextArea
          rows={4}
          placeholder={placeholder ?? t('forms.input')}
          maxLength={field.schema.maxLength}
          showCount={field.schema.maxLength !== undefined}
        />
      );
    case 'date':
      return <Input type="date" style={{ maxWidth: 240 }} />;
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%', maxWidth: 320 }}
          placeholder={placeholder ?? t('forms.input')}
          precision={field.type === 'integer' ? 0 : undefined}
        />
      );
    case 'select':
      return (
        <Select
          allowClear
          options={options}
          placeholder={placeholder ?? t('forms.choose')}
          showSearch={options.length >= SEARCHABLE_FROM}
          optionFilterProp="label"
        />
      );
    case 'radio':
      return <Radio.Group options={options} />;
    case 'yesno':
      return (
        <Radio.Group
          options={[
            { value: true, label: t('forms.yes') },
            { value: false, label: t('forms.no') },
          ]}
        />
      );
    case 'switch':
      return <Switch checkedChildren={t('forms.yes')} unCheckedChildren={t('forms.no')} />;
    case 'multiselect':
      return (
        <Select mode="multiple" allowClear options={options} placeholder={placeholder ?? t('forms.choose')} optionFilterProp="label" />
      );
    case 'checkbox':
      return <Checkbox.Group options={options} />;
    case 'attachment':
      return <AttachmentInput />;
    case 'attachments':
      return <AttachmentInput multiple />;
    case 'unsupported':
      return null;
  }
}

function FieldItem({ field }: { field: FormField }) {
  const { t } = useTranslation();
  const extra = [field.description, field.help].filter(Boolean).join(' ') || undefined;
  if (field.control === 'unsupported') {
    return (
      <div data-testid={`schema-field-${field.key}`} data-control={field.control}>
        <Form.Item label={field.title} extra={extra}>
          <Typography.Text type="secondary">{t('forms.unsupported')}</Typography.Text>
        </Form.Item>
      </div>
    );
  }
  return (
    <div data-testid={`schema-field-${field.key}`} data-control={field.control}>
      <Form.Item
        name={field.path}
        label={field.title}
        required={field.required}
        extra={extra}
        valuePropName={field.control === 'switch' ? 'checked' : 'value'}
        rules={[
          {
            validator: (_, value: unknown) => {
              const problem = checkField(field, value, t);
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          },
        ]}
      >
        {control(field, t)}
      </Form.Item>
    </div>
  );
}

function Nodes({ nodes, depth }: { nodes: readonly FormNode[]; depth: number }) {
  return nodes.map((node) =>
    node.kind === 'field' ? (
      <FieldItem key={node.key} field={node} />
    ) : (
      <section
        key={node.key}
        className={`zl-schema-section zl-schema-section-${Math.min(depth, 2)}`}
        data-testid={`schema-section-${node.key}`}
      >
        <div className="zl-schema-section-title">{node.title}</div>
        {node.description ? <div className="zl-schema-section-description">{node.description}</div> : null}
        <Nodes nodes={node.children} depth={depth + 1} />
      </section>
    ),
  );
}

/**
 * A form drawn from a JSON Schema (antd): nested objects as sections, each field checked as
 * the schema says, the server's issues on the fields they name. Submits only what the
 * schema describes.
 */
export function SchemaForm({
  schema,
  uiSchema,
  initialValues,
  onSubmit,
  submitting = false,
  serverIssues,
  disabled = false,
  submitText,
  submitTestId = 'schema-form-submit',
}: SchemaFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const nodes = useMemo(() => describeForm(schema, uiSchema), [schema, uiSchema]);
  const initial = useMemo(() => pickValues(nodes, initialValues), [nodes, initialValues]);
  const placed = useMemo(() => (serverIssues?.length ? placeIssues(nodes, serverIssues) : null), [nodes, serverIssues]);

  useEffect(() => {
    if (!placed) return;
    const fields = [...placed.byField].map(([key, errors]) => ({ name: key.split('.'), errors }));
    form.setFields(fields);
    if (fields[0]) form.scrollToField(fields[0].name);
  }, [form, placed]);

  return (
    <Form<Record<string, unknown>>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={disabled || submitting}
      scrollToFirstError
      onFinish={() => onSubmit(collectValues(nodes, form.getFieldsValue(true)))}
      data-testid="schema-form"
    >
      {placed?.other.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('forms.otherIssues')}
          description={placed.other.map((line) => (
            <div key={line}>{line}</div>
          ))}
          data-testid="schema-form-issues"
        />
      ) : null}
      <Nodes nodes={nodes} depth={0} />
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid={submitTestId}>
          {submitText ?? t('forms.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
