import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, splitValidationIssues } from '../shared/errors';
import { useIdempotencyKey } from '../shared/use-idempotency-key';
import type { ApplicationInput, CkanPackage } from './open-api';
import { useApply } from './open-queries';

type Values = Omit<ApplicationInput, 'dataset'>;
const FIELDS = ['purpose', 'scenario', 'contact'] as const;
const submitProps = { 'data-testid': 'open-apply-submit' } as ButtonProps;

/** 有条件开放申请: purpose (≥ 10 characters), scenario and contact, sent once per submission. */
export function ApplyModal({ pkg, open, onClose }: { pkg: CkanPackage; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const apply = useApply();
  const idempotency = useIdempotencyKey();

  const submit = async (values: Values) => {
    try {
      await apply.mutateAsync({ input: { dataset: pkg.name, ...values }, idempotencyKey: idempotency.key });
      idempotency.renew();
      void message.success(t('openData.apply.submitted', { org: pkg.organization.title }));
      form.resetFields();
      onClose();
    } catch (error) {
      const { byField } = splitValidationIssues(error, FIELDS);
      if (byField.length) form.setFields(byField.map((issue) => ({ name: issue.field as keyof Values, errors: [issue.message] })));
      else void message.error(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('openData.apply.title', { title: pkg.title })}
      okText={t('openData.apply.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={apply.isPending}
      okButtonProps={submitProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark data-testid="open-apply-form">
        <Form.Item
          name="purpose"
          label={t('openData.apply.purpose')}
          rules={[{ required: true, min: 10, max: 1000, whitespace: true, message: t('openData.apply.purposeRule') }]}
        >
          <Input.TextArea rows={3} placeholder={t('openData.apply.purposePlaceholder')} data-testid="open-apply-purpose" />
        </Form.Item>
        <Form.Item
          name="scenario"
          label={t('openData.apply.scenario')}
          rules={[{ required: true, min: 2, max: 500, whitespace: true, message: t('openData.apply.scenarioRule') }]}
        >
          <Input placeholder={t('openData.apply.scenarioPlaceholder')} data-testid="open-apply-scenario" />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('openData.apply.contact')}
          rules={[{ required: true, min: 3, max: 100, whitespace: true, message: t('openData.apply.contactRule') }]}
        >
          <Input placeholder={t('openData.apply.contactPlaceholder')} data-testid="open-apply-contact" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
