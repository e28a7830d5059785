import { useEffect, useState, type ReactNode } from 'react';
import { CheckCircleFilled, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Radio, Select, Switch, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AttachmentInput } from '../../shared/forms/attachment-input';
import { checkField, type FormField } from '../../shared/forms/schema';
import type { ApplyField, ApplyFormProps } from '../apply-state';
import { answerText, exemptLabel, prefillLabel, uniqueExempt } from '../case-format';
import type { ExemptMaterial } from '../case-queries';
import '../case-pages.css';

// The application form on the desktop: drawn from the form's JSON Schema like SchemaForm, and
// besides each prefilled answer a tag naming where it came from; the verified identity is shown,
// not asked; the 免提交 materials are listed between the questions and the uploads.

function control(field: FormField, t: TFunction): ReactNode {
  const placeholder = t('forms.input');
  switch (field.control) {
    case 'textarea':
      return <Input.TextArea rows={3} placeholder={placeholder} maxLength={field.schema.maxLength} />;
    case 'date':
      return <Input type="date" style={{ maxWidth: 240 }} />;
    case 'number':
      return <InputNumber style={{ width: '100%', maxWidth: 320 }} precision={field.type === 'integer' ? 0 : undefined} />;
    case 'select':
      return <Select allowClear options={field.options} placeholder={t('forms.choose')} />;
    case 'radio':
      return <Radio.Group options={field.options} />;
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
      return <Switch />;
    case 'attachment':
      return <AttachmentInput />;
    case 'attachments':
      return <AttachmentInput multiple />;
    default:
      return <Input placeholder={placeholder} maxLength={field.schema.maxLength} />;
  }
}

export function PrefillTag({ label }: { label: string }) {
  return (
    <Tag color="blue" bordered={false} className="zl-apply-source" data-testid="prefill-source">
      {label}
    </Tag>
  );
}

function FieldLabel({ item }: { item: ApplyField }) {
  const { t } = useTranslation();
  return (
    <span className="zl-apply-label">
      {item.field.title}
      {item.source ? <PrefillTag label={prefillLabel(item.source, t)} /> : null}
    </span>
  );
}

function Question({ item, value }: { item: ApplyField; value: unknown }) {
  const { t } = useTranslation();
  const { field } = item;
  if (item.readOnly) {
    return (
      <div data-testid={`apply-field-${field.key}`}>
        <Form.Item label={<FieldLabel item={item} />} extra={t('portal.apply.readOnly')}>
          <div className="zl-apply-readonly">
            <LockOutlined /> {answerText(value)}
          </div>
        </Form.Item>
      </div>
    );
  }
  return (
    <div data-testid={`apply-field-${field.key}`}>
      <Form.Item
        name={field.path}
        label={<FieldLabel item={item} />}
        required={field.required}
        extra={field.description}
        valuePropName={field.control === 'switch' ? 'checked' : 'value'}
        rules={[
          {
            validator: (_, next: unknown) => {
              const problem = checkField(field, next, t);
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

export function ExemptList({ materials }: { materials: readonly ExemptMaterial[] }) {
  const { t } = useTranslation();
  return (
    <ul className="zl-apply-exempt" data-testid="apply-exempt">
      {uniqueExempt(materials).map((material) => (
        <li key={material.name}>
          <CheckCircleFilled className="zl-apply-exempt-icon" />
          <span className="zl-apply-exempt-name">{material.name}</span>
          <span className="zl-apply-exempt-by">{exemptLabel(material, t)}</span>
        </li>
      ))}
    </ul>
  );
}

export function ApplyForm({ model, exempt, issues, submitting, onSubmit, notice }: ApplyFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [other, setOther] = useState<string[]>([]);

  useEffect(() => {
    if (!issues?.length) {
      setOther([]);
      return;
    }
    const placed = model.place(issues);
    const fields = [...placed.byField].map(([key, errors]) => ({ name: key.split('.'), errors }));
    form.setFields(fields);
    setOther(placed.other);
    if (fields[0]) form.scrollToField(fields[0].name);
  }, [form, model, issues]);

  return (
    <Form<Record<string, unknown>>
      form={form}
      layout="vertical"
      initialValues={model.initial}
      disabled={submitting}
      scrollToFirstError
      onFinish={() => onSubmit(model.collect(form.getFieldsValue(true)))}
      className="zl-apply-form"
      data-testid="apply-form"
    >
      <h3 className="zl-apply-section">{t('portal.apply.sectionInfo')}</h3>
      {model.info.map((item) => (
        <Question key={item.field.key} item={item} value={model.initial[item.field.name]} />
      ))}
      {exempt.length ? (
        <>
          <h3 className="zl-apply-section">{t('portal.apply.sectionExempt')}</h3>
          <ExemptList materials={exempt} />
        </>
      ) : null}
      <h3 className="zl-apply-section">{t('portal.apply.sectionUploads')}</h3>
      {model.uploads.length ? (
        model.uploads.map((item) => <Question key={item.field.key} item={item} value={undefined} />)
      ) : (
        <p className="zl-apply-none">{t('portal.apply.noUploads')}</p>
      )}
      {other.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('forms.otherIssues')}
          description={other.map((line) => (
            <div key={line}>{line}</div>
          ))}
        />
      ) : null}
      {notice}
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" size="large" htmlType="submit" loading={submitting} data-testid="apply-submit">
          {t('portal.apply.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
