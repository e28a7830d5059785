import { useEffect, useMemo, type ReactNode } from 'react';
import { Button, Checkbox, Form, Input, Radio, Selector, Space, Switch, TextArea } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MobileAttachmentInput } from './mobile-attachment-input';
import type { SchemaFormProps } from './schema-form';
import { checkField, collectValues, describeForm, pickValues, placeIssues, type FormField, type FormNode } from './schema';
import './forms.css';

type Choice = string | number;

const single = {
  getValueProps: (value: unknown) => ({ value: value === undefined || value === null ? [] : [value] }),
  normalize: (value: Choice[] | undefined) => value?.[0],
};
const yesNo = {
  getValueProps: (value: unknown) => ({ value: value === true ? 'yes' : value === false ? 'no' : null }),
  normalize: (value: unknown) => (value === 'yes' ? true : value === 'no' ? false : undefined),
};
const asText = {
  getValueProps: (value: unknown) => ({ value: value === undefined || value === null ? '' : String(value) }),
};

/** The widget of a field and how Form.Item reads and writes its value. */
function control(field: FormField, t: TFunction): { node: ReactNode; item?: Record<string, unknown> } {
  const placeholder = field.placeholder ?? t('forms.input');
  const options = field.options;
  switch (field.control) {
    case 'text':
      return { node: <Input clearable placeholder={placeholder} maxLength={field.schema.maxLength} /> };
    case 'textarea':
      return {
        node: (
          <TextArea
            placeholder={placeholder}
            maxLength={field.schema.maxLength}
            showCount={field.schema.maxLength !== undefined}
            autoSize={{ minRows: 3, maxRows: 8 }}
          />
        ),
      };
    case 'date':
      return { node: <Input type="date" />, item: asText };
    case 'number':
      return {
        node: <Input type="number" inputMode={field.type === 'integer' ? 'numeric' : 'decimal'} placeholder={placeholder} />,
        item: asText,
      };
    case 'select':
      return { node: <Selector<Choice> options={options} />, item: single };
    case 'radio':
      return {
        node: (
          <Radio.Group>
            <Space direction="vertical">
              {options.map((option) => (
                <Radio key={String(option.value)} value={option.value}>
                  {option.label}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        ),
      };
    case 'yesno':
      return {
        node: (
          <Radio.Group>
            <Space>
              <Radio value="yes">{t('forms.yes')}</Radio>
              <Radio value="no">{t('forms.no')}</Radio>
            </Space>
          </Radio.Group>
        ),
        item: yesNo,
      };
    case 'switch':
      return { node: <Switch />, item: { valuePropName: 'checked', childElementPosition: 'right' } };
    case 'multiselect':
      return { node: <Selector<Choice> multiple options={options} /> };
    case 'checkbox':
      return {
        node: (
          <Checkbox.Group>
            <Space direction="vertical">
              {options.map((option) => (
                <Checkbox key={String(option.value)} value={option.value}>
                  {option.label}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        ),
      };
    case 'attachment':
      return { node: <MobileAttachmentInput /> };
    case 'attachments':
      return { node: <MobileAttachmentInput multiple /> };
    case 'unsupported':
      return { node: <span className="zl-m-field-hint">{t('forms.unsupported')}</span> };
  }
}

function fieldItem(field: FormField, t: TFunction): ReactNode {
  const help = [field.description, field.help].filter(Boolean).join(' ') || undefined;
  const { node, item } = control(field, t);
  if (field.control === 'unsupported') {
    return (
      <Form.Item
        key={field.key}
        label={field.title}
        description={help}
        data-testid={`schema-field-${field.key}`}
        data-control={field.control}
      >
        {node}
      </Form.Item>
    );
  }
  return (
    <Form.Item
      key={field.key}
      name={field.path}
      label={field.title}
      required={field.required}
      description={help}
      rules={[
        {
          validator: (_: unknown, value: unknown) => {
            const problem = checkField(field, value, t);
            return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
          },
        },
      ]}
      {...item}
      data-testid={`schema-field-${field.key}`}
      data-control={field.control}
    >
      {node}
    </Form.Item>
  );
}

/** Form.Header and Form.Item in one flat list: antd-mobile's Form groups its direct children under each header. */
function flatten(nodes: readonly FormNode[], t: TFunction, trail: string[] = []): ReactNode[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'field') return [fieldItem(node, t)];
    const titles = [...trail, node.title];
    return [
      <Form.Header key={`section-${node.key}`}>
        <span data-testid={`schema-section-${node.key}`}>{titles.join(' · ')}</span>
        {node.description ? <div className="zl-m-schema-section-description">{node.description}</div> : null}
      </Form.Header>,
      ...flatten(node.children, t, titles),
    ];
  });
}

/** The phone twin of SchemaForm (antd-mobile), with the same props. */
export function MobileSchemaForm({
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
    const first = [...placed.byField.keys()][0];
    if (first) document.querySelector(`[data-testid="schema-field-${CSS.escape(first)}"]`)?.scrollIntoView({ block: 'center' });
  }, [form, placed]);

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      initialValues={initial}
      disabled={disabled || submitting}
      onFinish={() => onSubmit(collectValues(nodes, form.getFieldsValue(true)))}
      footer={
        <>
          {placed?.other.length ? (
            <div className="zl-m-schema-issues" role="alert" data-testid="schema-form-issues">
              <div>{t('forms.otherIssues')}</div>
              {placed.other.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
          ) : null}
          <Button block type="submit" color="primary" size="large" loading={submitting} data-testid={submitTestId}>
            {submitText ?? t('forms.submit')}
          </Button>
        </>
      }
      data-testid="schema-form"
    >
      {flatten(nodes, t)}
    </Form>
  );
}
