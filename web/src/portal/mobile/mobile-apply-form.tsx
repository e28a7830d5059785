import { useEffect, useState, type ReactNode } from 'react';
import { CheckCircleFilled, LockOutlined } from '@ant-design/icons';
import { Button, Form, Input, Selector, Switch, Tag, TextArea } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MobileAttachmentInput } from '../../shared/forms/mobile-attachment-input';
import { checkField, type FormField } from '../../shared/forms/schema';
import type { ApplyField, ApplyFormProps } from '../apply-state';
import { answerText, exemptLabel, prefillLabel, uniqueExempt } from '../case-format';
import type { ExemptMaterial } from '../case-queries';
import '../case-pages.css';

// The application form on phones (antd-mobile): the twin of ApplyForm, with the same props.

type Choice = string | number;

const single = {
  getValueProps: (value: unknown) => ({ value: value === undefined || value === null ? [] : [value] }),
  normalize: (value: Choice[] | undefined) => value?.[0],
};
const yesNo = {
  getValueProps: (value: unknown) => ({ value: value === true ? ['yes'] : value === false ? ['no'] : [] }),
  normalize: (value: string[] | undefined) => (value?.[0] === 'yes' ? true : value?.[0] === 'no' ? false : undefined),
};
const asText = {
  getValueProps: (value: unknown) => ({ value: value === undefined || value === null ? '' : String(value) }),
};

/** The widget of a question and how Form.Item reads and writes its value. */
function control(field: FormField, t: TFunction): { node: ReactNode; item?: Record<string, unknown> } {
  const placeholder = t('forms.input');
  switch (field.control) {
    case 'textarea':
      return { node: <TextArea placeholder={placeholder} maxLength={field.schema.maxLength} autoSize={{ minRows: 2, maxRows: 6 }} /> };
    case 'date':
      return { node: <Input type="date" />, item: asText };
    case 'number':
      return {
        node: <Input type="number" inputMode={field.type === 'integer' ? 'numeric' : 'decimal'} placeholder={placeholder} />,
        item: asText,
      };
    case 'select':
    case 'radio':
      return { node: <Selector<Choice> options={field.options} />, item: single };
    case 'yesno':
      return {
        node: (
          <Selector<string>
            options={[
              { value: 'yes', label: t('forms.yes') },
              { value: 'no', label: t('forms.no') },
            ]}
          />
        ),
        item: yesNo,
      };
    case 'switch':
      return { node: <Switch />, item: { valuePropName: 'checked', childElementPosition: 'right' } };
    case 'attachment':
      return { node: <MobileAttachmentInput /> };
    case 'attachments':
      return { node: <MobileAttachmentInput multiple /> };
    default:
      return { node: <Input clearable placeholder={placeholder} maxLength={field.schema.maxLength} /> };
  }
}

export function MobilePrefillTag({ label }: { label: string }) {
  return (
    <Tag color="primary" fill="outline" className="zl-apply-source" data-testid="prefill-source">
      {label}
    </Tag>
  );
}

function label(item: ApplyField, t: TFunction): ReactNode {
  return (
    <span className="zl-apply-label">
      {item.field.title}
      {item.source ? <MobilePrefillTag label={prefillLabel(item.source, t)} /> : null}
    </span>
  );
}

function question(item: ApplyField, value: unknown, t: TFunction): ReactNode {
  const { field } = item;
  if (item.readOnly) {
    return (
      <Form.Item key={field.key} label={label(item, t)} description={t('portal.apply.readOnly')} data-testid={`apply-field-${field.key}`}>
        <span className="zl-apply-readonly">
          <LockOutlined /> {answerText(value)}
        </span>
      </Form.Item>
    );
  }
  const { node, item: itemProps } = control(field, t);
  return (
    <Form.Item
      key={field.key}
      name={field.path}
      label={label(item, t)}
      required={field.required}
      description={field.description}
      rules={[
        {
          validator: (_: unknown, next: unknown) => {
            const problem = checkField(field, next, t);
            return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
          },
        },
      ]}
      {...itemProps}
      data-testid={`apply-field-${field.key}`}
    >
      {node}
    </Form.Item>
  );
}

export function MobileExemptList({ materials }: { materials: readonly ExemptMaterial[] }) {
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

export function MobileApplyForm({ model, exempt, issues, submitting, onSubmit, notice }: ApplyFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [other, setOther] = useState<string[]>([]);

  useEffect(() => {
    if (!issues?.length) {
      setOther([]);
      return;
    }
    const placed = model.place(issues);
    form.setFields([...placed.byField].map(([key, errors]) => ({ name: key.split('.'), errors })));
    setOther(placed.other);
    const first = [...placed.byField.keys()][0];
    if (first) document.querySelector(`[data-testid="apply-field-${CSS.escape(first)}"]`)?.scrollIntoView({ block: 'center' });
  }, [form, model, issues]);

  // Form.Header and Form.Item in one flat list: antd-mobile's Form groups its direct children under each header.
  const children: ReactNode[] = [
    <Form.Header key="info">{t('portal.apply.sectionInfo')}</Form.Header>,
    ...model.info.map((item) => question(item, model.initial[item.field.name], t)),
  ];
  if (exempt.length) {
    children.push(
      <Form.Header key="exempt">{t('portal.apply.sectionExempt')}</Form.Header>,
      <Form.Item key="exempt-list">
        <MobileExemptList materials={exempt} />
      </Form.Item>,
    );
  }
  children.push(<Form.Header key="uploads">{t('portal.apply.sectionUploads')}</Form.Header>);
  if (model.uploads.length) children.push(...model.uploads.map((item) => question(item, undefined, t)));
  else
    children.push(
      <Form.Item key="no-uploads">
        <span className="zl-apply-none">{t('portal.apply.noUploads')}</span>
      </Form.Item>,
    );

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      initialValues={model.initial}
      disabled={submitting}
      onFinish={() => onSubmit(model.collect(form.getFieldsValue(true)))}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0]?.name.join('.');
        if (first) document.querySelector(`[data-testid="apply-field-${CSS.escape(first)}"]`)?.scrollIntoView({ block: 'center' });
      }}
      footer={
        <>
          {other.length ? (
            <div className="zl-m-schema-issues" role="alert">
              <div>{t('forms.otherIssues')}</div>
              {other.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
          ) : null}
          {notice}
          <Button block type="submit" color="primary" size="large" loading={submitting} disabled={submitting} data-testid="apply-submit">
            {t('portal.apply.submit')}
          </Button>
        </>
      }
      className="zl-m-apply-form"
      data-testid="apply-form"
    >
      {children}
    </Form>
  );
}
